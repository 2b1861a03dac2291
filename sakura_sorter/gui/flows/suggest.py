""" "Label these N first" (issue 17): the photos whose labels would teach the model most, by the same rule as
``sakura-sorter suggest`` (:func:`sakura_sorter.jobs.suggesting.suggest`, which re-scores the photos' features
by the model in use), shown one at a time in the review, best first. It asks about a few at a time
(``ROUND_COUNT``): once they are all labelled it says to teach, and after the folder is classified again (by the
taught model) the queue is worked out again, so the person labels in rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QKeySequence

from sakura_sorter.gui.session import JobKind, Session
from sakura_sorter.gui.words import LABEL_FIRST_KEYS, TEACH_KEYS
from sakura_sorter.jobs.suggesting import ROUND_COUNT, Suggested

from .screen import Screen

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("SuggestFlow", text, "", n)


def shortcuts() -> dict[str, str]:
    """The shortcuts the texts name (``{teach}``, ``{ask}``), as this platform writes them."""
    keys = {"teach": TEACH_KEYS, "ask": LABEL_FIRST_KEYS}
    return {name: QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for name, key in keys.items()}


class SuggestFlow:
    """The queue of photos to label first: ``queue`` holds their rows, best first (empty until asked for)."""

    def __init__(self, session: Session, screen: Screen, count: int = ROUND_COUNT):
        self.session, self.screen, self.count = session, screen, count
        self.queue: list[int] = []
        self.asked = False  #: the person opened the queue in this folder: keep it up to date
        self.folder: Path | None = None
        self.done_said = False  #: "all labelled, now teach" was said for this queue
        session.jobEnded.connect(self._job_ended)
        session.results.labelsGiven.connect(self._labels_given)

    @property
    def size(self) -> int:
        """How many photos the queue shows (the count asked for until it is worked out)."""
        return len(self.queue) if self.asked else self.count

    def start(self, show: bool = True) -> None:
        """Work the queue out on the worker; then review it (``show``) or only keep it."""
        session = self.session
        if session.busy or not session.results.results:
            return
        self.screen.show_progress(0, 0, _tr("Choosing the photos to label first…"))
        session.run_job(
            JobKind.SUGGEST,
            session.jobs.suggest,
            session.snapshot(),
            self.count,
            on_return=lambda suggested: self._suggested(suggested, show),
        )

    def _suggested(self, suggested: Sequence[Suggested], show: bool) -> None:
        results = self.session.results
        self.asked, self.folder, self.done_said = True, self.session.folder, False
        self.queue = [row for s in suggested if (row := results.row_of(s.result.path)) is not None]
        if show:
            if self.queue:
                end = _tr(
                    "That was the last of the %n photo(s) you were asked about. Teach the model ({teach}); "
                    "then {ask} asks about the next ones.",
                    len(self.queue),
                )
                self.screen.show_review(self.queue, 0, end.format(**shortcuts()))
                self.screen.status(
                    _tr("Label these %n photo(s) first: they would teach the model most.", len(self.queue))
                )
            else:
                self.screen.status(_tr("No photo to suggest: every photo is labelled."))
        self.session.changed.emit()

    def _job_ended(self, kind: str, how: str) -> None:
        if kind != JobKind.CLASSIFY.value:
            return
        if self.asked and how == "returned" and self.folder == self.session.folder:
            QTimer.singleShot(0, lambda: self.start(show=False))  # the model may be new (taught): rank again
        else:
            self.asked, self.queue = False, []  # another folder, or a run stopped: asked for again

    def _labels_given(self, _changed: object) -> None:
        """Once every photo of the queue has a label: say to teach, and that the next ones come after."""
        results = self.session.results.results
        if not self.asked or not self.queue or self.folder != self.session.folder:
            return
        done = all(row < len(results) and results[row].human_label is not None for row in self.queue)
        if done and not self.done_said:
            text = _tr(
                "All %n photo(s) you were asked about are labelled. Teach the model ({teach}); then {ask} asks "
                "about the next ones, chosen by what it learnt.",
                len(self.queue),
            )
            self.screen.status(text.format(**shortcuts()))
        self.done_said = done  # a label taken back (Ctrl+Z, Backspace): said again when all are labelled again
