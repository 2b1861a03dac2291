"""The window's state, without a widget: the folder, its scan, the results, the runs, the model in use, the
job running now, and the person's labels on their way to the teaching set.

The flows (:mod:`.flows`) change it and run its jobs; the window listens to its signals and shows it. Only
one job runs at a time: :meth:`Session.run_job` starts it on a worker thread (background functions get data
only, never a widget), and its result, progress and failure come back on the GUI thread.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from sakura_sorter.gui.label_keeper import LabelKeeper
from sakura_sorter.gui.results.model import ResultsModel
from sakura_sorter.gui.worker import Worker, WorkerSet
from sakura_sorter.jobs import FolderScan, Jobs
from sakura_sorter.jobs.events import Cancelled
from sakura_sorter.jobs.tasks import ApplyResult, ModelInfo
from sakura_sorter.results import PhotoResult


class JobKind(str, Enum):
    """What a background job does; the window says each in words of its own (a failure, a stop)."""

    SCAN = "scan"
    CLASSIFY = "classify"
    PLAN = "plan"
    APPLY = "apply"
    UNDO = "undo"
    EXPORT = "export"
    TEACH = "teach"
    ADOPT = "adopt"
    SWITCH = "switch"
    TRAIN = "train"
    ADOPT_TRAINED = "adopt_trained"
    SUGGEST = "suggest"


@dataclass
class SwitchNote:
    """What to say once the photos are classified again after a switch: the new model's name (markup), the
    model to switch back to, and each photo's label before."""

    name: str
    back: str | None
    before: dict[Path, str | None]


class Session(QObject):
    """The state the flows share. Signals: ``changed()`` (what may be done now changed: the window enables its
    commands again), ``jobEnded(kind, how)`` (how: returned, errored, aborted), ``jobFailed(kind, exc)`` (the
    window shows the error; a stop on request comes as ``jobEnded(kind, "aborted")`` only), ``modelChanged()``
    (``model_info`` is new), ``classifiedAgain(stopped)`` (a run made to show a model switch ended)."""

    changed = Signal()
    jobEnded = Signal(str, str)
    jobFailed = Signal(str, object)
    modelChanged = Signal()
    classifiedAgain = Signal(bool)

    def __init__(self, jobs: Jobs, results: ResultsModel, parent: QObject | None = None):
        super().__init__(parent)
        self.jobs = jobs
        self.results = results
        self.workers = WorkerSet(self)
        self.keeper = LabelKeeper(lambda: self.jobs, self.workers, self)
        self.folder: Path | None = None
        self.scan: FolderScan | None = None
        self.job: Worker | None = None  #: the job running now (one at a time)
        self.job_kind = ""
        self.undoable = False
        self.writable = True
        self.weights_here = True
        self.runs: list[ApplyResult] = []  #: runs made in this window and not undone, oldest first
        self.model_info: ModelInfo | None = None
        self.switch_note: SwitchNote | None = None
        self.classified_at = 0.0  #: wall-clock time classifying started (photos changed after it are stale)
        self.chosen_at = 0.0  #: monotonic time the folder was chosen
        self.first_result_seconds: float | None = None  #: from choosing the folder to the first result shown
        self.ask_before_discarding = True  #: ask before closing with labels not kept, taught or applied
        self.cancel_requested = False
        self.run_total = 0
        results.labelsGiven.connect(self.keeper.keep)
        self.keeper.kept.connect(results.set_hashes)
        self.keeper.changed.connect(self.changed)

    @property
    def busy(self) -> bool:
        return self.job is not None

    @property
    def model_entry(self) -> str | None:
        """The model in use, by its name in the Model menu (None: unknown yet, or a folder given with --model)."""
        return self.model_info.entry if self.model_info is not None else None

    @property
    def last_apply(self) -> ApplyResult | None:
        return self.runs[-1] if self.runs else None

    def set_model(self, info: ModelInfo) -> None:
        self.model_info = info
        self.modelChanged.emit()

    def snapshot(self) -> list[PhotoResult]:
        """Copies of the results still to sort, so the worker never reads objects the window may change."""
        return [dataclasses.replace(r) for r in self.results.pending_results()]

    def run_job(
        self,
        kind: JobKind,
        fn: Callable[..., Any],
        *args: Any,
        on_return: Callable[[Any], None] | None = None,
        on_yield: Callable[[Any], None] | None = None,
        cancellable: bool = False,
    ) -> Worker:
        """Run ``fn(*args)`` on a worker; ``on_return``/``on_yield`` are called on the GUI thread."""
        worker = Worker(fn, *args, cancellable=cancellable)
        self.job, self.job_kind = worker, kind.value
        if on_yield is not None:
            worker.yielded.connect(on_yield)

        def returned(value: Any) -> None:
            aborted = worker.abort_requested
            if on_return is not None:
                on_return(value)
            self._ended(worker, kind.value, "aborted" if aborted else "returned")

        def errored(exc: BaseException) -> None:
            if not isinstance(exc, Cancelled):  # stopped on request: nothing to report
                self.jobFailed.emit(kind.value, exc)
            self._ended(worker, kind.value, "aborted" if isinstance(exc, Cancelled) else "errored")

        worker.returned.connect(returned)
        worker.errored.connect(errored)
        self.workers.start(worker)
        self.changed.emit()
        return worker

    def _ended(self, worker: Worker, kind: str, how: str) -> None:
        if self.job is worker:
            self.job, self.job_kind = None, ""
        self.changed.emit()
        self.jobEnded.emit(kind, how)

    def cancel_job(self) -> None:
        """Stop the running job at its next step (training: the dialog says when it has stopped)."""
        if self.job is not None:
            self.job.quit()

    def shutdown(self) -> None:
        """Keep the labels still waiting and stop the jobs (the window is closing)."""
        self.keeper.flush()
        self.workers.stop_all()
