"""Review thresholds per class, calibrated on photos from sources the model did not see.

One threshold for every class sends too much to review for one class and too little for another: other
pink flowers go into ``sakura/`` at confidences where cosmos are never wrong. So each class folder gets the
lowest threshold at which, among the source-held-out photos the model labels that class with at least that
confidence, at least :data:`PRECISION_TARGET` truly are that class (ordinary photos and other flowers
included) and at most :data:`WRONG_CLASS_LIMIT` are photos of another class. A class that never reaches it
gets the threshold (at most :data:`CEILING`) at which its folder is cleanest: sending every photo of a class
to review would make the model useless. The background class gets :data:`BACKGROUND` (a photo that stays
anyway goes to review only when the model can hardly choose).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Share of what goes into a class folder that must belong there (measured with sources held out).
PRECISION_TARGET = 0.9
#: Share of it that may be photos of another class (a cosmos in ``sakura/``): the error people notice most.
WRONG_CLASS_LIMIT = 0.01
CEILING = 0.9
GRID = tuple(round(0.5 + 0.01 * i, 2) for i in range(41))  # 0.50 .. 0.90
BACKGROUND = 0.5


def calibrate_thresholds(
    truth: Sequence[str],
    labels: Sequence[str],
    confidence: Sequence[float],
    classes: Sequence[str],
    neither: str,
    target: float = PRECISION_TARGET,
) -> dict[str, float]:
    """{class: review threshold} from held-out ``labels`` and ``confidence`` of photos whose ``truth`` is known."""
    t, lab, conf = np.asarray(truth), np.asarray(labels), np.asarray(confidence, dtype=np.float64)
    out: dict[str, float] = {}
    for c in classes:
        if c == neither:
            out[c] = BACKGROUND
            continue
        best, best_precision = CEILING, -1.0
        for threshold in GRID:
            chosen = (lab == c) & (conf >= threshold)
            precision = float(np.mean(t[chosen] == c)) if chosen.any() else 0.0
            other_class = float(np.mean((t[chosen] != c) & (t[chosen] != neither))) if chosen.any() else 0.0
            if precision >= target and other_class <= WRONG_CLASS_LIMIT:
                best = threshold
                break
            if precision > best_precision:
                best, best_precision = threshold, precision
        out[c] = best
    return out
