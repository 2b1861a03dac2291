"""Run a plain function or generator on a QThread and report back with signals (superqt ``thread_worker`` shape).

The background function receives only data, never widgets. A generator is advanced on the worker thread;
each value it yields is sent to the GUI thread with ``yielded``, and its return value with ``returned``.
With ``cancellable=True`` the function gets ``cancel=`` a callable that turns true once :meth:`Worker.quit`
was called: the job stops at its next step on its own and returns what it has (cooperative cancel).
Signals, all delivered on the GUI thread: ``started``, ``yielded(value)``, then one of ``returned(value)`` /
``errored(exc)``, and ``finished`` last.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.progress import drain


class Worker(QThread):
    """One background job. Create it, connect its signals, then :meth:`start` it."""

    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        parent: QObject | None = None,
        cancellable: bool = False,
        **kwargs: Any,
    ):
        super().__init__(parent)
        self._abort = threading.Event()
        if cancellable:
            kwargs["cancel"] = self._abort.is_set
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.traceback_text = ""
        self.setObjectName(getattr(fn, "__name__", "worker"))

    def quit(self) -> None:
        """Ask a cancellable job to stop at its next step (others run to their end)."""
        self._abort.set()

    @property
    def abort_requested(self) -> bool:
        return self._abort.is_set()

    def run(self) -> None:
        try:
            value = self._fn(*self._args, **self._kwargs)
            if isinstance(value, Generator):
                value = drain(value, self.yielded.emit)
            self.returned.emit(value)
        except BaseException as exc:
            self.traceback_text = traceback.format_exc()
            if not _is_expected(exc):
                sys.stderr.write(self.traceback_text)
            self.errored.emit(exc)


def _is_expected(exc: BaseException) -> bool:
    """Errors a person is told about in words (no traceback on the terminal): ours, and the system's refusals."""
    return isinstance(exc, SakuraSorterError | OSError)


class WorkerSet(QObject):
    """Keeps running workers alive until their thread has really ended."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._running: set[Worker] = set()

    def start(self, worker: Worker) -> Worker:
        self._running.add(worker)
        worker.finished.connect(lambda w=worker: self._done(w))
        worker.start()
        return worker

    def _done(self, worker: Worker) -> None:
        worker.wait()
        self._running.discard(worker)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def stop_all(self, timeout_ms: int = 30000) -> None:
        """Ask every job to stop and wait for them (used when the window closes)."""
        for worker in list(self._running):
            worker.quit()
        for worker in list(self._running):
            worker.wait(timeout_ms)
        self._running.clear()
