"""The main window: choose a folder and options, classify on a worker thread, filter, review, apply, undo, export.

Every slow step (listing the folder, loading the model, classifying, planning, applying, undoing,
writing the report) runs in :mod:`sakura_sorter.jobs` on a :class:`~sakura_sorter.gui.worker.Worker`;
this module only shows and asks.
"""

from __future__ import annotations

import dataclasses
import html
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sakura_sorter.files.plan import DEFAULT_THRESHOLD
from sakura_sorter.jobs import ClassifyStep, FolderScan, Jobs, Notice
from sakura_sorter.progress import format_duration
from sakura_sorter.vocabulary import Mode

from .apply_dialog import VERBS, ApplyDialog
from .results_model import ALL, ERRORS, REVIEW, THUMB_SIZE, Applied, Column, ResultsFilter, ResultsModel
from .review import ReviewView
from .tasks import ApplyResult, UndoResult, apply_and_check, dry_run_report, undo_and_check
from .thumbnails import ThumbnailLoader
from .widgets import Banner, EmptyPage, FilterBar
from .worker import Worker, WorkerSet

ORGANIZATION = "sakura_sorter"
APPLICATION = "sakura-sorter"
MODE_LABELS = {"move": "Move into subfolders", "copy": "Copy into subfolders", "tag": "Tag (XMP sidecar)"}
PAGE_EMPTY, PAGE_RESULTS, PAGE_REVIEW = 0, 1, 2


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


class MainWindow(QMainWindow):
    """The whole application window. ``jobDone(kind, how)`` fires when a background job ends
    (kind: scan/classify/plan/apply/undo/export; how: returned/errored/aborted)."""

    jobDone = Signal(str, str)

    def __init__(self, jobs: Jobs | None = None, settings: QSettings | None = None):
        super().__init__()
        self.jobs = jobs or Jobs()
        self.scan: FolderScan | None = None
        self.settings = settings or default_settings()
        self.workers = WorkerSet(self)
        self.thumbnails = ThumbnailLoader(self)
        self.model = ResultsModel(self.thumbnails, self)
        self.proxy = ResultsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.folder: Path | None = None
        self.classes: list[str] = []
        self.job: Worker | None = None
        self.job_kind = ""
        self.undoable = False
        self.last_apply: ApplyResult | None = None
        self._run_started = 0.0
        self._run_total = 0
        self._cancel_requested = False
        self.apply_dialog: ApplyDialog | None = None

        self.setWindowTitle("Sakura Sorter")
        self.setAcceptDrops(True)
        self._build()
        self._restore_settings()
        self._update_actions()

    # --- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.folder_label = QLabel("No folder chosen")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setMinimumWidth(200)
        self.choose_button = QPushButton("Choose folder…")
        self.choose_button.clicked.connect(self.choose_folder)
        self.mode_box = QComboBox()
        for mode in Mode:
            self.mode_box.addItem(MODE_LABELS[mode], mode)
        self.mode_box.setToolTip("What Apply does with each photo")
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self.threshold_box = QDoubleSpinBox()
        self.threshold_box.setRange(0.5, 1.0)
        self.threshold_box.setSingleStep(0.05)
        self.threshold_box.setDecimals(2)
        self.threshold_box.setValue(DEFAULT_THRESHOLD)
        self.threshold_box.setToolTip(
            "Photos the model is less sure about than this are set aside for you to review "
            "(changing it does not run the model again)"
        )
        self.threshold_box.valueChanged.connect(self._threshold_changed)
        self.recursive_box = QCheckBox("Include subfolders")
        self.recursive_box.toggled.connect(self._recursive_changed)
        self.run_button = QPushButton("Classify")
        self.run_button.setToolTip("Classify the photos of the folder (no file is changed)")
        self.run_button.clicked.connect(self.start_run)

        top = QHBoxLayout()
        top.addWidget(QLabel("Folder:"))
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.choose_button)
        top.addSpacing(12)
        top.addWidget(self.mode_box)
        top.addWidget(QLabel("Review below:"))
        top.addWidget(self.threshold_box)
        top.addWidget(self.recursive_box)
        top.addWidget(self.run_button)

        self.banner = Banner()

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop after the current batch; the photos done so far stay listed")
        self.cancel_button.clicked.connect(self.cancel_run)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_label)
        row.addWidget(self.cancel_button)
        self.progress_row.hide()

        self.empty_page = EmptyPage()
        self.empty_page.chooseClicked.connect(self.choose_folder)

        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self._filter_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.table.verticalHeader().setDefaultSectionSize(THUMB_SIZE + 8)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in ((Column.PHOTO, 440), (Column.LABEL, 100), (Column.CONFIDENCE, 95), (Column.YOURS, 120)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.table.doubleClicked.connect(self._review_from_index)
        review_here = QAction("Review", self.table)
        review_here.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        review_here.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        review_here.triggered.connect(lambda: self._review_from_index(self.table.currentIndex()))
        self.table.addAction(review_here)
        self.list_hint = QLabel(
            "Double-click a photo (or select several and press Enter) to review them one by one. "
            "Click a column title to sort, e.g. by confidence."
        )
        self.list_hint.setStyleSheet("color: palette(placeholder-text);")
        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.filter_bar)
        results_layout.addWidget(self.table, 1)
        results_layout.addWidget(self.list_hint)

        self.review = ReviewView(self.model, self.thumbnails)
        self.review.closed.connect(self.show_results)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(results_page)
        self.pages.addWidget(self.review)

        self.review_button = QPushButton("Review uncertain")
        self.review_button.setToolTip("Look at the photos below the threshold one at a time (keyboard: S, C, X, ← →)")
        self.review_button.clicked.connect(self.start_review)
        self.apply_button = QPushButton("Apply…")
        self.apply_button.setStyleSheet("font-weight: bold;")
        self.apply_button.clicked.connect(self.start_apply)
        self.undo_button = QPushButton("Undo last run")
        self.undo_button.setToolTip("Put the photos of the last Apply back where they were")
        self.undo_button.clicked.connect(self.start_undo)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setToolTip("The same report as 'sakura-sorter sort --report'")
        self.export_button.clicked.connect(self.choose_export)
        self.summary_label = QLabel()
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        bottom.addWidget(self.review_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.apply_button)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Choose or drop a folder to begin.")
        self.model.countsChanged.connect(self._counts_changed)
        self.resize(1100, 720)

    # --- settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        mode = str(s.value("mode", Mode.MOVE.value))
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(mode)))
        try:
            self.threshold_box.setValue(float(str(s.value("threshold", DEFAULT_THRESHOLD))))
        except (TypeError, ValueError):
            self.threshold_box.setValue(DEFAULT_THRESHOLD)
        self.recursive_box.setChecked(str(s.value("recursive", "false")).lower() == "true")
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        last = s.value("last_folder")
        if last and Path(str(last)).is_dir():
            self.folder = Path(str(last))
            self.folder_label.setText(str(self.folder))
            self.empty_page.set_detail(f"Last folder: <b>{self.folder}</b> — press <b>Classify</b> to sort it again.")
        self.model.set_threshold(self.threshold_box.value())

    def _save(self, key: str, value: Any) -> None:
        self.settings.setValue(key, value)

    @property
    def mode(self) -> str:
        return str(self.mode_box.currentData())

    @property
    def threshold(self) -> float:
        return float(self.threshold_box.value())

    # --- choose ----------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        start = str(self.folder) if self.folder else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder of photos", start)
        if folder:
            self.open_folder(Path(folder))

    def open_folder(self, folder: Path, start: bool = True) -> None:
        """Make ``folder`` current (remembered for next time) and, by default, classify it."""
        if self.workers.busy:
            self.banner.show_message("warning", "Wait for the current job to finish (or cancel it) first.")
            return
        self.folder = Path(folder)
        self.folder_label.setText(str(self.folder))
        self._save("last_folder", str(self.folder))
        if start:
            self.start_run()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_folder(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        folder = self._dropped_folder(event)
        if folder is not None:
            event.acceptProposedAction()
            self.open_folder(folder)

    @staticmethod
    def _dropped_folder(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        for url in urls:
            if url.isLocalFile() and Path(url.toLocalFile()).is_dir():
                return Path(url.toLocalFile())
        return None

    def _mode_changed(self) -> None:
        self._save("mode", self.mode)
        self._update_actions()

    def _threshold_changed(self, value: float) -> None:
        self._save("threshold", value)
        self.model.set_threshold(value)
        self.proxy.refresh()

    def _recursive_changed(self, checked: bool) -> None:
        self._save("recursive", "true" if checked else "false")
        if self.model.results:
            self.statusBar().showMessage("Press Classify to include (or leave out) the subfolders.")

    # --- jobs ------------------------------------------------------------------------------------

    def _start_job(
        self,
        kind: str,
        fn: Callable[..., Any],
        *args: Any,
        on_return: Callable[[Any], None] | None = None,
        on_yield: Callable[[Any], None] | None = None,
        cancellable: bool = False,
    ) -> Worker:
        worker = Worker(fn, *args, cancellable=cancellable)
        self.job, self.job_kind = worker, kind
        if on_yield is not None:
            worker.yielded.connect(on_yield)
        if on_return is not None:
            worker.returned.connect(on_return)
        if kind == "classify":
            worker.returned.connect(lambda _v: self._cancelled() if worker.abort_requested else self._classified(_v))
        worker.returned.connect(
            lambda _v: self._job_ended(worker, kind, "aborted" if worker.abort_requested else "returned")
        )
        worker.errored.connect(lambda exc: self._job_failed(worker, kind, exc))
        self.workers.start(worker)
        self._update_actions()
        return worker

    def _job_ended(self, worker: Worker, kind: str, how: str) -> None:
        if self.job is worker:
            self.job, self.job_kind = None, ""
        self.progress_row.hide()
        self._update_actions()
        self.jobDone.emit(kind, how)

    def _job_failed(self, worker: Worker, kind: str, exc: BaseException) -> None:
        from sakura_sorter.errors import SakuraSorterError

        what = {
            "scan": "open the folder",
            "classify": "classify the photos",
            "plan": "prepare the plan",
            "apply": "apply",
            "undo": "undo",
            "export": "export the report",
        }.get(kind, kind)
        if isinstance(exc, SakuraSorterError):
            text = str(exc)
        elif isinstance(exc, OSError):
            text = f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
        else:
            text = f"Unexpected {type(exc).__name__}: {exc}. Details were printed on the terminal."
        html = "<b>Could not " + what + ".</b><br>" + _escape(text).replace("\n", "<br>")
        if isinstance(exc, SakuraSorterError) and exc.hint:
            html += "<br><br><b>What to do:</b> " + _escape(exc.hint)
        self.banner.show_message("error", html)
        if kind in ("scan", "classify"):
            done = len(self.model.results)
            head = f"Stopped after {done} photos" if done else "Nothing was classified"
            self.statusBar().showMessage(f"{head}: see the message above.")
        self._job_ended(worker, kind, "errored")

    @property
    def busy(self) -> bool:
        return self.job is not None

    # --- run -------------------------------------------------------------------------------------

    def start_run(self) -> None:
        """List the folder's photos, then classify them batch by batch on the worker thread."""
        if self.busy:
            return
        if self.folder is None:
            self.choose_folder()
            return
        self.banner.hide()
        self._cancel_requested = False
        self.thumbnails.clear_queue()
        self.model.reset(Path(self.folder).resolve() if Path(self.folder).exists() else self.folder)
        self.last_apply = None
        self._show_progress(0, 0, "Looking for photos…", cancellable=True)
        self._start_job("scan", self.jobs.scan, self.folder, self.recursive_box.isChecked(), on_return=self._scanned)

    def _scanned(self, scan: FolderScan) -> None:
        self.scan = scan
        self.set_classes(scan.classes)
        self.model.reset(scan.folder)
        self.undoable = scan.undoable
        if scan.interrupted:
            self.banner.show_message(
                "warning",
                "An earlier sort of this folder was interrupted. <b>Apply</b> finishes it first; "
                "<b>Undo last run</b> reverses it.",
            )
        if not scan.photos:
            extra = "" if self.recursive_box.isChecked() else " Tick <b>Include subfolders</b> to look deeper."
            sorted_note = f" ({scan.already_sorted} are already sorted into subfolders.)" if scan.already_sorted else ""
            self.empty_page.set_detail(f"No photos to sort in <b>{scan.folder}</b>.{sorted_note}{extra}")
            self.pages.setCurrentIndex(PAGE_EMPTY)
            self.statusBar().showMessage("No photos found.")
            return
        self.pages.setCurrentIndex(PAGE_RESULTS)
        self._run_total = len(scan.photos)
        self._run_started = time.monotonic()
        self._show_progress(0, len(scan.photos), "Starting…", cancellable=True)
        note = f" ({scan.already_sorted} already sorted are not listed)" if scan.already_sorted else ""
        self.statusBar().showMessage(f"Classifying {len(scan.photos)} photos in {scan.folder}{note}")
        QTimer.singleShot(0, lambda: self._start_classify(scan.photos))

    def _start_classify(self, photos: list[Path]) -> None:
        if self._cancel_requested:
            self._cancelled()
            self.jobDone.emit("classify", "aborted")
            return
        self._show_progress(0, len(photos), "Starting…", cancellable=True)
        self._start_job(
            "classify",
            self.jobs.classify,
            photos,
            cancellable=True,
            on_yield=self._progress,
        )
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()

    def set_classes(self, classes: list[str]) -> None:
        if classes != self.classes:
            self.classes = list(classes)
            self.filter_bar.set_classes(self.classes)
            self.review.set_classes(self.classes)
            self._counts_changed()

    def _show_progress(self, done: int, total: int, text: str, cancellable: bool = False) -> None:
        self.progress_row.show()
        self.progress.setRange(0, total if total else 0)
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}" if total else "")
        self.progress_label.setText(text)
        self.cancel_button.setVisible(cancellable)

    def _progress(self, step: ClassifyStep | Notice) -> None:
        if isinstance(step, Notice):
            self.progress_label.setText(step.text)
            self.progress.setRange(0, 0)
            return
        self.model.append(step.results)
        rate_text = "-.-" if step.rate is None else f"{step.rate:.1f}"
        eta_text = "--:--" if step.eta is None else format_duration(step.eta)
        self._show_progress(step.done, step.total, f"{rate_text} photos/s · {eta_text} left", cancellable=True)

    def cancel_run(self) -> None:
        """Stop classifying after the current batch (the results so far stay)."""
        if self.job is not None and self.job_kind in ("scan", "classify"):
            self._cancel_requested = True
            self.job.quit()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Stopping after this batch…")

    def _classified(self, _value: object) -> None:
        elapsed = time.monotonic() - self._run_started
        self.statusBar().showMessage(f"Classified {len(self.model.results)} photos in {format_duration(elapsed)}.")
        self._after_run()

    def _cancelled(self) -> None:
        self.statusBar().showMessage(
            f"Cancelled: {len(self.model.results)} of {self._run_total} photos classified. "
            "Apply acts on those; press Classify to start again."
        )
        self._after_run()

    def _after_run(self) -> None:
        self.table.setFocus()
        counts = self.model.counts(self.classes)
        if counts[REVIEW]:
            self.banner.show_message(
                "info",
                f"<b>{counts[REVIEW]}</b> photo(s) are below the confidence threshold. Review them, or press "
                "<b>Apply</b> to sort the others and leave these in place.",
                "Review now",
                self.start_review,
            )

    # --- results ---------------------------------------------------------------------------------

    def _filter_changed(self, kind: str) -> None:
        self.proxy.set_kind(kind)

    def show_results(self) -> None:
        self.pages.setCurrentIndex(PAGE_RESULTS if self.model.results or self.busy else PAGE_EMPTY)
        self.proxy.refresh()
        self.table.setFocus()

    def _counts_changed(self) -> None:
        counts = self.model.counts(self.classes)
        self.filter_bar.set_counts(counts)
        self.review_button.setText(f"Review uncertain ({counts[REVIEW]})")
        parts = [f"{counts.get(c, 0)} {c}" for c in self.classes]
        if counts[REVIEW]:
            parts.append(f"{counts[REVIEW]} to review")
        if counts[ERRORS]:
            parts.append(f"{counts[ERRORS]} error{'s' if counts[ERRORS] != 1 else ''}")
        self.summary_label.setText(" · ".join(parts) if counts[ALL] else "")
        self._update_actions()

    def _update_actions(self) -> None:
        busy = self.busy
        has_results = bool(self.model.results)
        pending = any(r.ok and not self.model.is_done(i) for i, r in enumerate(self.model.results))
        for widget in (self.choose_button, self.mode_box, self.recursive_box, self.run_button):
            widget.setEnabled(not busy)
        self.empty_page.setEnabled(not busy)
        self.run_button.setText("Classify again" if has_results else "Classify")
        self.review_button.setEnabled(has_results and bool(self.model.review_rows()))
        self.apply_button.setEnabled(not busy and pending)
        self.apply_button.setText(f"{VERBS[self.mode][0]}…" if self.mode else "Apply…")
        self.apply_button.setToolTip("Show what will happen, then do it (can be undone)")
        self.undo_button.setEnabled(not busy and self.folder is not None and self.undoable)
        self.export_button.setEnabled(not busy and has_results)

    # --- review ----------------------------------------------------------------------------------

    def start_review(self, rows: list[int] | None = None, position: int = 0) -> None:
        """Review ``rows`` (default: every photo below the threshold) one at a time."""
        rows = self.model.review_rows() if rows is None else rows
        if not rows:
            self.statusBar().showMessage("Nothing to review.")
            return
        self.review.start(rows, position)
        self.pages.setCurrentIndex(PAGE_REVIEW)
        self.review.setFocus()

    def _review_from_index(self, index: QModelIndex) -> None:
        selected = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        if len(selected) > 1:
            self.start_review(selected)
            return
        if not index.isValid():
            return
        shown = self.proxy.source_rows()
        row = self.proxy.mapToSource(index).row()
        self.start_review(shown, shown.index(row) if row in shown else 0)

    # --- apply / undo / export ------------------------------------------------------------------

    def _snapshot(self) -> list:
        """Copies of the results still to sort, so the worker never reads objects the window may change."""
        return [dataclasses.replace(r) for r in self.model.pending_results()]

    def start_apply(self) -> None:
        """Plan on the worker, show the summary, and apply on the worker if confirmed."""
        if self.busy or self.folder is None or not self.model.results:
            return
        self._show_progress(0, 0, "Preparing…")
        self._start_job(
            "plan",
            self.jobs.plan,
            self.scan,
            self._snapshot(),
            self.mode,
            self.threshold,
            on_return=self._confirm_apply,
        )

    def _confirm_apply(self, plan: Any) -> None:
        QTimer.singleShot(0, lambda: self._ask_apply(plan))

    def _ask_apply(self, plan: Any) -> None:
        dialog = ApplyDialog(plan, self)
        self.apply_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.apply_dialog = None
        if dialog.review_first:
            self.start_review()
            return
        if accepted:
            self.run_apply(plan)

    def run_apply(self, plan: Any) -> None:
        """Apply an already confirmed plan on the worker thread."""
        total = len(plan.actionable)
        self._show_progress(0, total, {"move": "Moving", "copy": "Copying", "tag": "Tagging"}[plan.mode] + " photos…")
        self._start_job("apply", apply_and_check, plan, on_yield=self._apply_progress, on_return=self._applied)

    def _apply_progress(self, step: Any) -> None:
        self._show_progress(step.done, step.total, f"{step.done} of {step.total} photos done")

    def _applied(self, result: Any) -> None:
        self.last_apply = result
        self.undoable = result.undoable
        entries = {}
        for outcome in result.outcome.items:
            row = self.model.row_of(outcome.item.result.path)
            if row is None:
                continue
            moved = outcome.item.action == "move" and outcome.status == "sorted"
            entries[row] = Applied(
                result.outcome.run_id, outcome.status, outcome.item.destination, moved, outcome.error
            )
        self.model.set_applied(entries)
        self.proxy.refresh()
        done = sum(1 for o in result.outcome.items if o.status == "sorted")
        failed = sum(1 for o in result.outcome.failed if o.item.actionable)  # not the unreadable photos
        staying = sum(1 for o in result.outcome.items if o.status == "review")
        text = f"<b>{VERBS[result.plan.mode][1].capitalize()} {done} photo(s).</b>"
        if staying:
            text += f" {staying} stay in place for review."
        if result.outcome.recovered:
            text += f" An interrupted earlier run ({result.outcome.recovered}) was finished first."
        if failed:
            text += f" <b>{failed} could not be {VERBS[result.plan.mode][1]}</b> (see the Status column)."
        self.banner.show_message("error" if failed else "success", text, "Undo", self.start_undo)
        self._update_actions()

    def start_undo(self) -> None:
        """Reverse the last run of the folder (on the worker thread)."""
        if self.busy or self.folder is None:
            return
        self._show_progress(0, 0, "Undoing the last run…")
        self._start_job("undo", undo_and_check, Path(self.folder).resolve(), on_return=self._undone)

    def _undone(self, result: UndoResult) -> None:
        self.undoable = result.undoable
        outcome = result.outcome
        if outcome.run_id is None:
            self.banner.show_message("info", "Nothing to undo in this folder.")
            return
        known = any(e.run_id == outcome.run_id for e in self.model.applied.values())
        self.model.clear_applied(outcome.run_id)
        if self.last_apply is not None and self.last_apply.outcome.run_id == outcome.run_id:
            self.last_apply = None
        self.proxy.refresh()
        text = f"<b>Undone:</b> {outcome.restored} photo(s) restored."
        if not known and self.model.results:
            text += " That run was not made in this window; press <b>Classify again</b> to see the folder as it is."
        for note in outcome.notes[:5]:
            text += f"<br>Note: {_escape(note)}"
        for problem in outcome.problems[:5]:
            text += f"<br>Problem: {_escape(problem)}"
        if outcome.problems:
            text += "<br>Fix the cause and press <b>Undo last run</b> again."
        self.banner.show_message("error" if outcome.problems else "success", text)
        self._update_actions()

    def choose_export(self) -> None:
        start = str((Path(self.folder) if self.folder else Path.home()) / "sakura-sorter-report.csv")
        out, _ = QFileDialog.getSaveFileName(self, "Export CSV report", start, "CSV files (*.csv)")
        if out:
            self.export_csv(Path(out))

    def export_csv(self, out: Path) -> None:
        """Write the report of the last apply, or, before any apply, what applying would do (a dry run)."""
        if self.busy or not self.model.results:
            return
        self._show_progress(0, 0, "Writing the report…")
        if self.last_apply is not None:
            self._start_job(
                "export",
                self.jobs.write_sort_report,
                out,
                self.last_apply.plan,
                self.last_apply.outcome,
                on_return=self._exported,
            )
        else:
            self._start_job(
                "export",
                dry_run_report,
                self.jobs,
                out,
                self.scan,
                self._snapshot(),
                self.mode,
                self.threshold,
                on_return=self._exported,
            )

    def _exported(self, out: Path) -> None:
        kind = "of the last apply" if self.last_apply is not None else "(dry run: what Apply would do)"
        self.banner.show_message("success", f"Report {kind} written to <b>{_escape(str(out))}</b>.")

    # --- closing ---------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save("geometry", self.saveGeometry())
        self.settings.sync()
        self.workers.stop_all()
        self.thumbnails.clear_queue()
        self.thumbnails.wait(5000)
        super().closeEvent(event)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
