"""The model as data: ``model.npz`` holds the SVMs' weights and loads without pickle or scikit-learn."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from sklearn.svm import SVC

from sakura_sorter.model.bundle import CARD_NAME, LINEAR_NAME, MODEL_NAME, ModelBundle, ModelError, load_bundle
from sakura_sorter.model.linear import LinearModel, LinearModelError
from sakura_sorter.model.recipes import OneVsRestSVC
from sakura_sorter.vision.extractor import FEATURE_DIM, RECIPE_COLUMNS


def blobs(classes: list[str], n: int = 90, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, FEATURE_DIM))
    y = np.array([classes[i % len(classes)] for i in range(n)])
    for k, c in enumerate(classes):
        x[y == c, 512 + 8 * k : 520 + 8 * k] += 2.5  # in the recipe's block5 columns
    return x, y


@pytest.mark.parametrize("classes", [["cosmos", "sakura"], ["cosmos", "other", "sakura"]])
def test_weights_give_the_estimators_own_decision_values(classes: list[str]) -> None:
    x, y = blobs(classes)
    svm = (SVC(kernel="linear") if len(classes) == 2 else OneVsRestSVC()).fit(x[:, RECIPE_COLUMNS], y)
    linear = LinearModel.from_estimator(svm, "recipe", 2.0)
    test, _ = blobs(classes, 40, seed=3)
    expected = np.asarray(svm.decision_function(test[:, RECIPE_COLUMNS]))
    assert linear.decision(test[:, RECIPE_COLUMNS]).shape == expected.shape
    assert np.allclose(linear.decision(test[:, RECIPE_COLUMNS]), expected, atol=1e-9)


def test_saved_model_loads_from_the_npz_alone_with_the_same_predictions(tmp_path: Path) -> None:
    x, y = blobs(["cosmos", "other", "sakura"])
    fitted = ModelBundle(svm=OneVsRestSVC().fit(x[:, RECIPE_COLUMNS], y), slope=1.7, view="recipe")
    fitted.save(tmp_path / "m")
    (tmp_path / "m" / MODEL_NAME).write_bytes(b"not a pickle any more")  # never read to classify
    loaded = load_bundle(tmp_path / "m")
    assert loaded.svm is None and loaded.classes == fitted.classes and loaded.slope == 1.7
    test, _ = blobs(["cosmos", "other", "sakura"], 30, seed=9)
    assert loaded.predict(test)[0] == fitted.predict(test)[0]
    assert np.allclose(loaded.scores(test), fitted.scores(test))


def test_per_class_thresholds_are_optional_and_kept(tmp_path: Path) -> None:
    x, y = blobs(["cosmos", "sakura"])
    bundle = ModelBundle(svm=SVC(kernel="linear").fit(x[:, RECIPE_COLUMNS], y), slope=2.0)
    bundle.save(tmp_path / "plain")
    with np.load(tmp_path / "plain" / LINEAR_NAME, allow_pickle=False) as data:
        assert "thresholds" not in data.files
    assert load_bundle(tmp_path / "plain").thresholds is None
    bundle.thresholds = {"sakura": 0.9}
    bundle.save(tmp_path / "strict")
    assert load_bundle(tmp_path / "strict").thresholds == {"sakura": 0.9}


def _rewrite_npz(path: Path, **changes: np.ndarray) -> None:
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    arrays.update(changes)
    with open(path, "wb") as handle:
        np.savez(handle, **arrays)  # type: ignore[arg-type]


def _card_sha_follows(folder: Path) -> None:
    from sakura_sorter.digest import sha256_of

    card = json.loads((folder / CARD_NAME).read_text())
    card["linear_model"]["sha256"] = sha256_of(folder / LINEAR_NAME)
    (folder / CARD_NAME).write_text(json.dumps(card))


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    x, y = blobs(["cosmos", "sakura"])
    ModelBundle(svm=SVC(kernel="linear").fit(x[:, RECIPE_COLUMNS], y), slope=2.0).save(tmp_path / "m")
    return tmp_path / "m"


def test_a_changed_npz_is_refused_by_its_hash(saved: Path) -> None:
    _rewrite_npz(saved / LINEAR_NAME, slope=np.asarray(50.0))
    with pytest.raises(ModelError, match="sha256"):
        load_bundle(saved)


def test_an_npz_that_needs_pickle_is_refused(saved: Path) -> None:
    with np.load(saved / LINEAR_NAME, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["classes"] = np.array(["cosmos", "sakura"], dtype=object)  # object arrays are pickled
    with open(saved / LINEAR_NAME, "wb") as handle:
        np.savez(handle, **arrays)  # type: ignore[arg-type]
    _card_sha_follows(saved)
    with pytest.raises(ModelError, match="plain arrays"):
        load_bundle(saved)


@pytest.mark.parametrize(
    "changes,match",
    [
        ({"coef": np.zeros((1, 100))}, "reads 100 numbers"),
        ({"intercept": np.zeros(3)}, "intercept has shape"),
        ({"slope": np.asarray(-1.0)}, "slope"),
        ({"view": np.asarray("block4+block5/l2")}, "does not match its card"),
        ({"thresholds": np.array([0.5])}, "thresholds have shape"),
        ({"format": np.asarray(7)}, "format"),
        ({"extra": np.zeros(2)}, "unknown: extra"),
    ],
)
def test_inconsistent_arrays_are_explained(saved: Path, changes: dict[str, np.ndarray], match: str) -> None:
    _rewrite_npz(saved / LINEAR_NAME, **changes)
    _card_sha_follows(saved)
    with pytest.raises(ModelError, match=match):
        load_bundle(saved)


def test_the_npz_is_a_plain_zip_of_npy_arrays(saved: Path) -> None:
    with zipfile.ZipFile(saved / LINEAR_NAME) as archive:
        names = sorted(archive.namelist())
    assert names == sorted(f"{k}.npy" for k in ("format", "view", "classes", "coef", "intercept", "slope"))


def test_a_model_made_before_the_npz_still_loads_from_its_checked_joblib(saved: Path) -> None:
    card = json.loads((saved / CARD_NAME).read_text())
    del card["linear_model"]
    (saved / CARD_NAME).write_text(json.dumps(card))
    (saved / LINEAR_NAME).unlink()
    legacy = load_bundle(saved)
    assert legacy.svm is not None and legacy.classes == ["cosmos", "sakura"]
    card["versions"]["scikit-learn"] = "0.24.2"  # matters only when the joblib file is unpickled
    (saved / CARD_NAME).write_text(json.dumps(card))
    with pytest.raises(ModelError, match=r"scikit-learn 0\.24\.2"):
        load_bundle(saved)


def test_linear_model_refuses_two_targets_for_two_classes() -> None:
    with pytest.raises(LinearModelError, match="coef has shape"):
        LinearModel(("a", "b"), np.zeros((2, 4)), np.zeros(2), "recipe", 1.0)
