"""What the parts of :class:`~sakura_sorter.gui.controller.Controller` share: its state, declared once for the
type checker, and the few methods each part calls on the whole.

The controller is split into parts (mixins, to keep modules small): :class:`~.disk_jobs.DiskJobs` and
:class:`~.model_jobs.ModelJobs`. Each part derives from :class:`ControllerBase`, so it may use any of the
controller's state; the controller sets it all in its ``__init__``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sakura_sorter.jobs import FolderScan, Jobs
    from sakura_sorter.results import PhotoResult

    from . import tasks
    from .apply_dialog import ApplyDialog
    from .label_keeper import LabelKeeper
    from .model_jobs import SwitchNote
    from .teach_dialog import TeachDialog
    from .train_dialog import TrainDialog
    from .view import MainWindow
    from .worker import Worker, WorkerSet


class ControllerBase:
    """The controller's state (set by ``Controller.__init__``) and what its parts call on it."""

    view: MainWindow
    jobs: Jobs
    workers: WorkerSet
    keeper: LabelKeeper
    folder: Path | None
    scan: FolderScan | None
    job: Worker | None  #: the job running now (one at a time)
    runs: list[tasks.ApplyResult]  #: runs made in this window and not undone, oldest first
    undoable: bool
    writable: bool
    classified_at: float  #: wall-clock time classifying started (photos changed after it are stale)
    model_info: tasks.ModelInfo | None
    apply_dialog: ApplyDialog | None
    teach_dialog: TeachDialog | None
    train_dialog: TrainDialog | None
    switch_note: SwitchNote | None
    ask_before_discarding: bool  #: ask before closing with labels not kept, taught or applied

    @property
    def busy(self) -> bool:
        return self.job is not None

    def _snapshot(self) -> list[PhotoResult]:
        """Copies of the results still to sort, so the worker never reads objects the window may change."""
        return [dataclasses.replace(r) for r in self.view.model.pending_results()]

    if TYPE_CHECKING:  # defined by the controller

        def run_job(
            self,
            kind: str,
            fn: Callable[..., Any],
            *args: Any,
            on_return: Callable[[Any], None] | None = None,
            on_yield: Callable[[Any], None] | None = None,
            cancellable: bool = False,
        ) -> Worker: ...

        def update_actions(self) -> None: ...

        def start_run(self, chosen: bool = False) -> None: ...

        def review_uncertain(self) -> None: ...
