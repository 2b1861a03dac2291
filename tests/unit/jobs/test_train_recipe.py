"""``train --recipe``: the published recipe exactly (block5 averages, one linear SVC, the recipe's split and one
review threshold), whatever else the data folders hold; tested with the wide fake extractor."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from fake_features import WideJobs, paint_class
from sklearn.svm import SVC

from sakura_sorter.cli import main
from sakura_sorter.model.bundle import load_bundle
from sakura_sorter.model.datasets import DatasetError
from sakura_sorter.model.recipes import NEITHER_RECIPE, RECIPE
from sakura_sorter.progress import drain
from sakura_sorter.vision.feature_spec import RECIPE_COLUMNS
from sakura_sorter.vocabulary import NEITHER


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    root = tmp_path / "labelled"
    paint_class(root / "sakura", "s", (230, 170, 190), 12)
    paint_class(root / "cosmos", "c", (200, 60, 150), 12, seed=1)
    paint_class(root / "other", "o", (60, 140, 60), 9, seed=2)
    return root


def test_the_recipe_leaves_out_neither_and_fits_one_linear_svc_on_block5(labelled: Path) -> None:
    trained = drain(WideJobs().train(labelled, recipe=True))
    assert trained.left_out == 9 and trained.dataset.classes == ["cosmos", "sakura"]
    assert NEITHER not in trained.data.labels
    bundle = trained.bundle
    assert bundle.view == "recipe" and bundle.pooling == "mean" and bundle.classes == ["cosmos", "sakura"]
    assert trained.report.recipe["name"] == RECIPE.name and trained.report.review_thresholds == {
        "cosmos": 0.8,
        "sakura": 0.8,
    }
    # exactly the recipe's classifier: SVC(kernel="linear") on the 512 block5 averages, nothing else
    x = trained.data.features[:, RECIPE_COLUMNS].astype(np.float64)
    reference = SVC(kernel="linear").fit(x, trained.data.labels)
    assert np.allclose(bundle.decision(trained.data.features), reference.decision_function(x), atol=1e-6)
    without = drain(WideJobs().train(labelled))  # the default knows neither
    assert without.report.recipe["name"] == NEITHER_RECIPE.name and NEITHER in without.bundle.classes


def test_the_recipe_needs_exactly_two_classes(labelled: Path) -> None:
    paint_class(labelled / "tulip", "t", (240, 220, 40), 9, seed=3)
    with pytest.raises(DatasetError, match="two classes"):
        drain(WideJobs().train(labelled, recipe=True))
    trained = drain(WideJobs().train(labelled, classes=["sakura", "cosmos"], recipe=True))
    assert sorted(trained.bundle.classes) == ["cosmos", "sakura"] and NEITHER not in trained.data.labels


def test_the_train_command_says_the_recipe_and_what_it_left_out(
    labelled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sakura_sorter.cli.train as train_command

    monkeypatch.setattr(train_command, "make_jobs", lambda args: WideJobs())
    model = tmp_path / "model"
    assert main(["train", str(labelled), "--recipe", "--output", str(model)]) == 0
    out = capsys.readouterr().out
    assert f"Recipe: {RECIPE.name}" in out and "9 photos of neither class left out" in out
    assert "val_acc" in out
    card = json.loads((model / "model.json").read_text(encoding="utf-8"))
    assert card["recipe"]["name"] == RECIPE.name and card["classes"] == ["cosmos", "sakura"]
    assert load_bundle(model).view == "recipe"
