"""Which photos a person should label first: those whose labels would teach the model most.

The rule (measured against random choice in ``benchmarks/teach.py``): a photo is worth labelling when the
model is *unsure* of it and it is *unlike* what the model already knows. Photos are picked one at a time
(greedy), each time the photo with the highest

    worth = uncertainty x novelty,   novelty = d / (d + d0)

where ``uncertainty = 1 - (p1 - p2)`` (the gap between the two highest class scores: 1 when the model cannot
choose, 0 when it is certain), ``d`` is the cosine distance (``1 - cos``, in the features the model reads) to
the nearest photo among the model's training photos and the photos picked so far, and ``d0`` the folder's own
scale: the median distance of its photos to their nearest neighbour in it. A photo as far from everything known
as photos of the folder are from each other has novelty 0.5; a near-copy of a known photo, about 0. So a burst
of ten similar uncertain photos gives one suggestion, not ten, and photos like the training photos wait.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Training photos compared with at most (a random sample beyond it keeps suggesting fast).
MAX_REFERENCE = 4000


@dataclass(frozen=True)
class Suggestion:
    """One photo to label: its row in the input, and why (the two factors of its worth when it was picked)."""

    index: int
    uncertainty: float
    novelty: float

    @property
    def worth(self) -> float:
        return self.uncertainty * self.novelty


def uncertainty(scores: np.ndarray) -> np.ndarray:
    """``1 - (p1 - p2)`` per row of class scores (rows summing to 1)."""
    scores = np.asarray(scores, dtype=np.float64)
    if scores.shape[1] < 2:
        return np.zeros(len(scores))
    top = np.sort(scores, axis=1)[:, -2:]
    return 1.0 - (top[:, 1] - top[:, 0])


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (float64; all-zero rows stay zero)."""
    x = np.asarray(x, dtype=np.float64)
    return x / np.clip(np.linalg.norm(x, axis=1, keepdims=True), 1e-12, None)


def suggest(
    seen: np.ndarray, scores: np.ndarray, reference: np.ndarray | None = None, count: int = 20, seed: int = 0
) -> list[Suggestion]:
    """The ``count`` photos to label first, best first.

    ``seen``: the features the model reads, one row per photo; ``scores``: its class scores for them;
    ``reference``: the features (same view) of the photos the model was trained on, or None.
    """
    seen = unit_rows(seen)
    n = len(seen)
    count = max(0, min(int(count), n))
    if count == 0:
        return []
    unsure = uncertainty(scores)
    nearest = np.ones(n)  # cosine distance to the nearest known photo (1: nothing known yet)
    if reference is not None and len(reference):
        ref = unit_rows(reference)
        if len(ref) > MAX_REFERENCE:
            ref = ref[np.random.default_rng(seed).choice(len(ref), MAX_REFERENCE, replace=False)]
        for start in range(0, n, 512):
            block = seen[start : start + 512] @ ref.T
            nearest[start : start + 512] = 1.0 - block.max(axis=1)
    nearest = np.clip(nearest, 0.0, None)
    scale = folder_scale(seen, seed)
    picked: list[Suggestion] = []
    available = np.ones(n, bool)
    for _ in range(count):
        novelty = nearest / (nearest + scale)
        worth = np.where(available, unsure * novelty, -np.inf)
        best = int(np.argmax(worth))
        picked.append(Suggestion(best, float(unsure[best]), float(novelty[best])))
        available[best] = False
        nearest = np.minimum(nearest, np.clip(1.0 - seen @ seen[best], 0.0, None))
    return picked


def folder_scale(unit: np.ndarray, seed: int = 0, sample: int = 1000) -> float:
    """The median cosine distance of the photos (unit rows) to their nearest other photo (on a sample)."""
    n = len(unit)
    if n < 2:
        return 1.0
    rows = np.random.default_rng(seed).choice(n, min(n, sample), replace=False)
    sims = unit[rows] @ unit.T
    sims[np.arange(len(rows)), rows] = -np.inf  # not itself
    return max(float(np.median(np.clip(1.0 - sims.max(axis=1), 0.0, None))), 1e-9)


def random_choice(n: int, count: int, seed: int) -> list[int]:
    """``count`` rows drawn at random (the baseline a rule must beat)."""
    return [int(i) for i in np.random.default_rng(seed).choice(n, min(count, n), replace=False)]


def order_of(suggestions: Sequence[Suggestion]) -> dict[int, int]:
    """{row: rank (1 = label first)}."""
    return {s.index: rank for rank, s in enumerate(suggestions, 1)}
