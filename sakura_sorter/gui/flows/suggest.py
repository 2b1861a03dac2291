""" "Label these N first" (issue 17): the photos whose labels would teach the model most, by the same rule as
``sakura-sorter suggest`` (:func:`sakura_sorter.jobs.suggesting.suggest`, which re-scores the photos' features
by the model in use), shown one at a time in the review, best first. After the folder is classified again (by
a taught model, say), the queue is worked out again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

from sakura_sorter.gui.session import JobKind, Session
from sakura_sorter.jobs.suggesting import DEFAULT_COUNT, Suggested

from .screen import Screen

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("SuggestFlow", text, "", n)


class SuggestFlow:
    """The queue of photos to label first: ``queue`` holds their rows, best first (empty until asked for)."""

    def __init__(self, session: Session, screen: Screen, count: int = DEFAULT_COUNT):
        self.session, self.screen, self.count = session, screen, count
        self.queue: list[int] = []
        self.asked = False  #: the person opened the queue in this folder: keep it up to date
        self.folder: Path | None = None
        session.jobEnded.connect(self._job_ended)

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
        self.asked, self.folder = True, self.session.folder
        self.queue = [row for s in suggested if (row := results.row_of(s.result.path)) is not None]
        if show:
            if self.queue:
                self.screen.show_review(self.queue, 0)
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
