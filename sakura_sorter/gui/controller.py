"""Runs the window's jobs on a worker thread and reacts to their results (Vorta / Anki ``QueryOp`` style).

Background functions receive only data (paths, options, copies of results), never widgets; their results,
progress and errors come back as signals handled here, on the GUI thread. The controller decides which
actions are enabled; the view (:class:`~sakura_sorter.gui.view.MainWindow`) only shows and asks.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDir, QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from sakura_sorter.jobs import ClassifyStep, Jobs, Notice
from sakura_sorter.jobs.events import Cancelled
from sakura_sorter.model.registry import BUNDLED
from sakura_sorter.progress import format_duration

from . import dialogs, tasks
from .actions import plain_text
from .apply_dialog import verb
from .disk_jobs import DiskJobs
from .label_keeper import LabelKeeper
from .model_jobs import ModelJobs
from .model_menu import model_title
from .results_model import ERRORS, NEITHER_KIND, REVIEW, class_title
from .widgets import PAGE_EMPTY, PAGE_RESULTS, PAGE_REVIEW, bold
from .worker import Worker, WorkerSet

if TYPE_CHECKING:
    from .view import MainWindow

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("Controller", text, "", n)


class Controller(DiskJobs, ModelJobs, QObject):
    """The window's state (folder, scan, runs) and every job it starts (those that change the disk: in
    :class:`~sakura_sorter.gui.disk_jobs.DiskJobs`; teaching, models and training: in
    :class:`~sakura_sorter.gui.model_jobs.ModelJobs`)."""

    def __init__(self, view: MainWindow, jobs: Jobs):
        super().__init__(view)
        self.view = view
        self.jobs = jobs
        self.workers = WorkerSet(self)
        self.folder = None
        self.scan = None
        self.job = None
        self.job_kind = ""
        self.undoable = False
        self.writable = True
        self.weights_here = True
        self.runs = []
        self.model_info = None
        self.apply_dialog = None
        self.teach_dialog = None
        self.train_dialog = None
        self.switch_note = None
        self.error_dialog: QMessageBox | None = None
        self.classified_at = 0.0
        self.chosen_at = 0.0  #: monotonic time the folder was chosen
        self.first_result_seconds: float | None = None  #: from choosing the folder to the first result shown
        self.ask_before_discarding = True
        self._run_total = 0
        self._cancel_requested = False
        self.keeper = LabelKeeper(lambda: self.jobs, self.workers, self)
        view.model.labelsGiven.connect(self.keeper.keep)
        self.keeper.kept.connect(view.model.set_hashes)
        self.keeper.failed.connect(lambda exc: self.show_error(_tr("Your labels could not be kept for later."), exc))
        self.keeper.changed.connect(self.update_actions)

    # --- running jobs ----------------------------------------------------------------------------

    def run_job(
        self,
        kind: str,
        fn: Callable[..., Any],
        *args: Any,
        on_return: Callable[[Any], None] | None = None,
        on_yield: Callable[[Any], None] | None = None,
        cancellable: bool = False,
    ) -> Worker:
        """Run ``fn(*args)`` on a worker; ``on_return``/``on_yield`` are called on the GUI thread."""
        worker = Worker(fn, *args, cancellable=cancellable)
        self.job, self.job_kind = worker, kind
        if on_yield is not None:
            worker.yielded.connect(on_yield)

        def returned(value: Any) -> None:
            aborted = worker.abort_requested
            if on_return is not None:
                on_return(value)
            self._job_ended(worker, kind, "aborted" if aborted else "returned")

        worker.returned.connect(returned)
        worker.errored.connect(lambda exc: self._job_failed(worker, kind, exc))
        self.workers.start(worker)
        self.update_actions()
        return worker

    def _job_ended(self, worker: Worker, kind: str, how: str) -> None:
        if self.job is worker:
            self.job, self.job_kind = None, ""
        self.view.progress_row.hide()
        self.update_actions()
        self.view.jobDone.emit(kind, how)

    def _job_failed(self, worker: Worker, kind: str, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):  # stopped on request: nothing to report
            self.model_job_failed(kind, exc)
            self._job_ended(worker, kind, "aborted")
            return
        what = {
            "scan": _tr("Could not open the folder."),
            "classify": _tr("Could not classify the photos."),
            "plan": _tr("Could not prepare the plan."),
            "apply": _tr("Could not apply."),
            "undo": _tr("Could not undo."),
            "export": _tr("Could not write the report."),
            "teach": _tr("The model was not taught."),
            "adopt": _tr("Could not switch to the taught model."),
            "switch": _tr("Could not switch models."),
            "train": _tr("Could not train a model."),
            "adopt_trained": _tr("Could not switch to the trained model."),
        }.get(kind, kind)
        self.show_error(what, exc)
        if kind in ("scan", "classify"):
            done = len(self.view.model.results)
            self.view.statusBar().showMessage(_tr("Stopped after %n photo(s).", done) if done else what)
            self.view.set_title()
        self.model_job_failed(kind, exc)
        self._job_ended(worker, kind, "errored")

    def show_error(self, what: str, exc: BaseException) -> None:
        """A dialog: what failed, the error's message, and what to do (its hint)."""
        self.error_dialog = dialogs.error_box(self.dialog_parent(), what, exc)

    def preload(self) -> None:
        """Load the model (and VGG16 when its weights are here) in the background while the person chooses."""
        worker = Worker(tasks.preload, self.jobs)
        worker.returned.connect(self.show_model)
        worker.errored.connect(lambda _exc: None)  # said again, in a dialog, when a folder is classified
        self.workers.start(worker)

    # --- choosing and classifying ----------------------------------------------------------------

    def choose_folder(self) -> None:
        start = str(self.folder) if self.folder else QDir.homePath()
        folder = QFileDialog.getExistingDirectory(self.view, _tr("Choose a folder of photos"), start)
        if folder:
            self.open_folder(Path(folder))

    def open_folder(self, folder: Path, start: bool = True) -> None:
        """Make ``folder`` current (remembered for next time) and, by default, classify it."""
        if self.busy:
            self.view.banner.show_message("warning", _tr("Wait for the current job to finish (or stop it) first."))
            return
        self.folder = Path(folder)
        self.chosen_at = time.monotonic()
        self.view.folder_label.setText(str(self.folder))
        self.view.settings.setValue("last_folder", str(self.folder))
        self.view.set_title()
        if start:
            self.start_run(chosen=True)

    def may_discard_labels(self, doing: str) -> bool:
        """Ask before labels a person gave are lost; True to go on. Labels kept in the teaching set are not lost:
        they come back when the photos are classified again, so only labels that could not be kept count."""
        count = self.keeper.unsaved
        if not count or not self.ask_before_discarding:
            return True
        return dialogs.ask(
            self.view,
            _tr("Your labels could not be kept"),
            _tr("%n label(s) could not be kept in your teaching set.", count),
            _tr("They are lost if you {doing} now. Apply first to keep them.").format(doing=doing),
            _tr("Discard my labels"),
            _tr("Keep them"),
            safe_default=True,
        )

    def start_run(self, chosen: bool = False) -> None:
        """List the folder's photos, then classify them batch by batch on the worker thread (once the labels
        just given are kept, so that they come back with the new results)."""
        if self.busy:
            return
        if self.folder is None:
            self.choose_folder()
            return
        if not self.may_discard_labels(_tr("classify again")):
            return
        self.keeper.forget_unsaved()
        self.keeper.when_idle(lambda: self._start_run(chosen))

    def _start_run(self, chosen: bool) -> None:
        if self.busy or self.folder is None:
            return
        if not chosen:
            self.chosen_at = time.monotonic()
        self.first_result_seconds = None
        view = self.view
        view.banner.hide()
        self._cancel_requested = False
        view.thumbnails.clear_queue()
        view.model.reset(self.folder)
        self.runs = []
        view.show_progress(0, 0, _tr("Looking for photos…"), cancellable=True)
        view.set_title(_tr("looking for photos"))
        self.run_job("scan", tasks.open_folder, self.jobs, self.folder, view.recursive, on_return=self._scanned)

    def _scanned(self, opened: tasks.Opened) -> None:
        scan, view = opened.scan, self.view
        self.scan, self.writable, self.weights_here = scan, opened.writable, opened.weights_here
        self.show_model(opened.model)
        view.set_classes(scan.classes)
        view.model.reset(scan.folder)
        self.undoable = scan.undoable
        if not opened.writable:
            view.banner.show_message(
                "warning",
                _tr(
                    "You may look at these photos and classify them, but <b>this folder is read-only for you</b>, "
                    "so they cannot be moved, copied or tagged here. Copy the folder to a place you can change, "
                    "or ask its owner for write access."
                ),
            )
        elif scan.interrupted:
            view.banner.show_message(
                "warning",
                _tr("An earlier sort of this folder was interrupted. Apply finishes it first; Undo reverses it."),
            )
        if not scan.photos:
            extra = "" if view.recursive else " " + _tr("Choose “With subfolders” to look deeper.")
            done = len(scan.already_sorted)
            note = " " + _tr("(%n already sorted into class folders.)", done) if done else ""
            view.empty_page.set_detail(
                _tr("No photos to sort in {folder}.").format(folder=bold(scan.folder)) + note + extra
            )
            view.pages.setCurrentIndex(PAGE_EMPTY)
            view.statusBar().showMessage(_tr("No photos found."))
            view.set_title(_tr("no photos"))
            return
        view.pages.setCurrentIndex(PAGE_RESULTS)
        self._run_total = len(scan.photos)
        self.classified_at = time.time()
        view.statusBar().showMessage(_tr("Classifying %n photo(s)…", len(scan.photos)))
        QTimer.singleShot(0, lambda: self._start_classify(scan.photos))

    def _start_classify(self, photos: list[Path]) -> None:
        if self._cancel_requested:
            self._after_run(cancelled=True)
            self.view.jobDone.emit("classify", "aborted")
            return
        self.view.show_progress(0, len(photos), _tr("Starting…"), cancellable=True)
        self.run_job(
            "classify",
            self.jobs.classify,
            photos,
            cancellable=True,
            on_yield=self._progress,
            on_return=lambda _v: self._after_run(cancelled=self._cancel_requested),
        )
        self.view.cancel_button.setFocus()

    def _progress(self, step: ClassifyStep | Notice) -> None:
        view = self.view
        if isinstance(step, Notice):
            loading = _tr("Loading the VGG16 model (a few seconds the first time)…")
            view.progress_label.setText(
                loading if self.weights_here else _tr("Downloading the VGG16 weights (58.9 MB, once)…")
            )
            view.progress.setRange(0, 0)
            return
        if step.results and self.first_result_seconds is None:
            self.first_result_seconds = time.monotonic() - self.chosen_at
        view.model.append(step.results)
        if view.proxy.sortColumn() >= 0:
            view.proxy.refresh()  # keep the order the header shows
        rate = "-.-" if step.rate is None else f"{step.rate:.1f}"
        eta = "--:--" if step.eta is None else format_duration(step.eta)
        text = _tr("{rate} photos/s · {eta} left").format(rate=rate, eta=eta)
        view.show_progress(step.done, step.total, text, cancellable=True)
        view.set_title(_tr("classifying {done}/{total}").format(done=step.done, total=step.total))

    def cancel_run(self) -> None:
        """Stop classifying after the current batch (the results so far stay)."""
        if self.job is not None and self.job_kind in ("scan", "classify"):
            self._cancel_requested = True
            self.job.quit()
            self.view.cancel_action.setEnabled(False)
            self.view.progress_label.setText(_tr("Stopping after this batch…"))

    def _after_run(self, cancelled: bool) -> None:
        view = self.view
        count = len(view.model.results)
        if cancelled:
            view.statusBar().showMessage(
                _tr("Stopped: {done} of {total} photos classified. Apply acts on those.").format(
                    done=count, total=self._run_total
                )
            )
        else:
            view.statusBar().showMessage(_tr("Classified %n photo(s).", count))
        view.set_title(_tr("%n photo(s) classified", count))
        view.proxy.refresh()
        view.current_view().setFocus()
        review = view.model.counts(view.classes)[REVIEW]
        if self.switch_summary(stopped=cancelled):
            return
        if review and self.writable:
            text = _tr(
                "<b>%n photo(s)</b> are below the confidence threshold. Review them, or press <b>{apply}</b> "
                "({keys}) to sort the others and leave these where they are.",
                review,
            ).format(apply=html.escape(plain_text(view.apply_action)), keys="Ctrl+Return")
            view.banner.show_message("info", text, _tr("Review now"), self.review_uncertain)

    # --- results and review ----------------------------------------------------------------------

    def counts_changed(self) -> None:
        view = self.view
        counts = view.model.counts(view.classes)
        view.filter_bar.set_counts(counts)
        view.review_action.setText(_tr("&Review uncertain ({n})").format(n=counts[REVIEW]))
        parts = [f"{counts.get(c, 0)} {html.escape(class_title(c))}" for c in view.classes if c in counts]
        if counts[NEITHER_KIND]:
            parts.append(_tr("%n neither", counts[NEITHER_KIND]))
        if counts[REVIEW]:
            parts.append(_tr("%n to review", counts[REVIEW]))
        if counts[ERRORS]:
            parts.append(_tr("%n error(s)", counts[ERRORS]))
        view.summary_label.setText(" · ".join(parts) if view.model.results else "")
        self.update_actions()

    def update_actions(self) -> None:
        """Enable the commands that make sense now (the buttons follow their actions)."""
        view, busy = self.view, self.busy
        model = view.model
        has_results = bool(model.results)
        pending = any(r.ok and not model.is_done(i) for i, r in enumerate(model.results))
        for widget in (view.mode_box, view.scope_box, view.empty_page):
            widget.setEnabled(not busy)
        view.open_action.setEnabled(not busy)
        view.classify_action.setEnabled(not busy)
        view.classify_action.setText(_tr("&Classify again") if has_results else _tr("&Classify"))
        view.cancel_action.setEnabled(busy and self.job_kind in ("scan", "classify") and not self._cancel_requested)
        view.review_action.setEnabled(bool(model.review_rows()))
        view.apply_action.setEnabled(not busy and pending and self.writable)
        view.apply_action.setText(verb(view.mode) + "…")
        view.apply_action.setToolTip(
            _tr("Show what will happen, then do it (can be undone)")
            if self.writable
            else _tr("This folder is read-only for you: nothing can be sorted here")
        )
        view.undo_action.setEnabled(not busy and self.folder is not None and self.undoable and self.writable)
        view.export_action.setEnabled(not busy and has_results)
        for action in [*view.label_actions, view.neither_action, view.clear_label_action, view.preview_action]:
            action.setEnabled(has_results)
        self.update_model_actions()

    def start_review(self, rows: list[int] | None = None, position: int = 0) -> None:
        """Review ``rows`` (default: every photo below the threshold) one at a time, large."""
        rows = self.view.model.review_rows() if rows is None else rows
        if not rows:
            self.view.statusBar().showMessage(_tr("Nothing to review."))
            return
        self.view.review.start(rows, position)
        self.view.pages.setCurrentIndex(PAGE_REVIEW)
        self.view.review.setFocus()

    def review_uncertain(self) -> None:
        self.start_review(None)

    def about(self) -> None:
        dialogs.about(self.view, model_title(self.model_info.name if self.model_info else BUNDLED))

    def shutdown(self) -> None:
        """Keep the labels still waiting, stop the jobs and the thumbnail threads (the window is closing)."""
        self.keeper.flush()
        self.workers.stop_all()
        self.view.thumbnails.clear_queue()
        self.view.thumbnails.wait(5000)
