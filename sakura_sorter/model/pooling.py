"""How a model turns its scores of the parts of a photo into one margin per class: find sakura anywhere.

A linear SVM on average-pooled features scores the *mean* of the photo, so a cherry tree at the edge of a
hanami photo is diluted by the people, the sky and the path. Because the model is linear, its margin of the
whole photo is the area-weighted mean of its margins of the 3 x 3 regions the extractor also averages
(:data:`~sakura_sorter.vision.extractor.REGIONS`). ``regions3x3/top4/0.5`` pools each flower class's margin
as ``0.5 * mean + 0.5 * (mean of its 4 best regions)``: a photo is sakura when the whole of it, or a good part
of it, looks like sakura. The background class (``other``) keeps the mean: "neither" is a property of the
whole photo. The SVMs are fitted on the averages as before; only their reading changes.

Chosen with whole sources held out (``benchmarks/pooling.py``, summary in ``benchmarks/README.md``), among
max, top-k of 49 positions, soft maxima and region grids. ``mean`` is the recipe's reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sakura_sorter.vision.extractor import LAYER_DIM, split_features

MEAN = "mean"
REGION_TOP = "regions3x3/top4/0.5"
POOLINGS = (MEAN, REGION_TOP)


@dataclass(frozen=True)
class RegionPooling:
    """``mix * mean + (1 - mix) * mean of the ``top`` best regions``, for the classes it applies to."""

    top: int = 4
    mix: float = 0.5


SETTINGS = {REGION_TOP: RegionPooling(4, 0.5)}


def check_pooling(pooling: str) -> str:
    if pooling not in POOLINGS:
        raise ValueError(f"Unknown pooling {pooling!r}; this version knows {', '.join(POOLINGS)}.")
    return pooling


def region_rows(features: np.ndarray, view: str) -> np.ndarray | None:
    """The regions of ``features`` in the scale of ``view`` (n, regions, width), or None when they have none.

    Each region is scaled as the whole photo is (by the length of the photo's own average, per layer), so the
    model's margin of the photo is exactly the area-weighted mean of its margins of the regions.
    """
    avg, regions = split_features(np.asarray(features, dtype=np.float64))
    if regions is None:
        return None
    if view == "recipe":
        return regions[:, :, LAYER_DIM:]
    if view == "block4+block5/l2":
        parts = []
        for start in (0, LAYER_DIM):
            norm = np.linalg.norm(avg[:, start : start + LAYER_DIM], axis=1)
            parts.append(regions[:, :, start : start + LAYER_DIM] / np.clip(norm, 1e-12, None)[:, None, None])
        return np.concatenate(parts, axis=2)
    raise ValueError(f"Unknown feature view {view!r}.")


def region_margins(features: np.ndarray, view: str, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray | None:
    """A linear model's margins (n, regions, classes) of each region of ``features``, or None without regions.

    The same as ``region_rows(features, view) @ coef.T + intercept``, without making a scaled float64 copy of
    every region (10 times the features): each layer's part is multiplied first, then divided by the length of
    the photo's own average of that layer (a cached re-run of 600 photos spends its time here otherwise).
    """
    avg, regions = split_features(features)
    if regions is None:
        return None
    coef = np.asarray(coef, dtype=np.float64)
    if view == "recipe":
        return regions[:, :, LAYER_DIM:] @ coef.T + intercept
    if view == "block4+block5/l2":
        out = np.zeros((*regions.shape[:2], len(coef)), dtype=np.float64)
        for start in (0, LAYER_DIM):
            part = slice(start, start + LAYER_DIM)
            norm = np.clip(np.linalg.norm(avg[:, part].astype(np.float64), axis=1), 1e-12, None)
            out += (regions[:, :, part] @ coef[:, part].T) / norm[:, None, None]
        return out + intercept
    raise ValueError(f"Unknown feature view {view!r}.")


def pool_margins(
    mean_margins: np.ndarray, region_margins: np.ndarray, pooled: Sequence[bool], pooling: str
) -> np.ndarray:
    """Margins (n, classes) with the columns marked ``pooled`` read by ``pooling`` from ``region_margins``
    (n, regions, classes); the others, and everything for ``mean``, are ``mean_margins`` unchanged."""
    out = np.array(mean_margins, dtype=np.float64, copy=True)
    if check_pooling(pooling) == MEAN:
        return out
    rule = SETTINGS[pooling]
    best = np.sort(region_margins, axis=1)[:, -rule.top :, :].mean(axis=1)
    for column, flag in enumerate(pooled):
        if flag:
            out[:, column] = rule.mix * mean_margins[:, column] + (1 - rule.mix) * best[:, column]
    return out
