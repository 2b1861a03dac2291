"""How well a model labels photos whose labels are known: accuracy, confusion matrix and each mistake."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sakura_sorter.results import Threshold, review_threshold


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


@dataclass
class SortingFigures:
    """What ``sort`` would do with photos whose truth is known, at one confidence threshold.

    Per subset (a class, or a folder of photos that belong to none): how many photos, how many would be
    sorted into their own class folder (``right``), into another class folder (``wrong``), or stay where
    they are (``stay``: labelled ``other``, or below the threshold). For a neither subset every photo
    sorted into a class folder is ``wrong``.
    """

    threshold: float
    subsets: dict[str, dict[str, int]] = field(default_factory=dict)
    background: set[str] = field(default_factory=set)  # subsets whose photos belong to no class
    per_class: dict[str, float] | None = None  # a model's thresholds per label, when it has them

    def add(self, subset: str, truth: str, label: str, confidence: float, neither: str) -> None:
        row = self.subsets.setdefault(subset, {"n": 0, "right": 0, "wrong": 0, "stay": 0, "review": 0})
        row["n"] += 1
        if truth == neither:
            self.background.add(subset)
        if confidence < review_threshold(self.per_class or self.threshold, label):
            row["stay"] += 1
            row["review"] = row.get("review", 0) + 1
        elif label == neither:
            row["stay"] += 1
        elif label == truth:
            row["right"] += 1
        else:
            row["wrong"] += 1

    def totals(self, background: bool) -> dict[str, int]:
        """Summed rows of the class subsets (``background=False``) or of the neither subsets."""
        rows = [r for s, r in self.subsets.items() if (s in self.background) == background]
        return {k: sum(r.get(k, 0) for r in rows) for k in ("n", "right", "wrong", "stay", "review")}

    def _share(self, background: bool, key: str) -> float:
        t = self.totals(background)
        return t[key] / t["n"] if t["n"] else 0.0

    @property
    def neither_sorted_rate(self) -> float:
        """Share of the photos that belong to no class that would be sorted into a class folder."""
        return self._share(True, "wrong")

    @property
    def class_kept_out_rate(self) -> float:
        """Share of the class photos that would wrongly stay where they are (neither, or review)."""
        return self._share(False, "stay")

    @property
    def review_rate(self) -> float:
        """Share of all photos left in place for review (below the threshold)."""
        rows = self.subsets.values()
        n = sum(r["n"] for r in rows)
        return sum(r.get("review", 0) for r in rows) / n if n else 0.0

    @property
    def class_right_rate(self) -> float:
        return self._share(False, "right")

    @property
    def class_wrong(self) -> int:
        return self.totals(background=False)["wrong"]

    def as_card(self) -> dict[str, object]:
        return {
            "threshold": self.threshold,
            **({"thresholds": self.per_class} if self.per_class else {}),
            "review": self.review_rate,
            "neither_sorted_into_a_class_folder": self.neither_sorted_rate,
            "class_photos_kept_out": self.class_kept_out_rate,
            "class_photos_sorted_right": self.class_right_rate,
            "class_photos_in_the_wrong_folder": self.class_wrong,
            "subsets": self.subsets,
            "neither_subsets": sorted(self.background),
        }


def sorting_figures(
    subsets: Sequence[str | Sequence[str]],
    truth: Sequence[str],
    labels: Sequence[str],
    confidence: Sequence[float],
    threshold: Threshold,
    neither: str,
) -> SortingFigures:
    """Figures per subset; a photo may count in several (``subsets[i]`` a list of names: its kinds, say)."""
    if isinstance(threshold, Mapping):
        per_class = {str(k): float(v) for k, v in threshold.items()}
        figures = SortingFigures(per_class.get("*", min(per_class.values(), default=0.0)), per_class=per_class)
    else:
        figures = SortingFigures(float(threshold))
    for s, t, label, c in zip(subsets, truth, labels, confidence):
        for name in [s] if isinstance(s, str) else s:
            figures.add(name, t, label, float(c), neither)
    return figures


def kind_rows(label: str, kinds: Sequence[str]) -> list[str]:
    """The rows a photo of ``label`` counts in when figures are broken down by kind: ``"sakura: whole scene"``."""
    return [label, *(f"{label}: {k}" for k in kinds)]
