"""The model bundle: a linear SVM on VGG16 features, with a JSON card, a confidence mapping and safe loading.

On disk a bundle is a folder with ``model.joblib`` (the fitted ``SVC(kernel="linear")``) and
``model.json`` (the card). The card is read first and checked (format, feature spec, library versions,
the sha256 of the joblib file) before the joblib file is unpickled, because unpickling runs code.

Confidence: for two classes the SVM margin ``d`` (positive means ``classes[1]``) is mapped to
``p = 1 / (1 + exp(-a * d))`` with a single slope ``a > 0`` fitted on cross-validated margins (Platt
scaling without intercept). ``p(label) = max(p, 1 - p) >= 0.5``, so confidence never contradicts the
label. With more classes the one-vs-rest scores go through a softmax with the same kind of slope; the
label is their argmax.
"""

from __future__ import annotations

import json
import platform
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from sakura_sorter.digest import sha256_of
from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.vision.extractor import FEATURE_SPEC

CARD_NAME = "model.json"
MODEL_NAME = "model.joblib"
CARD_FORMAT = 1


class ModelError(SakuraSorterError):
    """A model bundle that cannot be used; the message says why and what to do."""


def bundled_model_dir() -> Path:
    """The folder of the model shipped with the package (``resources/model``)."""
    return Path(str(resources.files("sakura_sorter.resources") / "model"))


def library_versions() -> dict[str, str]:
    import joblib
    import sklearn

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scikit-learn": sklearn.__version__,
        "joblib": joblib.__version__,
    }


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class ModelBundle:
    """A fitted linear SVM, its class names, the confidence slope and the card describing it."""

    svm: Any
    slope: float
    card: dict[str, Any] = field(default_factory=dict)

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.svm.classes_]

    def scores(self, features: np.ndarray) -> np.ndarray:
        """Per-class confidence, shape (n, n_classes), rows summing to 1, argmax = the SVM's label."""
        features = np.asarray(features, dtype=np.float64)
        if features.ndim == 1:
            features = features[None, :]
        return margins_to_scores(self.svm.decision_function(features), self.slope, len(self.classes))

    def predict(self, features: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Labels, confidences (the winning class's score) and all scores for ``features`` (n, 512)."""
        scores = self.scores(features)
        best = scores.argmax(axis=1)
        classes = self.classes
        return [classes[i] for i in best], scores[np.arange(len(best)), best], scores

    def save(self, folder: Path) -> Path:
        """Write ``model.joblib`` and ``model.json`` into ``folder``; returns the card path."""
        import joblib

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        model_path = folder / MODEL_NAME
        tmp = model_path.with_suffix(".joblib.tmp")
        joblib.dump({"svm": self.svm, "slope": self.slope}, tmp)
        tmp.replace(model_path)
        card = dict(self.card)
        card.update(
            {
                "format": CARD_FORMAT,
                "classes": self.classes,
                "feature_spec": FEATURE_SPEC,
                "confidence": {
                    "mapping": "binary: sigmoid(slope * margin); multiclass: softmax(slope * ovr scores)",
                    "slope": self.slope,
                },
                "versions": library_versions(),
                "model_file": MODEL_NAME,
                "model_sha256": sha256_of(model_path),
            }
        )
        self.card = card
        card_path = folder / CARD_NAME
        tmp_card = card_path.with_suffix(".json.tmp")
        tmp_card.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp_card.replace(card_path)
        return card_path


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


def read_card(folder: Path) -> dict[str, Any]:
    card_path = Path(folder) / CARD_NAME
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"No model card {CARD_NAME} in {folder}: this is not a sakura-sorter model folder.") from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"The model card {card_path} cannot be read: {exc}") from exc
    if not isinstance(card, dict):
        raise ModelError(f"The model card {card_path} is not a JSON object.")
    return card


def check_card(card: dict[str, Any], folder: Path) -> list[str]:
    """Problems that make the bundle unusable here (empty list when compatible)."""
    problems: list[str] = []
    if card.get("format") != CARD_FORMAT:
        problems.append(f"card format {card.get('format')!r}, this version reads {CARD_FORMAT}")
    spec = card.get("feature_spec")
    if spec != FEATURE_SPEC:
        if not isinstance(spec, dict):
            problems.append("the card has no feature spec")
        else:
            for key in sorted(set(spec) | set(FEATURE_SPEC)):
                if spec.get(key) != FEATURE_SPEC.get(key):
                    problems.append(
                        f"feature spec {key!r}: model made with {spec.get(key)!r}, "
                        f"this version computes {FEATURE_SPEC.get(key)!r}"
                    )
    trained_with = (card.get("versions") or {}).get("scikit-learn")
    here = library_versions()["scikit-learn"]
    if trained_with and trained_with.split(".")[:2] != here.split(".")[:2]:
        problems.append(f"trained with scikit-learn {trained_with}, this machine has {here}")
    if not isinstance(card.get("classes"), list) or len(card["classes"]) < 2:
        problems.append("the card lists fewer than two classes")
    return problems


def load_bundle(folder: Path | None = None) -> ModelBundle:
    """Load a bundle folder (default: the bundled model). Checks the card, then the file hash, then unpickles.

    Only call this with a folder the user named explicitly or the bundled one: joblib files run code
    when loaded.
    """
    import joblib

    folder = Path(folder) if folder is not None else bundled_model_dir()
    if folder.is_file():
        folder = folder.parent  # accept the path of model.json or model.joblib too
    card = read_card(folder)
    problems = check_card(card, folder)
    if problems:
        raise ModelError(
            f"The model in {folder} cannot be used with this version of sakura-sorter: " + "; ".join(problems) + ".",
            "Retrain it with: sakura-sorter train DATA_DIR --output MODEL_DIR",
        )
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
                "Retrain it with: sakura-sorter train DATA_DIR --output MODEL_DIR",
            ) from exc
        except Exception as exc:
            raise ModelError(f"{model_path} cannot be loaded: {type(exc).__name__}: {exc}") from exc
    if not isinstance(payload, dict) or "svm" not in payload or "slope" not in payload:
        raise ModelError(f"{model_path} is not a sakura-sorter model.")
    bundle = ModelBundle(svm=payload["svm"], slope=float(payload["slope"]), card=card)
    if bundle.classes != card["classes"]:
        raise ModelError(f"{model_path}: classes {bundle.classes} differ from the card's {card['classes']}.")
    return bundle
