"""Plan, apply, undo and recover on real files in temporary folders (no model needed)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from folder_state import tree
from sorting_helpers import CLASSES, EXISTING_XMP, read_report, result, sort, write

from sakura_sorter.files.journal import STATE_DIR
from sakura_sorter.files.plan import make_plan
from sakura_sorter.files.recovery import has_undoable_run, undo_last
from sakura_sorter.files.report import write_sort_report
from sakura_sorter.files.runs import list_runs
from sakura_sorter.files.xmp import labels_in
from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import NEITHER as LEAVE


def dirs(root: Path) -> set[str]:
    return {
        Path(d).relative_to(root).as_posix()
        for d, _, _ in os.walk(root)
        if STATE_DIR not in Path(d).relative_to(root).parts
    }


# --- planning ---------------------------------------------------------------------------------


def test_plan_decisions_change_nothing(tmp_path: Path) -> None:
    a, b, c, d, e = (write(tmp_path / f"{n}.jpg") for n in "abcde")
    before = tree(tmp_path)
    plan = make_plan(
        tmp_path,
        [
            result(a, "sakura", 0.97),
            result(b, "cosmos", 0.55),  # below threshold
            result(c, "cosmos", 0.55, human_label="sakura"),  # a person decided
            PhotoResult(path=d, error="cannot read"),
            result(e, "sakura", 0.99, human_label=LEAVE),
        ],
        CLASSES,
        threshold=0.8,
    )
    by_name = {item.path.name: item for item in plan.items}
    assert [by_name[n].status for n in ("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg")] == [
        "sorted",
        "review",
        "sorted",
        "error",
        "neither",  # a person said "leave it here": its own status, not "skipped"
    ]
    assert by_name["a.jpg"].destination == tmp_path.resolve() / "sakura" / "a.jpg"
    assert by_name["c.jpg"].destination == tmp_path.resolve() / "sakura" / "c.jpg"
    assert by_name["d.jpg"].note == "cannot read"
    assert tree(tmp_path) == before and dirs(tmp_path) == {"."}
    assert not (tmp_path / STATE_DIR).exists()


def test_plan_rejects_unknown_mode_and_bad_class(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        make_plan(tmp_path, [], CLASSES, mode="delete")
    with pytest.raises(ValueError):
        make_plan(tmp_path, [], ("../up", "sakura"))


# --- move, collisions, sidecars, undo ---------------------------------------------------------


def test_move_with_sidecars_and_collision_then_undo_restores_exactly(tmp_path: Path) -> None:
    photo = write(tmp_path / "IMG_0001.jpg")
    for name in ("IMG_0001.xmp", "IMG_0001.jpg.xmp", "IMG_0001.CR2", "IMG_0001.AAE"):
        write(tmp_path / name, 300)
    write(tmp_path / "IMG_0001.txt", 10)  # not a sidecar type: stays
    write(tmp_path / "sakura" / "IMG_0001.jpg")  # collision with an earlier photo
    other = write(tmp_path / "other.png")
    before, before_dirs = tree(tmp_path), dirs(tmp_path)

    _plan, outcome = sort(tmp_path, [result(photo, "sakura"), result(other, "cosmos")])

    assert outcome.ok and outcome.run_id
    after = tree(tmp_path)
    assert sorted(after.values()) == sorted(before.values())  # nothing lost or duplicated
    moved = {
        "IMG_0001.jpg": "sakura/IMG_0001 (1).jpg",
        "IMG_0001.xmp": "sakura/IMG_0001 (1).xmp",
        "IMG_0001.jpg.xmp": "sakura/IMG_0001 (1).jpg.xmp",
        "IMG_0001.CR2": "sakura/IMG_0001 (1).CR2",
        "IMG_0001.AAE": "sakura/IMG_0001 (1).AAE",
        "other.png": "cosmos/other.png",
    }
    for old, new in moved.items():
        assert after[new] == before[old] and old not in after
    assert after["IMG_0001.txt"] == before["IMG_0001.txt"]
    assert after["sakura/IMG_0001.jpg"] == before["sakura/IMG_0001.jpg"]  # not overwritten
    assert has_undoable_run(tmp_path)

    undone = undo_last(tmp_path)

    assert undone.ok and undone.restored == 2
    assert tree(tmp_path) == before
    assert dirs(tmp_path) == before_dirs  # cosmos/ removed (created, empty); sakura/ kept (pre-existing)
    assert not has_undoable_run(tmp_path)
    assert undo_last(tmp_path).run_id is None


def test_second_sort_changes_nothing(tmp_path: Path) -> None:
    photos = [write(tmp_path / f"p{i}.jpg") for i in range(4)]
    sort(tmp_path, [result(p, CLASSES[i % 2]) for i, p in enumerate(photos)])
    after_first = tree(tmp_path)
    runs = len(list_runs(tmp_path.resolve()))
    # A recursive second pass finds the sorted photos inside the class folders.
    found = sorted(p for p in tmp_path.rglob("*.jpg") if STATE_DIR not in p.parts)
    plan, outcome = sort(tmp_path, [result(p, "sakura") for p in found])
    assert {item.status for item in plan.items} == {"skipped"}
    assert all(item.note.startswith("already sorted") for item in plan.items)
    assert outcome.run_id is None
    assert tree(tmp_path) == after_first
    assert len(list_runs(tmp_path.resolve())) == runs
    assert not (tmp_path / "sakura" / "sakura").exists()


def test_same_names_from_subfolders_get_deterministic_names(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "IMG.jpg")
    b = write(tmp_path / "b" / "img.JPG")  # differs only in case: still a collision
    c = write(tmp_path / "c" / "IMG.jpg")
    plan = make_plan(tmp_path, [result(c), result(a), result(b)], CLASSES)
    names = [item.destination.name for item in plan.items]
    assert names == ["IMG.jpg", "img (1).JPG", "IMG (2).jpg"]  # in path order, whatever the input order
    assert names == [i.destination.name for i in make_plan(tmp_path, [result(a), result(b), result(c)], CLASSES).items]


def test_japanese_and_odd_names(tmp_path: Path) -> None:
    names = ["桜の写真 2024.jpg", "-rf --help.jpg", "🌸 spring.jpeg", "=cmd|'calc'.png", "  spaced  .jpg"]
    photos = [write(tmp_path / n) for n in names]
    write(tmp_path / "桜の写真 2024.xmp", 100)
    before = tree(tmp_path)
    plan, outcome = sort(tmp_path, [result(p, "sakura") for p in photos])
    assert outcome.ok
    after = tree(tmp_path)
    for name in [*names, "桜の写真 2024.xmp"]:
        assert after[f"sakura/{name}"] == before[name]
    report = tmp_path.parent / f"{tmp_path.name}-report.csv"
    write_sort_report(report, plan, outcome)
    rows = read_report(report)
    assert {Path(r["new_path"]).name for r in rows} == set(names)
    assert all(r["status"] == "sorted" and r["action"] == "move" for r in rows)
    assert undo_last(tmp_path).ok and tree(tmp_path) == before


def test_read_only_photos_move_copy_and_undo(tmp_path: Path) -> None:
    photo = write(tmp_path / "ro.jpg")
    photo.chmod(0o444)
    before = tree(tmp_path)
    _, outcome = sort(tmp_path, [result(photo, "cosmos")], mode="copy")
    assert outcome.ok
    copy = tmp_path / "cosmos" / "ro.jpg"
    assert copy.stat().st_mode & 0o777 == 0o444
    assert undo_last(tmp_path).ok and tree(tmp_path) == before
    _, outcome = sort(tmp_path, [result(photo, "cosmos")], mode="move")
    assert outcome.ok and copy.stat().st_mode & 0o777 == 0o444
    assert undo_last(tmp_path).ok and tree(tmp_path) == before
    assert photo.stat().st_mode & 0o777 == 0o444


# --- copy -------------------------------------------------------------------------------------


def test_copy_keeps_timestamps_is_idempotent_and_undoes(tmp_path: Path) -> None:
    photo = write(tmp_path / "c.jpg")
    side = write(tmp_path / "c.xmp", 50)
    old = 1_500_000_000
    os.utime(photo, (old, old))
    before = tree(tmp_path)
    _, outcome = sort(tmp_path, [result(photo, "cosmos")], mode="copy")
    assert outcome.ok
    copy = tmp_path / "cosmos" / "c.jpg"
    assert copy.read_bytes() == photo.read_bytes() and (tmp_path / "cosmos" / "c.xmp").read_bytes() == side.read_bytes()
    assert copy.stat().st_mtime == photo.stat().st_mtime == old

    plan, outcome = sort(tmp_path, [result(photo, "cosmos")], mode="copy")
    assert plan.items[0].status == "skipped" and "already copied" in plan.items[0].note
    assert outcome.run_id is None

    assert undo_last(tmp_path).ok
    assert tree(tmp_path) == before and not (tmp_path / "cosmos").exists()


def test_undo_of_copy_keeps_a_copy_changed_since(tmp_path: Path) -> None:
    photo = write(tmp_path / "c.jpg")
    sort(tmp_path, [result(photo, "cosmos")], mode="copy")
    edited = tmp_path / "cosmos" / "c.jpg"
    edited.write_bytes(b"edited by a person")
    outcome = undo_last(tmp_path)
    assert edited.read_bytes() == b"edited by a person"
    assert any("changed after it was copied" in n for n in outcome.notes)


# --- tag --------------------------------------------------------------------------------------


def test_tag_writes_and_merges_sidecars_without_touching_photos(tmp_path: Path) -> None:
    fresh = write(tmp_path / "fresh.jpg")
    known = write(tmp_path / "known.jpg")
    (tmp_path / "known.jpg.xmp").write_text(EXISTING_XMP, encoding="utf-8")
    before = tree(tmp_path)

    _, outcome = sort(tmp_path, [result(fresh, "sakura"), result(known, "cosmos")], mode="tag")

    assert outcome.ok
    after = tree(tmp_path)
    assert after["fresh.jpg"] == before["fresh.jpg"] and after["known.jpg"] == before["known.jpg"]
    assert labels_in((tmp_path / "fresh.jpg.xmp").read_bytes()) == {
        "subject": ["sakura"],
        "hierarchicalSubject": ["sakura"],
        "TagsList": ["sakura"],
    }
    merged = (tmp_path / "known.jpg.xmp").read_bytes()
    assert labels_in(merged)["subject"] == ["spring", "cosmos"]
    assert b"keep me" in merged and b"Rating>4<" in merged
    assert not (tmp_path / "sakura").exists()

    plan, again = sort(tmp_path, [result(fresh, "sakura"), result(known, "cosmos")], mode="tag")
    assert [i.note for i in plan.items] == ["already tagged sakura", "already tagged cosmos"]
    assert again.run_id is None

    assert undo_last(tmp_path).ok
    assert tree(tmp_path) == before  # created sidecar removed, existing one byte for byte


def test_exiftool_reads_the_label(tmp_path: Path, exiftool: str) -> None:
    photo = write(tmp_path / "x.jpg")
    (tmp_path / "x.jpg.xmp").write_text(EXISTING_XMP, encoding="utf-8")
    sort(tmp_path, [result(photo, "sakura")], mode="tag")
    tags = ["-XMP:Subject", "-XMP:HierarchicalSubject", "-XMP:TagsList", "-XMP:Rating"]
    out = subprocess.run(
        [exiftool, "-s3", *tags, str(tmp_path / "x.jpg.xmp")], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.splitlines() == ["spring, sakura", "sakura", "sakura", "4"]
