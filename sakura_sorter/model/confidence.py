"""Confidence from SVM margins.

Confidence: for two classes the SVM margin ``d`` (positive means ``classes[1]``) is mapped to
``p = 1 / (1 + exp(-a * d))`` with a single slope ``a > 0`` fitted on cross-validated margins (Platt
scaling without intercept). ``p(label) = max(p, 1 - p) >= 0.5``, so confidence never contradicts the
label. With more classes the one-vs-rest scores go through a softmax with the same kind of slope; the
label is their argmax.
"""

from __future__ import annotations

import numpy as np


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def margins_to_scores(decision: np.ndarray, slope: float, n_classes: int) -> np.ndarray:
    decision = np.asarray(decision, dtype=np.float64)
    if n_classes == 2:
        p1 = 1.0 / (1.0 + np.exp(-slope * decision.reshape(-1)))
        return np.column_stack([1.0 - p1, p1])
    return _softmax(slope * decision.reshape(-1, n_classes))


def fit_slope(decision: np.ndarray, y_index: np.ndarray, n_classes: int) -> float:
    """Fit the confidence slope on held-out margins by maximum likelihood (a 1-D search on a log grid).

    The grid is capped so that perfectly separated training data does not give infinite confidence.
    """
    grid = np.logspace(-2, 1.5, 300)
    best_slope, best_loss = 1.0, np.inf
    rows = np.arange(len(y_index))
    for slope in grid:
        scores = margins_to_scores(decision, slope, n_classes)
        loss = -np.mean(np.log(np.clip(scores[rows, y_index], 1e-12, 1.0)))
        # a weak prior towards slope 1 keeps the choice stable when many slopes fit equally well
        loss += 1e-3 * np.log(slope) ** 2
        if loss < best_loss:
            best_slope, best_loss = float(slope), loss
    return best_slope
