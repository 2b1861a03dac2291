"""How well a model labels photos whose labels are known: accuracy, confusion matrix and each mistake."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass
class Mistake:
    path: Path
    true: str
    predicted: str
    confidence: float | None = None


@dataclass
class Evaluation:
    """Figures of one labelled set; ``confusion[i][j]`` counts photos of ``classes[i]`` labelled ``classes[j]``."""

    classes: list[str]
    confusion: list[list[int]]
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def total(self) -> int:
        return int(sum(sum(row) for row in self.confusion))

    @property
    def correct(self) -> int:
        return int(sum(self.confusion[i][i] for i in range(len(self.classes))))

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def evaluate_labels(
    truth: Sequence[str],
    predicted: Sequence[str],
    classes: Sequence[str],
    paths: Sequence[Path] | None = None,
    confidence: Sequence[float] | None = None,
) -> Evaluation:
    """Compare predicted with true labels; mistakes are listed most confident first."""
    from sklearn.metrics import confusion_matrix

    matrix = confusion_matrix(list(truth), list(predicted), labels=list(classes)).tolist()
    mistakes = [
        Mistake(
            Path(paths[i]) if paths is not None else Path(),
            str(truth[i]),
            str(predicted[i]),
            None if confidence is None else float(confidence[i]),
        )
        for i in range(len(truth))
        if truth[i] != predicted[i]
    ]
    mistakes.sort(key=lambda m: -(m.confidence or 0.0))
    return Evaluation(list(classes), [[int(v) for v in row] for row in matrix], mistakes)


def accuracy(truth: Sequence[str], predicted: Sequence[str]) -> float:
    return float(np.mean(np.asarray(truth) == np.asarray(predicted))) if len(truth) else 0.0
