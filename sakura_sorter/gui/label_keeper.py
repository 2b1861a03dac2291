"""Keeps every label a person gives in the teaching set, off the GUI thread, in order (see :mod:`..jobs.label_queue`).

One batch at a time runs on a worker; labels given meanwhile wait (the newest per photo) and go in the next
batch. Jobs that read the teaching set (classifying, teaching) start through :meth:`LabelKeeper.when_idle`,
so they see every label given before them. A teaching set that cannot be written is said once, in the error
dialog; the labels stay in the window and the window warns before they are lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from sakura_sorter.gui.worker import Worker, WorkerSet
from sakura_sorter.jobs import Jobs
from sakura_sorter.jobs.label_queue import Kept, LabelQueue, keep_labels
from sakura_sorter.results import PhotoResult


class LabelKeeper(QObject):
    """``kept(hashes)`` fires after each batch (path -> content hash, to spare hashing the photo again);
    ``failed(exc)`` when the teaching set cannot be written; ``changed()`` whenever the counts change."""

    kept = Signal(object)
    failed = Signal(object)
    changed = Signal()

    def __init__(self, jobs: Callable[[], Jobs], workers: WorkerSet, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs = jobs
        self._workers = workers
        self.queue = LabelQueue()
        self._worker: Worker | None = None
        self._waiting: list[Callable[[], None]] = []
        self._flushing = False

    # --- what the window asks ----------------------------------------------------------------------

    @property
    def untaught(self) -> int:
        """Labels given in this window that the model has not been taught with."""
        return len(self.queue.untaught)

    @property
    def unsaved(self) -> int:
        """Labels that could not be kept in the teaching set (lost when the window closes)."""
        return len(self.queue.unsaved)

    @property
    def idle(self) -> bool:
        return self.queue.idle

    def keep(self, results: Sequence[PhotoResult]) -> None:
        """Keep the current label of these photos (a class, ``other``, or None: forget it)."""
        if self.queue.add(results):
            self.changed.emit()
            self._next()

    def when_idle(self, then: Callable[[], None]) -> None:
        """Call ``then`` once every label given so far is kept (at once when nothing is waiting)."""
        if self.queue.idle:
            then()
        else:
            self._waiting.append(then)

    def taught(self, labels: Mapping[Path, str] | None = None) -> None:
        """The model was taught with these labels (see :meth:`LabelQueue.taught`)."""
        self.queue.taught(labels)
        self.changed.emit()

    def forget_unsaved(self) -> None:
        """The person chose to lose the labels that could not be kept."""
        if self.queue.unsaved:
            self.queue.forget_unsaved()
            self.changed.emit()

    def flush(self, timeout_ms: int = 30000) -> None:
        """Keep every waiting label now, blocking (the window is closing): wait for the batch in flight, then
        keep the rest on this thread."""
        self._flushing = True
        try:
            if self._worker is not None and self._worker.wait(timeout_ms):
                QCoreApplication.sendPostedEvents(self, 0)  # its result, which is queued for this object
            batch = self.queue.take()
            if batch:
                try:
                    self._ended(keep_labels(self._jobs(), batch))
                except Exception as exc:  # said in the dialog; the labels are marked unsaved
                    self._failed(exc)
        finally:
            self._flushing = False

    # --- the worker ------------------------------------------------------------------------------

    def _next(self) -> None:
        if self._flushing:
            return
        batch = self.queue.take()
        if not batch:
            if self.queue.idle:
                waiting, self._waiting = self._waiting, []
                for then in waiting:
                    then()
            return
        worker = Worker(keep_labels, self._jobs(), batch)
        worker.setObjectName("keep_labels")
        worker.returned.connect(self._ended)
        worker.errored.connect(self._failed)
        self._worker = worker
        self._workers.start(worker)

    def _ended(self, kept: Kept) -> None:
        self._worker = None
        self.queue.done(kept)
        self.kept.emit(kept.hashes)
        self.changed.emit()
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self._worker = None
        first = not self.queue.unsaved
        self.queue.done(None)
        if first:
            self.failed.emit(exc)
        self.changed.emit()
        self._next()
