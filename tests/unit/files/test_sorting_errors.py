"""Failures during sort and undo: one photo fails, the rest continue, nothing is lost."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from folder_state import tree
from sorting_helpers import CLASSES, read_report, result, sort, write

from sakura_sorter.files import fileops, journal, records
from sakura_sorter.files.apply import apply_plan
from sakura_sorter.files.journal import STATE_DIR
from sakura_sorter.files.plan import make_plan
from sakura_sorter.files.recovery import has_undoable_run, needs_recovery, recover, undo_last
from sakura_sorter.files.report import write_sort_report
from sakura_sorter.results import PhotoResult


def fail_for(monkeypatch: pytest.MonkeyPatch, name: str, match: str, code: int) -> None:
    """Make ``fileops.<name>`` raise ``OSError(code)`` when its first argument's name contains ``match``."""
    real = getattr(fileops, name)

    def failing(*args: object, **kwargs: object) -> object:
        if match in Path(str(args[0])).name:
            raise OSError(code, os.strerror(code), str(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(fileops, name, failing)


def test_vanished_photo_is_an_error_row_and_the_rest_continue(tmp_path: Path) -> None:
    photos = [write(tmp_path / f"p{i}.jpg") for i in range(3)]
    plan = make_plan(tmp_path, [result(p) for p in photos], CLASSES)
    photos[1].unlink()  # deleted by someone between plan and apply
    outcome = apply_plan(plan)
    assert [o.status for o in outcome.items] == ["sorted", "error", "sorted"]
    assert "vanished" in outcome.items[1].error and not outcome.ok
    assert sorted(tree(tmp_path)) == ["sakura/p0.jpg", "sakura/p2.jpg"]


def test_permission_denied_rolls_back_the_photo_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = write(tmp_path / "good.jpg")
    bad = write(tmp_path / "bad.jpg")
    write(tmp_path / "bad.xmp", 40)
    before = tree(tmp_path)
    fail_for(monkeypatch, "rename_noreplace", "bad.xmp", errno.EACCES)  # the photo moves, its sidecar cannot
    plan, outcome = sort(tmp_path, [result(good), result(bad)])
    statuses = {o.item.path.name: (o.status, o.error) for o in outcome.items}
    assert statuses["good.jpg"] == ("sorted", "")
    assert statuses["bad.jpg"][0] == "error" and "Permission denied" in statuses["bad.jpg"][1]
    after = tree(tmp_path)
    assert after["bad.jpg"] == before["bad.jpg"] and after["bad.xmp"] == before["bad.xmp"]  # rolled back together
    assert after["sakura/good.jpg"] == before["good.jpg"]
    report = tmp_path.parent / "errors.csv"
    write_sort_report(report, plan, outcome)
    rows = {Path(r["path"]).name: r for r in read_report(report)}
    assert rows["bad.jpg"]["status"] == "error" and rows["bad.jpg"]["new_path"] == ""
    assert "Permission denied" in rows["bad.jpg"]["error"]
    monkeypatch.undo()
    assert undo_last(tmp_path).ok and tree(tmp_path) == before


def test_cross_device_move_copies_verifies_then_removes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photo = write(tmp_path / "far.jpg", 300_000)
    write(tmp_path / "far.CR2", 5000)
    os.utime(photo, (1_400_000_000, 1_400_000_000))
    before = tree(tmp_path)

    def exdev(src: Path, dst: Path) -> bool:
        if Path(src).name.startswith(".sakura-sorter-"):
            return False  # the verified temporary copy is renamed inside its own folder
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(src), None, str(dst))

    monkeypatch.setattr(fileops, "_native_noreplace", exdev)
    _, outcome = sort(tmp_path, [result(photo, "cosmos")])
    assert outcome.ok
    after = tree(tmp_path)
    assert after == {"cosmos/far.jpg": before["far.jpg"], "cosmos/far.CR2": before["far.CR2"]}
    assert (tmp_path / "cosmos" / "far.jpg").stat().st_mtime == 1_400_000_000
    assert undo_last(tmp_path).ok and tree(tmp_path) == before  # back across the "device" too
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*") if STATE_DIR not in p.parts)


def test_disk_full_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = write(tmp_path / "big.jpg", 200_000)
    small = write(tmp_path / "small.jpg", 1000)
    before = tree(tmp_path)
    real_copy = fileops._copy_bytes

    def enospc(src: Path, tmp: Path) -> str:
        if Path(src).name == "big.jpg":
            Path(tmp).write_bytes(b"partial")  # what a full disk leaves behind
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
        return real_copy(src, tmp)

    monkeypatch.setattr(fileops, "_copy_bytes", enospc)
    _, outcome = sort(tmp_path, [result(big, "cosmos"), result(small, "cosmos")], mode="copy")
    statuses = {o.item.path.name: o for o in outcome.items}
    assert statuses["big.jpg"].status == "error" and "No space left" in statuses["big.jpg"].error
    assert statuses["small.jpg"].status == "sorted"
    after = tree(tmp_path)
    assert set(after) == {"big.jpg", "small.jpg", "cosmos/small.jpg"}  # no partial, no temp
    assert after["big.jpg"] == before["big.jpg"]


def test_symlinks_are_never_followed_out_of_the_folder(tmp_path: Path) -> None:
    folder, outside = tmp_path / "photos", tmp_path / "outside"
    outside.mkdir()
    photo = write(folder / "p.jpg")
    target = write(outside / "elsewhere.jpg")
    (folder / "link.jpg").symlink_to(target)
    (folder / "sakura").symlink_to(outside, target_is_directory=True)
    _, outcome = sort(folder, [result(photo), result(folder / "link.jpg")])
    by_name = {o.item.path.name: o for o in outcome.items}
    assert by_name["p.jpg"].status == "error" and "symbolic link" in by_name["p.jpg"].error
    assert by_name["link.jpg"].status == "skipped"
    assert sorted(p.name for p in outside.iterdir()) == ["elsewhere.jpg"]
    assert photo.exists()


def test_photo_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    stranger = write(tmp_path / "stranger.jpg")
    plan = make_plan(folder, [result(stranger)], CLASSES)
    assert plan.items[0].status == "error" and not plan.actionable


def test_journal_paths_cannot_leave_the_folder(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    for bad in ("../x.jpg", "/etc/passwd", "a/../../x", ""):
        with pytest.raises(ValueError):
            journal.from_rel(root, bad)
    (root / "inner").mkdir()
    (root / "inner" / "escape").symlink_to(tmp_path.parent, target_is_directory=True)
    with pytest.raises(ValueError):
        journal.from_rel(root, "inner/escape/x.jpg")
    assert journal.from_rel(root, "inner/x.jpg") == root / "inner" / "x.jpg"


class Crash(BaseException):
    """Stands in for SIGKILL inside one process: nothing after it runs."""


@pytest.mark.parametrize("revert", [False, True])
def test_interrupted_run_is_finished_or_reverted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, revert: bool) -> None:
    photos = [write(tmp_path / f"p{i}.jpg") for i in range(4)]
    write(tmp_path / "p2.xmp", 30)
    before = tree(tmp_path)
    real = fileops.rename_noreplace

    def crash_on_sidecar(src: Path, dst: Path) -> None:
        if Path(src).name == "p2.xmp":
            raise Crash  # p2.jpg has moved, its sidecar not yet
        real(src, dst)

    monkeypatch.setattr(fileops, "rename_noreplace", crash_on_sidecar)
    with pytest.raises(Crash):
        sort(tmp_path, [result(p) for p in photos])
    monkeypatch.undo()
    assert needs_recovery(tmp_path) and has_undoable_run(tmp_path)
    assert "sakura/p2.jpg" in tree(tmp_path) and "p2.xmp" in tree(tmp_path)

    if revert:
        assert undo_last(tmp_path).ok
        assert tree(tmp_path) == before
    else:
        assert recover(tmp_path) is not None
        after = tree(tmp_path)
        assert set(after) == {"sakura/p0.jpg", "sakura/p1.jpg", "sakura/p2.jpg", "sakura/p2.xmp", "p3.jpg"}
        assert sorted(after.values()) == sorted(before.values())
        assert undo_last(tmp_path).ok and tree(tmp_path) == before
    assert not needs_recovery(tmp_path) and recover(tmp_path) is None


def test_undo_does_not_overwrite_a_new_file_at_the_old_path(tmp_path: Path) -> None:
    photo = write(tmp_path / "p.jpg")
    original = photo.read_bytes()
    sort(tmp_path, [result(photo)])
    photo.write_bytes(b"a new photo with the same name")
    outcome = undo_last(tmp_path)
    assert outcome.ok and any("restored as p (1).jpg" in n for n in outcome.notes)
    assert photo.read_bytes() == b"a new photo with the same name"
    assert (tmp_path / "p (1).jpg").read_bytes() == original


def test_cancel_stops_before_the_next_photo(tmp_path: Path) -> None:
    photos = [write(tmp_path / f"p{i}.jpg") for i in range(5)]
    seen: list[int] = []
    plan = make_plan(tmp_path, [result(p) for p in photos], CLASSES)
    outcome = apply_plan(plan, progress=lambda done, total, path: seen.append(done), cancel=lambda: len(seen) >= 2)
    assert seen == [1, 2] and outcome.cancelled
    assert [o.status for o in outcome.items] == ["sorted", "sorted", "skipped", "skipped", "skipped"]
    assert sorted(tree(tmp_path)) == ["p2.jpg", "p3.jpg", "p4.jpg", "sakura/p0.jpg", "sakura/p1.jpg"]
    assert undo_last(tmp_path).ok and sorted(tree(tmp_path)) == [p.name for p in photos]


def test_journal_write_failure_stops_the_run_safely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photos = [write(tmp_path / f"p{i}.jpg") for i in range(3)]
    before = tree(tmp_path)
    real_write = journal.Journal.write
    calls = {"do": 0}

    def full_disk(self: journal.Journal, record: records.Record) -> None:
        if isinstance(record, records.Transfer):
            calls["do"] += 1
            if calls["do"] == 2:
                raise journal.JournalError(errno.ENOSPC, "No space left on device")
        real_write(self, record)

    monkeypatch.setattr(journal.Journal, "write", full_disk)
    _, outcome = sort(tmp_path, [result(p) for p in photos])
    assert [o.status for o in outcome.items] == ["sorted", "error", "error"]
    assert all("journal" in o.error for o in outcome.items[1:])
    monkeypatch.undo()
    assert sorted(tree(tmp_path).values()) == sorted(before.values())
    assert undo_last(tmp_path).ok and tree(tmp_path) == before


def test_error_results_and_formula_cells_in_the_report(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.jpg")
    plan = make_plan(tmp_path, [PhotoResult(path=bad, error="=HYPERLINK(evil)")], CLASSES)
    out = tmp_path.parent / "dry.csv"
    write_sort_report(out, plan)
    rows = read_report(out)
    assert rows[0]["error"] == "'=HYPERLINK(evil)" and rows[0]["status"] == "error"
    assert rows[0]["note"] == "dry run"
    assert list(rows[0]) == [
        "path",
        "new_path",
        "action",
        "label",
        "human_label",
        "confidence",
        "status",
        "error",
        "sidecars",
        "note",
    ]


def test_undo_skips_a_run_killed_before_it_changed_anything(tmp_path: Path) -> None:
    photo = write(tmp_path / "p.jpg")
    before = tree(tmp_path)
    _, outcome = sort(tmp_path, [result(photo)])
    _, log = journal.start_run(tmp_path.resolve(), "move")  # a later run killed right after "begin"
    log.close()
    assert needs_recovery(tmp_path)
    undone = undo_last(tmp_path)
    assert undone.run_id == outcome.run_id and undone.restored == 1
    assert tree(tmp_path) == before and not needs_recovery(tmp_path) and not has_undoable_run(tmp_path)


def test_run_killed_after_creating_a_folder_before_any_photo_leaves_no_folder(tmp_path: Path) -> None:
    # Found by the kill test: a kill 5 ms into a run, after it made cosmos/ and before its first photo.
    write(tmp_path / "p.jpg")
    before = tree(tmp_path)
    root = tmp_path.resolve()
    _, log = journal.start_run(root, "move")
    log.write(records.MakeDir("cosmos"))
    (root / "cosmos").mkdir()
    log.close()  # killed here
    assert recover(tmp_path) is not None  # finishing it does nothing: it had not reached a photo
    assert has_undoable_run(tmp_path)
    assert undo_last(tmp_path).ok
    assert not (tmp_path / "cosmos").exists() and tree(tmp_path) == before
    assert not has_undoable_run(tmp_path) and not needs_recovery(tmp_path)


def test_real_cross_device_move_and_undo(tmp_path: Path, mount_tmpfs: Callable[[Path, str], Path]) -> None:
    """The class folder is another filesystem (a tmpfs): rename fails with EXDEV, so each file is copied,
    synced, verified and only then removed; undo comes back the same way."""
    folder = tmp_path / "photos"
    photo = write(folder / "far.jpg", 300_000)
    write(folder / "far.CR2", 5000)
    near = write(folder / "near.jpg", 1000)
    os.utime(photo, (1_400_000_000, 1_400_000_000))
    mount_tmpfs(folder / "cosmos", "4m")
    before = tree(folder)
    assert os.stat(folder / "cosmos").st_dev != os.stat(folder).st_dev
    _, outcome = sort(folder, [result(photo, "cosmos"), result(near, "sakura")])
    assert outcome.ok
    after = tree(folder)
    assert after == {
        "cosmos/far.jpg": before["far.jpg"],
        "cosmos/far.CR2": before["far.CR2"],
        "sakura/near.jpg": before["near.jpg"],
    }
    assert (folder / "cosmos" / "far.jpg").stat().st_mtime == 1_400_000_000
    assert undo_last(folder).ok and tree(folder) == before
    assert not any(p.name.endswith(".tmp") for p in folder.rglob("*") if STATE_DIR not in p.parts)


def test_full_destination_filesystem_is_an_error_row_and_leaves_no_partial_copy(
    tmp_path: Path, mount_tmpfs: Callable[[Path, str], Path]
) -> None:
    folder = tmp_path / "photos"
    big = write(folder / "big.jpg", 600_000)
    small = write(folder / "small.jpg", 1000)
    mount_tmpfs(folder / "sakura", "512k")  # room for the small photo, not the big one
    before = tree(folder)
    for mode in ("move", "copy"):
        _, outcome = sort(folder, [result(big), result(small)], mode=mode)
        by_name = {o.item.path.name: o for o in outcome.items}
        assert by_name["big.jpg"].status == "error" and "No space left" in by_name["big.jpg"].error, mode
        assert by_name["small.jpg"].status == "sorted", mode
        assert sorted(os.listdir(folder / "sakura")) == ["small.jpg"], mode  # no partial or temporary file
        assert big.read_bytes() and tree(folder)["big.jpg"] == before["big.jpg"]
        assert undo_last(folder).ok and tree(folder) == before, mode
