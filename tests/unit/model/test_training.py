"""Training on labelled folders: folder discovery and errors, recipe split figures, PCA plot."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sakura_sorter.model.datasets import DatasetError, load_labelled_folder
from sakura_sorter.model.plots import save_pca_plot
from sakura_sorter.model.training import fit_and_evaluate


def labelled_tree(root: Path, counts: dict[str, int]) -> Path:
    for name, n in counts.items():
        (root / name).mkdir(parents=True)
        for i in range(n):
            (root / name / f"{i}.jpg").write_bytes(b"x")
    return root


def test_all_subfolders_are_classes_by_default(tmp_path: Path) -> None:
    data = load_labelled_folder(labelled_tree(tmp_path, {"sakura": 3, "cosmos": 2, "other": 1}))
    assert data.classes == ["cosmos", "sakura", "other"]  # a subfolder "other" is the background class, last
    assert data.counts() == {"cosmos": 2, "other": 1, "sakura": 3}


def test_japanese_neither_folders_hold_photos_of_no_class(tmp_path: Path) -> None:
    import unicodedata

    # その他 ("other"), and the window's どちらでもない as macOS writes file names (decomposed kana).
    nfd = unicodedata.normalize("NFD", "どちらでもない")
    data = load_labelled_folder(labelled_tree(tmp_path, {"さくら": 3, "コスモス": 2, "その他": 1, nfd: 2}))
    assert data.classes == ["さくら", "コスモス", "other"]  # in code-point order, neither last
    assert data.counts() == {"コスモス": 2, "さくら": 3, "other": 3}


def test_classes_option_picks_subfolders_and_order(tmp_path: Path) -> None:
    data = load_labelled_folder(labelled_tree(tmp_path, {"sakura": 3, "cosmos": 2, "other": 1}), ["sakura", "cosmos"])
    assert data.classes == ["sakura", "cosmos"] and len(data.paths) == 5
    assert len(data.file_list_sha256()) == 64


@pytest.mark.parametrize(
    "counts,classes,match",
    [
        ({"sakura": 2}, None, "two or more classes"),
        ({"sakura": 2, "cosmos": 2}, ["sakura", "tulip"], "No subfolder for class"),
        ({"sakura": 2, "cosmos": 0}, None, "holds no photos"),
    ],
)
def test_unusable_folders_are_explained(tmp_path: Path, counts, classes, match) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatasetError, match=match):
        load_labelled_folder(labelled_tree(tmp_path, counts), classes)


def test_fit_reports_recipe_split_cv_and_confusion() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(90, 1024))
    y = ["sakura"] * 60 + ["cosmos"] * 30
    x[:60, 512:562] += 3.0  # far apart in the recipe's block5 columns: separable by a wide margin
    paths = [Path(f"{i}.jpg") for i in range(90)]
    bundle, report = fit_and_evaluate(x, y, ["sakura", "cosmos"], paths)
    assert report.acc == 1.0 and report.val_acc == 1.0
    assert len(report.cv_scores) == 5 and report.cv_mean == 1.0
    assert sum(map(sum, report.confusion)) == 30  # 33% of 90 held out
    assert report.counts == {"sakura": 60, "cosmos": 30}
    assert bundle.predict(x[:3])[0] == ["sakura"] * 3 and bundle.slope > 0


def test_fit_lists_val_mistakes_on_noisy_data() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 1024))
    y = ["a", "b"] * 30  # pure noise: the SVM must make mistakes on held-out data
    _, report = fit_and_evaluate(x, y, ["a", "b"], [Path(f"{i}.jpg") for i in range(60)])
    wrong = sum(report.confusion[0][1:]) + report.confusion[1][0]
    assert len(report.val_misclassified) == wrong > 0


def test_pca_plot_is_written(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    out = save_pca_plot(rng.normal(size=(20, 512)), ["a"] * 10 + ["b"] * 10, ["a", "b"], tmp_path / "pca.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 5000


def test_japanese_class_names_are_drawn_in_a_font_that_has_them(tmp_path: Path) -> None:
    import os
    import warnings

    from sakura_sorter.model.plots import CJK_FAMILIES, font_families

    assert font_families(["sakura", "cosmos"]) == font_families([])  # ASCII: matplotlib's own font only
    if not set(font_families(["さくら"])) & set(CJK_FAMILIES):
        reason = "no font with Japanese letters is installed"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, and CI must run this test (.ci/run installs fonts-noto-cjk)")
        pytest.skip(reason)
    rng = np.random.default_rng(1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = save_pca_plot(
            rng.normal(size=(20, 512)), ["さくら"] * 10 + ["コスモス"] * 10, ["さくら", "コスモス"], tmp_path / "ja.png"
        )
    assert out.stat().st_size > 5000
    assert not [str(w.message) for w in caught if "font" in str(w.message)]  # no glyph drawn as a box
