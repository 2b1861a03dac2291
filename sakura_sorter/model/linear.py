"""A fitted linear model as plain data: weights, biases, classes, the feature view, the confidence slope.

The classifier that sorts photos is a set of linear SVMs, so classifying needs only a matrix product:
``margins = features @ coef.T + intercept``. This module holds those numbers (:class:`LinearModel`) and
writes and reads them as ``model.npz``: NumPy arrays read with ``allow_pickle=False``, so loading a model runs
no code and needs neither pickle nor scikit-learn (which is only needed to *fit* a model).

``model.npz`` holds (format :data:`LINEAR_FORMAT`):

* ``format``: int, this format's version;
* ``view``: str, the feature view the model reads (see :func:`~sakura_sorter.model.bundle.view_features`);
* ``classes``: str (n_classes,), in the order of the scores;
* ``coef``: float64 (n_targets, n_features) and ``intercept``: float64 (n_targets,), one row per margin: one
  margin (positive means ``classes[1]``) for two classes, else one per class (one-vs-rest);
* ``slope``: float64, the confidence slope (sigmoid or softmax of ``slope * margins``);
* ``thresholds``: float64 (n_classes,), optional: a per-class confidence threshold (NaN: none for that class);
* ``pooling``: str, optional: how the margins of a photo's regions are read (see
  :mod:`~sakura_sorter.model.pooling`); absent means ``mean``, the whole photo's margins as they are.

Any other array in the file is refused, so a file from a newer format is not half-read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sakura_sorter.errors import SakuraSorterError

LINEAR_FORMAT = 1
_REQUIRED = ("format", "view", "classes", "coef", "intercept", "slope")
_OPTIONAL = ("thresholds", "pooling")


class LinearModelError(SakuraSorterError):
    """A ``model.npz`` that cannot be used; the message says why."""


@dataclass(frozen=True)
class LinearModel:
    """Margins of linear SVMs: ``features @ coef.T + intercept`` (one column, or one per class)."""

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    view: str
    slope: float
    thresholds: np.ndarray | None = None
    pooling: str = "mean"

    def __post_init__(self) -> None:
        problems = _shape_problems(self)
        if problems:
            raise LinearModelError("Not a usable linear model: " + "; ".join(problems) + ".")

    @property
    def n_features(self) -> int:
        return int(self.coef.shape[1])

    def decision(self, x: np.ndarray) -> np.ndarray:
        """Margins for rows ``x`` of the model's view: (n,) for two classes, else (n, n_classes)."""
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.n_features:
            raise LinearModelError(f"Expected {self.n_features} numbers per photo, got shape {x.shape}.")
        margins = x @ self.coef.T + self.intercept
        return margins[:, 0] if len(self.classes) == 2 else margins

    @classmethod
    def from_estimator(
        cls, estimator: Any, view: str, slope: float, thresholds: np.ndarray | None = None
    ) -> LinearModel:
        """The weights of a fitted linear ``SVC`` or of one such SVC per class (``estimators_``)."""
        parts = list(getattr(estimator, "estimators_", None) or [estimator])
        try:
            coef = np.vstack([np.asarray(p.coef_, dtype=np.float64).reshape(1, -1) for p in parts])
            intercept = np.concatenate([np.asarray(p.intercept_, dtype=np.float64).reshape(-1) for p in parts])
        except AttributeError as exc:
            raise LinearModelError(f"{type(estimator).__name__} is not a fitted linear model ({exc}).") from exc
        classes = tuple(str(c) for c in estimator.classes_)
        return cls(classes, coef, intercept, view, float(slope), thresholds)

    def save(self, path: Path) -> None:
        """Write the arrays to ``path`` (a ``.npz``), through a temporary file."""
        arrays: dict[str, np.ndarray] = {
            "format": np.asarray(LINEAR_FORMAT, dtype=np.int64),
            "view": np.asarray(self.view, dtype=str),
            "classes": np.asarray(self.classes, dtype=str),
            "coef": np.asarray(self.coef, dtype=np.float64),
            "intercept": np.asarray(self.intercept, dtype=np.float64),
            "slope": np.asarray(self.slope, dtype=np.float64),
        }
        if self.thresholds is not None:
            arrays["thresholds"] = np.asarray(self.thresholds, dtype=np.float64)
        if self.pooling != "mean":  # a mean model stays readable by versions that do not pool
            arrays["pooling"] = np.asarray(self.pooling, dtype=str)
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp.npz")
        with open(tmp, "wb") as handle:
            np.savez(handle, **arrays)  # type: ignore[arg-type]  # plain arrays only: the loader refuses the rest
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read ``path`` without pickle (raises :class:`LinearModelError` with the reason)."""
        try:
            with np.load(Path(path), allow_pickle=False) as data:
                names = set(data.files)
                missing = [k for k in _REQUIRED if k not in names]
                unknown = sorted(names - set(_REQUIRED) - set(_OPTIONAL))
                if missing or unknown:
                    raise LinearModelError(
                        f"{path} is not a sakura-sorter linear model "
                        f"(missing: {', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'})."
                    )
                arrays = {k: data[k] for k in names}
        except LinearModelError:
            raise
        except (OSError, ValueError, EOFError) as exc:  # ValueError: an object array (would need pickle)
            raise LinearModelError(f"{path} cannot be read as plain arrays: {exc}") from exc
        if arrays["format"].shape != () or int(arrays["format"]) != LINEAR_FORMAT:
            raise LinearModelError(f"{path} has linear-model format {arrays['format']!r}; this version reads 1.")
        for key in ("view", "classes", *(k for k in ("pooling",) if k in arrays)):
            if arrays[key].dtype.kind != "U":
                raise LinearModelError(f"{path}: {key!r} is not text.")
        for key in ("coef", "intercept", "slope", *(k for k in ("thresholds",) if k in arrays)):
            if arrays[key].dtype.kind not in "fi":
                raise LinearModelError(f"{path}: {key!r} is not numbers.")
        if arrays["view"].shape != () or arrays["slope"].shape != () or arrays.get("pooling", arrays["view"]).shape:
            raise LinearModelError(f"{path}: 'view', 'slope' and 'pooling' must be single values.")
        thresholds = arrays.get("thresholds")
        return cls(
            classes=tuple(str(c) for c in arrays["classes"].reshape(-1)),
            coef=arrays["coef"].astype(np.float64),
            intercept=arrays["intercept"].astype(np.float64),
            view=str(arrays["view"]),
            slope=float(arrays["slope"]),
            thresholds=None if thresholds is None else thresholds.astype(np.float64),
            pooling=str(arrays["pooling"]) if "pooling" in arrays else "mean",
        )


def _shape_problems(model: LinearModel) -> list[str]:
    problems = []
    n_classes = len(model.classes)
    if n_classes < 2 or len(set(model.classes)) != n_classes:
        problems.append(f"classes {list(model.classes)} are not two or more distinct names")
    targets = 1 if n_classes == 2 else n_classes
    coef, intercept = np.asarray(model.coef), np.asarray(model.intercept)
    if coef.ndim != 2 or coef.shape[0] != targets:
        problems.append(f"coef has shape {coef.shape}, expected ({targets}, n_features)")
    if intercept.shape != (targets,):
        problems.append(f"intercept has shape {intercept.shape}, expected ({targets},)")
    if not (np.all(np.isfinite(coef)) and np.all(np.isfinite(intercept))):
        problems.append("coef or intercept holds a value that is not finite")
    if not (math.isfinite(model.slope) and model.slope > 0):
        problems.append(f"the confidence slope {model.slope!r} is not a positive number")
    from sakura_sorter.model.pooling import POOLINGS

    if model.pooling not in POOLINGS:
        problems.append(f"pooling {model.pooling!r} is not one this version knows ({', '.join(POOLINGS)})")
    if model.thresholds is not None:
        t = np.asarray(model.thresholds)
        if t.shape != (n_classes,):
            problems.append(f"thresholds have shape {t.shape}, expected ({n_classes},)")
        elif np.any((t[~np.isnan(t)] < 0) | (t[~np.isnan(t)] > 1)):
            problems.append("a threshold is outside 0..1")
    return problems
