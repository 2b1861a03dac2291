"""The model bundle: confidence consistent with the label, save/load round trip, refusals on load."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import SVC

from sakura_sorter.model.bundle import CARD_NAME, MODEL_NAME, ModelBundle, ModelError, bundled_model_dir, load_bundle
from sakura_sorter.model.confidence import fit_slope, margins_to_scores
from sakura_sorter.vision.extractor import FEATURE_DIM, RECIPE_COLUMNS


def two_blobs(n: int = 60, seed: int = 0, overlap: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, FEATURE_DIM))
    y = np.array(["cosmos", "sakura"] * (n // 2))
    x[y == "sakura", 512:520] += 2.0 / overlap  # in the recipe's block5 columns, which the bundle reads
    return x, y


def fitted(n_classes: int = 2) -> ModelBundle:
    x, y = two_blobs()
    if n_classes == 3:
        y = y.astype(object)
        y[::3] = "tulip"
        x[y == "tulip", 520:528] += 3.0
        svm = OneVsRestClassifier(SVC(kernel="linear")).fit(x[:, RECIPE_COLUMNS], y)  # as the neither recipe
    else:
        svm = SVC(kernel="linear").fit(x[:, RECIPE_COLUMNS], y)
    return ModelBundle(svm=svm, slope=2.0, card={"training_data": {"counts": {}}})


@pytest.mark.parametrize("n_classes", [2, 3])
def test_confidence_never_contradicts_the_label(n_classes: int) -> None:
    bundle = fitted(n_classes)
    x, _ = two_blobs(200, seed=1, overlap=4.0)  # many near the boundary
    labels, confidence, scores = bundle.predict(x)
    assert labels == [str(c) for c in bundle.svm.predict(x[:, RECIPE_COLUMNS])]
    assert np.all(confidence >= 1.0 / n_classes) and np.all(confidence <= 1.0)
    assert np.allclose(scores.sum(axis=1), 1.0)
    assert np.array_equal(scores.argmax(axis=1), [bundle.classes.index(lbl) for lbl in labels])


def test_margin_zero_is_an_even_split_and_grows_with_distance() -> None:
    scores = margins_to_scores(np.array([0.0, 0.5, 2.0, -2.0]), slope=3.0, n_classes=2)
    assert np.allclose(scores[0], [0.5, 0.5])
    assert scores[2, 1] > scores[1, 1] > 0.5
    assert np.allclose(scores[3], scores[2][::-1])


def test_fit_slope_is_larger_for_cleanly_separated_margins() -> None:
    y = np.array([0, 1] * 50)
    clean = np.where(y == 1, 2.0, -2.0)
    noisy = clean.copy()
    noisy[:10] *= -1  # ten wrong-side margins
    assert fit_slope(clean, y, 2) > fit_slope(noisy, y, 2) > 0


def test_save_then_load_round_trip(tmp_path: Path) -> None:
    bundle = fitted()
    bundle.save(tmp_path / "m")
    card = json.loads((tmp_path / "m" / CARD_NAME).read_text())
    assert card["classes"] == ["cosmos", "sakura"]
    spec = card["feature_spec"]
    assert spec["backbone"] == "keras.applications.VGG16" and spec["layers"] == ["block4_pool", "block5_pool"]
    assert card["versions"]["scikit-learn"] and len(card["model_sha256"]) == 64
    loaded = load_bundle(tmp_path / "m")
    x, _ = two_blobs(10, seed=5)
    assert loaded.predict(x)[0] == bundle.predict(x)[0]
    assert np.allclose(loaded.predict(x)[1], bundle.predict(x)[1])


def test_a_changed_model_file_is_not_unpickled(tmp_path: Path) -> None:
    fitted().save(tmp_path / "m")
    card_path = tmp_path / "m" / CARD_NAME
    card = json.loads(card_path.read_text())
    del card["linear_model"]  # a model made before model.npz: only its joblib file holds it
    card_path.write_text(json.dumps(card))
    with open(tmp_path / "m" / MODEL_NAME, "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelError, match="sha256"):
        load_bundle(tmp_path / "m")


@pytest.mark.parametrize(
    "edit,match",
    [
        (lambda c: c["feature_spec"].update(input_size=[299, 299, 3]), "input_size"),
        (lambda c: c["feature_spec"].update(pooling="max"), "pooling"),
        (lambda c: c.update(format=99), "card format"),
    ],
)
def test_incompatible_cards_are_explained(tmp_path: Path, edit, match: str) -> None:  # type: ignore[no-untyped-def]
    fitted().save(tmp_path / "m")
    card_path = tmp_path / "m" / CARD_NAME
    card = json.loads(card_path.read_text())
    edit(card)
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelError, match=match) as info:
        load_bundle(tmp_path / "m")
    assert "Retrain" in info.value.hint


def test_folder_without_card_is_refused(tmp_path: Path) -> None:
    (tmp_path / MODEL_NAME).write_bytes(b"not even a pickle")
    with pytest.raises(ModelError, match="No model card"):
        load_bundle(tmp_path)


def test_bundled_model_loads_and_documents_itself() -> None:
    bundle = load_bundle()
    assert bundle.classes == ["cosmos", "other", "sakura"]  # "other": photos of neither class stay put
    held_out = bundle.card["metrics"]["source_held_out"]
    assert bundle.view == "block4+block5/l2" and held_out["thresholds"] == bundle.review_thresholds
    assert set(bundle.review_thresholds or {}) == set(bundle.classes)
    assert (bundled_model_dir() / CARD_NAME).is_file()
    metrics = bundle.card["metrics"]
    assert 0.0 <= metrics["val_acc"] <= 1.0 and len(metrics["cv_scores"]) == 5
    assert bundle.card["training_data"]["counts"]["cosmos"] > 0
