"""The crash-safe primitives, including the half-done states a kill can leave behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from sakura_sorter.files import fileops


def data(path: Path, size: int = 4096) -> bytes:
    content = os.urandom(size)
    path.write_bytes(content)
    return content


def test_rename_noreplace_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = data(tmp_path / "a"), data(tmp_path / "b")
    with pytest.raises(FileExistsError):
        fileops.rename_noreplace(tmp_path / "a", tmp_path / "b")
    monkeypatch.setattr(fileops, "_native_noreplace", lambda src, dst: False)  # the portable fallback
    with pytest.raises(FileExistsError):
        fileops.rename_noreplace(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "a").read_bytes() == a and (tmp_path / "b").read_bytes() == b
    fileops.rename_noreplace(tmp_path / "a", tmp_path / "c")
    assert (tmp_path / "c").read_bytes() == a and not (tmp_path / "a").exists()


def test_numbered_and_free_names() -> None:
    assert fileops.numbered_name("IMG_0001.jpg", 0) == "IMG_0001.jpg"
    assert fileops.numbered_name("IMG_0001.jpg", 1) == "IMG_0001 (1).jpg"
    assert fileops.numbered_name("archive.tar.gz", 2) == "archive.tar (2).gz"
    assert fileops.numbered_name("README", 3) == "README (3)"
    taken = {"img.jpg", "img (1).jpg"}
    assert fileops.free_name("IMG.jpg", taken) == "IMG (2).jpg"
    assert fileops.free_name("other.jpg", taken) == "other.jpg"


def test_copy_verified_keeps_mtime_and_cleans_up_on_failure(tmp_path: Path) -> None:
    src = tmp_path / "src.jpg"
    content = data(src, 100_000)
    os.utime(src, (1_234_567_890, 1_234_567_890))
    dst, tmp = tmp_path / "out" / "dst.jpg", tmp_path / "out" / ".tmp"
    dst.parent.mkdir()
    fileops.copy_verified(src, dst, tmp, fileops.sha256_of(src))
    assert dst.read_bytes() == content and dst.stat().st_mtime == 1_234_567_890 and not tmp.exists()
    with pytest.raises(OSError) as info:  # the source changed since it was planned
        fileops.copy_verified(src, tmp_path / "out" / "again.jpg", tmp, "0" * 64)
    assert info.value.errno == errno.EIO
    assert not tmp.exists() and not (tmp_path / "out" / "again.jpg").exists()


def test_settle_move_finishes_every_half_done_state(tmp_path: Path) -> None:
    src, dst, tmp = tmp_path / "a.jpg", tmp_path / "d" / "a.jpg", tmp_path / "d" / ".a.tmp"
    dst.parent.mkdir()
    content = data(src)
    sha = fileops.sha256_of(src)

    tmp.write_bytes(content[:100])  # killed while copying across devices
    fileops.settle_move(src, dst, tmp, sha)
    assert dst.read_bytes() == content and not src.exists() and not tmp.exists()

    src.write_bytes(content)  # killed after the verified copy, before removing the source
    fileops.settle_move(src, dst, tmp, sha)
    assert dst.read_bytes() == content and not src.exists()

    fileops.settle_move(src, dst, tmp, sha)  # already done: nothing to do
    assert dst.read_bytes() == content

    src.write_bytes(b"a different photo")  # never delete a file that is not an identical copy
    with pytest.raises(FileExistsError):
        fileops.settle_move(src, dst, tmp, sha)
    assert src.read_bytes() == b"a different photo" and dst.read_bytes() == content


def test_settle_move_refuses_when_the_file_is_gone(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        fileops.settle_move(tmp_path / "gone.jpg", tmp_path / "d.jpg", tmp_path / ".t", None)


def test_a_complete_temp_copy_that_is_the_only_copy_is_kept(tmp_path: Path) -> None:
    tmp, dst = tmp_path / ".t", tmp_path / "d.jpg"
    content = data(tmp)
    # The source is gone (removed by someone else): the verified temp copy is promoted, not deleted.
    fileops.settle_move(tmp_path / "gone.jpg", dst, tmp, fileops.sha256_of(tmp))
    assert dst.read_bytes() == content and not tmp.exists()


def test_write_atomic_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.xmp"
    target.write_text("old")
    target.chmod(0o640)
    fileops.write_atomic(target, b"new", tmp_path / ".x.tmp")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640
    assert not (tmp_path / ".x.tmp").exists()


def test_remove_copy_keeps_a_changed_copy(tmp_path: Path) -> None:
    original, copy = tmp_path / "o.jpg", tmp_path / "c.jpg"
    copy.write_bytes(data(original))
    sha = fileops.sha256_of(copy)
    copy.write_bytes(b"edited")
    assert "changed" in fileops.remove_copy(original, copy, tmp_path / ".t", sha) and copy.exists()
    copy.write_bytes(original.read_bytes())
    assert fileops.remove_copy(original, copy, tmp_path / ".t", sha) == "" and not copy.exists()
    assert original.exists()
