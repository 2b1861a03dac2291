"""``--report`` never replaces a file that is not a report of ours, and a wrong one stops the command before
anything is sorted (issue 12, defect 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from folder_state import tree
from sorting_helpers import read_report, write

from sakura_sorter import cli
from sakura_sorter.files.journal import STATE_DIR


def folder_with_photos(root: Path) -> Path:
    for name in ("IMG_1.jpg", "s2.jpg", "c3.jpg"):
        write(root / name)
    return root


@pytest.mark.parametrize("command", ["classify", "sort"])
def test_report_onto_a_photo_is_refused_and_the_photo_kept(
    tmp_path: Path, command: str, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_with_photos(tmp_path / "photos")
    before = tree(folder)
    assert cli.main([command, str(folder), "--report", str(folder / "IMG_1.jpg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("sakura-sorter: error: The report ")
    assert tree(folder) == before and not (folder / STATE_DIR).exists()  # nothing was sorted either


@pytest.mark.parametrize("command", ["classify", "sort"])
def test_report_over_an_existing_file_that_is_not_a_report_is_refused(
    tmp_path: Path, command: str, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_with_photos(tmp_path / "photos")
    notes = tmp_path / "notes.csv"
    notes.write_text("my own spreadsheet\n", encoding="utf-8")
    assert cli.main([command, str(folder), "--report", str(notes)]) == 2
    assert "is not a sakura-sorter report; it is not overwritten" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "my own spreadsheet\n"


@pytest.mark.parametrize("target", ["folder", "below-a-file", "symlink"])
def test_report_onto_a_folder_a_link_or_below_a_file_is_one_line_before_anything_is_sorted(
    tmp_path: Path, target: str, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_with_photos(tmp_path / "photos")
    earlier = tmp_path / "earlier.csv"
    assert cli.main(["classify", str(folder), "--report", str(earlier)]) == 0  # a report of ours
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "link.csv").symlink_to(earlier)
    out = {"folder": tmp_path, "below-a-file": tmp_path / "a-file" / "r.csv", "symlink": tmp_path / "link.csv"}
    before = tree(folder)
    capsys.readouterr()
    assert cli.main(["sort", str(folder), "--report", str(out[target])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert tree(folder) == before and not (folder / STATE_DIR).exists()


def test_an_earlier_report_is_replaced_and_a_new_one_created(tmp_path: Path, fake_model: list) -> None:
    folder = folder_with_photos(tmp_path / "photos")
    report = tmp_path / "out" / "new" / "report.csv"
    assert cli.main(["classify", str(folder), "--report", str(report)]) == 0
    assert cli.main(["sort", str(folder), "--report", str(report)]) == 0  # over our classify report
    rows = read_report(report)
    assert {r["status"] for r in rows} == {"sorted"} and "new_path" in rows[0]
    assert not [p for p in report.parent.iterdir() if p.name != "report.csv"]  # no temporary left


def test_report_that_appears_meanwhile_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked again when written: a file put at the report's path while sorting is kept."""
    from sakura_sorter.files import report as report_module

    out = tmp_path / "report.csv"
    real_check = report_module.check_report_target
    calls = {"n": 0}

    def check_then_someone_writes(path: Path) -> None:
        real_check(path)
        calls["n"] += 1
        if calls["n"] == 1:
            path.write_bytes(b"a photo saved under this name meanwhile")

    monkeypatch.setattr(report_module, "check_report_target", check_then_someone_writes)
    with pytest.raises(report_module.ReportError, match="not a sakura-sorter report"):
        report_module.write_classify_report(out, [])
    assert out.read_bytes() == b"a photo saved under this name meanwhile"
    assert os.listdir(tmp_path) == ["report.csv"]


def test_report_into_the_journal_folder_is_refused(
    tmp_path: Path, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_with_photos(tmp_path / "photos")
    target = folder / STATE_DIR / "runs" / "20300101T000000000000Z-1.jsonl"  # would be read as a journal
    assert cli.main(["classify", str(folder), "--report", str(target)]) == 2
    assert "holds the journal" in capsys.readouterr().err and not target.exists()
