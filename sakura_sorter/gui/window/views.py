"""How the window shows its results: back from the large view at the photo last shown, a filter change that
scrolls to the current photo (or to the top), a sentence in an empty filter, filter shortcuts (Alt+1…) and the
grid's thumbnail size (View > Smaller / Larger thumbnails, remembered). A mixin of :class:`.layout.WindowLayout`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMainWindow, QStackedWidget

from sakura_sorter.gui.results.filter import ResultsFilter
from sakura_sorter.gui.results.grid import PhotoGrid, PhotoTable
from sakura_sorter.gui.results.model import GRID_SIZES, ResultsModel
from sakura_sorter.gui.results.review import ReviewView
from sakura_sorter.gui.widgets import FilterBar
from sakura_sorter.gui.words import ERRORS, REVIEW


class ResultsViews(QMainWindow):
    """The grid and the list as the person moves about them (the widgets are built by the layout)."""

    model: ResultsModel
    proxy: ResultsFilter
    grid: PhotoGrid
    table: PhotoTable
    views: QStackedWidget
    review: ReviewView
    filter_bar: FilterBar
    empty_filter: QLabel
    smaller_action: QAction
    larger_action: QAction
    filter_actions: list[QAction]

    if TYPE_CHECKING:  # defined by the layout and the main window

        def show_results(self) -> None: ...

        def current_view(self) -> QAbstractItemView: ...

        def _save(self, key: str, value: object) -> None: ...

    def back_from_review(self) -> None:
        """Back from the large view: the photo last shown is selected and scrolled to in the grid or list."""
        row = self.review.current_row
        self.show_results()
        if row is not None:
            self.reveal(row)

    def reveal(self, row: int) -> None:
        """Select source row ``row`` alone in the current view and scroll to it (if the filter shows it)."""
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        view = self.current_view()
        if index.isValid():
            flags = view.selectionModel().SelectionFlag
            view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _filter_changed(self, kind: str) -> None:
        """Show another filter: at the current photo if the new filter has it, else from the top."""
        self.proxy.set_kind(kind)
        for view in (self.grid, self.table):
            current = view.currentIndex()
            if current.isValid():
                view.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)
            else:
                view.scrollToTop()
        self._show_empty_filter()

    def _show_empty_filter(self) -> None:
        """An empty filter says so in a sentence (instead of a blank pane)."""
        kind = self.proxy.kind
        empty = self.proxy.rowCount() == 0 and bool(self.model.results)
        if kind == ERRORS:
            text = self.tr("Every photo could be read: nothing to fix here.")
        elif kind == REVIEW:
            text = self.tr("No photo needs review at this threshold.")
        else:
            text = self.tr("No photo in “{filter}”. Choose All to see every photo.").format(
                filter=self.filter_bar.name(kind)
            )
        self.empty_filter.setText(text if empty else "")
        self.empty_filter.setVisible(empty)
        self.views.setVisible(not empty)

    def show_filter(self, number: int) -> None:
        """Show the ``number``-th filter of the bar (Alt+1 All, Alt+2 the first class, …)."""
        kinds = self.filter_bar.kinds()
        if 1 <= number <= len(kinds):
            self.filter_bar.select(kinds[number - 1])

    def set_thumb_size(self, size: int) -> None:
        """Thumbnails of ``size`` pixels in the grid (one of GRID_SIZES), remembered."""
        size = min(GRID_SIZES, key=lambda s: abs(s - size))
        self.model.set_grid_thumb(size)
        self.grid.set_thumb_size(size)
        self._save("thumb_size", size)
        self.smaller_action.setEnabled(size > GRID_SIZES[0])
        self.larger_action.setEnabled(size < GRID_SIZES[-1])

    def step_thumb_size(self, step: int) -> None:
        position = GRID_SIZES.index(self.model.grid_thumb) + step
        self.set_thumb_size(GRID_SIZES[max(0, min(len(GRID_SIZES) - 1, position))])

    def _name_filter_actions(self) -> None:
        """The View > Show menu names the filters the bar has now (one per class of the model)."""
        kinds = self.filter_bar.kinds()
        for number, action in enumerate(self.filter_actions, start=1):
            action.setVisible(number <= len(kinds))
            if number <= len(kinds):
                action.setText(self.filter_bar.name(kinds[number - 1]))
