"""Large PNGs decoded band by band into the model's input: a few MB of memory instead of the whole picture.

A 14000 x 14000 PNG decoded whole takes 784 MB (Pillow keeps RGB in 4 bytes a pixel), and the decode
workers may hold several at once. Here the compressed stream is inflated a band of rows at a time; each band
becomes a small PNG (the previous band's last row, unfiltered, on top, so that the ``Up``, ``Average`` and
``Paeth`` filters of its first row see the right neighbour) that Pillow decodes with its own code, is
converted to RGB and resized *horizontally* to the target width. The stacked bands are then resized
vertically. Pillow's resize is separable and does exactly these two passes (horizontal first, rounding to 8
bits in between), and the conversion to RGB works pixel by pixel, so the result is identical, byte for
byte, to decoding the whole picture and resizing it (tested).

Used for non-interlaced 8-bit PNGs (grey, RGB, palette, with alpha) without EXIF orientation, wider than a
few times the target size; anything else returns None and is decoded whole.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

import numpy as np
from PIL import Image

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Pictures with more pixels than this are decoded band by band (a full decode would take ~4 bytes a pixel).
BAND_ABOVE_PIXELS = 24_000_000
#: About this many pixels per band (a band costs ~4 bytes a pixel, a few times over, while it is converted).
BAND_PIXELS = 1_000_000
_BYTES_PER_PIXEL = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> bytes per pixel at bit depth 8
_RAWMODES = {"L": "L", "RGB": "RGB", "P": "P", "LA": "LA", "RGBA": "RGBA"}


class _Png:
    """The parts of a PNG needed to decode it in bands."""

    def __init__(self, width: int, height: int, colour: int, extra: bytes, idat: Iterator[bytes]):
        self.width, self.height, self.colour, self.extra, self.idat = width, height, colour, extra, idat


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _read_exact(handle: BinaryIO, n: int) -> bytes:
    data = handle.read(n)
    if len(data) != n:
        raise EOFError("truncated PNG file")
    return data


def header(start: bytes) -> tuple[int, int] | None:
    """(width, height) from the first 24 bytes of a PNG; None when it is not one."""
    if len(start) < 24 or not start.startswith(_SIGNATURE) or start[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", start[16:24])
    return width, height


def _open(handle: BinaryIO) -> _Png | None:
    """Read up to the first IDAT; None when this PNG is not one the band decoder handles."""
    if _read_exact(handle, 8) != _SIGNATURE:
        return None
    extra = b""
    ihdr: tuple[int, ...] | None = None
    while True:
        length, kind = struct.unpack(">I4s", _read_exact(handle, 8))
        if kind == b"IDAT":
            break
        data = _read_exact(handle, length)
        _read_exact(handle, 4)  # CRC: Pillow checks the chunks it is given
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", data)
        elif kind in (b"PLTE", b"tRNS"):
            extra += _chunk(kind, data)
        elif kind == b"eXIf" or (kind in (b"tEXt", b"zTXt", b"iTXt") and data.lower().startswith(b"raw profile")):
            return None  # may carry an EXIF orientation, which is applied before resizing
    if ihdr is None:
        return None
    width, height, depth, colour, _compression, _filter, interlace = ihdr
    if depth != 8 or colour not in _BYTES_PER_PIXEL or interlace != 0:
        return None
    return _Png(width, height, colour, extra, _idat_stream(handle, length))


def _idat_stream(handle: BinaryIO, length: int) -> Iterator[bytes]:
    """The data of consecutive IDAT chunks, starting with one of ``length`` bytes whose header was read."""
    while True:
        yield _read_exact(handle, length)
        _read_exact(handle, 4)
        length, kind = struct.unpack(">I4s", _read_exact(handle, 8))
        if kind != b"IDAT":
            return


def _rows(png: _Png, band_rows: int) -> Iterator[bytes]:
    """The filtered scanlines (filter byte + pixels), ``band_rows`` at a time."""
    stride = png.width * _BYTES_PER_PIXEL[png.colour] + 1
    inflater = zlib.decompressobj()
    pending = bytearray()
    left = png.height
    for compressed in png.idat:
        pending += inflater.decompress(compressed)
        while left and len(pending) >= min(band_rows, left) * stride:
            take = min(band_rows, left) * stride
            yield bytes(pending[:take])
            del pending[:take]
            left -= take // stride
        if not left:
            return
    pending += inflater.flush()
    if left and len(pending) >= left * stride:
        yield bytes(pending[: left * stride])
        return
    if left:
        raise EOFError("truncated PNG data")


def _band_image(png: _Png, previous: bytes | None, rows: bytes, count: int) -> Image.Image:
    """Pillow's decode of ``count`` filtered rows, given the unfiltered row above them (None for the top)."""
    payload = (b"\x00" + previous if previous is not None else b"") + rows
    height = count + (previous is not None)
    ihdr = struct.pack(">IIBBBBB", png.width, height, 8, png.colour, 0, 0, 0)
    data = _SIGNATURE + _chunk(b"IHDR", ihdr) + png.extra + _chunk(b"IDAT", zlib.compress(payload, 0))
    im = Image.open(io.BytesIO(data + _chunk(b"IEND", b"")))
    im.load()
    return im


def load_banded(handle: BinaryIO, size: int, to_rgb8: Callable[[Image.Image], Image.Image]) -> np.ndarray | None:
    """The ``size`` x ``size`` uint8 RGB model input of the PNG in ``handle``, decoded band by band and
    converted by ``to_rgb8`` (which must work pixel by pixel); None when this PNG is not one the band
    decoder handles (then decode it whole)."""
    png = _open(handle)
    if png is None or png.width < 4 * size:
        return None
    band_rows = max(1, BAND_PIXELS // png.width)
    previous: bytes | None = None
    narrow: list[np.ndarray] = []
    for rows in _rows(png, band_rows):
        count = len(rows) // (png.width * _BYTES_PER_PIXEL[png.colour] + 1)
        im = _band_image(png, previous, rows, count)
        band = im.crop((0, 1, png.width, count + 1)) if previous is not None else im
        band.info = dict(im.info)  # crop() drops the palette's transparency, which to_rgb8 needs
        previous = im.crop((0, im.height - 1, png.width, im.height)).tobytes("raw", _RAWMODES[im.mode])
        narrow.append(np.asarray(to_rgb8(band).resize((size, count), Image.Resampling.BILINEAR)))
    tall = Image.fromarray(np.concatenate(narrow), "RGB")
    return np.asarray(tall.resize((size, size), Image.Resampling.BILINEAR), dtype=np.uint8)
