"""Which files are photos, and listing them: no image library is imported here (a cached run needs none).

:mod:`sakura_sorter.vision.photos` decodes them; it re-exports everything here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from sakura_sorter.errors import NotAFolderError, SakuraSorterError
from sakura_sorter.vocabulary import folded

INPUT_SIZE = 224
RESIZE_POLICY = (
    "exif-transpose; rgb8 (alpha over white, 16-bit scaled); jpeg draft >= target; "
    "squash to 224x224 (no crop), PIL bilinear antialiased"
)
#: Larger pictures are refused before decoding (a 100,000 x 100,000 header is a decompression bomb).
MAX_PIXELS = 200_000_000

PHOTO_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".bmp", ".gif", ".heic", ".heif"}
)
_HEIF_EXTENSIONS = frozenset({".heic", ".heif"})


class ImageLoadError(SakuraSorterError):
    """A photo that cannot be used; the message says why in words a person understands."""


_DIGIT_RUN = re.compile(r"[0-9]+")


def natural_key(name: str) -> str:
    """A key that orders file names as a file manager does: numbers by value (``IMG_2`` before ``IMG_10``,
    ``写真_9`` before ``写真_10``), case and full-width characters folded (NFKC), ties broken by the exact name.
    A string, so Qt's sort can compare it too."""
    return _DIGIT_RUN.sub(lambda m: m.group().rjust(20, "0"), folded(name)) + "\0" + name


def is_photo_name(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in PHOTO_EXTENSIONS


@dataclass
class PhotoScan:
    """What a folder holds: its photos, the symbolic links that were not followed, and the folders that
    could not be listed (with the reason), so that an unreadable folder is never "0 photos"."""

    photos: list[Path] = field(default_factory=list)
    links: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)


def _reason(exc: OSError) -> str:
    return f"cannot list this folder ({exc.strerror or exc})"


def scan_photos(folder: Path, recursive: bool = False) -> PhotoScan:
    """Photo files in ``folder`` (by extension, in :func:`natural_key` order, each folder's files before its
    subfolders), skipping hidden entries and never following symlinks: a link named like a photo (or, when
    ``recursive``, a link to a folder) is listed in ``links``. Walks any depth without recursion."""
    folder = Path(folder)
    check_folder(folder)
    scan = PhotoScan()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: natural_key(e.name))
        except OSError as exc:
            scan.unreadable.append((current, _reason(exc)))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_symlink():
                    if is_photo_name(entry.name) or (recursive and entry.is_dir(follow_symlinks=True)):
                        scan.links.append(Path(entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    subfolders.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False) and is_photo_name(entry.name):
                    scan.photos.append(Path(entry.path))
            except OSError as exc:
                scan.unreadable.append((Path(entry.path), _reason(exc)))
        if recursive:
            stack.extend(reversed(subfolders))
    return scan


def find_photos(folder: Path, recursive: bool = False) -> list[Path]:
    """All photos in ``folder`` (see :func:`scan_photos`, which also says what could not be listed)."""
    return scan_photos(folder, recursive).photos


def check_folder(folder: Path) -> None:
    """Raise :class:`NotAFolderError` unless ``folder`` is a folder this process may list."""
    if not folder.exists():
        raise NotAFolderError(f"No such folder: {folder}", "Check the path and try again.")
    if not folder.is_dir():
        raise NotAFolderError(f"Not a folder: {folder}", "Name the folder that holds the photos, not a file.")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise NotAFolderError(f"Permission denied: cannot list {folder}", "Check the folder's permissions.")
    try:
        os.scandir(folder).close()
    except OSError as exc:
        raise NotAFolderError(
            f"Cannot list {folder}: {exc.strerror or exc}", "Check the folder's permissions."
        ) from exc
