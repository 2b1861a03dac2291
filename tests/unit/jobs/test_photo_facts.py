"""The loupe's photo facts: EXIF date, camera, lens, upright size, subfolder; never an exception."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from sakura_sorter.jobs import photo_facts as pf
from sakura_sorter.jobs.photo_facts import LoupePhoto, camera_name, date_taken, loupe_photo, photo_facts
from sakura_sorter.results import PhotoResult
from sakura_sorter.vision.photos import open_image


def write_photo(
    path: Path,
    size: tuple[int, int] = (120, 80),
    *,
    make: str | None = None,
    model: str | None = None,
    original: str | None = None,
    modified: str | None = None,
    lens: str | None = None,
    orientation: int | None = None,
) -> Path:
    """A small JPEG with the EXIF given (written with Pillow's ``Image.Exif``)."""
    exif = Image.Exif()
    for tag, value in ((pf.MAKE, make), (pf.MODEL, model), (pf.DATETIME, modified), (pf.ORIENTATION, orientation)):
        if value is not None:
            exif[tag] = value
    sub = exif.get_ifd(pf.EXIF_IFD)
    for tag, value in ((pf.DATETIME_ORIGINAL, original), (pf.LENS_MODEL, lens)):
        if value is not None:
            sub[tag] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (200, 120, 160)).save(path, "JPEG", exif=exif, quality=90)
    return path


def test_date_camera_lens_and_size_from_the_exif(tmp_path: Path) -> None:
    photo = write_photo(
        tmp_path / "trip" / "IMG_0001.jpg",
        make="Canon",
        model="Canon EOS 5D Mark II",
        original="2024:04:06 10:31:07",
        modified="2024:05:01 09:00:00",
        lens="EF24-105mm f/4L IS USM",
    )
    facts = photo_facts(photo, tmp_path)
    assert facts.taken == "2024-04-06 10:31:07"  # DateTimeOriginal wins over DateTime (the last edit)
    assert facts.camera == "Canon EOS 5D Mark II"
    assert facts.lens == "EF24-105mm f/4L IS USM"
    assert (facts.width, facts.height) == (120, 80)
    assert facts.subfolder == "trip"
    assert facts.file_size == photo.stat().st_size
    assert facts.name == "IMG_0001.jpg" and facts.error is None


def test_the_date_falls_back_to_datetime_and_missing_exif_is_none(tmp_path: Path) -> None:
    edited = photo_facts(write_photo(tmp_path / "a.jpg", modified="2023:10:09 16:00:01"), tmp_path)
    assert edited.taken == "2023-10-09 16:00:01"
    bare = photo_facts(write_photo(tmp_path / "b.jpg"), tmp_path)
    assert (bare.taken, bare.camera, bare.lens, bare.orientation, bare.error) == (None, None, None, None, None)
    assert bare.subfolder == "."
    zero = photo_facts(write_photo(tmp_path / "c.jpg", original="0000:00:00 00:00:00", modified="    "), tmp_path)
    assert zero.taken is None


@pytest.mark.parametrize(
    ("make", "model", "shown"),
    [
        ("Canon", "Canon EOS 70D", "Canon EOS 70D"),
        ("NIKON CORPORATION", "NIKON D7200", "NIKON D7200"),
        ("OLYMPUS IMAGING CORP.", "E-M5", "OLYMPUS E-M5"),
        ("Apple", "iPhone X", "Apple iPhone X"),
        ("RICOH      ", "CX4            ", "RICOH CX4"),
        ("SONY\x00\x00", "ILCE-7C", "SONY ILCE-7C"),
        (None, "ILCE-7C", "ILCE-7C"),
        ("samsung", None, "samsung"),
        ("  ", "", None),
    ],
)
def test_camera_names_do_not_repeat_the_make(make: str | None, model: str | None, shown: str | None) -> None:
    assert camera_name(make, model) == shown


def test_dates_in_other_shapes_are_kept_as_written() -> None:
    assert date_taken("2021:03:24 08:45:35") == "2021-03-24 08:45:35"
    assert date_taken("2021:03:24") == "2021-03-24"
    assert date_taken("spring 2021") == "spring 2021"
    assert date_taken(None) is None


def test_an_exif_rotated_photo_has_its_upright_size(tmp_path: Path) -> None:
    photo = write_photo(tmp_path / "portrait.jpg", size=(300, 200), orientation=6)
    facts = photo_facts(photo, tmp_path)
    assert facts.orientation == 6
    assert (facts.width, facts.height) == (200, 300)
    assert (facts.width, facts.height) == open_image(photo).size  # as the loupe shows it


def test_a_japanese_file_name_in_a_japanese_subfolder(tmp_path: Path) -> None:
    photo = write_photo(
        tmp_path / "春の旅" / "夜桜 上野.jpg", make="FUJIFILM", model="X-T4", original="2022:03:30 19:45:00"
    )
    facts = photo_facts(photo, tmp_path)
    assert facts.name == "夜桜 上野.jpg"
    assert facts.subfolder == "春の旅"
    assert (facts.camera, facts.taken) == ("FUJIFILM X-T4", "2022-03-30 19:45:00")
    deeper = write_photo(tmp_path / "春の旅" / "二日目" / "桜.jpg")
    assert photo_facts(deeper, tmp_path).subfolder == "春の旅/二日目"
    assert photo_facts(deeper, tmp_path / "elsewhere").subfolder == str(deeper.parent)  # outside the root


def test_a_truncated_photo_gives_what_it_can(tmp_path: Path) -> None:
    whole = write_photo(tmp_path / "whole.jpg", size=(400, 300), make="Canon", model="Canon EOS R6")
    data = whole.read_bytes()
    half = tmp_path / "half.jpg"
    half.write_bytes(data[: len(data) // 2])  # the header and EXIF are there, half the picture is not
    facts = photo_facts(half, tmp_path)
    assert (facts.camera, facts.width, facts.height, facts.file_size) == ("Canon EOS R6", 400, 300, len(data) // 2)
    stub = tmp_path / "stub.jpg"
    stub.write_bytes(data[:40])  # not even the header
    facts = photo_facts(stub, tmp_path)
    assert facts.file_size == 40 and facts.width is None and facts.error


def test_files_that_are_not_photos_never_raise(tmp_path: Path) -> None:
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo at all\n")
    facts = photo_facts(text, tmp_path)
    assert facts.error == "not an image, or a format this program cannot read"
    assert facts.file_size == text.stat().st_size and facts.subfolder == "."
    empty = tmp_path / "empty.jpg"
    empty.touch()
    assert photo_facts(empty, tmp_path).error == "empty file (0 bytes)"
    gone = photo_facts(tmp_path / "gone.jpg", tmp_path)
    assert gone.error == "file not found (moved or deleted?)" and gone.file_size is None
    assert "not a regular file" in (photo_facts(tmp_path, tmp_path.parent).error or "")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.jpg")
        assert "not a regular file" in (photo_facts(tmp_path / "pipe.jpg", tmp_path).error or "")


def test_damaged_exif_keeps_the_pixel_size(tmp_path: Path) -> None:
    photo = write_photo(tmp_path / "odd.jpg", size=(64, 48), make="Canon", model="Canon EOS 5D")
    data = bytearray(photo.read_bytes())
    at = data.index(b"Exif\x00\x00") + 6
    data[at : at + 8] = b"\xff" * 8  # the TIFF header of the EXIF block: neither II nor MM
    photo.write_bytes(bytes(data))
    facts = photo_facts(photo, tmp_path)
    assert (facts.width, facts.height) == (64, 48)
    assert facts.camera is None  # unreadable, and no exception


def test_facts_are_read_without_decoding_the_picture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photo = write_photo(tmp_path / "big.jpg", size=(4000, 3000), make="SONY", model="ILCE-7C", orientation=8)

    def no_decode(self: ImageFile.ImageFile) -> None:
        raise AssertionError("the picture was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decode)
    facts = photo_facts(photo, tmp_path)
    assert (facts.camera, facts.width, facts.height, facts.error) == ("SONY ILCE-7C", 3000, 4000, None)


def test_the_loupe_record_of_a_results_row(tmp_path: Path) -> None:
    result = PhotoResult(
        path=tmp_path / "a.jpg", label="sakura", confidence=0.62, scores={"sakura": 0.62, "cosmos": 0.38},
        human_label="cosmos",
    )  # fmt: skip
    record = loupe_photo(result, tmp_path)
    assert record == LoupePhoto(tmp_path / "a.jpg", tmp_path, "sakura", {"sakura": 0.62, "cosmos": 0.38}, "cosmos")
    result.scores["sakura"] = 0.1
    assert record.scores["sakura"] == 0.62  # a copy: the row may change while the loupe shows it
    failed = loupe_photo(PhotoResult(path=tmp_path / "b.jpg", error="truncated"), None)
    assert (failed.label, failed.scores, failed.error, failed.root) == (None, {}, "truncated", None)
    assert pf.ranked_scores({"other": 0.17, "sakura": 0.62, "cosmos": 0.21}) == [
        ("sakura", 0.62), ("cosmos", 0.21), ("other", 0.17),
    ]  # fmt: skip


def test_real_photos_agree_with_exiftool(photos_dir: Path, exiftool: str) -> None:
    """Every JPEG of ../shared/data/photos2 with a camera in its EXIF, against exiftool's reading."""
    photos2 = photos_dir.parent / "photos2"
    if not photos2.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{photos2} is missing, and CI must run this test")
        pytest.skip(f"{photos2} not found beside {photos_dir}")
    tags = ["-Make", "-Model", "-DateTimeOriginal", "-ModifyDate", "-LensModel", "-ImageWidth", "-ImageHeight"]
    done = subprocess.run(
        [exiftool, "-j", "-n", "-Orientation", *tags, "-r", "-ext", "jpg", str(photos2)],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    read = [row for row in json.loads(done.stdout) if row.get("Model")]
    assert len(read) >= 10, "photos2 should hold camera photos with EXIF"
    for row in read:
        path = Path(row["SourceFile"])
        facts = photo_facts(path, photos2)
        assert facts.error is None, path
        assert facts.subfolder == path.parent.relative_to(photos2).as_posix()
        assert str(row["Model"]).strip() in (facts.camera or ""), path
        assert str(row["Make"]).split()[0].strip().lower() in (facts.camera or "").lower() or not row.get("Make")
        stamp = row.get("DateTimeOriginal") or row.get("ModifyDate")
        assert facts.taken == (date_taken(str(stamp)) if stamp else None), path
        assert facts.lens == (" ".join(str(row["LensModel"]).split()) if row.get("LensModel") else None), path
        turned = row.get("Orientation") in (5, 6, 7, 8)
        width, height = (row["ImageHeight"], row["ImageWidth"]) if turned else (row["ImageWidth"], row["ImageHeight"])
        assert (facts.width, facts.height) == (width, height), path
