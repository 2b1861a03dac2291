"""Mistakes and odd states give one line and exit status 2, never a traceback (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from folder_state import tree
from sorting_helpers import write

from sakura_sorter import cli
from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.files.journal import STATE_DIR
from sakura_sorter.jobs import MAX_BATCH_SIZE, Options


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("sakura-sorter: error: ") and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("where", ["missing", "a-file"])
@pytest.mark.parametrize("command", ["classify", "sort", "undo"])
def test_a_missing_folder_or_a_file_instead_of_a_folder(
    tmp_path: Path, where: str, command: str, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / where
    if where == "a-file":
        write(target)
    assert cli.main([command, str(target)]) == 2
    line = one_line(capsys.readouterr().err)
    assert ("No such folder" if where == "missing" else "Not a folder") in line


@pytest.mark.parametrize("value", ["0", "-1", "100000", "many"])
def test_batch_size_out_of_range_is_refused_before_anything_runs(
    tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["classify", str(tmp_path), "--batch-size", value])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--batch-size" in err and "Traceback" not in err


@pytest.mark.parametrize("value", [0, -1, MAX_BATCH_SIZE + 1, 100_000])
def test_the_jobs_layer_bounds_the_batch_size_too(value: int) -> None:
    """The window builds Options directly: a huge batch (100,000 photos at 150 KB each) is refused there too."""
    with pytest.raises(SakuraSorterError, match=f"from 1 to {MAX_BATCH_SIZE}"):
        Options(batch_size=value)


@pytest.mark.parametrize("kind", ["file", "symlink", "runs-file"])
@pytest.mark.parametrize("command", ["sort", "undo"])
def test_state_folder_that_is_a_file_or_a_link(
    tmp_path: Path, kind: str, command: str, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "photos"
    write(folder / "s1.jpg")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if kind == "file":
        (folder / STATE_DIR).write_text("not a folder")
    elif kind == "symlink":
        (folder / STATE_DIR).symlink_to(elsewhere, target_is_directory=True)
    else:
        (folder / STATE_DIR).mkdir()
        (folder / STATE_DIR / "runs").write_text("not a folder")
    before = tree(folder)
    code = cli.main([command, str(folder)])
    captured = capsys.readouterr()
    if command == "undo":  # nothing can be undone from there: said plainly
        assert code == 1 and "Nothing to undo" in captured.out and "Traceback" not in captured.err
    else:
        assert code == 2
        assert "not a folder" in one_line(captured.err) or "symbolic link" in captured.err
    assert tree(folder) == before and list(elsewhere.iterdir()) == []
