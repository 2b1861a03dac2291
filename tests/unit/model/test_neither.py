"""The "neither" outcome: a photo of no class stays where it is, untouched, with its own status and count.

Fast tests with the file-name fake model of conftest (``o*`` = other); the real model on real photos is in
tests/e2e/test_neither_real.py. Training with neither folders and the source-held-out figures use small
synthetic features.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from folder_state import tree
from sorting_helpers import read_report, write

from sakura_sorter import cli
from sakura_sorter.files.plan import make_plan
from sakura_sorter.files.plan_summary import summarize
from sakura_sorter.model.datasets import load_labelled_folder, source_of
from sakura_sorter.model.evaluation import sorting_figures
from sakura_sorter.model.recipes import NEITHER_RECIPE, RECIPE, choose_recipe
from sakura_sorter.model.training import fit_and_evaluate
from sakura_sorter.model.validation import cv_groups
from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import NEITHER, Status


def folder_with_neither(root: Path) -> Path:
    for name in ("s1.jpg", "c1.jpg", "o1.jpg", "o2.png", "low1.jpg"):
        write(root / name)
    write(root / "o1.jpg.xmp", 30)  # a sidecar of a neither photo stays with it, untouched
    return root


@pytest.mark.parametrize("mode", ["move", "copy", "tag"])
def test_neither_photos_stay_untouched_are_counted_and_undo_is_unaffected(
    tmp_path: Path, fake_model: list, capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    folder = folder_with_neither(tmp_path / "photos")
    before = tree(folder)
    report = tmp_path / "sort.csv"
    assert cli.main(["sort", str(folder), "--mode", mode, "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "5 photos: 2 " in out and "2 neither (left in place), 1 for review" in out
    after = tree(folder)
    for name in ("o1.jpg", "o2.png", "o1.jpg.xmp"):
        assert after[name] == before[name]  # same bytes at the same place
    assert not (folder / "other").exists() and "o2.png.xmp" not in after  # never moved, never tagged
    rows = {Path(r["path"]).name: r for r in read_report(report)}
    assert rows["o1.jpg"]["status"] == "neither" and rows["o1.jpg"]["label"] == "other"
    assert rows["o1.jpg"]["action"] == "none" and rows["o1.jpg"]["new_path"] == ""
    assert rows["low1.jpg"]["status"] == "review" and rows["s1.jpg"]["status"] == "sorted"
    assert cli.main(["undo", str(folder)]) == 0
    assert tree(folder) == before


def test_classify_reports_other_as_its_own_label(tmp_path: Path, fake_model: list) -> None:
    folder = folder_with_neither(tmp_path / "photos")
    report = tmp_path / "labels.csv"
    assert cli.main(["classify", str(folder), "--report", str(report)]) == 0
    labels = {Path(r["path"]).name: r["label"] for r in read_report(report)}
    assert labels["o1.jpg"] == labels["o2.png"] == "other" and labels["s1.jpg"] == "sakura"


def test_a_persons_other_wins_and_an_unsure_other_goes_to_review(tmp_path: Path) -> None:
    a, b, c = (write(tmp_path / f"{n}.jpg") for n in "abc")
    results = [
        PhotoResult(a, "sakura", 0.99, human_label=NEITHER),  # a person said "leave it here"
        PhotoResult(b, "other", 0.55),  # the model thinks "neither" but is unsure: a person should look
        PhotoResult(c, "other", 0.95),
    ]
    plan = make_plan(tmp_path, results, ["cosmos", "other", "sakura"])
    status = {item.path.name: item.status for item in plan.items}
    assert status == {"a.jpg": Status.NEITHER, "b.jpg": Status.REVIEW, "c.jpg": Status.NEITHER}
    assert plan.classes == ("cosmos", "sakura")  # "other" is never a folder to sort into
    counted = summarize(plan)  # counted once, by plan_summary: who decided is told apart
    assert (counted.neither, counted.left_by_person, counted.review) == (1, 1, 1)


def test_training_folders_with_neither_and_the_other_subfolder(tmp_path: Path) -> None:
    for name, n in (("sakura", 3), ("cosmos", 2), ("other", 2)):
        for i in range(n):
            write(tmp_path / "data" / name / f"src{i}_{name}.jpg")
    for i in range(2):
        write(tmp_path / "everyday" / "food" / f"imnet_{i}.jpg")
    data = load_labelled_folder(tmp_path / "data", None, [tmp_path / "everyday"])
    assert data.classes == ["cosmos", "sakura", "other"]
    assert data.counts() == {"cosmos": 2, "sakura": 3, "other": 4}
    assert data.subset_counts() == {"cosmos": 2, "other": 2, "sakura": 3, "everyday": 2}
    assert source_of(Path("pixabay_train_cherry_1.jpg")) == "pixabay" and source_of(Path("IMG1.jpg")) == "IMG1"
    assert choose_recipe(data.classes) is NEITHER_RECIPE and choose_recipe(["cosmos", "sakura"]) is RECIPE


def test_cv_groups_hold_out_whole_sources_of_neither_and_runs_of_a_single_source_class() -> None:
    rng = np.random.default_rng(0)
    names = [f"web_{i:03d}.jpg" for i in range(10)] + [f"imnet_{i}.jpg" for i in range(4)] + ["sun_1.jpg"]
    labels = ["sakura"] * 10 + ["other"] * 5
    features = rng.normal(size=(15, 1024))
    features[3, 512:] = features[4, 512:]  # a near-duplicate pair in different runs of names
    groups = cv_groups(names, [source_of(Path(n)) for n in names], labels, features)
    assert len({groups[i] for i in range(10, 14)}) == 1 and groups[14] != groups[10]  # neither: by source
    assert len(set(groups[:10])) == 4  # one source of sakura: 5 runs of names, 2 merged by the near-duplicate
    assert groups[3] == groups[4]


def test_sorting_figures_count_what_sort_would_do() -> None:
    figures = sorting_figures(
        ["sakura", "sakura", "sakura", "everyday", "everyday", "flowers"],
        ["sakura", "sakura", "sakura", "other", "other", "other"],
        ["sakura", "cosmos", "sakura", "other", "sakura", "sakura"],
        [0.9, 0.95, 0.5, 0.99, 0.85, 0.7],
        0.8,
        NEITHER,
    )
    assert figures.subsets["sakura"] == {"n": 3, "right": 1, "wrong": 1, "stay": 1, "review": 1}
    assert figures.subsets["everyday"] == {"n": 2, "right": 0, "wrong": 1, "stay": 1, "review": 0}
    assert figures.subsets["flowers"]["stay"] == 1  # a flower below the threshold stays for review
    assert figures.subsets["flowers"]["review"] == 1
    assert figures.review_rate == pytest.approx(2 / 6)
    assert figures.neither_sorted_rate == pytest.approx(1 / 3) and figures.class_wrong == 1


def test_training_with_neither_uses_one_vs_rest_margins_that_can_send_photos_to_review() -> None:
    """With three classes, SVC's own decision values are vote counts whose softmax is about 0.95 for every
    photo; the neither recipe's one-vs-rest margins give low confidence to photos between the classes."""
    rng = np.random.default_rng(1)
    centres = {"sakura": 0, "cosmos": 40, "other": 80}
    x, y, names = [], [], []
    for label, col in centres.items():
        for i in range(40):
            row = rng.normal(size=1024)
            row[col : col + 20] += 4.0
            row[512 + col : 512 + col + 20] += 4.0
            x.append(row)
            y.append(label)
            names.append(Path(f"src{i % 4}_{label}{i}.jpg"))
    between = np.mean([x[0], x[40]], axis=0)  # half sakura, half cosmos
    bundle, report = fit_and_evaluate(np.array(x), y, ["sakura", "cosmos", "other"], names)
    assert bundle.view == "block4+block5/l2" and report.recipe["name"] == NEITHER_RECIPE.name
    labels, confidence, _ = bundle.predict(np.array([x[1], x[85], between]))
    assert labels[:2] == ["sakura", "other"] and confidence[2] < 0.8
    assert report.sorting is not None and report.sorting.class_wrong == 0
