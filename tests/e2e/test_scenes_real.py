"""Whole scenes and look-alikes with the real weights: training on several data folders reads each photo's
source and kinds from its SOURCES.tsv, holds out whole sources, calibrates review thresholds per class and
reports the figures per class and kind; evaluate reports the same rows."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from sakura_sorter.cli import main
from sakura_sorter.model.provenance import Provenance, kinds_of, note_tags

pytestmark = pytest.mark.e2e

SCENE_TAGS = {"landscape/tree", "people", "yozakura", "field/landscape", "river/water", "castle/temple"}
LOOK_ALIKE_TAGS = {"plum", "peach", "magnolia", "hard-negative"}


@pytest.fixture
def scenes(photos_dir: Path, tmp_path: Path) -> tuple[Path, Path, Path, list[dict[str, str]]]:
    """A few dozen photos2 photos (whole scenes and look-alikes, with their SOURCES.tsv rows), a few of our
    own sakura and cosmos, and a few ordinary photos."""
    photos2 = photos_dir.parent / "photos2"
    everyday = photos_dir.parent / "everyday"
    if not (photos2 / "SOURCES.tsv").is_file() or not everyday.is_dir():
        pytest.skip(f"photos2 or everyday not found beside {photos_dir}")
    with open(photos2 / "SOURCES.tsv", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle, delimiter="\t"))
    picked: list[dict[str, str]] = []
    for cls, wanted, limit in (("sakura", SCENE_TAGS, 12), ("cosmos", SCENE_TAGS, 5), ("other", LOOK_ALIKE_TAGS, 10)):
        rows = [r for r in table if r["class"] == cls and set(note_tags(r["note"])) & wanted]
        picked += rows[:limit]
    theirs = tmp_path / "photos2"
    for row in picked:
        (theirs / row["file"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(photos2 / row["file"], theirs / row["file"])
    with open(theirs / "SOURCES.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), delimiter="\t")
        writer.writeheader()
        writer.writerows(picked)
    ours = tmp_path / "photos"
    for cls, n in (("sakura", 6), ("cosmos", 6)):
        (ours / cls).mkdir(parents=True)
        for path in sorted((photos_dir / cls).glob("*.jpg"))[:n]:
            shutil.copy2(path, ours / cls / path.name)
    ordinary = tmp_path / "everyday"
    ordinary.mkdir()
    for folder in sorted(d for d in everyday.iterdir() if d.is_dir())[:8]:
        path = sorted(folder.glob("*.jpg"))[0]
        shutil.copy2(path, ordinary / path.name)
    return ours, theirs, ordinary, picked


def expected_kinds(picked: list[dict[str, str]]) -> Counter[str]:
    label = {"other": "other"}
    out: Counter[str] = Counter()
    for row in picked:
        cls = label.get(row["class"], row["class"])
        for kind in kinds_of(cls, Provenance(row["repo"], note_tags(row["note"]))):
            out[f"{cls}: {kind}"] += 1
    return out


def test_training_on_several_folders_holds_out_sources_and_reports_each_kind(
    weights_path: Path, scenes: tuple[Path, Path, Path, list[dict[str, str]]], tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    ours, theirs, ordinary, picked = scenes
    cache = ["--feature-cache", str(tmp_path / "features.sqlite3")]
    model = tmp_path / "model"
    args = ["train", str(ours), str(theirs), "--neither", str(ordinary), "--output", str(model), *cache]
    assert main(args) == 0
    out = capsys.readouterr().out
    repos = {r["repo"] for r in picked}
    data = np.load(model / "features.npz", allow_pickle=False)
    sources = dict(zip(data["names"].tolist(), data["sources"].tolist()))
    for row in picked:  # the source is the repository of SOURCES.tsv, not the file-name prefix
        assert sources[Path(row["file"]).name] == row["repo"]
    assert f"({len(set(sources.values()))} sources)" in out and repos <= set(sources.values())
    for row, n in expected_kinds(picked).items():  # a row per class and kind, counting each tagged photo
        assert f"{row}: " in out
        line = next(x for x in out.splitlines() if x.strip().startswith(f"{row}:"))
        assert f"/{n} " in line, line
    card = json.loads((model / "model.json").read_text(encoding="utf-8"))
    thresholds = card["review_thresholds"]
    assert set(thresholds) == {"cosmos", "sakura", "other"} and all(0.5 <= t <= 0.99 for t in thresholds.values())
    assert card["metrics"]["source_held_out"]["thresholds"] == thresholds
    kinds = card["metrics"]["source_held_out"]["by_class_and_kind"]
    assert kinds["sakura: whole scene"]["n"] == expected_kinds(picked)["sakura: whole scene"]


def test_evaluate_reports_the_bundled_model_per_kind_at_its_own_thresholds(
    weights_path: Path, scenes: tuple[Path, Path, Path, list[dict[str, str]]], tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    _ours, theirs, _ordinary, picked = scenes
    assert main(["evaluate", str(theirs), "--feature-cache", str(tmp_path / "f.sqlite3")]) == 0
    out = capsys.readouterr().out
    assert "thresholds cosmos" in out  # the model's calibrated thresholds, not one for all
    for row, n in expected_kinds(picked).items():
        line = next(x for x in out.splitlines() if x.strip().startswith(f"{row}:"))
        assert f"/{n} " in line, line


def test_region_pooling_finds_more_sakura_and_cosmos_in_whole_scenes_of_sources_it_never_saw(
    weights_path: Path, photos_dir: Path
) -> None:
    """The bundled recipe fitted without photos2 (none of its 46 sources), on photos2's whole scenes with the
    real extractor: reading the flower classes by their best regions labels more of them right than reading
    the same SVMs as the mean of the photo."""
    from sakura_sorter.model.bundle import ModelBundle, bundled_model_dir
    from sakura_sorter.model.pooling import REGION_TOP
    from sakura_sorter.model.recipes import NEITHER_RECIPE, fit_bundle
    from sakura_sorter.model.training_features import load_training_features
    from sakura_sorter.vision.extractor import FeatureExtractor
    from sakura_sorter.vision.photos import load_for_model

    photos2 = photos_dir.parent / "photos2"
    if not (photos2 / "SOURCES.tsv").is_file():
        pytest.skip(f"photos2 not found beside {photos_dir}")
    training = load_training_features(bundled_model_dir())
    assert training is not None
    keep = [i for i, s in enumerate(training.subsets) if not s.startswith("photos2")]
    assert keep and len(keep) < len(training.subsets)
    pooled = fit_bundle(training.features[keep], [training.labels[i] for i in keep], NEITHER_RECIPE)
    assert pooled.pooling == REGION_TOP
    mean = ModelBundle(svm=pooled.svm, slope=pooled.slope, view=pooled.view)
    with open(photos2 / "SOURCES.tsv", encoding="utf-8") as handle:
        rows = [
            r
            for r in csv.DictReader(handle, delimiter="\t")
            if r["class"] in ("sakura", "cosmos") and set(note_tags(r["note"])) & SCENE_TAGS
        ]
    assert len(rows) >= 20
    features = FeatureExtractor(weights_path).extract(np.stack([load_for_model(photos2 / r["file"]) for r in rows]))
    truth = [r["class"] for r in rows]
    right = {
        name: sum(label == t for label, t in zip(model.predict(features)[0], truth))
        for name, model in (("mean", mean), ("pooled", pooled))
    }
    assert right["pooled"] > right["mean"], right


def test_train_recipe_is_the_published_recipe_on_the_real_network(
    weights_path: Path, scenes: tuple[Path, Path, Path, list[dict[str, str]]], tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """``--recipe``: block5 of VGG16(include_top=False, pooling="avg") in float32, one SVC(kernel="linear") on
    sakura and cosmos only (the look-alikes and ordinary photos are left out), one threshold 0.8."""
    import keras
    from sklearn.svm import SVC

    from sakura_sorter.model.bundle import load_bundle
    from sakura_sorter.model.recipes import RECIPE
    from sakura_sorter.vision.feature_spec import RECIPE_COLUMNS
    from sakura_sorter.vision.photos import load_for_model

    ours, theirs, ordinary, picked = scenes
    model = tmp_path / "recipe-model"
    args = ["train", str(ours), str(theirs), "--neither", str(ordinary), "--recipe", "--output", str(model)]
    assert main([*args, "--feature-cache", str(tmp_path / "features.sqlite3")]) == 0
    out = capsys.readouterr().out
    left_out = sum(r["class"] == "other" for r in picked) + len(list(ordinary.iterdir()))
    assert f"{left_out} photos of neither class left out" in out and "val_acc" in out
    card = json.loads((model / "model.json").read_text(encoding="utf-8"))
    assert card["recipe"]["name"] == RECIPE.name and card["classes"] == ["cosmos", "sakura"]
    assert card["training_data"]["feature_precision"] == "float32"
    assert card["review_thresholds"] == {"cosmos": 0.8, "sakura": 0.8}
    data = np.load(model / "features.npz", allow_pickle=False)
    block5, labels = data["features"][:, RECIPE_COLUMNS].astype(np.float64), data["labels"].tolist()
    # the recipe's network: Keras VGG16, include_top=False, pooling="avg", on the same 224 x 224 photos
    vgg = keras.applications.VGG16(include_top=False, pooling="avg", weights=str(weights_path))
    found = {p.name: p for p in tmp_path.rglob("*.jpg")}
    rows = [0, len(labels) // 2, len(labels) - 1]
    images = np.stack([load_for_model(found[str(data["names"][i])], 224) for i in rows]).astype(np.float32)
    expected = vgg.predict(keras.applications.vgg16.preprocess_input(images), verbose=0)
    assert np.allclose(block5[rows], expected, rtol=1e-3, atol=1e-3)
    # the recipe's classifier: one SVC(kernel="linear") on those 512 numbers
    reference = SVC(kernel="linear").fit(block5, labels)
    bundle = load_bundle(model)
    assert bundle.view == "recipe"
    assert np.allclose(bundle.decision(data["features"]), reference.decision_function(block5), atol=1e-6)
