"""Choosing a folder and classifying it: list the photos, then classify them batch by batch on the worker thread,
showing each batch as it comes; stop after a batch on request; then say what needs review.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QTimer
from PySide6.QtWidgets import QFileDialog

from sakura_sorter.gui.dialogs import common as dialogs
from sakura_sorter.gui.session import JobKind, Session
from sakura_sorter.gui.words import bold
from sakura_sorter.jobs import ClassifyStep, Notice, tasks
from sakura_sorter.jobs.events import DOWNLOADING, PREPARING
from sakura_sorter.progress import format_duration

from .screen import Screen

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("Controller", text, "", n)


class ClassifyFlow:
    """Open a folder, classify it (again), stop, and review the photos below the threshold."""

    def __init__(self, session: Session, screen: Screen):
        self.session, self.screen = session, screen
        self._review_text = ""  #: what the banner says of the photos to review (kept up to date while shown)
        self._sorted_at = (0.0, 0.0)  # when the rows were last sorted while photos came, and how long it took
        self.clock = time.monotonic  #: seconds, for pacing the sorting while photos come (a test may set it)
        session.jobEnded.connect(self._job_ended)

    # --- choosing --------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = self.session.folder
        start = str(folder) if folder else QDir.homePath()
        chosen = QFileDialog.getExistingDirectory(self.screen.widget(), _tr("Choose a folder of photos"), start)
        if chosen:
            self.open_folder(Path(chosen))

    def open_folder(self, folder: Path, start: bool = True) -> None:
        """Make ``folder`` current (remembered for next time) and, by default, classify it."""
        if self.session.busy:
            self.screen.say("warning", _tr("Wait for the current job to finish (or stop it) first."))
            return
        self.session.folder = Path(folder)
        self.session.chosen_at = time.monotonic()
        self.screen.show_folder(self.session.folder)
        self.screen.set_title()
        if start:
            self.start_run(chosen=True)

    def may_discard_labels(self, doing: str) -> bool:
        """Ask before labels a person gave are lost; True to go on. Labels kept in the teaching set are not lost:
        they come back when the photos are classified again, so only labels that could not be kept count."""
        count = self.session.keeper.unsaved
        if not count or not self.session.ask_before_discarding:
            return True
        return dialogs.ask(
            self.screen.widget(),
            _tr("Your labels could not be kept"),
            _tr("%n label(s) could not be kept in your teaching set.", count),
            _tr("They are lost if you {doing} now. Apply first to keep them.").format(doing=doing),
            _tr("Discard my labels"),
            _tr("Keep them"),
            safe_default=True,
        )

    # --- classifying -----------------------------------------------------------------------------

    def start_run(self, chosen: bool = False) -> None:
        """List the folder's photos, then classify them batch by batch on the worker thread (once the labels
        just given are kept, so that they come back with the new results)."""
        session = self.session
        if session.busy:
            return
        if session.folder is None:
            self.choose_folder()
            return
        if not self.may_discard_labels(_tr("classify again")):
            return
        session.keeper.forget_unsaved()
        session.keeper.when_idle(lambda: self._start_run(chosen))

    def _start_run(self, chosen: bool) -> None:
        session, screen = self.session, self.screen
        if session.busy or session.folder is None:
            return
        if not chosen:
            session.chosen_at = time.monotonic()
        session.first_result_seconds = None
        self.unsay_review()
        screen.unsay()
        session.cancel_requested = False
        screen.thumbnails.clear_queue()
        session.results.reset(session.folder)
        session.runs = []
        self._say_opening(_tr("Looking for photos and loading the model (the first start can take a while)…"))
        screen.show_progress(0, 0, _tr("Looking for photos…"), cancellable=True)
        screen.set_title(_tr("looking for photos"))
        args = (session.jobs, session.folder, screen.recursive)
        session.run_job(JobKind.SCAN, tasks.open_folder, *args, on_return=self._scanned)

    def _scanned(self, opened: tasks.Opened) -> None:
        session, screen, scan = self.session, self.screen, opened.scan
        session.scan, session.writable, session.weights_here = scan, opened.writable, opened.weights_here
        session.set_model(opened.model)
        screen.set_classes(scan.classes)
        screen.show_left_out(scan.left_out)
        session.results.reset(scan.folder, scan.photos)
        session.undoable = scan.undoable
        if not opened.writable:
            screen.say(
                "warning",
                _tr(
                    "You may look at these photos and classify them, but <b>this folder is read-only for you</b>, "
                    "so they cannot be moved, copied or tagged here. Copy the folder to a place you can change, "
                    "or ask its owner for write access."
                ),
            )
        elif scan.interrupted:
            screen.say(
                "warning",
                _tr("An earlier sort of this folder was interrupted. Apply finishes it first; Undo reverses it."),
            )
        if not scan.photos:
            extra = "" if screen.recursive else " " + _tr("Choose “With subfolders” to look deeper.")
            done = len(scan.already_sorted)
            note = " " + _tr("(%n already sorted into class folders.)", done) if done else ""
            screen.show_empty(_tr("No photos to sort in {folder}.").format(folder=bold(scan.folder)) + note + extra)
            screen.status(_tr("No photos found."))
            screen.set_title(_tr("no photos"))
            return
        self._say_opening(
            _tr("Classifying %n photo(s): loading the model (the first start can take a while)…", len(scan.photos))
        )  # the results page comes with the first results (those in the cache come first)
        session.run_total = len(scan.photos)
        session.classified_at = time.time()
        screen.status(_tr("Classifying %n photo(s)…", len(scan.photos)))
        QTimer.singleShot(0, lambda: self._start_classify(scan.photos))

    def _start_classify(self, photos: list[Path]) -> None:
        session = self.session
        if session.cancel_requested:
            self._after_run(cancelled=True)
            session.jobEnded.emit(JobKind.CLASSIFY.value, "aborted")
            return
        self.screen.show_progress(0, len(photos), _tr("Starting…"), cancellable=True)
        session.run_job(
            JobKind.CLASSIFY,
            session.jobs.classify,
            photos,
            cancellable=True,
            on_yield=self._progress,
            on_return=lambda _v: self._after_run(cancelled=session.cancel_requested),
        )
        self.screen.focus_stop()

    def _progress(self, step: ClassifyStep | Notice) -> None:
        session, screen = self.session, self.screen
        if isinstance(step, Notice):
            words = {
                DOWNLOADING: _tr("Downloading the VGG16 weights (58.9 MB, once)…"),
                PREPARING: _tr("Preparing the model for this computer (once; this can take half a minute)…"),
            }
            text = words.get(step.kind) or _tr("Loading the VGG16 model (a few seconds the first time)…")
            screen.show_progress(0, 0, text, cancellable=True)
            return
        first = bool(step.results) and session.first_result_seconds is None
        if first:
            session.first_result_seconds = time.monotonic() - session.chosen_at
        session.results.append(step.results)
        if first:
            screen.show_results()
            screen.focus_stop()
        if screen.proxy.sortColumn() < 0 and not session.results.in_folder_order:
            screen.sort_by_name()  # photos seen before come first (cached): show the folder in name order
            self._sorted_at = (self.clock(), 0.0)
        elif screen.proxy.sortColumn() >= 0:
            self._keep_order()
        rate = "-.-" if step.rate is None else f"{step.rate:.1f}"
        eta = "--:--" if step.eta is None else format_duration(step.eta)
        text = _tr("{rate} photos/s · {eta} left").format(rate=rate, eta=eta)
        screen.show_progress(step.done, step.total, text, cancellable=True)
        screen.set_title(_tr("classifying {done}/{total}").format(done=step.done, total=step.total))

    def _keep_order(self) -> None:
        """Sort the new rows into the order the header shows, at most every few seconds while photos keep
        coming (sorting thousands of photos takes a moment of the window's time); the end of a run sorts too."""
        last, took = self._sorted_at
        if self.clock() - last < max(1.0, 5 * took):
            return
        start = self.clock()
        self.screen.proxy.refresh()
        self._sorted_at = (self.clock(), self.clock() - start)

    def cancel_run(self) -> None:
        """Stop classifying after the current batch (the results so far stay)."""
        session = self.session
        if self.classifying and session.job is not None:
            session.cancel_requested = True
            session.job.quit()
            session.changed.emit()
            self.screen.show_progress(0, 0, _tr("Stopping after this batch…"), cancellable=True)

    @property
    def classifying(self) -> bool:
        session = self.session
        return session.job is not None and session.job_kind in (JobKind.SCAN.value, JobKind.CLASSIFY.value)

    def may_stop_for_closing(self) -> bool:
        """Before closing while the folder is classified: ask whether to stop it; True to close (the caller
        then stops it with :meth:`cancel_run`; the window waits for the worker as it closes)."""
        if not self.classifying or not self.session.ask_before_discarding:
            return True
        done, total = len(self.session.results.results), self.session.run_total
        answer = dialogs.choose(
            self.screen.widget(),
            _tr("Still classifying"),
            _tr("The window is still classifying this folder ({done} of {total} photos).").format(
                done=done, total=total
            ),
            _tr("Closing stops it after the current batch. No photo has been moved, copied or tagged."),
            [("stop", _tr("Stop and close")), ("cancel", _tr("Cancel"))],
            "cancel",
        )
        return answer == "stop"

    def _after_run(self, cancelled: bool) -> None:
        session, screen = self.session, self.screen
        count = len(session.results.results)
        if cancelled:
            screen.status(
                _tr("Stopped: {done} of {total} photos classified. Apply acts on those.").format(
                    done=count, total=session.run_total
                )
            )
        else:
            screen.status(_tr("Classified %n photo(s).", count))
        screen.set_title(_tr("%n photo(s) classified", count))
        if session.first_result_seconds is None:  # stopped before the first results
            screen.show_results()
        screen.proxy.refresh()
        screen.focus_results()
        if session.switch_note is not None:  # the models flow says what the switch changed
            session.classifiedAgain.emit(cancelled)
            return
        self._review_text = "-"
        self.say_review()

    # --- review ----------------------------------------------------------------------------------

    def _say_opening(self, detail: str) -> None:
        folder = self.session.folder
        name = html.escape(folder.name or str(folder)) if folder is not None else ""
        self.screen.show_opening(_tr("Opening {folder}…").format(folder=name), detail)

    def _job_ended(self, kind: str, how: str) -> None:
        """A scan or run that failed or stopped before any result: the empty page asks for a folder again."""
        stopped = kind in (JobKind.SCAN.value, JobKind.CLASSIFY.value) and how != "returned"
        if stopped and not self.session.results.results:
            self.screen.show_empty("")

    def say_review(self) -> None:
        """The banner says how many photos are still below the threshold; once none is, it says so and goes."""
        said = self._review_text
        if not said or not self.session.writable or (said != "-" and self.screen.saying() != said):
            self._review_text = ""  # nothing said, or the banner says something else now
            return
        review = len(self.session.results.review_rows())
        if review:
            text = _tr(
                "<b>%n photo(s)</b> are below the confidence threshold. Review them, or press <b>{apply}</b> "
                "({keys}) to sort the others and leave these where they are.",
                review,
            ).format(apply=html.escape(self.screen.apply_words()), keys="Ctrl+Return")
            self.screen.say("info", text, _tr("Review now"), self.review_uncertain)
            self._review_text = self.screen.saying()
        else:
            self._review_text = ""
            if said != "-":  # the banner said how many: say that none is left
                self.screen.say("success", _tr("Every photo is reviewed or above the threshold: apply when ready."))

    def unsay_review(self) -> None:
        self._review_text = ""

    def start_review(self, rows: list[int] | None = None, position: int = 0) -> None:
        """Review ``rows`` (default: every photo below the threshold) one at a time, large."""
        rows = self.session.results.review_rows() if rows is None else rows
        if not rows:
            self.screen.status(_tr("Nothing to review."))
            return
        self.screen.show_review(rows, position)

    def review_uncertain(self) -> None:
        self.start_review(None)
