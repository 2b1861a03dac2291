"""What a person wants to know about one photo in the loupe, read without decoding the picture (no Qt).

:func:`photo_facts` reads the file's header and EXIF only (Pillow opens lazily: a 12-MP JPEG costs a few
milliseconds, not a decode): the date taken, the camera, the lens, the pixel size as shown (after the EXIF
orientation), the file size and the subfolder. It never raises: what cannot be read is ``None`` and
``error`` says why. :func:`loupe_photo` turns a classified photo (a :class:`~sakura_sorter.results.PhotoResult`)
into the plain record the loupe shows.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from sakura_sorter.digest import open_regular
from sakura_sorter.results import PhotoResult

#: EXIF tags (IFD0 and the Exif sub-IFD).
EXIF_IFD = 0x8769
MAKE, MODEL, ORIENTATION, DATETIME = 0x010F, 0x0110, 0x0112, 0x0132
DATETIME_ORIGINAL, LENS_MODEL = 0x9003, 0xA434
#: Orientations that turn the picture a quarter: width and height swap when it is shown upright.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
#: Company words that say nothing about the camera ("NIKON CORPORATION" + "NIKON D7200" -> "NIKON D7200").
_COMPANY_WORDS = re.compile(
    r"(?:[\s,]+(?:corporation|corp\.?|co\.?,?\s*ltd\.?|imaging|camera\s+ag|optical|company|inc\.?))+$", re.IGNORECASE
)
_HEIF_EXTENSIONS = frozenset({".heic", ".heif"})
#: EXIF date shapes seen in cameras' files, and how each is shown.
_DATE_SHAPES = (
    ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S"),
    ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S"),
    ("%Y:%m:%d %H:%M", "%Y-%m-%d %H:%M"),
    ("%Y:%m:%d", "%Y-%m-%d"),
)


@dataclass(frozen=True)
class PhotoFacts:
    """One photo's facts; ``None`` where the file does not say (or could not be read, see ``error``)."""

    path: Path
    subfolder: str  #: the photo's folder relative to the folder root, ``"."`` at the top
    file_size: int | None = None  #: bytes
    taken: str | None = None  #: ``YYYY-MM-DD HH:MM:SS`` (DateTimeOriginal, else DateTime), as the camera wrote it
    camera: str | None = None  #: make and model, the make not repeated ("Canon EOS 5D", "Apple iPhone X")
    lens: str | None = None
    width: int | None = None  #: pixels, as shown upright (after the EXIF orientation)
    height: int | None = None
    orientation: int | None = None  #: the EXIF orientation (1 upright, 6 turned a quarter clockwise...)
    error: str | None = None  #: why some facts are missing

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class LoupePhoto:
    """What the loupe shows about one photo: the model's label and every class's score, the person's label."""

    path: Path
    root: Path | None = None  #: the folder that was opened (for the subfolder)
    label: str | None = None  #: the model's label
    scores: dict[str, float] = field(default_factory=dict)  #: each class's score (summing to 1)
    human_label: str | None = None
    error: str | None = None  #: why the model could not read it


def loupe_photo(result: PhotoResult, root: Path | None) -> LoupePhoto:
    """The loupe's record of one row of the results (``root``: the folder that was classified)."""
    return LoupePhoto(
        path=Path(result.path),
        root=Path(root) if root is not None else None,
        label=result.label,
        scores={str(k): float(v) for k, v in result.scores.items()},
        human_label=result.human_label,
        error=result.error,
    )


def ranked_scores(scores: dict[str, float]) -> list[tuple[str, float]]:
    """The scores from the highest down (ties by class name), for the loupe's bars."""
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def subfolder_of(path: Path, root: Path | None) -> str:
    """``path``'s folder relative to ``root`` (``"."`` for the top); its full folder when outside ``root``."""
    parent = Path(path).parent
    if root is None:
        return str(parent)
    try:
        relative = parent.resolve().relative_to(Path(root).resolve())
    except (ValueError, OSError):
        return str(parent)
    return relative.as_posix() if relative.parts else "."


def camera_name(make: str | None, model: str | None) -> str | None:
    """Make and model as one name, the make dropped where the model repeats it ("Canon Canon EOS" -> "Canon EOS")."""
    make, model = _clean(make), _clean(model)
    if not model:
        return make
    if not make:
        return model
    short = _COMPANY_WORDS.sub("", make).strip() or make
    first = short.split()[0].lower()
    if model.lower().startswith((make.lower(), short.lower(), first)):
        return model
    return f"{short} {model}"


def date_taken(text: str | None) -> str | None:
    """An EXIF date (``YYYY:MM:DD HH:MM:SS``) as ``YYYY-MM-DD HH:MM:SS``; ``None`` for blank or zero dates.

    A date in another shape is returned as written (it is what the camera said)."""
    text = _clean(text)
    if not text or set(text) <= set("0: -"):
        return None
    for shape, shown in _DATE_SHAPES:
        try:
            return datetime.strptime(text[:19], shape).strftime(shown)
        except ValueError:
            continue
    return text


def photo_facts(path: Path, root: Path | None = None) -> PhotoFacts:
    """The facts of ``path`` (a photo of the folder ``root``); never raises, see :class:`PhotoFacts`."""
    path = Path(path)
    subfolder = subfolder_of(path, root)
    try:
        handle = open_regular(path)
    except OSError as exc:
        return PhotoFacts(path, subfolder, error=_os_reason(exc))
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
        except OSError as exc:
            return PhotoFacts(path, subfolder, error=_os_reason(exc))
        if size == 0:
            return PhotoFacts(path, subfolder, file_size=0, error="empty file (0 bytes)")
        if path.suffix.lower() in _HEIF_EXTENSIONS:
            _register_heif()
        try:
            with Image.open(handle) as im:
                return _read(im, path, subfolder, size)
        except UnidentifiedImageError:
            return PhotoFacts(path, subfolder, size, error="not an image, or a format this program cannot read")
        except Exception as exc:  # a damaged header can raise anything from deep in Pillow
            return PhotoFacts(path, subfolder, size, error=f"cannot read the photo's header ({_reason(exc)})")


def _read(im: Image.Image, path: Path, subfolder: str, size: int) -> PhotoFacts:
    """The facts from an opened (not decoded) picture; EXIF trouble leaves the pixel size and notes why."""
    width, height = im.size
    try:
        exif = im.getexif()
        sub = exif.get_ifd(EXIF_IFD)
    except Exception as exc:  # damaged EXIF: keep what the header said
        return PhotoFacts(path, subfolder, size, width=width, height=height, error=f"damaged EXIF ({_reason(exc)})")
    orientation = exif.get(ORIENTATION)
    orientation = orientation if isinstance(orientation, int) and 1 <= orientation <= 8 else None
    if orientation in _QUARTER_TURNS:
        width, height = height, width
    return PhotoFacts(
        path,
        subfolder,
        size,
        taken=date_taken(_text(sub.get(DATETIME_ORIGINAL))) or date_taken(_text(exif.get(DATETIME))),
        camera=camera_name(_text(exif.get(MAKE)), _text(exif.get(MODEL))),
        lens=_clean(_text(sub.get(LENS_MODEL))),
        width=width,
        height=height,
        orientation=orientation,
    )


def _text(value: object) -> str | None:
    """An EXIF ASCII value as text (some cameras write bytes, or pad with NULs and spaces)."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value if isinstance(value, str) else None


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = " ".join(text.replace("\x00", " ").split())
    return cleaned or None


def _register_heif() -> None:
    from sakura_sorter.vision.photos import _heif_available

    _heif_available()


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found (moved or deleted?)"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.strerror == "not a regular file":
        return "not a regular file (a FIFO, device or folder); it is not opened"
    return f"cannot read the file ({exc.strerror or exc})"


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
