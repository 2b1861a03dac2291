"""Loading edge cases on generated images: formats, EXIF orientation, modes, draft decoding, bad files."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sakura_sorter.vision.listing import natural_key
from sakura_sorter.vision.photos import (
    INPUT_SIZE,
    ImageLoadError,
    find_photos,
    load_for_model,
    load_thumbnail,
    open_image,
    to_rgb8,
)


def gradient(width: int, height: int) -> Image.Image:
    """A picture whose left half is red and right half blue, so orientation is visible after resizing."""
    arr = np.zeros((height, width, 3), np.uint8)
    arr[:, : width // 2] = (220, 20, 20)
    arr[:, width // 2 :] = (20, 20, 220)
    return Image.fromarray(arr, "RGB")


@pytest.mark.parametrize(
    "fmt,ext",
    [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp"), ("TIFF", ".tif"), ("BMP", ".bmp"), ("GIF", ".gif")],
)
def test_every_supported_format_loads_as_224_rgb(tmp_path: Path, fmt: str, ext: str) -> None:
    path = tmp_path / f"photo{ext}"
    gradient(320, 240).save(path, fmt)
    arr = load_for_model(path)
    assert arr.shape == (INPUT_SIZE, INPUT_SIZE, 3) and arr.dtype == np.uint8
    assert arr[112, 10, 0] > 150 and arr[112, 10, 2] < 100  # left stays red
    assert arr[112, 213, 2] > 150 and arr[112, 213, 0] < 100  # right stays blue


def test_gif_uses_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (64, 64), c) for c in ((250, 0, 0), (0, 250, 0))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    arr = load_for_model(path)
    assert arr[..., 0].mean() > 200 and arr[..., 1].mean() < 50


def _jpeg_with_orientation(path: Path, image: Image.Image, orientation: int) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif.tobytes(), quality=95)


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    # Stored landscape red|blue; orientation 6 means "rotate 90 degrees clockwise to display".
    path = tmp_path / "rotated.jpg"
    _jpeg_with_orientation(path, gradient(400, 200), 6)
    upright = open_image(path)
    assert upright.size == (200, 400)
    arr = np.asarray(upright)
    assert arr[10, 100, 0] > 150  # after a clockwise turn the red (left) half is on top
    assert arr[390, 100, 2] > 150


def test_jpeg_draft_decodes_large_photos_at_reduced_scale(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    gradient(4000, 3000).save(path, "JPEG", quality=90)
    drafted = open_image(path, min_size=224)
    assert drafted.size == (500, 375)  # 1/8 scale: the smallest that keeps both sides >= 224
    full = np.asarray(open_image(path).resize((224, 224), Image.Resampling.BILINEAR), dtype=np.float64)
    fast = load_for_model(path).astype(np.float64)
    assert np.abs(full - fast).mean() < 3.0  # the draft changes the 224x224 input only marginally


@pytest.mark.parametrize(
    "mode,color,expected",
    [
        ("L", 128, (128, 128, 128)),
        ("CMYK", (0, 255, 255, 0), (255, 0, 0)),
        ("RGBA", (0, 0, 255, 0), (255, 255, 255)),  # fully transparent -> white background
        ("RGBA", (0, 0, 255, 255), (0, 0, 255)),
        ("LA", (0, 0), (255, 255, 255)),
    ],
)
def test_modes_convert_to_rgb(mode: str, color: object, expected: tuple[int, int, int]) -> None:
    im = Image.new(mode, (8, 8), color)  # type: ignore[arg-type]
    out = to_rgb8(im)
    assert out.mode == "RGB"
    assert np.allclose(np.asarray(out)[4, 4], expected, atol=2)


def test_palette_with_transparency_is_composited_on_white(tmp_path: Path) -> None:
    im = Image.new("P", (16, 16), 0)
    im.putpalette([10, 200, 10] + [0, 0, 0] * 255)
    im.info["transparency"] = 0
    path = tmp_path / "p.png"
    im.save(path, transparency=0)
    arr = np.asarray(open_image(path))
    assert tuple(arr[5, 5]) == (255, 255, 255)


def test_sixteen_bit_grayscale_is_scaled_not_clipped(tmp_path: Path) -> None:
    arr = np.full((32, 32), 32768, dtype=np.uint16)  # mid-grey in 16 bits
    path = tmp_path / "g16.png"
    Image.fromarray(arr).save(path)
    assert Image.open(path).mode.startswith("I")
    out = np.asarray(open_image(path))
    assert abs(int(out[3, 3, 0]) - 128) <= 1  # a naive convert would clip it to 255


def test_rgb_png_of_16_bits_per_channel_loads(tmp_path: Path) -> None:
    # Pillow reads 48-bit PNGs as 8-bit RGB; check the path works end to end.
    path = tmp_path / "rgb48.png"
    raw = _png_rgb16(8, 8, (65535, 0, 0))
    path.write_bytes(raw)
    out = np.asarray(open_image(path))
    assert out[2, 2, 0] > 200 and out[2, 2, 1] < 30


def _png_rgb16(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + struct.pack(">HHH", *rgb) * width
    ihdr = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")
    )


def test_zero_byte_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    with pytest.raises(ImageLoadError, match="empty"):
        load_for_model(path)


def test_text_named_jpg_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("this is not a photo\n")
    with pytest.raises(ImageLoadError, match="not an image"):
        load_for_model(path)


def test_truncated_jpeg_is_a_clear_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    gradient(800, 600).save(buffer, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ImageLoadError, match=r"truncated|damaged|decode"):
        load_for_model(path)


def test_huge_header_is_refused_before_decoding(tmp_path: Path) -> None:
    # A real small PNG whose header is patched to claim 100,000 x 100,000 pixels.
    import zlib

    buffer = io.BytesIO()
    gradient(16, 16).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    path = tmp_path / "bomb.png"
    path.write_bytes(bytes(data))
    with pytest.raises(ImageLoadError, match="too large"):
        load_for_model(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ImageLoadError, match="not found"):
        load_for_model(tmp_path / "gone.jpg")


def test_thumbnail_is_upright_and_bounded(tmp_path: Path) -> None:
    path = tmp_path / "rotated.jpg"
    _jpeg_with_orientation(path, gradient(3000, 1500), 8)
    thumb = load_thumbnail(path, 160)
    assert max(thumb.size) <= 160 and thumb.size[1] > thumb.size[0]


def test_find_photos_skips_hidden_non_photos_and_symlinks(tmp_path: Path) -> None:
    (tmp_path / "a.JPG").write_bytes(b"x")
    (tmp_path / "b.png").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / ".hidden.jpg").write_bytes(b"x")
    (tmp_path / ".sakura-sorter").mkdir()
    (tmp_path / ".sakura-sorter" / "c.jpg").write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.webp").write_bytes(b"x")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "e.jpg").write_bytes(b"x")
    (tmp_path / "link").symlink_to(outside)
    (tmp_path / "f.jpg").symlink_to(outside / "e.jpg")
    (tmp_path / "日本の桜.jpg").write_bytes(b"x")
    assert [p.name for p in find_photos(tmp_path)] == ["a.JPG", "b.png", "日本の桜.jpg"]
    assert [p.name for p in find_photos(tmp_path, recursive=True)] == ["a.JPG", "b.png", "日本の桜.jpg", "d.webp"]


def test_photos_are_listed_in_natural_order(tmp_path: Path) -> None:
    names = ["IMG_10.jpg", "img_2.JPG", "IMG_1.jpg", "写真_10.jpg", "写真_9.jpg", "写真_１１.jpg", "DSC 007.jpg"]
    for name in [*names, "DSC 7.jpg"]:
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in find_photos(tmp_path)] == [
        "DSC 007.jpg", "DSC 7.jpg", "IMG_1.jpg", "img_2.JPG", "IMG_10.jpg",
        "写真_9.jpg", "写真_10.jpg", "写真_１１.jpg",
    ]  # fmt: skip


def test_natural_key_orders_numbers_by_value_and_is_total() -> None:
    assert natural_key("a2") < natural_key("a10") < natural_key("a10b") < natural_key("b1")
    assert natural_key("x 0001") != natural_key("x 1")  # the same number, still two names: a total order
    assert natural_key("Photo 9") < natural_key("photo 10")  # case does not split the sequence
    assert sorted(["p (10).jpg", "p (9).jpg", "p.jpg"], key=natural_key) == ["p (9).jpg", "p (10).jpg", "p.jpg"]


def test_permission_error_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Running as root makes chmod 0 ineffective, so make the open itself refuse, as it would for a user.
    path = tmp_path / "locked.jpg"
    gradient(32, 32).save(path)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Image, "open", refuse)
    with pytest.raises(ImageLoadError, match="permission denied"):
        load_for_model(path)


def test_heic_photos_load_with_the_heic_extra(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif", reason="HEIC support is the optional extra [heic]")
    pillow_heif.register_heif_opener()
    path = tmp_path / "IMG_0001.HEIC"
    gradient(320, 240).save(path, format="HEIF")
    arr = load_for_model(path)
    assert arr.shape == (INPUT_SIZE, INPUT_SIZE, 3)
    assert arr[112, 10, 0] > 150 and arr[112, 213, 2] > 150


def test_heic_without_the_extra_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sakura_sorter.vision.photos as imaging

    monkeypatch.setattr(imaging, "_heif_available", lambda: False)
    path = tmp_path / "IMG_0002.heic"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic")
    with pytest.raises(ImageLoadError, match=r"sakura-sorter\[heic\]"):
        load_for_model(path)


# --- large PNGs: decoded band by band, same result, a fraction of the memory --------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_with_every_filter(pixels: np.ndarray, colour: int, extra: bytes = b"") -> bytes:
    """An 8-bit PNG of ``pixels`` (rows x columns x bytes per pixel) whose rows use filters 0-4 in turn, so the
    band decoder meets Sub, Up, Average and Paeth across band borders (Pillow's encoder picks its own)."""
    import zlib

    height, width, bpp = pixels.shape
    raw = pixels.reshape(height, width * bpp).astype(np.int32)
    out = bytearray()
    previous = np.zeros(width * bpp, np.int32)
    for y in range(height):
        row = raw[y]
        left = np.concatenate([np.zeros(bpp, np.int32), row[:-bpp]])
        up_left = np.concatenate([np.zeros(bpp, np.int32), previous[:-bpp]])
        kind = y % 5
        if kind == 0:
            predicted = np.zeros_like(row)
        elif kind == 1:
            predicted = left
        elif kind == 2:
            predicted = previous
        elif kind == 3:
            predicted = (left + previous) // 2
        else:
            p = left + previous - up_left
            pa, pb, pc = np.abs(p - left), np.abs(p - previous), np.abs(p - up_left)
            predicted = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, previous, up_left))
        out += bytes([kind]) + ((row - predicted) % 256).astype(np.uint8).tobytes()
        previous = row
    ihdr = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    body = _chunk(b"IHDR", ihdr) + extra + _chunk(b"IDAT", zlib.compress(bytes(out))) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


@pytest.mark.parametrize(
    "colour,bpp,extra",
    [
        (0, 1, b""),  # grey
        (2, 3, b""),  # RGB
        (4, 2, b""),  # grey + alpha
        (6, 4, b""),  # RGBA
        (3, 1, "palette"),
        (3, 1, "palette+trns"),
    ],
)
def test_large_png_band_decode_equals_the_whole_decode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: int, bpp: int, extra: str | bytes
) -> None:
    from sakura_sorter.vision import bigpng, photos

    rng = np.random.default_rng(colour)
    height, width = 403, 1000
    smooth = (np.add.outer(np.arange(height), np.arange(width)) // 7 % 256).astype(np.uint8)
    noise = rng.integers(0, 256, (height, width), np.uint8)
    pixels = np.stack([smooth, smooth[::-1], noise, smooth[:, ::-1]], -1)[..., :bpp]
    chunks = b""
    if extra:
        chunks = _chunk(b"PLTE", rng.integers(0, 256, 768, np.uint8).tobytes())
        if extra == "palette+trns":
            chunks += _chunk(b"tRNS", rng.integers(0, 256, 256, np.uint8).tobytes())
    path = tmp_path / "big.png"
    path.write_bytes(png_with_every_filter(pixels, colour, chunks))
    whole = photos.resize_for_model(photos.open_image(path))
    monkeypatch.setattr(bigpng, "BAND_ABOVE_PIXELS", 0)  # band-decode this small picture,
    monkeypatch.setattr(bigpng, "BAND_PIXELS", 37 * width)  # in bands of 37 rows (the last one shorter)
    calls: list[int] = []
    real = bigpng.load_banded
    monkeypatch.setattr(bigpng, "load_banded", lambda *a: calls.append(1) or real(*a))
    banded = load_for_model(path)
    assert calls and np.array_equal(banded, whole)
    assert np.array_equal(load_for_model(path, data=path.read_bytes()), whole)


def test_pngs_the_band_decoder_does_not_handle_are_decoded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sakura_sorter.vision import bigpng

    monkeypatch.setattr(bigpng, "BAND_ABOVE_PIXELS", 0)
    rotated = tmp_path / "rotated.png"
    exif = Image.Exif()
    exif[0x0112] = 6
    gradient(1000, 500).save(rotated, exif=exif.tobytes())  # an EXIF orientation: applied before resizing
    with open(rotated, "rb") as handle:
        assert bigpng.load_banded(handle, INPUT_SIZE, lambda im: im) is None
    arr = load_for_model(rotated)
    assert arr[10, 112, 0] > 150 and arr[213, 112, 2] > 150  # turned: red on top, blue below
    sixteen = tmp_path / "g16.png"
    Image.fromarray(np.full((300, 1000), 40000, np.uint16)).save(sixteen)
    with open(sixteen, "rb") as handle:
        assert bigpng.load_banded(handle, INPUT_SIZE, lambda im: im) is None
    assert load_for_model(sixteen).shape == (INPUT_SIZE, INPUT_SIZE, 3)


def test_truncated_large_png_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sakura_sorter.vision import bigpng

    monkeypatch.setattr(bigpng, "BAND_ABOVE_PIXELS", 0)
    path = tmp_path / "cut.png"
    buffer = io.BytesIO()
    Image.fromarray(np.random.default_rng(1).integers(0, 256, (600, 1200, 3), np.uint8)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ImageLoadError, match=r"truncated|damaged"):
        load_for_model(path)


MEASURE = """
import resource, sys
sys.path.insert(0, sys.argv[2])
from sakura_sorter.vision.photos import load_for_model
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
arr = load_for_model(sys.argv[1])
print(arr.shape, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)
"""


def test_a_14000_px_png_is_decoded_in_a_fraction_of_its_size(tmp_path: Path) -> None:
    """The picture is 588 MB as RGB (784 MB as Pillow holds it); measured in a fresh process (peak RSS)."""
    import subprocess
    import sys
    import zlib

    width = height = 14000
    path = tmp_path / "huge.png"
    squeeze = zlib.compressobj(1)
    x = np.arange(width, dtype=np.uint32)
    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        for y in range(height):
            row = np.stack([(x * 7 + y) % 256, (x + 3 * y) % 256, (x ^ y) % 256], -1).astype(np.uint8)
            if data := squeeze.compress(b"\x00" + row.tobytes()):
                handle.write(_chunk(b"IDAT", data))
        handle.write(_chunk(b"IDAT", squeeze.flush()) + _chunk(b"IEND", b""))
    repo = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(repo)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    shape, peak = done.stdout.rsplit(")", 1)
    assert shape + ")" == "(224, 224, 3)"
    assert int(peak) < width * height * 3 / 4, f"{int(peak) / 2**20:.0f} MB at peak"
