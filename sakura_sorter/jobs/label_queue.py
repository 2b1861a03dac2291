"""Labels a person gives in the window, on their way to the teaching set, and those the model has not learnt yet.

The window labels photos one key press at a time, sometimes hundreds at once; keeping a label may hash the
photo, so it is done off the GUI thread, one batch at a time, in order. :class:`LabelQueue` is that order:
labels wait here, the newest per photo (label, relabel and take back before the batch runs: only the last
counts), and :func:`keep_labels` keeps one batch (plain Python, run on a worker). The queue also counts the
labels given since the model was last taught (:attr:`LabelQueue.untaught`), for the window to offer teaching
before it closes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.results import PhotoResult

if TYPE_CHECKING:
    from sakura_sorter.jobs.core import Jobs


@dataclass
class Kept:
    """One batch kept: the content hash of each photo (path -> sha256) and how many labels were kept."""

    hashes: dict[Path, str] = field(default_factory=dict)
    kept: int = 0


def keep_labels(jobs: Jobs, batch: Sequence[PhotoResult]) -> Kept:
    """Keep the labels of ``batch`` (copies: this may run on a worker) in the teaching set; forget those
    taken back (``human_label`` None). Raises ``TeachingSetError`` when the teaching set cannot be written."""
    kept = jobs.remember(batch)
    return Kept({r.path: r.sha256 for r in batch if r.sha256}, kept)


class LabelQueue:
    """Labels waiting to be kept (newest per photo), the batch being kept, and the labels not taught yet."""

    def __init__(self) -> None:
        self._pending: dict[Path, PhotoResult] = {}
        self.in_flight: list[PhotoResult] = []
        #: photo -> the label the person gave in this session and the model has not been taught with
        self.untaught: dict[Path, str] = {}
        #: photo -> a label that could not be kept (the teaching set failed): lost when the window closes
        self.unsaved: dict[Path, str | None] = {}

    def add(self, results: Iterable[PhotoResult]) -> int:
        """Queue the person's current label of each result (copied: the window may change it meanwhile)."""
        count = 0
        for result in results:
            if not result.ok:
                continue
            self._pending[result.path] = dataclasses.replace(result, scores=dict(result.scores))
            if result.human_label is None:
                self.untaught.pop(result.path, None)
            else:
                self.untaught[result.path] = result.human_label
            count += 1
        return count

    @property
    def waiting(self) -> int:
        return len(self._pending)

    @property
    def idle(self) -> bool:
        """Nothing waiting and nothing being kept."""
        return not self._pending and not self.in_flight

    def take(self) -> list[PhotoResult]:
        """The next batch to keep (every label waiting), now in flight; empty while a batch is in flight."""
        if self.in_flight or not self._pending:
            return []
        self.in_flight = list(self._pending.values())
        self._pending.clear()
        return list(self.in_flight)

    def done(self, kept: Kept | None) -> list[PhotoResult]:
        """The batch in flight ended (``kept`` None: it failed, and its labels are marked unsaved); returns it."""
        batch, self.in_flight = self.in_flight, []
        for result in batch:
            if kept is None:
                self.unsaved[result.path] = result.human_label
            else:
                self.unsaved.pop(result.path, None)
        return batch

    def taught(self, labels: Mapping[Path, str] | None = None) -> None:
        """The model was just taught with ``labels`` (a copy of :attr:`untaught` taken when teaching started;
        default: all of them). A photo labelled again since then stays untaught."""
        for path, label in list((self.untaught if labels is None else labels).items()):
            if self.untaught.get(path) == label:
                del self.untaught[path]

    def forget_unsaved(self) -> None:
        self.unsaved.clear()
