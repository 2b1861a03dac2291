"""Reading files safely, and content hashes of files read in chunks.

Every read of a file the program did not just create goes through :func:`open_regular`: it never blocks on a
FIFO or a device (``O_NONBLOCK``), refuses anything that is not a regular file, and can refuse symbolic links.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def open_regular(path: str | os.PathLike[str], follow_symlinks: bool = True) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file; ``OSError`` otherwise (never blocks).

    A FIFO, socket, device or folder raises ``OSError(EINVAL, "not a regular file")``; with
    ``follow_symlinks=False`` a symbolic link raises ``OSError(ELOOP, "is a symbolic link")``.
    """
    flags = _FLAGS | getattr(os, "O_CLOEXEC", 0) | (0 if follow_symlinks else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise OSError(errno.ELOOP, "is a symbolic link", os.fspath(path)) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
        if _FLAGS & getattr(os, "O_NONBLOCK", 0):
            import fcntl  # POSIX only, as O_NONBLOCK is

            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], follow_symlinks: bool = True) -> bytes:
    """The whole content of a regular file (see :func:`open_regular`)."""
    with open_regular(path, follow_symlinks) as handle:
        return handle.read()


def sha256_of(path: Path, follow_symlinks: bool = True) -> str:
    """Hex SHA-256 of a regular file's content (``OSError`` for anything else)."""
    digest = hashlib.sha256()
    with open_regular(path, follow_symlinks) as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
