"""Find photos in a folder and open them safely for the model and for thumbnails.

Resize policy (the same in training and inference, recorded in every model card as ``RESIZE_POLICY``):
decode (JPEG: DCT-domain draft at the smallest scale that keeps both sides >= the target size), apply the
EXIF orientation, convert to 8-bit RGB (transparency composited on white, 16-bit scaled down), then squash
the whole picture to 224x224 without cropping (as the recipe's ``load_img(target_size=(224, 224))``) with
Pillow's antialiased bilinear filter.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from sakura_sorter.errors import NotAFolderError, SakuraSorterError

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


def iter_photos(folder: Path, recursive: bool = False) -> Iterator[Path]:
    """Photo files in ``folder`` (by extension), skipping hidden entries and never following symlinks."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    subfolders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            subfolders.append(entry)
        elif entry.is_file(follow_symlinks=False) and is_photo_name(entry.name):
            yield Path(entry.path)
    if recursive:
        for sub in subfolders:
            yield from iter_photos(Path(sub.path), recursive=True)


def find_photos(folder: Path, recursive: bool = False) -> list[Path]:
    """All photos in ``folder`` (sorted by name, subfolders after files when ``recursive``)."""
    folder = Path(folder)
    check_folder(folder)
    return list(iter_photos(folder, recursive))


def check_folder(folder: Path) -> None:
    """Raise :class:`NotAFolderError` unless ``folder`` is a folder this process may list."""
    if not folder.exists():
        raise NotAFolderError(f"No such folder: {folder}", "Check the path and try again.")
    if not folder.is_dir():
        raise NotAFolderError(f"Not a folder: {folder}", "Name the folder that holds the photos, not a file.")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise NotAFolderError(f"Permission denied: cannot list {folder}", "Check the folder's permissions.")


def read_photo_bytes(path: Path) -> bytes:
    """The bytes of ``path`` (to decode and hash them from one read). Raises :class:`ImageLoadError`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise ImageLoadError("file not found (moved or deleted?)") from exc
    except PermissionError as exc:
        raise ImageLoadError("permission denied") from exc
    except OSError as exc:
        raise ImageLoadError(f"cannot read the file ({exc.strerror or exc})") from exc


def open_image(path: Path, min_size: int | None = None, data: bytes | None = None) -> Image.Image:
    """Open ``path`` as an upright 8-bit RGB image.

    ``min_size``: when given, JPEGs are decoded in the DCT domain at the smallest scale whose both
    sides stay >= ``min_size`` (much faster for camera photos). ``data``: the file's bytes, already
    read (see :func:`read_photo_bytes`). Raises :class:`ImageLoadError`.
    """
    path = Path(path)
    if path.suffix.lower() in _HEIF_EXTENSIONS and not _heif_available():
        raise ImageLoadError("HEIC/HEIF needs the optional package: pip install 'sakura-sorter[heic]'")
    try:
        if (len(data) if data is not None else path.stat().st_size) == 0:
            raise ImageLoadError("empty file (0 bytes)")
        with Image.open(io.BytesIO(data) if data is not None else path) as im:
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise ImageLoadError(f"image too large: {width} x {height} pixels (limit {MAX_PIXELS // 1_000_000} MP)")
            if min_size and im.format == "JPEG":
                im.draft("RGB", _draft_request(im.size, min_size))
            im.seek(0)  # first frame of animations
            im.load()
            upright = ImageOps.exif_transpose(im)
            return to_rgb8(upright)
    except ImageLoadError:
        raise
    except FileNotFoundError as exc:
        raise ImageLoadError("file not found (moved or deleted?)") from exc
    except PermissionError as exc:
        raise ImageLoadError("permission denied") from exc
    except UnidentifiedImageError as exc:
        raise ImageLoadError("not an image, or a format this program cannot read") from exc
    except Image.DecompressionBombError as exc:
        raise ImageLoadError(f"image too large: {exc}") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        reason = str(exc) or type(exc).__name__
        if "truncated" in reason.lower() or isinstance(exc, EOFError):
            raise ImageLoadError(f"truncated or damaged file ({reason})") from exc
        raise ImageLoadError(f"cannot decode image ({reason})") from exc


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
    """Decode ``path`` (or its ``data``) per the resize policy: uint8 (size, size, 3). Raises ``ImageLoadError``."""
    return resize_for_model(open_image(path, min_size=size, data=data), size)


def load_thumbnail(path: Path, max_side: int) -> Image.Image:
    """An upright RGB thumbnail whose longer side is at most ``max_side`` (fast: JPEG draft)."""
    im = open_image(path, min_size=max_side)
    im.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    return im
