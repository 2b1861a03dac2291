"""Region pooling: the model reads a photo's regions, so sakura in part of a scene is not averaged away."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sakura_sorter.model.bundle import CARD_NAME, ModelBundle, ModelError, load_bundle
from sakura_sorter.model.linear import LinearModel, LinearModelError
from sakura_sorter.model.pooling import MEAN, REGION_TOP, pool_margins, region_margins, region_rows
from sakura_sorter.model.recipes import NEITHER_RECIPE, RECIPE, OneVsRestSVC, fit_bundle
from sakura_sorter.model.training_features import TrainingFeatures, load_training_features, save_training_features
from sakura_sorter.vision.extractor import (
    AVG_DIM,
    FEATURE_DIM,
    LEGACY_FEATURE_SPEC,
    REGION_AREAS,
    REGIONS,
    split_features,
)

CLASSES = ["cosmos", "other", "sakura"]


def photos_from_regions(regions: np.ndarray) -> np.ndarray:
    """Feature rows as the extractor makes them: the area-weighted mean of the regions, then the regions."""
    avg = (regions * np.asarray(REGION_AREAS)[None, :, None]).sum(axis=1)
    return np.hstack([avg, regions.reshape(len(regions), -1)])


def look(kind: str, rng: np.random.Generator) -> np.ndarray:
    """One region's features: a direction per kind of content (block4 and block5 halves), plus noise."""
    v = np.abs(rng.normal(0.2, 0.05, AVG_DIM))
    start = {"cosmos": 0, "sakura": 40, "other": 80}[kind]
    v[start : start + 20] += 3.0
    v[512 + start : 512 + start + 20] += 3.0
    return v


def scenes(kinds_per_region: list[list[str]], seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return photos_from_regions(np.stack([np.stack([look(k, rng) for k in row]) for row in kinds_per_region]))


def training_set(seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """Whole-photo examples of each class (every region the same content)."""
    rows, labels = [], []
    for i in range(60):
        c = CLASSES[i % 3]
        rows.append([c] * REGIONS)
        labels.append(c)
    return scenes(rows, seed), labels


def test_extractor_layout_splits_into_averages_and_regions() -> None:
    x = np.arange(2 * FEATURE_DIM, dtype=np.float64).reshape(2, FEATURE_DIM)
    avg, regions = split_features(x)
    assert avg.shape == (2, AVG_DIM) and regions is not None and regions.shape == (2, REGIONS, AVG_DIM)
    assert regions[1, 0, 0] == x[1, AVG_DIM] and regions[0, -1, -1] == x[0, -1]
    assert split_features(x[:, :AVG_DIM])[1] is None
    assert sum(REGION_AREAS) == pytest.approx(1.0)


@pytest.mark.parametrize("view", ["recipe", "block4+block5/l2"])
def test_the_whole_photos_margin_is_the_area_weighted_mean_of_its_regions(view: str) -> None:
    x, y = training_set()
    svm = OneVsRestSVC().fit(_view(x, view), y)
    mean_model = ModelBundle(svm=svm, view=view)
    w = mean_model.weights
    regions = region_rows(x, view)
    assert regions is not None
    per_region = regions @ w.coef.T + w.intercept
    weighted = (per_region * np.asarray(REGION_AREAS)[None, :, None]).sum(axis=1)
    assert np.allclose(weighted, mean_model.decision(x), atol=1e-9)


@pytest.mark.parametrize("view", ["recipe", "block4+block5/l2"])
def test_region_margins_equal_the_scaled_regions_times_the_weights(view: str) -> None:
    x, y = training_set()
    w = ModelBundle(svm=OneVsRestSVC().fit(_view(x, view), y), view=view).weights
    regions = region_rows(x, view)
    assert regions is not None
    fast = region_margins(x.astype(np.float32), view, w.coef, w.intercept)
    assert fast is not None and fast.shape == (len(x), REGIONS, len(w.classes))
    slow = region_rows(x.astype(np.float32), view) @ w.coef.T + w.intercept
    assert np.allclose(fast, slow, rtol=1e-12, atol=1e-9)
    assert region_margins(x[:, :AVG_DIM], view, w.coef, w.intercept) is None


def test_pooling_reads_the_flower_classes_from_their_best_regions_and_leaves_the_background_as_mean() -> None:
    mean = np.array([[0.0, 0.0, 0.0]])
    regions = np.zeros((1, REGIONS, 3))
    regions[0, :4, 2] = 2.0  # four regions look like sakura (column 2)
    regions[0, :4, 1] = 5.0  # and like other; "other" is not pooled
    out = pool_margins(mean, regions, [True, False, True], REGION_TOP)
    assert out[0, 2] == pytest.approx(0.5 * 0.0 + 0.5 * 2.0)
    assert out[0, 1] == 0.0 and out[0, 0] == 0.0
    assert np.array_equal(pool_margins(mean, regions, [True, True, True], MEAN), mean)
    with pytest.raises(ValueError):
        pool_margins(mean, regions, [True] * 3, "max-of-everything")


def test_a_tree_in_a_corner_of_a_scene_is_found_by_the_pooled_model_and_diluted_by_the_mean() -> None:
    x, y = training_set()
    pooled = fit_bundle(x, y, NEITHER_RECIPE)
    assert pooled.pooling == REGION_TOP
    mean = ModelBundle(svm=pooled.svm, slope=pooled.slope, view=pooled.view)  # the same SVMs, read as a mean
    # a hanami scene: sakura in the top row and the left of the middle, people and paths ("other") elsewhere
    scene = scenes([["sakura"] * 4 + ["other"] * 5], seed=5)
    assert mean.predict(scene)[0] == ["other"]
    assert pooled.predict(scene)[0] == ["sakura"]
    # whole photos are read the same either way
    whole = scenes([["cosmos"] * REGIONS, ["sakura"] * REGIONS, ["other"] * REGIONS], seed=6)
    assert pooled.predict(whole)[0] == mean.predict(whole)[0] == ["cosmos", "sakura", "other"]
    # features without regions (a model's training features saved before them) are read as the mean
    assert np.allclose(pooled.decision(scene[:, :AVG_DIM]), mean.decision(scene))


def test_the_recipe_keeps_the_mean() -> None:
    x, y = training_set()
    two = [i for i, c in enumerate(y) if c != "other"]
    bundle = fit_bundle(x[two], [y[i] for i in two], RECIPE)
    assert RECIPE.pooling == MEAN and bundle.pooling == MEAN


def test_pooling_is_saved_with_the_model_and_checked_against_its_card(tmp_path: Path) -> None:
    x, y = training_set()
    fit_bundle(x, y, NEITHER_RECIPE).save(tmp_path / "m")
    loaded = load_bundle(tmp_path / "m")
    assert loaded.pooling == REGION_TOP and loaded.svm is None
    scene = scenes([["sakura"] * 4 + ["other"] * 5], seed=5)
    assert loaded.predict(scene)[0] == ["sakura"]
    card = json.loads((tmp_path / "m" / CARD_NAME).read_text(encoding="utf-8"))
    card["pooling"] = MEAN
    (tmp_path / "m" / CARD_NAME).write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="pooling"):
        load_bundle(tmp_path / "m")


def test_an_unknown_pooling_is_refused(tmp_path: Path) -> None:
    linear = _dummy("recipe")
    with pytest.raises(LinearModelError, match="pooling"):
        LinearModel(linear.classes, linear.coef, linear.intercept, "recipe", 1.0, None, "attention")


def test_a_model_made_before_regions_still_loads_and_reads_the_averages(tmp_path: Path) -> None:
    x, y = training_set()
    bundle = ModelBundle(svm=OneVsRestSVC().fit(_view(x, "recipe"), y), slope=1.5, view="recipe")
    bundle.save(tmp_path / "old")
    card = json.loads((tmp_path / "old" / CARD_NAME).read_text(encoding="utf-8"))
    card["feature_spec"] = LEGACY_FEATURE_SPEC
    card.pop("pooling")
    (tmp_path / "old" / CARD_NAME).write_text(json.dumps(card), encoding="utf-8")
    old = load_bundle(tmp_path / "old")
    assert old.pooling == MEAN and old.predict(x)[0] == bundle.predict(x)[0]
    card["pooling"] = REGION_TOP  # an old spec cannot carry regions
    (tmp_path / "old" / CARD_NAME).write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="feature spec"):
        load_bundle(tmp_path / "old")


def test_training_features_keep_the_averages_and_a_taught_model_keeps_its_base_slope(tmp_path: Path) -> None:
    x, y = training_set()
    save_training_features(tmp_path, TrainingFeatures(x.astype(np.float32), y, y, [f"{i}.jpg" for i in range(len(y))]))
    back = load_training_features(tmp_path)
    assert back is not None and back.features.shape == (len(y), AVG_DIM)
    assert np.array_equal(back.features, x[:, :AVG_DIM].astype(np.float32))
    # refitting on the averages alone would fit the slope to mean margins (on the bundled photos 1.59, not
    # the 1.39 the regions give), so a taught model keeps its base's
    base = fit_bundle(x, y, NEITHER_RECIPE)
    kept = fit_bundle(back.features, y, NEITHER_RECIPE, slope=base.slope)
    assert kept.slope == base.slope and kept.predict(x)[0] == base.predict(x)[0]


def _view(x: np.ndarray, view: str) -> np.ndarray:
    from sakura_sorter.model.bundle import view_features

    return view_features(x, view)


def _dummy(view: str) -> LinearModel:
    width = _view(np.zeros((1, FEATURE_DIM)), view).shape[1]
    return LinearModel(tuple(CLASSES), np.zeros((3, width)), np.zeros(3), view, 1.0)
