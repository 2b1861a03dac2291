"""Plain data records that flow from the pipeline to sorting, reports and the GUI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


#: A review threshold: one confidence for every label, or one per label (a model's calibrated thresholds;
#: the key ``"*"`` is the value for labels not listed).
Threshold = float | Mapping[str, float]


def review_threshold(threshold: Threshold, label: str | None) -> float:
    """The confidence below which a photo the model labels ``label`` goes to review."""
    if isinstance(threshold, Mapping):
        return float(threshold.get(label or "", threshold.get("*", 0.0)))
    return float(threshold)


@dataclass
class PhotoResult:
    """What the classifier said about one photo (or why it could not say anything).

    ``label`` is the model's label; a person's correction lives in ``human_label`` and wins
    when sorting. ``scores`` holds the per-class confidence (summing to 1) so that a new
    threshold needs no new inference.
    """

    path: Path
    label: str | None = None
    confidence: float | None = None
    scores: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    human_label: str | None = None
    sha256: str | None = None  #: the photo's content hash, when it was read (keys the person's labels)
    feature: np.ndarray | None = field(default=None, repr=False, compare=False)  #: its VGG16 features

    @property
    def ok(self) -> bool:
        return self.error is None and self.label is not None

    @property
    def status(self) -> str:
        return "ok" if self.ok else "error"

    @property
    def final_label(self) -> str | None:
        """The label to act on: the person's when given, else the model's (``other`` = stays where it is)."""
        return self.human_label or self.label

    def needs_review(self, threshold: Threshold) -> bool:
        """True when the model is below ``threshold`` (for its label) and no person has decided."""
        return (
            self.ok and self.human_label is None and (self.confidence or 0.0) < review_threshold(threshold, self.label)
        )
