"""The model bundle: a linear SVM on VGG16 features, with a JSON card, a confidence mapping and safe loading.

On disk a bundle is a folder with ``model.json`` (the card), ``model.npz`` (the SVMs' weights and biases,
classes, feature view, confidence slope and optional per-class thresholds as plain arrays: see
:mod:`sakura_sorter.model.linear`) and ``model.joblib`` (the fitted scikit-learn estimator, kept for refitting
and for models made before ``model.npz`` existed). Classifying reads only the card and ``model.npz``, without
pickle and without scikit-learn. The card is read first and checked (format, feature spec, the sha256 of the
file to load); a model with no ``model.npz`` falls back to the joblib file, whose sha256 and scikit-learn version
are checked before it is unpickled, because unpickling runs code.

Confidence: SVM margins become scores through one fitted slope (:mod:`.confidence`).
"""

from __future__ import annotations

import json
import platform
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from sakura_sorter.digest import sha256_of
from sakura_sorter.model.card import CARD_NAME as CARD_NAME
from sakura_sorter.model.card import RETRAIN as RETRAIN
from sakura_sorter.model.card import ModelError as ModelError
from sakura_sorter.model.card import bundled_model_dir as bundled_model_dir
from sakura_sorter.model.card import read_card as read_card
from sakura_sorter.model.confidence import margins_to_scores
from sakura_sorter.model.linear import LinearModel, LinearModelError
from sakura_sorter.model.pooling import MEAN, pool_margins, region_margins
from sakura_sorter.vision.extractor import (
    AVG_DIM,
    FEATURE_DIM,
    FEATURE_SPEC,
    LAYER_DIM,
    LEGACY_FEATURE_SPEC,
    RECIPE_COLUMNS,
    split_features,
)
from sakura_sorter.vocabulary import NEITHER

MODEL_NAME = "model.joblib"
#: The linear model as plain arrays (see :mod:`sakura_sorter.model.linear`); the card's ``linear_model`` names it.
LINEAR_NAME = "model.npz"
CARD_FORMAT = 1


def library_versions() -> dict[str, str]:
    """Versions recorded in a card (imports scikit-learn and joblib: for saving, not for loading)."""
    import joblib
    import sklearn

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scikit-learn": sklearn.__version__,
        "joblib": joblib.__version__,
    }


#: How a model reads the extractor's features (``view`` of a bundle):
#: ``recipe``: the recipe's 512 numbers (average-pooled block5), as they are;
#: ``block4+block5/l2``: all 1024 numbers, each layer's 512 scaled to unit length (cosine geometry).
VIEWS = ("recipe", "block4+block5/l2")


def view_features(features: np.ndarray, view: str) -> np.ndarray:
    """The columns a model of ``view`` uses, as float64 rows."""
    features = np.asarray(features)
    if features.ndim == 1:
        features = features[None, :]
    if features.shape[1] not in (FEATURE_DIM, AVG_DIM):
        raise ModelError(f"Expected {FEATURE_DIM} (or {AVG_DIM}) features per photo, got {features.shape[1]}.")
    features = split_features(features)[0].astype(np.float64)  # the averages only: regions stay as they are
    if view == "recipe":
        return features[:, RECIPE_COLUMNS]
    if view == "block4+block5/l2":
        parts = [features[:, i : i + LAYER_DIM] for i in range(0, AVG_DIM, LAYER_DIM)]
        return np.hstack([p / np.clip(np.linalg.norm(p, axis=1, keepdims=True), 1e-12, None) for p in parts])
    raise ModelError(f"Unknown feature view {view!r}.", "Retrain the model with this version.")


def view_width(view: str) -> int:
    """How many numbers per photo a model of ``view`` reads."""
    return int(view_features(np.zeros((1, AVG_DIM)), view).shape[1])


@dataclass
class ModelBundle:
    """Fitted linear SVMs as weights (``linear``), their class names, confidence slope, feature view and card.

    ``svm`` is the scikit-learn estimator (``SVC(kernel="linear")`` for two classes, or one such SVM per class)
    when this process fitted or unpickled it, else None (a model loaded from ``model.npz``); predicting uses
    only ``linear``, whose margins are the SVMs' decision values; the confidence maps them through ``slope``.
    ``thresholds``: optional per-class confidence thresholds, kept with the model. ``pooling``: how the margins
    of a photo's regions are read (:mod:`~sakura_sorter.model.pooling`; features without regions are read
    as ``mean``).
    """

    svm: Any = None
    slope: float = 1.0
    card: dict[str, Any] = field(default_factory=dict)
    view: str = "recipe"
    linear: LinearModel | None = None
    thresholds: dict[str, float] | None = None
    pooling: str = MEAN

    def __post_init__(self) -> None:
        if self.linear is None:
            if self.svm is None:
                raise ModelError("A model bundle needs its SVMs or their weights.")
            try:
                self.linear = replace(LinearModel.from_estimator(self.svm, self.view, self.slope), pooling=self.pooling)
            except LinearModelError as exc:
                raise ModelError(str(exc)) from exc
        elif self.pooling == MEAN:
            self.pooling = self.linear.pooling
        if self.thresholds is None and self.linear.thresholds is not None:
            self.thresholds = {
                c: float(t) for c, t in zip(self.linear.classes, self.linear.thresholds) if not np.isnan(t)
            }

    @property
    def weights(self) -> LinearModel:
        """The linear model (always set after construction)."""
        assert self.linear is not None
        return self.linear

    def to_linear(self) -> LinearModel:
        """The linear model with this bundle's current slope, view and thresholds (what ``save`` writes)."""
        thresholds = None
        if self.thresholds:
            thresholds = np.array([self.thresholds.get(c, np.nan) for c in self.classes], dtype=np.float64)
        w = self.weights
        return LinearModel(w.classes, w.coef, w.intercept, self.view, float(self.slope), thresholds, self.pooling)

    @property
    def classes(self) -> list[str]:
        return list(self.weights.classes)

    @property
    def review_thresholds(self) -> dict[str, float] | None:
        """The review threshold per class calibrated when the model was trained (card), or None."""
        found = self.thresholds or self.card.get("review_thresholds")
        if not isinstance(found, dict) or not found:
            return None
        return {str(k): float(v) for k, v in found.items()}

    @property
    def name(self) -> str:
        """The model's name (its card's ``name``), for menus and messages."""
        return str(self.card.get("name") or "unnamed")

    def decision(self, features: np.ndarray) -> np.ndarray:
        """The SVMs' margins for the extractor's ``features``, pooled over the photo's regions as the model's
        ``pooling`` says (features without regions, of width AVG_DIM, give the whole photo's margins)."""
        w = self.weights
        margins = w.decision(view_features(features, self.view))
        if self.pooling == MEAN or margins.ndim == 1:
            return margins
        regions = region_margins(features, self.view, w.coef, w.intercept)
        if regions is None:
            return margins
        pooled = [c != NEITHER for c in w.classes]
        return pool_margins(margins, regions, pooled, self.pooling)

    def scores(self, features: np.ndarray) -> np.ndarray:
        """Per-class confidence, shape (n, n_classes), rows summing to 1, argmax = the SVM's label."""
        return margins_to_scores(self.decision(features), self.slope, len(self.classes))

    def predict(self, features: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Labels, confidences (the winning class's score) and all scores for ``features`` (n, 1024)."""
        scores = self.scores(features)
        best = scores.argmax(axis=1)
        classes = self.classes
        return [classes[i] for i in best], scores[np.arange(len(best)), best], scores

    def save(self, folder: Path) -> Path:
        """Write ``model.npz``, ``model.joblib`` (when ``svm`` is set) and ``model.json``; returns the card path."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        linear_path = folder / LINEAR_NAME
        self.to_linear().save(linear_path)
        card = dict(self.card)
        for key in ("model_file", "model_sha256"):
            card.pop(key, None)
        if self.svm is not None:
            import joblib

            model_path = folder / MODEL_NAME
            tmp = model_path.with_suffix(".joblib.tmp")
            joblib.dump({"svm": self.svm, "slope": self.slope, "view": self.view, "pooling": self.pooling}, tmp)
            tmp.replace(model_path)
            card.update({"model_file": MODEL_NAME, "model_sha256": sha256_of(model_path)})
        else:
            (folder / MODEL_NAME).unlink(missing_ok=True)  # not this model's: never pair it with the new card
        card.update(
            {
                "format": CARD_FORMAT,
                "classes": self.classes,
                "feature_spec": FEATURE_SPEC,
                "feature_view": self.view,
                "pooling": self.pooling,
                "confidence": {
                    "mapping": "binary: sigmoid(slope * margin); multiclass: softmax(slope * one-vs-rest margins)",
                    "slope": self.slope,
                },
                "versions": library_versions(),
                "linear_model": {
                    "file": LINEAR_NAME,
                    "sha256": sha256_of(linear_path),
                    "format": "numpy .npz, plain arrays (allow_pickle=False), see sakura_sorter.model.linear",
                },
            }
        )
        self.card = card
        card_path = folder / CARD_NAME
        tmp_card = card_path.with_suffix(".json.tmp")
        tmp_card.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp_card.replace(card_path)
        return card_path


def check_card(card: dict[str, Any], folder: Path) -> list[str]:
    """Problems that make the bundle unusable here (empty list when compatible).

    The scikit-learn version matters only for a model without ``model.npz`` (its joblib file is unpickled).
    """
    problems: list[str] = []
    if card.get("format") != CARD_FORMAT:
        problems.append(f"card format {card.get('format')!r}, this version reads {CARD_FORMAT}")
    spec = card.get("feature_spec")
    if spec == LEGACY_FEATURE_SPEC and card.get("pooling", MEAN) == MEAN:
        pass  # made before regions: it reads the same first numbers, as a mean
    elif spec != FEATURE_SPEC:
        if not isinstance(spec, dict):
            problems.append("the card has no feature spec")
        else:
            for key in sorted(set(spec) | set(FEATURE_SPEC)):
                if spec.get(key) != FEATURE_SPEC.get(key):
                    problems.append(
                        f"feature spec {key!r}: model made with {spec.get(key)!r}, "
                        f"this version computes {FEATURE_SPEC.get(key)!r}"
                    )
    if not isinstance(card.get("linear_model"), dict):
        trained_with = (card.get("versions") or {}).get("scikit-learn")
        here = library_versions()["scikit-learn"]
        if trained_with and trained_with.split(".")[:2] != here.split(".")[:2]:
            problems.append(f"trained with scikit-learn {trained_with}, this machine has {here}")
    if not isinstance(card.get("classes"), list) or len(card["classes"]) < 2:
        problems.append("the card lists fewer than two classes")
    return problems


def load_bundle(folder: Path | None = None) -> ModelBundle:
    """Load a bundle folder (default: the bundled model): the card, then ``model.npz`` (no pickle, no
    scikit-learn). A model without ``model.npz`` (made by an earlier version) is unpickled from its joblib file
    after its hash is checked: only do that with a folder the user named explicitly or the bundled one.
    """
    folder = Path(folder) if folder is not None else bundled_model_dir()
    if folder.is_file():
        folder = folder.parent  # accept the path of model.json or model.joblib too
    card = read_card(folder)
    problems = check_card(card, folder)
    if problems:
        raise ModelError(
            f"The model in {folder} cannot be used with this version of sakura-sorter: " + "; ".join(problems) + ".",
            RETRAIN,
        )
    if isinstance(card.get("linear_model"), dict):
        return _load_linear(folder, card)
    return _load_joblib(folder, card)


def _load_linear(folder: Path, card: dict[str, Any]) -> ModelBundle:
    """The bundle from ``model.npz``: plain arrays checked against the card; runs no code from the folder."""
    entry = card["linear_model"]
    name = str(entry.get("file", LINEAR_NAME))
    path = folder / name
    if Path(name).name != name or not path.is_file():
        raise ModelError(f"The model file {path} is missing.", RETRAIN)
    if sha256_of(path) != entry.get("sha256"):
        raise ModelError(
            f"{path} does not match the sha256 in its card: it was changed or replaced after training.",
            "Retrain the model or use another one.",
        )
    try:
        linear = LinearModel.load(path)
    except LinearModelError as exc:
        raise ModelError(str(exc), RETRAIN) from exc
    if linear.view != card.get("feature_view") or linear.view not in VIEWS:
        raise ModelError(f"{path}: its feature view {linear.view!r} does not match its card.", RETRAIN)
    if linear.pooling != card.get("pooling", MEAN):
        raise ModelError(f"{path}: its pooling {linear.pooling!r} does not match its card.", RETRAIN)
    if list(linear.classes) != card["classes"]:
        raise ModelError(f"{path}: classes {list(linear.classes)} differ from the card's {card['classes']}.")
    if linear.n_features != view_width(linear.view):
        raise ModelError(
            f"{path} reads {linear.n_features} numbers per photo; the view {linear.view!r} gives "
            f"{view_width(linear.view)}.",
            RETRAIN,
        )
    return ModelBundle(slope=linear.slope, card=card, view=linear.view, linear=linear)


def _load_joblib(folder: Path, card: dict[str, Any]) -> ModelBundle:
    """The bundle from ``model.joblib`` (a model made before ``model.npz``): hash checked, then unpickled."""
    import joblib

    model_path = folder / str(card.get("model_file", MODEL_NAME))
    if not model_path.is_file():
        raise ModelError(f"The model file {model_path} is missing.")
    if sha256_of(model_path) != card.get("model_sha256"):
        raise ModelError(
            f"{model_path} does not match the sha256 in its card: it was changed or replaced after training.",
            "It is not loaded, because joblib files can run code. Retrain the model or use another one.",
        )
    from sklearn.exceptions import InconsistentVersionWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", InconsistentVersionWarning)
        try:
            payload = joblib.load(model_path)
        except InconsistentVersionWarning as exc:
            raise ModelError(
                f"{model_path} was saved by another scikit-learn version ({exc}).",
                RETRAIN,
            ) from exc
        except Exception as exc:
            raise ModelError(f"{model_path} cannot be loaded: {type(exc).__name__}: {exc}") from exc
    if not isinstance(payload, dict) or "svm" not in payload or "slope" not in payload:
        raise ModelError(f"{model_path} is not a sakura-sorter model.")
    view = str(payload.get("view", "recipe"))
    if view != card.get("feature_view", "recipe") or view not in VIEWS:
        raise ModelError(f"{model_path}: its feature view {view!r} does not match its card.", RETRAIN)
    pooling = str(payload.get("pooling", MEAN))
    if pooling != card.get("pooling", MEAN):
        raise ModelError(f"{model_path}: its pooling {pooling!r} does not match its card.", RETRAIN)
    bundle = ModelBundle(svm=payload["svm"], slope=float(payload["slope"]), card=card, view=view, pooling=pooling)
    if bundle.classes != card["classes"]:
        raise ModelError(f"{model_path}: classes {bundle.classes} differ from the card's {card['classes']}.")
    return bundle
