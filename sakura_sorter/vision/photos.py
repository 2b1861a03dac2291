"""Find photos in a folder and open them safely for the model and for thumbnails.

Resize policy (the same in training and inference, recorded in every model card as ``RESIZE_POLICY``):
decode (JPEG: DCT-domain draft at the smallest scale that keeps both sides >= the target size), apply the
EXIF orientation, convert to 8-bit RGB (transparency composited on white, 16-bit scaled down), then squash
the whole picture to 224x224 without cropping (as the recipe's ``load_img(target_size=(224, 224))``) with
Pillow's antialiased bilinear filter.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from sakura_sorter.digest import open_regular
from sakura_sorter.errors import NotAFolderError, SakuraSorterError
from sakura_sorter.vision import bigpng

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

# Never let Pillow silently accept a truncated file, and let us apply our own size limit.
ImageFile.LOAD_TRUNCATED_IMAGES = False
Image.MAX_IMAGE_PIXELS = None

_heif_state: bool | None = None


class ImageLoadError(SakuraSorterError):
    """A photo that cannot be used; the message says why in words a person understands."""


def _heif_available() -> bool:
    global _heif_state
    if _heif_state is None:
        try:
            from pillow_heif import register_heif_opener
        except ImportError:
            _heif_state = False
        else:
            register_heif_opener()
            _heif_state = True
    return _heif_state


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
    """Photo files in ``folder`` (by extension, sorted by name, each folder's files before its subfolders),
    skipping hidden entries and never following symlinks: a link named like a photo (or, when
    ``recursive``, a link to a folder) is listed in ``links``. Walks any depth without recursion."""
    folder = Path(folder)
    check_folder(folder)
    scan = PhotoScan()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
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


def _read_error(exc: OSError) -> ImageLoadError:
    if isinstance(exc, FileNotFoundError):
        return ImageLoadError("file not found (moved or deleted?)")
    if isinstance(exc, PermissionError):
        return ImageLoadError("permission denied")
    if exc.errno == errno.EINVAL and exc.strerror == "not a regular file":
        return ImageLoadError("not a regular file (a FIFO, device or folder); it is not opened")
    return ImageLoadError(f"cannot read the file ({exc.strerror or exc})")


def _open_file(path: Path) -> BinaryIO:
    """``path`` opened for reading; never blocks on a FIFO. Raises :class:`ImageLoadError`."""
    try:
        return open_regular(path)
    except OSError as exc:
        raise _read_error(exc) from exc


def read_photo_bytes(path: Path) -> bytes:
    """The bytes of ``path`` (to decode and hash them from one read). Raises :class:`ImageLoadError`."""
    with _open_file(path) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise _read_error(exc) from exc


def open_image(path: Path, min_size: int | None = None, data: bytes | None = None) -> Image.Image:
    """Open ``path`` as an upright 8-bit RGB image.

    ``min_size``: when given, JPEGs are decoded in the DCT domain at the smallest scale whose both
    sides stay >= ``min_size`` (much faster for camera photos). ``data``: the file's bytes, already
    read (see :func:`read_photo_bytes`). Raises :class:`ImageLoadError`.
    """
    path = Path(path)
    if path.suffix.lower() in _HEIF_EXTENSIONS and not _heif_available():
        raise ImageLoadError("HEIC/HEIF needs the optional package: pip install 'sakura-sorter[heic]'")
    source = io.BytesIO(data) if data is not None else _open_file(path)
    try:
        if (len(data) if data is not None else os.fstat(source.fileno()).st_size) == 0:
            raise ImageLoadError("empty file (0 bytes)")
        with Image.open(source) as im:
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise ImageLoadError(f"image too large: {width} x {height} pixels (limit {MAX_PIXELS // 1_000_000} MP)")
            if min_size and im.format == "JPEG":
                im.draft("RGB", _draft_request(im.size, min_size))
            large = im.size[0] * im.size[1] > bigpng.BAND_ABOVE_PIXELS
            with _LARGE_DECODE if large else contextlib.nullcontext():  # one whole large picture at a time
                im.seek(0)  # first frame of animations
                im.load()
                upright = ImageOps.exif_transpose(im)
                return to_rgb8(upright)
    except ImageLoadError:
        raise
    except UnidentifiedImageError as exc:
        raise ImageLoadError("not an image, or a format this program cannot read") from exc
    except Image.DecompressionBombError as exc:
        raise ImageLoadError(f"image too large: {exc}") from exc
    except OSError as exc:
        if isinstance(exc, FileNotFoundError | PermissionError) or exc.strerror == "not a regular file":
            raise _read_error(exc) from exc
        raise _decode_error(exc) from exc
    except (SyntaxError, ValueError, EOFError) as exc:
        raise _decode_error(exc) from exc
    finally:
        source.close()


#: Whole decodes of pictures over ``bigpng.BAND_ABOVE_PIXELS`` take turns, so that the decode workers
#: never hold several of them at once.
_LARGE_DECODE = threading.Lock()


def _decode_error(exc: BaseException) -> ImageLoadError:
    reason = str(exc) or type(exc).__name__
    if "truncated" in reason.lower() or isinstance(exc, EOFError):
        return ImageLoadError(f"truncated or damaged file ({reason})")
    return ImageLoadError(f"cannot decode image ({reason})")


def _draft_request(size: tuple[int, int], min_size: int) -> tuple[int, int]:
    """The ``draft`` request that keeps both sides >= ``min_size`` while keeping the aspect ratio."""
    width, height = size
    scale = max(min_size / width, min_size / height)
    return (max(1, int(width * scale + 0.999)), max(1, int(height * scale + 0.999)))


def to_rgb8(im: Image.Image) -> Image.Image:
    """Convert any Pillow mode to 8-bit RGB: alpha over white, 16/32-bit and float scaled, CMYK and palettes mapped."""
    if im.mode == "RGB":
        return im
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        top = 65535.0 if im.mode.startswith("I;16") or arr.max(initial=0) > 255 else 255.0
        if im.mode == "F" and arr.max(initial=0) <= 1.0:
            top = 1.0
        gray = np.clip(arr / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return Image.fromarray(gray, "L").convert("RGB")
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "La", "RGBa", "PA"):
        rgba = im.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return im.convert("RGB")


def resize_for_model(im: Image.Image, size: int = INPUT_SIZE) -> np.ndarray:
    """Squash ``im`` to ``size`` x ``size`` (the documented policy) as a uint8 (size, size, 3) array."""
    resized = im.resize((size, size), Image.Resampling.BILINEAR)
    return np.asarray(resized, dtype=np.uint8)


def load_for_model(path: Path, size: int = INPUT_SIZE, data: bytes | None = None) -> np.ndarray:
    """Decode ``path`` (or its ``data``) per the resize policy: uint8 (size, size, 3). Raises ``ImageLoadError``.

    A large PNG is decoded band by band (:mod:`~sakura_sorter.vision.bigpng`), with the same result.
    """
    banded = _load_large_png(Path(path), size, data)
    if banded is not None:
        return banded
    return resize_for_model(open_image(path, min_size=size, data=data), size)


def _load_large_png(path: Path, size: int, data: bytes | None) -> np.ndarray | None:
    """The banded decode of a large PNG, None for any other picture (or a PNG it does not handle)."""
    if data is not None:
        start = data[:24]
    else:
        with _open_file(path) as handle:
            start = handle.read(24)
    dims = bigpng.header(start)
    if dims is None or not bigpng.BAND_ABOVE_PIXELS < dims[0] * dims[1] <= MAX_PIXELS:
        return None
    source = io.BytesIO(data) if data is not None else _open_file(path)
    try:
        with source:
            return bigpng.load_banded(source, size, to_rgb8)
    except (OSError, SyntaxError, ValueError, EOFError, zlib.error) as exc:
        raise _decode_error(exc) from exc


def load_thumbnail(path: Path, max_side: int) -> Image.Image:
    """An upright RGB thumbnail whose longer side is at most ``max_side`` (fast: JPEG draft)."""
    im = open_image(path, min_size=max_side)
    im.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    return im
