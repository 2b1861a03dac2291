"""Crash-safe file primitives: no-overwrite renames, verified copies, atomic writes.

Every function here is idempotent given the same arguments, so recovery after a kill can call
it again: the ``settle_*`` functions look at what is on disk and finish the job from there.
Nothing here deletes a file unless an identical copy (same SHA-256) exists elsewhere, or the
file is a temporary one this module created. Nothing here opens a file that is not a regular
file (a FIFO would block for ever) or follows a symbolic link.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import shutil
import sys
from pathlib import Path

from sakura_sorter.digest import open_regular
from sakura_sorter.digest import sha256_of as _sha256_of

_CHUNK = 1 << 20
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def describe_error(exc: BaseException) -> str:
    """One line for a person: the OS's reason and the file it concerns, else the exception's text."""
    if isinstance(exc, OSError) and exc.strerror:
        name = exc.filename2 or exc.filename
        return f"{exc.strerror}: {name}" if name else exc.strerror
    return str(exc) or type(exc).__name__


def sha256_of(path: Path) -> str:
    """SHA-256 of a regular file, not following a symbolic link (``OSError`` for anything else)."""
    return _sha256_of(path, follow_symlinks=False)


def fsync_dir(directory: Path) -> None:
    """Make a rename or create inside ``directory`` durable (no-op where unsupported)."""
    if sys.platform == "win32":
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _native_noreplace(src: Path, dst: Path) -> bool:
    """Try the kernel's atomic no-replace rename; False when the platform cannot do it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_noreplace = -100, 1
        result = libc.renameat2(at_fdcwd, os.fsencode(src), at_fdcwd, os.fsencode(dst), rename_noreplace)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_excl = 0x4
        result = libc.renamex_np(os.fsencode(src), os.fsencode(dst), rename_excl)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # this filesystem cannot do it; fall back
    raise OSError(code, os.strerror(code), str(src), None, str(dst))


def rename_noreplace(src: Path, dst: Path) -> None:
    """Atomically rename ``src`` to ``dst``; ``FileExistsError`` if ``dst`` exists.

    Raises ``OSError(EXDEV)`` when the two are on different filesystems.
    """
    if _native_noreplace(src, dst):
        return
    if os.path.lexists(dst):
        raise FileExistsError(errno.EEXIST, "destination exists", str(dst))
    os.rename(src, dst)


def _copy_bytes(src: Path, tmp: Path) -> str:
    """Copy ``src`` into a new file ``tmp`` (must not exist), fsync it, return the SHA-256."""
    digest = hashlib.sha256()
    source = open_regular(src, follow_symlinks=False)  # before creating tmp: a FIFO or link is refused
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with source, os.fdopen(fd, "wb", closefd=False) as target:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
    finally:
        os.close(fd)
    return digest.hexdigest()


def copy_verified(src: Path, dst: Path, tmp: Path, sha256: str | None = None) -> None:
    """Copy ``src`` to ``dst`` keeping timestamps and mode, never leaving a partial ``dst``.

    The bytes go to ``tmp`` (same folder as ``dst``), are fsynced and read back; only when the
    read-back hash matches (and ``sha256``, if given) is ``tmp`` renamed to ``dst``.
    """
    try:
        written = _copy_bytes(src, tmp)
        shutil.copystat(src, tmp, follow_symlinks=False)
        if sha256 is not None and written != sha256:
            raise OSError(errno.EIO, "source changed since it was planned", str(src))
        if sha256_of(tmp) != written:
            raise OSError(errno.EIO, "copy does not read back identically", str(tmp))
        rename_noreplace(tmp, dst)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_dir(dst.parent)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def move_file(src: Path, dst: Path, tmp: Path, sha256: str | None = None) -> None:
    """Move ``src`` to ``dst`` without overwriting: an atomic rename, or across filesystems
    copy, fsync, verify, and only then remove the source."""
    try:
        rename_noreplace(src, dst)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        copy_verified(src, dst, tmp, sha256)
        os.unlink(src)
        fsync_dir(src.parent)
    else:
        fsync_dir(dst.parent)
        if dst.parent != src.parent:
            fsync_dir(src.parent)


def clear_tmp(tmp: Path, keep_if_only_copy: Path, sha256: str | None) -> None:
    """Remove a leftover temporary copy (``tmp`` is one of this program's temporary names); if it is
    (impossibly) the only copy, promote it."""
    if not os.path.lexists(tmp):
        return
    if not os.path.lexists(keep_if_only_copy) and sha256 is not None and has_content(tmp, sha256):
        rename_noreplace(tmp, keep_if_only_copy)
        return
    os.unlink(tmp)


def has_content(path: Path, sha256: str) -> bool:
    """True when ``path`` is a regular file with this SHA-256 (False for anything else or unreadable)."""
    try:
        return sha256_of(path) == sha256
    except OSError:
        return False


def settle_move(src: Path, dst: Path, tmp: Path, sha256: str | None = None) -> None:
    """Ensure the file planned to move from ``src`` ends at ``dst`` and only there.

    Safe to call again after a crash at any point of an earlier call.
    """
    clear_tmp(tmp, dst, sha256)
    src_there, dst_there = os.path.lexists(src), os.path.lexists(dst)
    if dst_there and src_there:
        # A cross-device move died between "copy verified" and "remove source".
        if sha256_of(src) != sha256_of(dst):
            raise FileExistsError(errno.EEXIST, "a different file is already at the destination", str(dst))
        os.unlink(src)
        fsync_dir(src.parent)
    elif dst_there:
        return
    elif src_there:
        move_file(src, dst, tmp, sha256)
    else:
        raise FileNotFoundError(errno.ENOENT, "file vanished", str(src))


def settle_copy(src: Path, dst: Path, tmp: Path, sha256: str | None = None) -> None:
    """Ensure a complete copy of ``src`` exists at ``dst`` (idempotent)."""
    clear_tmp(tmp, dst, None)
    if os.path.lexists(dst):
        return
    copy_verified(src, dst, tmp, sha256)


def remove_copy(src: Path, dst: Path, tmp: Path, sha256: str) -> str:
    """Remove the copy ``dst`` of ``src`` only while it is redundant; returns why it was kept ("" = removed
    or already gone).

    The copy goes only when it still has the content that was copied (``sha256``) and its original is still
    at ``src``, a different regular file with that same content: a copy whose original was moved away,
    deleted or edited may be the only one left, and is kept.
    """
    clear_tmp(tmp, dst, sha256)
    if not os.path.lexists(dst):
        return ""
    if not has_content(dst, sha256):
        return "it was changed after it was copied"
    if not os.path.lexists(src):
        return f"its original {src.name} is no longer there, so it may be the only copy"
    try:
        same_file = os.path.samefile(src, dst) or os.path.islink(src)
    except OSError:
        same_file = True
    if same_file or not has_content(src, sha256):
        return f"its original {src.name} was changed or replaced, so it may be the only copy"
    os.unlink(dst)
    fsync_dir(dst.parent)
    return ""


def write_atomic(path: Path, data: bytes, tmp: Path) -> None:
    """Replace ``path`` with ``data`` atomically (temp file ``tmp`` in the same folder, fsync, replace).

    ``tmp`` must be one of this program's temporary names: a leftover there is removed first.
    """
    _unlink_quietly(tmp)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0), 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.lexists(path):
            shutil.copymode(path, tmp, follow_symlinks=False)
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_dir(path.parent)


def numbered_name(name: str, n: int) -> str:
    """``IMG_0001.jpg`` -> ``IMG_0001 (n).jpg`` (``n`` = 0 gives the name itself)."""
    if n == 0:
        return name
    stem, dot, ext = name.rpartition(".")
    if not stem:  # no extension (or a leading-dot name)
        return f"{name} ({n})"
    return f"{stem} ({n}){dot}{ext}"


def free_name(name: str, taken: set[str]) -> str:
    """``name`` or the first ``stem (n).ext`` whose casefolded form is not in ``taken``."""
    n = 0
    while numbered_name(name, n).casefold() in taken:
        n += 1
    return numbered_name(name, n)


def name_max(directory: Path) -> int:
    """The longest file name (in bytes) ``directory``'s filesystem allows (255 where it cannot be asked)."""
    for candidate in (directory, *directory.parents):
        try:
            return int(os.pathconf(candidate, "PC_NAME_MAX"))
        except (OSError, ValueError, AttributeError):
            continue
    return 255


def listing(directory: Path) -> set[str]:
    """Casefolded names in ``directory`` (empty when it does not exist)."""
    try:
        return {entry.casefold() for entry in os.listdir(directory)}
    except (FileNotFoundError, NotADirectoryError):
        return set()
