"""Teaching with the real model on real photos: plum and peach blossom that the bundled model sorts into
``sakura/`` are labelled "neither" by a person in a report; after ``teach`` those photos stay where they are
wherever they are found, similar photos the person did not label (mirrored, cropped copies made here) move
towards "neither", sakura and cosmos are still sorted right, the bundled model's files are unchanged, and
``model --reset`` brings back the bundled model's own labels."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest

from sakura_sorter.cli import main
from sakura_sorter.model.bundle import bundled_model_dir

pytestmark = pytest.mark.e2e


def rows(report: Path) -> dict[str, dict[str, str]]:
    return {Path(r["path"]).name: r for r in csv.DictReader(report.read_bytes().decode("utf-8-sig").splitlines())}


def sort_dry(folder: Path, report: Path, cache: list[str]) -> dict[str, dict[str, str]]:
    main(["sort", str(folder), "--dry-run", "--report", str(report), *cache])
    return rows(report)


def sakura_score(row: dict[str, str]) -> float:
    return float(row["confidence"]) if row["label"] == "sakura" else 0.0


def test_a_persons_neither_labels_teach_the_model(
    weights_path: Path, spring_folder: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = ["--feature-cache", str(tmp_path / "features.sqlite3")]
    bundled = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_model_dir().iterdir()}
    folder, blossoms = spring_folder  # plum and peach blossom, similar photos the person will not label

    before = sort_dry(folder, tmp_path / "before.csv", cache)
    wrong = [n for n, r in before.items() if not n.startswith("similar_") and n in blossoms]
    wrong = [n for n in wrong if before[n]["status"] == "planned"]  # a dry run: would be sorted
    assert wrong, "the bundled model sorts some plum/peach blossom into sakura/ (what the person corrects)"

    # The person opens the report in a spreadsheet and writes "other" in human_label for those photos.
    labelled = tmp_path / "labelled.csv"
    with open(labelled, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(next(iter(before.values()))))
        writer.writeheader()
        for name, row in before.items():
            writer.writerow({**row, "human_label": "other" if name in wrong else row["human_label"]})
    capsys.readouterr()
    assert main(["teach", str(labelled), "--name", "no plums", *cache]) == 0
    said = re.search(r"(\d+) of (\d+) photos in the report change label", capsys.readouterr().out)
    assert said, "teach compares the old and new model on the report's photos"

    (folder / wrong[0]).rename(folder / "renamed.jpg")  # found again under another name
    after = sort_dry(folder, tmp_path / "after.csv", cache)
    now_named = {n: "renamed.jpg" if n == wrong[0] else n for n in before}
    changed = [n for n in before if after[now_named[n]]["label"] != before[n]["label"]]
    assert (int(said[1]), int(said[2])) == (len(changed), len(before)), changed
    for name in ["renamed.jpg", *wrong[1:]]:
        assert after[name]["status"] == "neither" and after[name]["human_label"] == "other", after[name]
    similar = [f"similar_{n}" for n in wrong]
    assert sum(sakura_score(after[n]) for n in similar) < sum(sakura_score(before[n]) for n in similar)
    assert any(after[n]["status"] in ("neither", "review") for n in similar), {n: after[n] for n in similar}
    for name, row in after.items():
        if name.startswith(("pixabay_train", "dashcam", "oxford102")):  # sakura and cosmos
            assert row["status"] in ("planned", "review") and row["label"] in ("sakura", "cosmos", "")

    assert main(["model", "--reset"]) == 0
    reset = sort_dry(folder, tmp_path / "reset.csv", cache)
    assert {n: reset[n]["label"] for n in similar} == {n: before[n]["label"] for n in similar}
    assert reset["renamed.jpg"]["status"] == "neither"  # the person's labels stay theirs
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_model_dir().iterdir()} == bundled
