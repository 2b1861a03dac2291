"""Candidate rules for which photos to label first, measured by ``suggest.py --rule`` against the shipped one.

* ``typical``: cold-start active learning after TypiClust (Hacohen, Dekel & Weinshall, ICML 2022): with a budget
  of N labels, cut the folder into N clusters (k-means on the features the model reads, cosine) and label the
  most *typical* photo of each (the densest: the smallest mean distance to its nearest neighbours). With few
  labels, the typical photos of the folder's kinds teach more than its odd, uncertain ones.
* ``typical-unsure``: the same clusters, but from each the most uncertain of its most typical half.
* ``balanced``: the shipped ranking, taken in turn from each class the model predicts.
"""

from __future__ import annotations

import numpy as np

from sakura_sorter.model.suggest import uncertainty, unit_rows

NEIGHBOURS = 10


def spherical_kmeans(unit: np.ndarray, k: int, seed: int = 0, iterations: int = 30) -> np.ndarray:
    """Cluster of each row (unit vectors), k-means++ start, cosine similarity."""
    rng = np.random.default_rng(seed)
    n = len(unit)
    centres = [unit[rng.integers(n)]]
    for _ in range(1, k):
        d = np.clip(1.0 - np.max(unit @ np.array(centres).T, axis=1), 0.0, None) ** 2
        centres.append(unit[rng.choice(n, p=d / d.sum())] if d.sum() > 0 else unit[rng.integers(n)])
    c = np.array(centres)
    assign = np.zeros(n, int)
    for _ in range(iterations):
        new = np.argmax(unit @ c.T, axis=1)
        if np.array_equal(new, assign) and _ > 0:
            break
        assign = new
        for j in range(k):
            members = unit[assign == j]
            if len(members):
                m = members.sum(0)
                c[j] = m / max(np.linalg.norm(m), 1e-12)
    return assign


def typicality(unit: np.ndarray, neighbours: int = NEIGHBOURS) -> np.ndarray:
    """1 / mean cosine distance to the ``neighbours`` nearest other rows (the density TypiClust ranks by)."""
    d = np.clip(1.0 - unit @ unit.T, 0.0, None)
    np.fill_diagonal(d, np.inf)
    k = max(1, min(neighbours, len(unit) - 1))
    near = np.sort(d, axis=1)[:, :k]
    return 1.0 / np.maximum(near.mean(axis=1), 1e-9)


def typical(seen: np.ndarray, scores: np.ndarray, count: int, seed: int = 0, unsure: bool = False) -> list[int]:
    """The ``count`` rows to label: one per cluster, its most typical (or most uncertain of its typical half)."""
    unit = unit_rows(seen)
    count = min(count, len(unit))
    if count <= 0:
        return []
    assign = spherical_kmeans(unit, count, seed)
    dense = typicality(unit)
    doubt = uncertainty(scores)
    picks = []
    for j in sorted(set(assign.tolist()), key=lambda j: -int(np.sum(assign == j))):  # largest clusters first
        members = np.flatnonzero(assign == j)
        if unsure and len(members) > 1:
            top = members[np.argsort(-dense[members])][: max(1, len(members) // 2)]
            picks.append(int(top[np.argmax(doubt[top])]))
        else:
            picks.append(int(members[np.argmax(dense[members])]))
    rest = [i for i in np.argsort(-dense) if i not in picks]  # clusters fewer than count (empty ones)
    return (picks + [int(i) for i in rest])[:count]


def balanced(ranked: list[int], scores: np.ndarray, count: int) -> list[int]:
    """The shipped ranking taken in turn from each class the model predicts (sakura, cosmos, neither...), so
    the person's labels do not all fall on one side of the boundary."""
    guess = np.argmax(np.asarray(scores), axis=1)
    queues = {int(c): [i for i in ranked if guess[i] == c] for c in sorted(set(guess.tolist()))}
    picks: list[int] = []
    while len(picks) < min(count, len(ranked)):
        for queue in queues.values():
            if queue and len(picks) < count:
                picks.append(queue.pop(0))
    return picks
