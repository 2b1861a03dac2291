"""``suggest`` with the real VGG16 weights and the bundled model on a few dozen real photos, and the round trip
suggest -> fill human_label (the folder each photo came from) -> teach, on copies in a temporary folder."""

from __future__ import annotations

import csv
import itertools
import random
import re
import shutil
from pathlib import Path

import pytest

from sakura_sorter.cli import main
from sakura_sorter.files.report import SUGGEST_COLUMNS

pytestmark = pytest.mark.e2e
COUNT = 8


def read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_bytes().decode("utf-8-sig").splitlines()))


@pytest.fixture
def new_camera(photos_dir: Path, tmp_path: Path) -> dict[Path, str]:
    """~30 photos copied into ``tmp_path / "camera"``: sakura, cosmos and other flowers of photos2 and other
    photos of photos/other; {copy: its true class (the folder it came from)}."""
    rng = random.Random(17)
    photos2 = photos_dir.parent / "photos2"
    if not (photos2 / "sakura").is_dir():
        pytest.skip(f"{photos2} is absent")
    picks = {
        "sakura": (photos2 / "sakura", 10),
        "cosmos": (photos2 / "cosmos", 7),
        "other": (photos2 / "other", 7),
    }
    folder = tmp_path / "camera"
    folder.mkdir()
    truth: dict[Path, str] = {}
    for label, (source, count) in picks.items():
        for photo in rng.sample(sorted(source.glob("*.jpg")), count):
            truth[Path(shutil.copy2(photo, folder / photo.name))] = label
    for photo in rng.sample(sorted((photos_dir / "other").glob("*.jpg")), 6):
        truth[Path(shutil.copy2(photo, folder / f"ours_{photo.name}"))] = "other"
    return truth


def test_suggest_then_label_then_teach_with_the_real_model(
    weights_path: Path, new_camera: dict[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ["--feature-cache", str(tmp_path / "features.sqlite3"), "--precision", "float32"]
    folder = next(iter(new_camera)).parent
    report = tmp_path / "suggested.csv"
    assert main(["suggest", str(folder), "--count", str(COUNT), "--report", str(report), *options]) == 0
    out = capsys.readouterr().out
    assert f"{COUNT} of {len(new_camera)} photos to label first" in out
    rows = read(report)
    assert list(rows[0]) == list(SUGGEST_COLUMNS)
    assert [int(r["rank"]) for r in rows] == list(range(1, COUNT + 1))
    assert len({r["path"] for r in rows}) == COUNT and all(Path(r["path"]) in new_camera for r in rows)
    assert all(r["human_label"] == "" for r in rows)
    worth = [float(r["uncertainty"]) * float(r["novelty"]) for r in rows]
    assert all(a >= b - 2e-3 for a, b in itertools.pairwise(worth)), worth  # best first (3 decimals in the CSV)

    every = tmp_path / "classified.csv"
    assert main(["classify", str(folder), "--report", str(every), *options]) == 0
    classified = {r["path"]: r for r in read(every)}
    for row in rows:  # the same model on the same photos: the same label and confidence
        same = classified[row["path"]]
        assert (row["label"], row["confidence"]) == (same["label"], same["confidence"])
    unsure = [float(r["confidence"]) for r in rows]
    sure = [float(r["confidence"]) for p, r in classified.items() if p not in {r["path"] for r in rows}]
    assert sum(unsure) / len(unsure) < sum(sure) / len(sure)  # the photos the model is unsure of come first

    for row in rows:  # the person fills human_label in a spreadsheet: the class each photo truly is
        row["human_label"] = new_camera[Path(row["path"])]
    with open(report, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()
    assert main(["teach", str(report), "--name", "my camera", *options]) == 0
    out = capsys.readouterr().out
    assert f"Kept {COUNT} label(s)" in out
    changed = re.search(r"(\d+) of (\d+) photos in the folder change label", out)
    assert changed and int(changed[2]) == len(new_camera), out  # compared on the whole folder, not the 8
    learnt = re.search(rf"of the {COUNT} photos you labelled, the new model itself labels (\d+) as you did", out)
    assert learnt and int(learnt[1]) == COUNT, out

    after = tmp_path / "after.csv"  # the new model is the active one: it labels the suggested photos as taught
    assert main(["sort", str(folder), "--dry-run", "--report", str(after), *options]) == 0
    now = {r["path"]: r for r in read(after)}
    moved = sum(now[p]["label"] != classified[p]["label"] for p in now)
    assert moved == int(changed[1]), out
    for row in rows:
        assert now[row["path"]]["human_label"] == row["human_label"]  # the person's label wins, as before
        assert now[row["path"]]["label"] == row["human_label"]  # and the model itself learnt it
