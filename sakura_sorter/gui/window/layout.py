"""The main window's widgets and how it shows things: the top bar, the banner, the progress row, the pages
(empty, results as a grid or a list, the large one-at-a-time view) and the bottom bar; what the flows ask of
a screen (:class:`~sakura_sorter.gui.flows.screen.Screen`) is answered here.

Every command is a ``QAction`` (see :mod:`..actions`) in a menu, with its shortcut; the few buttons are bound
to actions. The grid and the list are two views of one filtered, sorted model.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sakura_sorter.gui.actions import bind_button, make_action, plain_text
from sakura_sorter.gui.results.filter import ResultsFilter
from sakura_sorter.gui.results.grid import PhotoGrid, PhotoTable
from sakura_sorter.gui.results.model import Column, ResultsModel
from sakura_sorter.gui.results.review import NEITHER_KEY, ReviewView, class_keys
from sakura_sorter.gui.results.thumbnails import ThumbnailLoader
from sakura_sorter.gui.session import Session
from sakura_sorter.gui.widgets import (
    NOTE_STYLE,
    PAGE_EMPTY,
    PAGE_RESULTS,
    PAGE_REVIEW,
    Banner,
    EmptyPage,
    FilterBar,
    plain_label,
)
from sakura_sorter.gui.words import class_title, left_out_words, threshold_text
from sakura_sorter.results import Threshold
from sakura_sorter.vocabulary import NEITHER, Mode

from .menus import VIEW_GRID, WindowMenus
from .views import ResultsViews

#: The threshold box's lowest value, shown as "The model's": each class's own threshold from the model.
MODEL_THRESHOLDS = 49.5

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPoint
    from PySide6.QtWidgets import QAbstractItemView

#: Where photos of subfolders go: not looked at, into class folders of their own subfolder, or gathered.
SCOPE_TOP, SCOPE_EACH, SCOPE_GATHER = "top", "each", "gather"


class WindowLayout(ResultsViews, WindowMenus, QMainWindow):
    """The widgets, built once; the main window (:mod:`.main_window`) adds what happens. ``jobDone(kind, how)``
    fires when a background job ends."""

    jobDone = Signal(str, str)

    settings: QSettings
    session: Session
    thumbnails: ThumbnailLoader
    model: ResultsModel
    proxy: ResultsFilter

    if TYPE_CHECKING:  # defined by the main window

        def update_actions(self) -> None: ...

        def counts_changed(self) -> None: ...

        def _save(self, key: str, value: object) -> None: ...

        def _threshold_changed(self, _value: float) -> None: ...

        def _scope_changed(self) -> None: ...

        def preview_selection(self, index: QModelIndex | None = None) -> None: ...

        def _photo_menu(self, view: QAbstractItemView, pos: QPoint) -> None: ...

    @property
    def mode(self) -> Mode:
        return Mode(self.mode_box.currentData())

    @property
    def threshold(self) -> float | None:
        """The threshold the person set, or None for the model's own thresholds per class (the default)."""
        if self.threshold_box.value() <= self.threshold_box.minimum():
            return None
        return round(float(self.threshold_box.value()) / 100, 4)

    def show_thresholds(self, model_thresholds: Threshold | None) -> None:
        """The threshold box's tip, with the model's own thresholds once they are known."""
        tip = self.tr(
            "Photos the model is less sure about than this are set aside for you to review "
            "(changing it does not run the model again)."
        )
        if model_thresholds is not None:
            tip += " " + self.tr(
                "Lowest value: the model's own thresholds per class ({thresholds}), as the command line uses them."
            ).format(thresholds=threshold_text(model_thresholds))
        else:
            tip += " " + self.tr("Lowest value: the model's own thresholds per class, as the command line uses them.")
        self.threshold_box.setToolTip(tip)

    @property
    def scope(self) -> str:
        return str(self.scope_box.currentData())

    @property
    def recursive(self) -> bool:
        """Subfolders are included."""
        return self.scope != SCOPE_TOP

    @property
    def per_folder(self) -> bool:
        """A subfolder's photos go into class folders inside that subfolder."""
        return self.scope == SCOPE_EACH

    # --- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.folder_label = QLabel(self.tr("No folder chosen"))
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setMinimumWidth(160)
        self.choose_button = QPushButton()
        bind_button(self.choose_button, self.open_action)
        self.mode_box = QComboBox()
        for mode, text in (
            (Mode.MOVE, self.tr("Move into subfolders")),
            (Mode.COPY, self.tr("Copy into subfolders")),
            (Mode.TAG, self.tr("Tag (XMP sidecar)")),
        ):
            self.mode_box.addItem(text, mode)
        self.mode_box.setToolTip(self.tr("What Apply does with each photo"))
        self.mode_box.currentIndexChanged.connect(lambda _i: self._save("mode", self.mode.value))
        self.mode_box.currentIndexChanged.connect(lambda _i: self.counts_changed())  # the status line's verb
        self.threshold_box = QDoubleSpinBox()
        # The lowest value stands for the model's own thresholds per class, as the command line uses them.
        self.threshold_box.setRange(MODEL_THRESHOLDS, 100.0)
        self.threshold_box.setDecimals(1)
        self.threshold_box.setSingleStep(0.5)
        self.threshold_box.setSuffix(" %")
        self.threshold_box.setSpecialValueText(self.tr("The model's"))
        self.threshold_box.setValue(MODEL_THRESHOLDS)
        self.show_thresholds(None)
        self.threshold_box.valueChanged.connect(self._threshold_changed)
        self.scope_box = QComboBox()
        for scope, text in (
            (SCOPE_TOP, self.tr("This folder only")),
            (SCOPE_EACH, self.tr("With subfolders, each sorted in place")),
            (SCOPE_GATHER, self.tr("With subfolders, gathered at the top")),
        ):
            self.scope_box.addItem(text, scope)
        self.scope_box.setToolTip(
            self.tr(
                "Each sorted in place: 2024/IMG_1.jpg goes to 2024/sakura/. "
                "Gathered: it goes to the top folder's sakura/, as 'sort --recursive' does."
            )
        )
        self.scope_box.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self.run_button = QPushButton()
        bind_button(self.run_button, self.classify_action)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Folder:")))
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.choose_button)
        top.addSpacing(12)
        top.addWidget(self.mode_box)
        top.addWidget(self.scope_box)
        top.addWidget(QLabel(self.tr("Review below:")))
        top.addWidget(self.threshold_box)
        top.addWidget(self.run_button)

        self.scope_note = QLabel()  # the photos of subfolders "This folder only" leaves out
        self.scope_note.setObjectName("scopeNote")
        self.scope_note.setStyleSheet(NOTE_STYLE)
        self.scope_note.setTextFormat(Qt.TextFormat.RichText)
        self.scope_note.setWordWrap(True)
        self.scope_note.hide()

        self.banner = Banner()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton()
        bind_button(self.cancel_button, self.cancel_action)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_label)
        row.addWidget(self.cancel_button)
        self.progress_row.hide()

        self.empty_page = EmptyPage()
        self.empty_page.button.clicked.connect(self.open_action.trigger)
        self.filter_bar = FilterBar()
        self._name_filter_actions()
        self.filter_bar.changed.connect(self._filter_changed)
        self.grid = PhotoGrid()
        self.grid.setModel(self.proxy)
        self.table = PhotoTable()
        self.table.setModel(self.proxy)
        # The grid and the list share the proxy: one filter, one sort order (the list's header sets it).
        self.views = QStackedWidget()
        self.views.addWidget(self.grid)
        self.views.addWidget(self.table)
        for view in (self.grid, self.table):
            view.doubleClicked.connect(self.preview_selection)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(functools.partial(self._photo_menu, view))
            enter = make_action(view, self.tr("Large preview"), self.preview_selection, ["Return", "Enter"])
            enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            view.addAction(enter)
        self.empty_filter = plain_label(style=NOTE_STYLE)  # what an empty filter says instead of a blank pane
        self.empty_filter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_filter.hide()
        proxy = self.proxy
        for signal in (proxy.rowsInserted, proxy.rowsRemoved, proxy.modelReset, proxy.layoutChanged):
            signal.connect(self._show_empty_filter)
        self.list_hint = QLabel()
        self.list_hint.setStyleSheet(NOTE_STYLE)
        self.results_page = QWidget()
        results_layout = QVBoxLayout(self.results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.filter_bar)
        results_layout.addWidget(self.views, 1)
        results_layout.addWidget(self.empty_filter, 1)
        results_layout.addWidget(self.list_hint)
        self.results_page.addAction(self.preview_action)

        self.review = ReviewView(self.model, self.thumbnails)
        self.review.closed.connect(self.back_from_review)
        self.review.loupeTitle.connect(self.show_loupe_title)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.results_page)
        self.pages.addWidget(self.review)

        self.review_button = QPushButton()
        bind_button(self.review_button, self.review_action)
        self.apply_button = QPushButton()
        self.apply_button.setStyleSheet("font-weight: bold;")
        bind_button(self.apply_button, self.apply_action)
        self.undo_button = QPushButton()
        bind_button(self.undo_button, self.undo_action)
        self.export_button = QPushButton()
        bind_button(self.export_button, self.export_action)
        self.teach_button = QPushButton()  # shown once the person labelled photos the model has not learnt
        self.teach_button.setObjectName("teachButton")
        self.teach_button.setToolTip(self.models.teach_action.toolTip())
        self.teach_button.clicked.connect(lambda _checked=False: self.models.teach_action.trigger())
        self.teach_button.hide()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)  # wraps, rather than widening the window, when the buttons need room
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        for button in (self.teach_button, self.review_button, self.export_button, self.undo_button, self.apply_button):
            bottom.addWidget(button)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.scope_note)
        layout.addWidget(self.banner)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.setCentralWidget(central)
        self.model_label = QLabel()
        self.model_label.setTextFormat(Qt.TextFormat.PlainText)  # a model's name is not markup
        self.statusBar().addPermanentWidget(self.model_label)
        self.statusBar().showMessage(self.tr("Choose or drop a folder to begin."))
        self.model.countsChanged.connect(self.counts_changed)
        self.resize(1180, 760)

    # --- showing ---------------------------------------------------------------------------------

    def set_view(self, which: int) -> None:
        """Show the results as a grid of thumbnails or as a list (the selection is kept)."""
        before = self.current_view()
        selected = before.selectionModel().selectedIndexes() if before.selectionModel() else []
        self.views.setCurrentIndex(which)
        (self.grid_action if which == VIEW_GRID else self.list_action).setChecked(True)
        self._save("view", "grid" if which == VIEW_GRID else "list")
        view = self.current_view()
        for index in selected:
            view.selectionModel().select(index, view.selectionModel().SelectionFlag.Select)
        self.list_hint.setText(
            self.tr(
                "Select photos (Ctrl or Shift + click, Ctrl+A) and press a label key to label them all: "
                "{keys}. Space or Enter shows them large."
            ).format(keys=self._keys_text())
        )

    def _keys_text(self) -> str:
        keys = [f"{k} {class_title(n)}" for n, k in class_keys(self.classes).items() if k]
        return ", ".join([*keys, f"{NEITHER_KEY} {class_title(NEITHER)}"])

    def current_view(self) -> QAbstractItemView:
        return self.grid if self.views.currentIndex() == VIEW_GRID else self.table

    def set_classes(self, classes: list[str]) -> None:
        if classes != self.classes:
            self.classes = list(classes)
            self.filter_bar.set_classes(self.classes)
            self._name_filter_actions()
            self.review.set_classes(self.classes)
            self._fill_label_menu()
            self.set_view(self.views.currentIndex())
            self.counts_changed()

    def set_title(self, state: str = "") -> None:
        """The window title tells the folder and what is going on (also in the task bar)."""
        self._title_state = state
        folder = self.session.folder
        parts = [folder.name if folder is not None else "", state]
        self.setWindowTitle(" — ".join(p for p in parts if p) or "Sakura Sorter")

    def show_loupe_title(self, shown: str) -> None:
        """While the loupe is open the title names the photo and its zoom; then the title as it was."""
        if shown:
            folder = self.session.folder
            self.setWindowTitle(" — ".join(p for p in (shown, folder.name if folder else "") if p))
        else:
            self.set_title(getattr(self, "_title_state", ""))

    def show_progress(self, done: int, total: int, text: str, cancellable: bool = False) -> None:
        self.progress_row.show()
        self.progress.setRange(0, total if total else 0)
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}" if total else "")
        self.progress_label.setText(text)
        self.cancel_button.setVisible(cancellable)

    def show_results(self) -> None:
        self.pages.setCurrentIndex(PAGE_RESULTS if self.model.results or self.session.busy else PAGE_EMPTY)
        self.proxy.refresh()
        self.current_view().setFocus()

    # --- what the flows ask of a screen ----------------------------------------------------------

    def widget(self) -> QWidget:
        return self

    def say(self, kind: str, text: str, action: str = "", on_action: Callable[[], object] | None = None) -> None:
        self.banner.show_message(kind, text, action, on_action)

    def saying(self) -> str:
        return self.banner.text

    def unsay(self) -> None:
        self.banner.hide()

    def status(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def show_folder(self, folder: Path) -> None:
        self.folder_label.setText(str(folder))
        self.settings.setValue("last_folder", str(folder))

    def show_left_out(self, left_out: Counter[str]) -> None:
        words = left_out_words(left_out)
        more = self.tr("Choose “With subfolders” to include them.")
        self.scope_note.setText(f"{words} {more}" if words else "")
        self.scope_note.setVisible(bool(words))

    def show_empty(self, detail: str) -> None:
        self.empty_page.set_detail(detail)
        self.pages.setCurrentIndex(PAGE_EMPTY)

    def show_opening(self, title: str, detail: str) -> None:
        self.empty_page.set_opening(title, detail)
        self.pages.setCurrentIndex(PAGE_EMPTY)

    def focus_results(self) -> None:
        self.current_view().setFocus()

    def sort_by_name(self) -> None:
        self.table.sortByColumn(Column.PHOTO, Qt.SortOrder.AscendingOrder)

    def focus_stop(self) -> None:
        self.cancel_button.setFocus()

    def show_review(self, rows: list[int], position: int, end_note: str | None = None) -> None:
        self.review.start(rows, position, end_note)
        self.pages.setCurrentIndex(PAGE_REVIEW)
        self.review.setFocus()

    def apply_words(self) -> str:
        return plain_text(self.apply_action)
