"""Odd files in the folder: FIFOs (issue 12, defect 5), names that are not UTF-8 (defect 6), names too long
for a sidecar (defect 7), a very deep tree, symbolic links. Each is one row of the report; the run goes on.

Tests that could hang on a FIFO have a short time limit, so a regression fails instead of stalling.
"""

from __future__ import annotations

import csv
import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from folder_state import tree
from sorting_helpers import CLASSES, result, sort, write

from sakura_sorter import cli
from sakura_sorter.files import journal
from sakura_sorter.files.apply import apply_plan
from sakura_sorter.files.plan import make_plan
from sakura_sorter.files.recovery import undo_last
from sakura_sorter.vision.cache import FeatureCache
from sakura_sorter.vision.photos import ImageLoadError, find_photos, load_for_model

fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
ODD = os.fsdecode(b"\xff\xfe photo.jpg")  # not valid UTF-8: Python keeps the bytes as surrogates


def report_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_bytes().decode("utf-8-sig").splitlines()))


# --- defect 5: FIFOs ----------------------------------------------------------------------------


@fifo_only
@pytest.mark.timeout(30)
def test_planning_tag_mode_never_opens_a_fifo_sidecar(tmp_path: Path) -> None:
    photo = write(tmp_path / "x.jpg")
    os.mkfifo(tmp_path / "x.jpg.xmp")
    plan = make_plan(tmp_path, [result(photo)], CLASSES, mode="tag")
    assert plan.items[0].status == "error" and "not a regular file" in plan.items[0].note


@fifo_only
@pytest.mark.timeout(30)
def test_sidecar_swapped_for_a_fifo_between_plan_and_apply(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.jpg"), write(tmp_path / "b.jpg")
    plan = make_plan(tmp_path, [result(a), result(b)], CLASSES, mode="tag")
    os.mkfifo(tmp_path / "a.jpg.xmp")  # appears after planning, while the run holds the folder lock
    outcome = apply_plan(plan)
    assert [o.status for o in outcome.items] == ["error", "sorted"]
    assert "not a regular file" in outcome.items[0].error
    assert undo_last(tmp_path).ok and (tmp_path / "a.jpg.xmp").exists() and not (tmp_path / "b.jpg.xmp").exists()


@fifo_only
@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", ["copy", "move"])
def test_photo_swapped_for_a_fifo_between_plan_and_apply(tmp_path: Path, mode: str) -> None:
    a, b = write(tmp_path / "a.jpg"), write(tmp_path / "b.jpg")
    plan = make_plan(tmp_path, [result(a), result(b)], CLASSES, mode=mode)
    a.unlink()
    os.mkfifo(a)
    outcome = apply_plan(plan)
    assert [o.status for o in outcome.items] == ["error", "sorted"]
    assert (tmp_path / "sakura" / "b.jpg").exists() and not (tmp_path / "sakura" / "a.jpg").exists()


@fifo_only
@pytest.mark.timeout(30)
def test_fifo_named_like_a_photo_is_never_decoded_or_hashed(tmp_path: Path) -> None:
    fifo = tmp_path / "p.jpg"
    os.mkfifo(fifo)
    assert find_photos(tmp_path) == []  # not a regular file: not a photo
    with pytest.raises(ImageLoadError, match="not a regular file"):
        load_for_model(fifo)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cache = FeatureCache(tmp_path / "cache.sqlite3", "test")
    assert cache.lookup([fifo]) == {}
    cache.store([(fifo, np.ones(4, np.float32))])
    assert cache.counters.stored == 0


@fifo_only
@pytest.mark.timeout(30)
@pytest.mark.parametrize("where", ["lock", "runs/20300101T000000000000Z-1.jsonl"])
def test_fifos_in_the_state_folder_stop_with_one_line(
    tmp_path: Path, where: str, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "s1.jpg")
    (tmp_path / journal.STATE_DIR / "runs").mkdir(parents=True)
    os.mkfifo(tmp_path / journal.STATE_DIR / where)
    before = tree(tmp_path)
    assert cli.main(["sort", str(tmp_path)]) == 2
    assert cli.main(["undo", str(tmp_path)]) in (1, 2)
    err = capsys.readouterr().err
    assert "not a regular file" in err and "Traceback" not in err
    assert tree(tmp_path) == before


# --- defect 6: names that are not UTF-8 ---------------------------------------------------------


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the filesystem must accept any bytes")
@pytest.mark.parametrize("cache", ["on", "off"])
def test_a_name_that_is_not_utf8_is_sorted_reported_and_undone(
    tmp_path: Path, cache: str, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "photos"
    write(folder / "s1.jpg")
    write(folder / ODD)
    before = tree(folder)
    report = tmp_path / "report.csv"
    options = ["--feature-cache", str(tmp_path / "features.sqlite3")] if cache == "on" else ["--no-cache"]
    assert cli.main(["sort", str(folder), "--report", str(report), *options]) == 0
    assert (folder / "sakura" / ODD).exists()
    rows = {r["path"].rsplit("/", 1)[1]: r for r in report_rows(report)}
    assert rows["\\xff\\xfe photo.jpg"]["status"] == "sorted"  # escaped, so the report stays valid UTF-8
    assert rows["\\xff\\xfe photo.jpg"]["new_path"].endswith("sakura/\\xff\\xfe photo.jpg")
    assert cli.main(["undo", str(folder)]) == 0
    assert tree(folder) == before
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the filesystem must accept any bytes")
def test_feature_cache_keeps_names_that_are_not_utf8_apart(tmp_path: Path) -> None:
    """Such a name is stored as its bytes in hex, so it cannot meet another file's entry."""
    odd, plain = tmp_path / ODD, tmp_path / "\\xff\\xfe photo.jpg"  # the second is its escaped spelling
    odd.write_bytes(b"one")
    plain.write_bytes(b"two")
    with FeatureCache(tmp_path / "cache.sqlite3", "test") as cache:
        cache.store([(odd, np.full(4, 1.0, np.float32)), (plain, np.full(4, 2.0, np.float32))])
        found = cache.lookup([odd, plain])
    assert found[odd][0] == 1.0 and found[plain][0] == 2.0


# --- defect 7: names too long for a sidecar -----------------------------------------------------


@pytest.mark.parametrize("length", [252, 253, 254, 255])
def test_tag_mode_with_a_name_too_long_for_its_sidecar_is_one_error_row(tmp_path: Path, length: int) -> None:
    long_photo = write(tmp_path / ("s" * (length - 4) + ".jpg"))
    other = write(tmp_path / "other.jpg")
    _, outcome = sort(tmp_path, [result(long_photo), result(other)], mode="tag")
    by_name = {o.item.path.name: o for o in outcome.items}
    assert by_name[long_photo.name].status == "error" and "too long" in by_name[long_photo.name].error
    assert by_name["other.jpg"].status == "sorted" and (tmp_path / "other.jpg.xmp").exists()


def test_a_renamed_destination_too_long_is_an_error_row_in_the_plan(tmp_path: Path) -> None:
    name = "s" * 251 + ".jpg"  # 255 bytes: taken in sakura/, and "name (1).jpg" would be too long
    photo = write(tmp_path / name)
    write(tmp_path / "sakura" / name)
    plan = make_plan(tmp_path, [result(photo)], CLASSES)
    assert plan.items[0].status == "error" and "too long" in plan.items[0].note


# --- a very deep tree, and symbolic links -------------------------------------------------------


def deep_tree(root: Path, levels: int) -> None:
    """``root/d/d/.../d/p.jpg``, ``levels`` folders deep (made one level at a time, relative to the last)."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("p.jpg", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    finally:
        os.close(fd)


def remove_deep_tree(root: Path) -> None:
    """Remove ``root/d/d/...`` from the bottom up (shutil.rmtree, and so pytest's clean-up, recurse too deep)."""
    chain = [os.open(root, os.O_RDONLY)]
    try:
        while True:
            try:
                chain.append(os.open("d", os.O_RDONLY, dir_fd=chain[-1]))
            except FileNotFoundError:
                break
        while len(chain) > 1:
            inner = chain.pop()
            for name in os.listdir(inner):
                os.unlink(name, dir_fd=inner)
            os.close(inner)
            os.rmdir("d", dir_fd=chain[-1])
    finally:
        for fd in chain:
            os.close(fd)


def test_a_folder_tree_1100_levels_deep_is_walked(
    tmp_path: Path, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    deep_tree(tmp_path, 1100)
    try:
        (tmp_path / "top.jpg").write_bytes(b"x")
        assert [p.name for p in find_photos(tmp_path, recursive=True)] == ["top.jpg", "p.jpg"]
        assert cli.main(["classify", str(tmp_path), "--recursive"]) == 0
        assert "2 photos" in capsys.readouterr().out
    finally:
        remove_deep_tree(tmp_path)


def test_symbolic_links_are_listed_in_the_sort_report_as_skipped(
    tmp_path: Path, fake_model: list, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, outside = tmp_path / "photos", tmp_path / "outside"
    write(folder / "s1.jpg")
    write(outside / "sub" / "s9.jpg")
    (folder / "link.jpg").symlink_to(outside / "sub" / "s9.jpg")
    (folder / "linked-folder").symlink_to(outside / "sub", target_is_directory=True)
    report = tmp_path / "report.csv"
    assert cli.main(["sort", str(folder), "--recursive", "--report", str(report)]) == 0
    rows = {Path(r["path"]).name: r for r in report_rows(report)}
    assert rows["link.jpg"]["status"] == "skipped" and "symbolic link" in rows["link.jpg"]["note"]
    assert rows["linked-folder"]["status"] == "skipped" and "symbolic link" in rows["linked-folder"]["note"]
    assert rows["s1.jpg"]["status"] == "sorted"
    assert tree(outside) == {"sub/s9.jpg": tree(outside)["sub/s9.jpg"]}  # nothing followed
