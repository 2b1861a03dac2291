"""The main window's widgets, actions and menus; :class:`~sakura_sorter.gui.controller.Controller` runs the jobs.

Every command is a ``QAction`` (see :mod:`.actions`) in a menu, with its shortcut; the few buttons are bound
to actions, and the controller enables or disables actions, never buttons. Results are shown as a grid of
thumbnails or as a list (View menu), both over one filtered, sorted model; the review page is the large,
one-at-a-time view of the same photos.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
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

from sakura_sorter.files.plan import DEFAULT_THRESHOLD
from sakura_sorter.jobs import Jobs
from sakura_sorter.vocabulary import NEITHER, Mode

from .actions import bind_button, make_action
from .apply_dialog import ApplyDialog
from .controller import Controller
from .grid import PhotoGrid, PhotoTable
from .icon import app_icon
from .menus import VIEW_GRID, VIEW_LIST, WindowMenus
from .results_model import ResultsFilter, ResultsModel, class_title
from .review import NEITHER_KEY, ReviewView, class_keys
from .thumbnails import ThumbnailLoader
from .widgets import NOTE_STYLE, PAGE_EMPTY, PAGE_RESULTS, PAGE_REVIEW, Banner, EmptyPage, FilterBar, bold

ORGANIZATION = "sakura_sorter"
APPLICATION = "sakura-sorter"
#: Where photos of subfolders go: not looked at, into class folders of their own subfolder, or gathered.
SCOPE_TOP, SCOPE_EACH, SCOPE_GATHER = "top", "each", "gather"


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


class MainWindow(WindowMenus, QMainWindow):
    """The whole application window. ``jobDone(kind, how)`` fires when a background job ends
    (kind: scan/classify/plan/apply/undo/export; how: returned/errored/aborted)."""

    jobDone = Signal(str, str)

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
        self._build_actions()
        self._build()
        self._build_menus()
        self._restore_settings()
        self.set_title()
        self.ctl.update_actions()

    # --- conveniences for callers and tests ------------------------------------------------------

    @property
    def jobs(self) -> Jobs:
        return self.ctl.jobs

    @property
    def folder(self) -> Path | None:
        return self.ctl.folder

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
        return self.ctl.apply_dialog

    @property
    def mode(self) -> Mode:
        return Mode(self.mode_box.currentData())

    @property
    def threshold(self) -> float:
        return round(float(self.threshold_box.value()) / 100, 4)

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
        self.mode_box.currentIndexChanged.connect(lambda _i: self.ctl.update_actions())
        self.threshold_box = QDoubleSpinBox()
        self.threshold_box.setRange(50.0, 100.0)
        self.threshold_box.setDecimals(1)
        self.threshold_box.setSingleStep(0.5)
        self.threshold_box.setSuffix(" %")
        self.threshold_box.setValue(100 * DEFAULT_THRESHOLD)
        self.threshold_box.setToolTip(
            self.tr(
                "Photos the model is less sure about than this are set aside for you to review "
                "(changing it does not run the model again)"
            )
        )
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
        self.filter_bar.changed.connect(self.proxy.set_kind)
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
            enter = make_action(view, self.tr("Large preview"), self.preview_selection, ["Return", "Enter"])
            enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            view.addAction(enter)
        self.list_hint = QLabel()
        self.list_hint.setStyleSheet(NOTE_STYLE)
        self.results_page = QWidget()
        results_layout = QVBoxLayout(self.results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.filter_bar)
        results_layout.addWidget(self.views, 1)
        results_layout.addWidget(self.list_hint)
        self.results_page.addAction(self.preview_action)

        self.review = ReviewView(self.model, self.thumbnails)
        self.review.closed.connect(self.show_results)
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
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        for button in (self.teach_button, self.review_button, self.export_button, self.undo_button, self.apply_button):
            bottom.addWidget(button)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.setCentralWidget(central)
        self.model_label = QLabel()
        self.model_label.setTextFormat(Qt.TextFormat.PlainText)  # a model's name is not markup
        self.statusBar().addPermanentWidget(self.model_label)
        self.statusBar().showMessage(self.tr("Choose or drop a folder to begin."))
        self.model.countsChanged.connect(self.ctl.counts_changed)
        self.resize(1180, 760)

    # --- settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(Mode(str(s.value("mode", Mode.MOVE.value))))))
        try:
            self.threshold_box.setValue(100 * float(str(s.value("threshold", DEFAULT_THRESHOLD))))
        except (TypeError, ValueError):
            self.threshold_box.setValue(100 * DEFAULT_THRESHOLD)
        scope = str(s.value("scope", SCOPE_TOP))
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(scope)))
        self.set_view(VIEW_LIST if str(s.value("view", "grid")) == "list" else VIEW_GRID)
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        last = s.value("last_folder")
        if last and Path(str(last)).is_dir():
            self.ctl.folder = Path(str(last))
            self.folder_label.setText(str(self.ctl.folder))
            self.empty_page.set_detail(
                self.tr("Last folder: {folder}. Press F5 (Classify) to look at it again.").format(
                    folder=bold(self.ctl.folder)
                )
            )
        self.model.set_threshold(self.threshold)

    def _save(self, key: str, value: object) -> None:
        self.settings.setValue(key, value)

    def _threshold_changed(self, _value: float) -> None:
        self._save("threshold", self.threshold)
        self.model.set_threshold(self.threshold)
        self.proxy.refresh()

    def _scope_changed(self) -> None:
        self._save("scope", self.scope)
        if self.model.results:
            self.statusBar().showMessage(self.tr("Press F5 (Classify) to include or leave out the subfolders."))

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
            self.review.set_classes(self.classes)
            self._fill_label_menu()
            self.set_view(self.views.currentIndex())
            self.ctl.counts_changed()

    def set_title(self, state: str = "") -> None:
        """The window title tells the folder and what is going on (also in the task bar)."""
        folder = self.ctl.folder
        parts = [folder.name if folder is not None else "", state]
        self.setWindowTitle(" — ".join(p for p in parts if p) or "Sakura Sorter")

    def show_progress(self, done: int, total: int, text: str, cancellable: bool = False) -> None:
        self.progress_row.show()
        self.progress.setRange(0, total if total else 0)
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}" if total else "")
        self.progress_label.setText(text)
        self.cancel_button.setVisible(cancellable)

    def show_results(self) -> None:
        self.pages.setCurrentIndex(PAGE_RESULTS if self.model.results or self.ctl.busy else PAGE_EMPTY)
        self.proxy.refresh()
        self.current_view().setFocus()

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
