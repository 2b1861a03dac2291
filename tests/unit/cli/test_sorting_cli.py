"""``sakura-sorter sort`` / ``undo`` through argparse, with a fake model (no TensorFlow)."""

from __future__ import annotations

from pathlib import Path

import pytest
from folder_state import tree
from sorting_helpers import read_report, write

from sakura_sorter import cli
from sakura_sorter.files.journal import STATE_DIR


def make_folder(root: Path) -> Path:
    for name in ("s1.jpg", "s2.png", "c1.jpg", "low1.jpg", "bad1.jpg"):
        write(root / name)
    write(root / "s1.xmp", 20)
    return root


def test_dry_run_prints_plan_writes_report_and_touches_nothing(
    tmp_path: Path, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_folder(tmp_path / "photos")
    before = tree(folder)
    report = tmp_path / "plan.csv"
    code = cli.main(["sort", str(folder), "--dry-run", "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 1  # bad1.jpg could not be classified
    assert "move  s1.jpg -> sakura/s1.jpg (+1 sidecar)" in out
    assert "5 photos: 3 would be moved, 1 for review, 0 skipped, 1 error(s)" in out
    assert tree(folder) == before and not (folder / STATE_DIR).exists()
    rows = {Path(r["path"]).name: r for r in read_report(report)}
    assert rows["low1.jpg"]["status"] == "review" and rows["bad1.jpg"]["status"] == "error"
    assert rows["s1.jpg"]["sidecars"] == "s1.xmp"


def test_sort_rerun_and_undo(tmp_path: Path, fake_model: list, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_folder(tmp_path / "photos")
    before = tree(folder)
    assert cli.main(["sort", str(folder), "--threshold", "0.5"]) == 1  # low1 sorted now; bad1 still fails
    assert sorted(tree(folder)) == [
        "bad1.jpg",
        "cosmos/c1.jpg",
        "sakura/low1.jpg",
        "sakura/s1.jpg",
        "sakura/s1.xmp",
        "sakura/s2.png",
    ]
    after = tree(folder)
    fake_model.clear()
    report = tmp_path / "again.csv"
    assert cli.main(["sort", str(folder), "--recursive", "--report", str(report)]) == 1
    assert fake_model == [[folder.resolve() / "bad1.jpg"]]  # sorted photos are not classified again
    assert tree(folder) == after
    assert {r["status"] for r in read_report(report)} == {"skipped", "error"}
    capsys.readouterr()
    assert cli.main(["undo", str(folder)]) == 0
    assert "4 photo(s) restored" in capsys.readouterr().out
    assert tree(folder) == before
    assert cli.main(["undo", str(folder)]) == 1
    assert "Nothing to undo" in capsys.readouterr().out


def test_bad_threshold_and_missing_folder(tmp_path: Path, fake_model: list) -> None:
    with pytest.raises(SystemExit):
        cli.main(["sort", str(tmp_path), "--threshold", "1.5"])
    assert cli.main(["sort", str(tmp_path / "missing")]) == 2
    assert cli.main(["undo", str(tmp_path / "missing")]) == 2


def test_sort_says_per_class_and_the_photos_of_subfolders_left_out(
    tmp_path: Path, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 19, defects 1 and 3: the summary counts per class from the same function as the window, and
    names the subfolders a sort of the top folder only left out, with their photos."""
    folder = make_folder(tmp_path / "photos")
    for i in range(3):
        write(folder / "2024" / f"s{i}.jpg")
    write(folder / "2023" / "trip" / "c9.jpg")
    write(folder / "sakura" / "old.jpg")  # already sorted: not left out
    assert cli.main(["sort", str(folder), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "5 photos: 3 would be moved, 1 for review, 0 skipped, 1 error(s); into sakura/ 2, cosmos/ 1" in out
    assert "4 photo(s) in subfolders were left out (2024/ 3, 2023/ 1); --recursive includes them" in out
