"""A journal that cannot be written, or was torn while it was (issue 12, defect 9), and damaged journal lines.

A full disk (a real, tiny tmpfs) stops the command with one line, leaves no empty journal behind, and the
next sort and undo work once there is space again; a line torn by a kill or a full disk is cut off before
anything is appended to the journal.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from folder_state import tree
from sorting_helpers import result, sort, write

from sakura_sorter import cli
from sakura_sorter.files import journal
from sakura_sorter.files.journal import STATE_DIR
from sakura_sorter.files.recovery import has_undoable_run, needs_recovery, undo_last
from sakura_sorter.vocabulary import Mode


def fill(folder: Path) -> Path:
    """Fill the filesystem of ``folder`` to the last byte; returns the filler file."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        try:
            while True:
                handle.write(b"\0")
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("sakura-sorter: error:") and "Traceback" not in err, err
    return lines[0]


def test_disk_full_leaves_no_empty_journal_and_later_commands_work(
    tmp_path: Path, mount_tmpfs: Callable[[Path, str], Path], fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = mount_tmpfs(tmp_path / "disk", "256k")
    for name in ("s1.jpg", "c1.jpg"):
        write(folder / name, 1000)
    (folder / STATE_DIR / "runs").mkdir(parents=True)  # the folder was sorted before: its state folder exists
    filler = fill(folder)
    before = tree(folder)

    for _ in range(2):  # the sort stops before it changes anything, again and again while the disk is full
        assert cli.main(["sort", str(folder)]) == 2
        assert "No space left on device" in one_line(capsys.readouterr().err)
    assert cli.main(["undo", str(folder)]) == 1  # nothing to undo: no run was left behind
    assert "Nothing to undo" in capsys.readouterr().out
    assert tree(folder) == before
    assert [p.name for p in (folder / STATE_DIR / "runs").iterdir()] == []  # no empty or partial journal

    filler.unlink()
    capsys.readouterr()
    assert cli.main(["sort", str(folder)]) == 0
    assert sorted(tree(folder)) == ["cosmos/c1.jpg", "sakura/s1.jpg"]
    assert cli.main(["undo", str(folder)]) == 0
    assert tree(folder) == {k: v for k, v in before.items() if k != "filler.bin"}


def test_disk_full_in_the_middle_of_a_run_stops_it_safely(
    tmp_path: Path, mount_tmpfs: Callable[[Path, str], Path]
) -> None:
    folder = mount_tmpfs(tmp_path / "disk", "512k")
    photos = [write(folder / f"p{i}.jpg", 1000) for i in range(40)]
    before = tree(folder)
    real_start = journal.start_run

    def start_then_fill(root: Path, mode: Mode) -> tuple[str, journal.Journal]:
        started = real_start(root, mode)
        fill(folder)  # someone else fills the disk just after the journal began
        return started

    journal_start = pytest.MonkeyPatch()
    journal_start.setattr(journal, "start_run", start_then_fill)
    try:
        _, outcome = sort(folder, [result(p) for p in photos])
    finally:
        journal_start.undo()
    assert any("journal" in o.error for o in outcome.items)
    (folder / "filler.bin").unlink()
    assert sorted(tree(folder).values()) == sorted(before.values())  # nothing lost
    while needs_recovery(folder) or has_undoable_run(folder):
        assert undo_last(folder).ok
    assert tree(folder) == before


def test_a_torn_last_line_is_cut_before_anything_is_appended(tmp_path: Path) -> None:
    photos = [write(tmp_path / f"p{i}.jpg") for i in range(2)]
    before = tree(tmp_path)
    sort(tmp_path, [result(p) for p in photos])
    path = next((tmp_path / STATE_DIR / "runs").glob("*.jsonl"))
    whole = path.read_bytes()
    path.write_bytes(whole[: whole.rindex(b'{"t":"end"')] + b'{"t":"do","id":3,"act')  # torn by a full disk
    assert needs_recovery(tmp_path)  # the run is seen as interrupted (its end is gone)
    assert undo_last(tmp_path).ok and tree(tmp_path) == before
    data = path.read_bytes()
    assert b'"act{' not in data and b'{"t":"do","id":3' not in data  # the torn part went, nothing glued to it
    assert [line for line in data.splitlines() if line] == [
        line for line in data.splitlines() if line and json.loads(line)
    ]


def test_a_failed_write_cuts_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sakura_sorter.files.records import MakeDir

    root = tmp_path.resolve()
    _, log = journal.start_run(root, "move")
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(journal.os, "write", half_then_full)
    with pytest.raises(journal.JournalError):
        log.write(MakeDir("sakura"))
    monkeypatch.undo()
    with pytest.raises(journal.JournalError):  # a journal that failed takes no more lines
        log.write(MakeDir("sakura"))
    assert log.path.read_bytes().count(b"\n") == 1 and log.path.read_bytes().endswith(b"\n")


@pytest.mark.parametrize("content", [b"", b"\n", b'{"t":"begin","v":1,"ru'])
def test_an_empty_journal_from_an_older_version_is_ignored_and_removed(
    tmp_path: Path, content: bytes, fake_model: list
) -> None:
    write(tmp_path / "s1.jpg")
    runs = tmp_path / STATE_DIR / "runs"
    runs.mkdir(parents=True)
    (runs / "20200101T000000000000Z-1.jsonl").write_bytes(content)
    assert not needs_recovery(tmp_path) and not has_undoable_run(tmp_path)
    assert cli.main(["sort", str(tmp_path)]) == 0
    assert not (runs / "20200101T000000000000Z-1.jsonl").exists()
    assert cli.main(["undo", str(tmp_path)]) == 0 and (tmp_path / "s1.jpg").exists()


@pytest.mark.parametrize(
    "line",
    [b"garbage", b"[" * 100_000 + b"]" * 100_000, b'{"t":"done","id":true}', b"\xff\xfe"],
    ids=["garbage", "deeply-nested", "wrong-type", "not-utf8"],
)
def test_a_malformed_journal_line_is_one_line_with_what_to_do(
    tmp_path: Path, line: bytes, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "s1.jpg")
    assert cli.main(["sort", str(tmp_path)]) == 0
    path = next((tmp_path / STATE_DIR / "runs").glob("*.jsonl"))
    path.write_bytes(line + b"\n" + path.read_bytes())
    capsys.readouterr()
    for command in ("undo", "sort"):
        assert cli.main([command, str(tmp_path)]) == 2
        assert f"Move it out of {path.parent}" in one_line(capsys.readouterr().err)
