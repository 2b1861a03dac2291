"""The bundled model with the real weights on real photos: ordinary photos and other flowers are "neither" and
stay where they are, untouched, whatever the mode; they are counted apart; undo is unaffected."""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

import pytest
from test_sort_real import snapshot

from sakura_sorter.cli import main

pytestmark = pytest.mark.e2e


@pytest.fixture
def mixed_folder(photos_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Real sakura and cosmos photos among ordinary ones (people, food, streets...) and other flowers."""
    everyday = photos_dir.parent / "everyday"
    if not everyday.is_dir():
        pytest.skip(f"ordinary photos not found at {everyday}")
    rng = random.Random(9)
    folder, kind = tmp_path / "mixed", {}
    folder.mkdir()
    picks = {
        "sakura": rng.sample(sorted((photos_dir / "sakura").glob("*.jpg")), 4),
        "cosmos": rng.sample(sorted((photos_dir / "cosmos").glob("*.jpg")), 3),
        "other": rng.sample(sorted((photos_dir / "other").glob("*.jpg")), 3),
        "everyday": [rng.choice(sorted(d.glob("*.jpg"))) for d in sorted(everyday.iterdir()) if d.is_dir()],
    }
    for what, paths in picks.items():
        for path in paths:
            shutil.copy2(path, folder / path.name)
            kind[path.name] = what
    return folder, kind


def rows(report: Path) -> dict[str, dict[str, str]]:
    return {Path(r["path"]).name: r for r in csv.DictReader(report.read_bytes().decode("utf-8-sig").splitlines())}


@pytest.mark.parametrize("mode", ["move", "tag"])
def test_ordinary_photos_are_left_alone_by_the_real_model(
    weights_path: Path, mixed_folder: tuple[Path, dict[str, str]], tmp_path: Path, mode: str, capsys
) -> None:  # type: ignore[no-untyped-def]
    folder, kind = mixed_folder
    before = snapshot(folder)
    report = tmp_path / "sort.csv"
    assert main(["sort", str(folder), "--mode", mode, "--report", str(report)]) == 0
    out = capsys.readouterr().out
    by_name = rows(report)
    neither = [n for n, r in by_name.items() if r["status"] == "neither"]
    assert all(by_name[n]["label"] == "other" for n in neither)
    everyday = [n for n, k in kind.items() if k == "everyday"]
    assert all(by_name[n]["status"] in ("neither", "review") for n in everyday), {n: by_name[n] for n in everyday}
    assert len(neither) >= len(everyday) - 1  # at most one ordinary photo left for review instead
    assert f"{len(neither)} neither (left in place)" in out
    after = snapshot(folder)
    for name in neither:
        assert after[name] == before[name]  # untouched: same bytes, same time, same place
        assert f"{name}.xmp" not in after  # and never tagged
    for name in (n for n, k in kind.items() if k in ("sakura", "cosmos")):  # never in the wrong folder
        row = by_name[name]
        assert row["status"] == "review" or (row["status"] == "sorted" and row["label"] == kind[name]), row
    assert main(["undo", str(folder)]) == 0
    assert snapshot(folder) == before
