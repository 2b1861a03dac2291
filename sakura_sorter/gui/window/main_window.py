"""The main window: the widgets (:mod:`.layout`), the menus (:mod:`.menus`), and what happens: the commands go
to the controller (:mod:`.controller`, which holds the session and the flows); the person's choices (mode,
threshold, scope, view) are remembered in the settings; a folder dropped on the window is opened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, QSettings, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.files.plan import DEFAULT_THRESHOLD
from sakura_sorter.gui import desktop
from sakura_sorter.gui.dialogs.apply import ApplyDialog
from sakura_sorter.gui.icon import app_icon
from sakura_sorter.gui.results.filter import ResultsFilter
from sakura_sorter.gui.results.model import GRID_THUMB, ResultsModel
from sakura_sorter.gui.results.thumbnails import ThumbnailLoader
from sakura_sorter.gui.widgets import PAGE_RESULTS, PAGE_REVIEW
from sakura_sorter.gui.words import bold, class_title
from sakura_sorter.jobs import Jobs
from sakura_sorter.results import Threshold
from sakura_sorter.vocabulary import Mode

from .controller import Controller
from .layout import MODEL_THRESHOLDS, SCOPE_TOP, WindowLayout
from .menus import VIEW_GRID, VIEW_LIST

#: The saved threshold when the model's own thresholds are used.
MODEL = "model"
ORGANIZATION = "sakura_sorter"
APPLICATION = "sakura-sorter"


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


class MainWindow(WindowLayout):
    """The whole application window. ``jobDone(kind, how)`` fires when a background job ends
    (kind: a :class:`~sakura_sorter.gui.session.JobKind`; how: returned/errored/aborted)."""

    ctl: Controller

    def __init__(self, jobs: Jobs | None = None, settings: QSettings | None = None, preload: bool = True):
        super().__init__()
        self.settings = settings or default_settings()
        self.thumbnails = ThumbnailLoader(self)
        self.model = ResultsModel(self.thumbnails, self)
        self.proxy = ResultsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.classes: list[str] = []
        self.label_actions: list[QAction] = []
        self._preload = preload
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.ctl = Controller(self, jobs or Jobs())
        self.session = self.ctl.session
        self._build_actions()
        self._build()
        self._build_menus()
        self._restore_settings()
        # the model's thresholds are known once it is loaded: by the first results, or after a switch or teaching
        self.model.rowsInserted.connect(lambda *_: self.refresh_thresholds())
        self.jobDone.connect(lambda *_: self.refresh_thresholds())
        self.set_title()
        self.ctl.update_actions()

    # --- conveniences for callers and tests ------------------------------------------------------

    @property
    def jobs(self) -> Jobs:
        return self.session.jobs

    @property
    def folder(self) -> Path | None:
        return self.session.folder

    def open_folder(self, folder: Path, start: bool = True) -> None:
        self.ctl.open_folder(folder, start)

    def start_review(self, rows: list[int] | None = None, position: int = 0) -> None:
        self.ctl.start_review(rows, position)

    def start_apply(self) -> None:
        self.ctl.start_apply()

    def start_undo(self) -> None:
        self.ctl.start_undo(confirm=False)

    def export_csv(self, out: Path) -> None:
        self.ctl.export_csv(out)

    def cancel_run(self) -> None:
        self.ctl.cancel_run()

    @property
    def apply_dialog(self) -> ApplyDialog | None:
        return self.ctl.disk.apply_dialog

    def update_actions(self) -> None:
        self.ctl.update_actions()

    def counts_changed(self) -> None:
        self.ctl.counts_changed()

    # --- settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(Mode(str(s.value("mode", Mode.MOVE.value))))))
        saved = str(s.value("threshold", MODEL))
        try:
            self.threshold_box.setValue(MODEL_THRESHOLDS if saved == MODEL else 100 * float(saved))
        except (TypeError, ValueError):
            self.threshold_box.setValue(MODEL_THRESHOLDS)
        scope = str(s.value("scope", SCOPE_TOP))
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(scope)))
        self.set_view(VIEW_LIST if str(s.value("view", "grid")) == "list" else VIEW_GRID)
        try:
            self.set_thumb_size(int(str(s.value("thumb_size", GRID_THUMB))))
        except (TypeError, ValueError):
            self.set_thumb_size(GRID_THUMB)
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        last = s.value("last_folder")
        if last and Path(str(last)).is_dir():
            self.session.folder = Path(str(last))
            self.folder_label.setText(str(self.session.folder))
            self.empty_page.set_detail(
                self.tr("Last folder: {folder}. Press F5 (Classify) to look at it again.").format(
                    folder=bold(self.session.folder)
                )
            )
        self.refresh_thresholds()

    def review_threshold(self) -> Threshold:
        """What sends a photo to review now: the person's threshold, else the model's own per class (once the
        model is loaded; the default until then)."""
        if self.threshold is not None:
            return self.threshold
        return self.model_thresholds() or DEFAULT_THRESHOLD

    def model_thresholds(self) -> Threshold | None:
        """The model's own thresholds, once photos were classified (so the model is loaded: asking never makes
        the window wait for a model); None before, or when the model cannot be loaded."""
        if not self.model.results:
            return None
        try:
            return self.jobs.review_threshold(None)
        except SakuraSorterError:
            return None

    def refresh_thresholds(self) -> None:
        """Show and use the thresholds in force (after a change of the box, and when a model is loaded)."""
        self.show_thresholds(self.model_thresholds())
        threshold = self.review_threshold()
        if threshold != self.model.threshold:  # (each batch of results asks: re-filter only on a change)
            self.model.set_threshold(threshold)
            self.proxy.refresh()

    def _save(self, key: str, value: object) -> None:
        self.settings.setValue(key, value)

    def _threshold_changed(self, _value: float) -> None:
        self._save("threshold", MODEL if self.threshold is None else self.threshold)
        self.refresh_thresholds()

    def _scope_changed(self) -> None:
        """Remember the choice; results shown were classified with the other scope: classify again (the labels
        given are kept in the teaching set and come back)."""
        self._save("scope", self.scope)
        if self.model.results and not self.session.busy:
            self.ctl.start_run()

    def selected_rows(self) -> list[int]:
        """Source rows selected in the grid or list, in the order shown (else the current photo)."""
        view = self.current_view()
        indexes = view.selectionModel().selectedIndexes() if view.selectionModel() else []
        if not indexes and view.currentIndex().isValid():
            indexes = [view.currentIndex()]
        rows = sorted({i.row() for i in indexes})
        return [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in rows]

    def label_selected(self, label: str | None) -> None:
        """Label the photo under review, or every selected photo in the grid or list."""
        if self.pages.currentIndex() == PAGE_REVIEW:
            self.review.label_current(label)
            return
        if self.pages.currentIndex() != PAGE_RESULTS:
            return
        rows = self.selected_rows()
        changed = self.model.set_human_labels(rows, label)
        what = class_title(label) if label else self.tr("the model's label")
        self.statusBar().showMessage(self.tr("%n photo(s) labelled: {label}.", "", changed).format(label=what), 5000)

    def selected_paths(self) -> list[Path]:
        """Where the photo under review, or the photos selected in the grid or list, are now."""
        if self.pages.currentIndex() == PAGE_REVIEW:
            rows = [] if self.review.current_row is None else [self.review.current_row]
        elif self.pages.currentIndex() == PAGE_RESULTS:
            rows = self.selected_rows()
        else:
            rows = []
        return [self.model.current_path(row) for row in rows]

    def open_selected(self) -> None:
        """Open the selected photos in the person's own viewer (at most 20 at once)."""
        paths = self.selected_paths()[:20]
        if paths and not desktop.open_in_viewer(paths):
            self.statusBar().showMessage(self.tr("No app of this desktop opens these photos."), 5000)

    def show_selected_in_folder(self) -> None:
        desktop.show_in_folder(self.selected_paths())

    def copy_selected_paths(self) -> None:
        paths = self.selected_paths()
        if paths:
            desktop.copy_paths(paths)
            self.statusBar().showMessage(self.tr("%n path(s) copied.", "", len(paths)), 5000)

    def photo_menu_actions(self) -> list[QAction | None]:
        """What a right-click on photos offers (None: a separator)."""
        labels: list[QAction | None] = [*self.label_actions, self.neither_action, self.clear_label_action]
        return [*labels, None, self.preview_action, None, *self.desktop_actions]

    def _photo_menu(self, view: QAbstractItemView, pos: QPoint) -> None:
        """The right-click menu of the grid and the list (Qt selects the photo under the pointer first)."""
        if not view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        for action in self.photo_menu_actions():
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(view.viewport().mapToGlobal(pos))

    def preview_selection(self, index: QModelIndex | None = None) -> None:
        """Large previews on demand: the selected photos one at a time (or all shown, from the current one
        or from ``index``, the photo double-clicked)."""
        rows = self.selected_rows()
        if index is not None and index.isValid() and self.proxy.mapToSource(index).row() not in rows:
            rows = [self.proxy.mapToSource(index).row()]
        if len(rows) > 1:
            self.ctl.start_review(rows)
        elif rows:
            shown = self.proxy.source_rows()
            self.ctl.start_review(shown, shown.index(rows[0]) if rows[0] in shown else 0)

    # --- events ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._preload:
            self._preload = False
            QTimer.singleShot(200, self.ctl.preload)  # after the first paint: the window comes up at once

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_folder(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        folder = _dropped_folder(event)
        if folder is not None:
            event.acceptProposedAction()
            self.ctl.open_folder(folder)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ctl.may_close():
            event.ignore()
            return
        self._save("geometry", self.saveGeometry())
        self.settings.sync()
        self.ctl.shutdown()
        super().closeEvent(event)


def _dropped_folder(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    for url in urls:
        if url.isLocalFile() and Path(url.toLocalFile()).is_dir():
            return Path(url.toLocalFile())
    return None
