"""The main path with the real VGG16 weights on real photos from ../shared: features, classify, train, evaluate."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sakura_sorter.cli import main
from sakura_sorter.vision.extractor import FEATURE_DIM, RECIPE_COLUMNS, REGION_AREAS, REGION_CUTS, split_features
from sakura_sorter.vision.photos import load_for_model

pytestmark = pytest.mark.e2e


def test_features_match_the_recipe_code(extractor, real_photo_folder) -> None:  # type: ignore[no-untyped-def]
    """Same decoded arrays -> our batched tf.function features == recipe's model.predict(preprocess_input(x))."""
    import keras

    folder, _ = real_photo_folder({"sakura": 10, "cosmos": 10}, seed=1)
    arrays = np.stack([load_for_model(p) for p in sorted(folder.iterdir())])  # 20: one full and one padded batch
    ours = extractor.extract(arrays)
    recipe_model = keras.applications.VGG16(
        include_top=False, weights=str(extractor.weights_path), input_shape=(224, 224, 3), pooling="avg"
    )
    recipe = recipe_model.predict(keras.applications.vgg16.preprocess_input(arrays.astype("float32")), verbose=0)
    assert ours.shape == (20, FEATURE_DIM) and ours.dtype == np.float32
    block5 = ours[:, RECIPE_COLUMNS]  # the second half is the recipe's own feature
    np.testing.assert_allclose(block5, recipe, rtol=1e-4, atol=1e-3 * float(np.abs(recipe).max()))
    base = keras.applications.VGG16(include_top=False, weights=str(extractor.weights_path), input_shape=(224, 224, 3))
    block4 = keras.Model(base.input, keras.layers.GlobalAveragePooling2D()(base.get_layer("block4_pool").output))
    expected = block4.predict(keras.applications.vgg16.preprocess_input(arrays.astype("float32")), verbose=0)
    np.testing.assert_allclose(ours[:, :512], expected, rtol=1e-4, atol=1e-3 * float(np.abs(expected).max()))
    # then each region of the 3x3 grid: the same averages over its cell of the maps, area-weighted to the whole
    maps = keras.Model(base.input, [base.get_layer(n).output for n in ("block4_pool", "block5_pool")]).predict(
        keras.applications.vgg16.preprocess_input(arrays.astype("float32")), verbose=0
    )
    avg, regions = split_features(ours)
    assert regions is not None
    (a, b), (c, d) = REGION_CUTS[0], REGION_CUTS[1]  # region 1: top row, middle column
    cell5 = maps[1][:, a:b, c:d, :].mean((1, 2))
    cell4 = maps[0][:, 2 * a : 2 * b, 2 * c : 2 * d, :].mean((1, 2))
    np.testing.assert_allclose(regions[:, 1, 512:], cell5, rtol=1e-4, atol=1e-3 * float(np.abs(cell5).max()))
    np.testing.assert_allclose(regions[:, 1, :512], cell4, rtol=1e-4, atol=1e-3 * float(np.abs(cell4).max()))
    weighted = (regions * np.asarray(REGION_AREAS)[None, :, None]).sum(axis=1)
    np.testing.assert_allclose(weighted, avg, rtol=1e-4, atol=1e-4 * float(np.abs(avg).max()))


def read_report(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "reports start with a UTF-8 BOM for spreadsheet programs"
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_classify_cli_labels_real_photos_and_reports_errors(
    weights_path: Path, real_photo_folder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    folder, truth = real_photo_folder({"sakura": 24, "cosmos": 12}, seed=2)
    japanese = folder / "夜桜 2024.jpg"
    first_sakura = next(p for p, c in truth.items() if c == "sakura")
    first_sakura.rename(japanese)
    truth[japanese] = truth.pop(first_sakura)
    (folder / "broken.jpg").write_text("not a photo")
    (folder / "empty.png").write_bytes(b"")
    rotated = folder / "rotated.jpg"  # the same sakura photo stored sideways with an EXIF orientation tag
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.open(japanese).transpose(Image.Transpose.ROTATE_90).save(rotated, exif=exif.tobytes(), quality=95)
    truth[rotated] = "sakura"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    report = tmp_path / "report.csv"

    code = main(["classify", str(folder), "--report", str(report), "--weights", str(weights_path)])

    assert code == 1  # some photos failed
    rows = read_report(report)
    assert len(rows) == len(truth) + 2
    assert set(rows[0]) >= {"path", "label", "confidence", "status", "error"}
    by_name = {Path(r["path"]).name: r for r in rows}
    for path, label in truth.items():
        row = by_name[path.name]
        assert row["status"] == "ok" and row["label"] == label, row
        assert 0.5 <= float(row["confidence"]) <= 1.0
    assert by_name["broken.jpg"]["status"] == "error" and "not an image" in by_name["broken.jpg"]["error"]
    assert by_name["empty.png"]["status"] == "error" and "empty" in by_name["empty.png"]["error"]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, "classify must not touch any file"
    out = capsys.readouterr().out
    assert f"{len(truth) + 2} photos:" in out and "2 error(s)" in out


def test_train_then_evaluate_on_photos_it_has_never_seen(
    weights_path: Path, real_photo_folder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    both, _ = real_photo_folder({"sakura": 48, "cosmos": 24}, seed=3, flat=False)
    train_dir, test_dir = tmp_path / "train", tmp_path / "test"
    for name in ("sakura", "cosmos"):
        files = sorted((both / name).iterdir())
        half = len(files) // 2
        for dest, part in ((train_dir, files[:half]), (test_dir, files[half:])):
            (dest / name).mkdir(parents=True)
            for f in part:
                shutil.move(str(f), dest / name / f.name)
    model_dir, plot = tmp_path / "model", tmp_path / "pca.png"

    assert (
        main(["train", str(train_dir), "--output", str(model_dir), "--pca", str(plot), "--classes", "sakura,cosmos"])
        == 0
    )
    out = capsys.readouterr().out
    assert "acc     = " in out and "val_acc = " in out and "5-fold CV accuracy" in out and "Confusion matrix" in out
    card = json.loads((model_dir / "model.json").read_text())
    assert card["training_data"]["counts"] == {"sakura": 24, "cosmos": 12}
    assert card["metrics"]["split"] == {"test_size": 0.33, "random_state": 3}
    assert plot.read_bytes()[:4] == b"\x89PNG"

    assert main(["evaluate", str(test_dir), "--model", str(model_dir)]) == 0
    out = capsys.readouterr().out
    accuracy = float(out.split("accuracy = ")[1].split()[0])
    # 36 photos the 36-photo model never saw. The bundled model's own unseen-data figures (recipe split and
    # 5-fold CV on all 233 photos) are in its card; this checks the train -> evaluate path end to end.
    assert accuracy >= 0.95, out


def test_bundled_model_card_reports_unseen_accuracy() -> None:
    """The card records the recipe's figures and, with every photo of a source held out together, what sort
    would do at the model's review thresholds per class, per folder and per class and kind; ordinary photos
    are left alone and no sakura or cosmos goes into the other's folder on these figures. (Sakura and cosmos
    sorted right, with whole sources of photos2's scenes held out, is 88%: below issue 16's target, measured
    and printed by benchmarks/neither.py.)"""
    from sakura_sorter.model.bundle import load_bundle

    card = load_bundle().card
    metrics = card["metrics"]
    assert 0.0 < metrics["val_acc"] <= 1.0 and len(metrics["cv_scores"]) == 5
    held_out = metrics["source_held_out"]
    assert held_out["thresholds"] == card["review_thresholds"] and "source" in held_out["scheme"]
    assert held_out["sources"] >= 50  # photos, photos2 and everyday of ../shared: one source per repository
    everyday = held_out["subsets"]["everyday"]
    assert everyday["wrong"] / everyday["n"] <= 0.01
    assert held_out["class_photos_in_the_wrong_folder"] == 0
    kinds = held_out["by_class_and_kind"]
    for cls in ("sakura", "cosmos"):
        per_folder = [row for name, row in held_out["subsets"].items() if name.endswith(f"/{cls}")]
        assert kinds[cls]["n"] == sum(r["n"] for r in per_folder) and kinds[cls]["right"] == sum(
            r["right"] for r in per_folder
        )
    assert {"sakura: whole scene", "cosmos: field", "other: look-alike species"} <= set(kinds)


def test_second_classify_of_an_unchanged_folder_needs_no_model_library_pillow_or_numpy(
    weights_path: Path, real_photo_folder, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    folder, truth = real_photo_folder({"sakura": 4, "cosmos": 3}, seed=5)
    cache = tmp_path / "features.sqlite3"
    script = (
        "import sys; from sakura_sorter.cli import main; "
        f"code = main(['classify', {str(folder)!r}, '--feature-cache', {str(cache)!r}, '--report', sys.argv[1]]); "
        "heavy = {'tensorflow', 'keras', 'openvino', 'sklearn', 'joblib', 'PIL', 'numpy'}; "
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & heavy); "
        "model = 'tensorflow' in sys.modules or 'openvino' in sys.modules; "
        "print('MODEL' if model else 'NO-MODEL', ','.join(heavy) or '-'); raise SystemExit(code)"
    )
    env = {**os.environ, "SAKURA_SORTER_WEIGHTS": str(weights_path)}
    reports = []
    for run in ("first", "second"):
        report = tmp_path / f"{run}.csv"
        done = subprocess.run(
            [sys.executable, "-c", script, str(report)], capture_output=True, text=True, env=env, timeout=300
        )
        assert done.returncode == 0, done.stderr
        reports.append((done.stdout.split()[-2], read_report(report), done.stdout.split()[-1]))
    assert reports[0][0] == "MODEL" and reports[1][0] == "NO-MODEL"
    assert reports[1][2] == "-", f"a cached classify imported {reports[1][2]}"  # results remembered, model unread
    assert reports[0][1] == reports[1][1]  # same labels and confidences from the cache
    assert {Path(r["path"]).name: r["label"] for r in reports[1][1]} == {p.name: c for p, c in truth.items()}

    # A changed photo is recomputed (TensorFlow again), the rest still come from the cache.
    changed = sorted(truth)[0]
    changed.write_bytes(changed.read_bytes() + b"\0" * 16)  # bytes after the JPEG's end: new content, same picture
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "third.csv")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0 and done.stdout.split()[-2] == "MODEL"
