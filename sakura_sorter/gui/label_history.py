"""What Ctrl+Z gives back of the labels a person gave: each key press is one batch (Ctrl+A then S labels every
photo at once, and one Ctrl+Z takes the whole batch back), undone newest first. Qt-free: rows are the results
model's rows, each batch keeps every photo's label before (a class, ``other``, or None: the model's label).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class LabelBatch:
    """One key press: the label given and each changed row's label before."""

    label: str | None
    before: dict[int, str | None] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.before)


def _always(_row: int) -> bool:
    return True


class LabelHistory:
    """The batches still to undo, oldest first. ``labellable(row)`` says whether a photo may still change label
    (an applied photo may not): batches left with no such photo are skipped."""

    def __init__(self) -> None:
        self.batches: list[LabelBatch] = []

    def record(self, label: str | None, before: dict[int, str | None]) -> None:
        if before:
            self.batches.append(LabelBatch(label, dict(before)))

    def last(self, labellable: Callable[[int], bool] = _always) -> LabelBatch | None:
        """The batch Ctrl+Z would undo now (only its photos that may still change), or None."""
        while self.batches:
            batch = self.batches[-1]
            left = {row: was for row, was in batch.before.items() if labellable(row)}
            if left:
                return LabelBatch(batch.label, left)
            self.batches.pop()
        return None

    def pop(self, labellable: Callable[[int], bool] = _always) -> dict[int, str | None] | None:
        """Take the last batch off: each row's label to give back, or None when there is nothing to undo."""
        batch = self.last(labellable)
        if batch is None:
            return None
        self.batches.pop()
        return batch.before

    def clear(self) -> None:
        self.batches = []
