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
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from sakura_sorter.digest import open_regular
from sakura_sorter.vision import bigpng
from sakura_sorter.vision.listing import _HEIF_EXTENSIONS as _HEIF_EXTENSIONS
from sakura_sorter.vision.listing import INPUT_SIZE as INPUT_SIZE
from sakura_sorter.vision.listing import MAX_PIXELS as MAX_PIXELS
from sakura_sorter.vision.listing import PHOTO_EXTENSIONS as PHOTO_EXTENSIONS
from sakura_sorter.vision.listing import RESIZE_POLICY as RESIZE_POLICY
from sakura_sorter.vision.listing import ImageLoadError as ImageLoadError
from sakura_sorter.vision.listing import PhotoScan as PhotoScan
from sakura_sorter.vision.listing import check_folder as check_folder
from sakura_sorter.vision.listing import find_photos as find_photos
from sakura_sorter.vision.listing import is_photo_name as is_photo_name
from sakura_sorter.vision.listing import scan_photos as scan_photos

# Never let Pillow silently accept a truncated file, and let us apply our own size limit.
ImageFile.LOAD_TRUNCATED_IMAGES = False
Image.MAX_IMAGE_PIXELS = None

_heif_state: bool | None = None


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
