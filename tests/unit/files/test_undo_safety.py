"""Undo never destroys what it cannot show it wrote (issue 12, defects 1, 2 and 8).

* A copy goes only while its original is still there, unchanged: otherwise it may be the only copy left.
* A sidecar a person edited after tagging keeps the edits: only the label comes out.
* A photo deleted since the sort is reported, and the run still closes so older runs can be undone.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from folder_state import tree
from sorting_helpers import EXISTING_XMP, result, sort, write

from sakura_sorter import cli
from sakura_sorter.files import xmp
from sakura_sorter.files.recovery import has_undoable_run, undo_last

RATING = "<xmp:Rating xmlns:xmp='http://ns.adobe.com/xap/1.0/'>5</xmp:Rating>"


# --- defect 1: copies ---------------------------------------------------------------------------


def test_undo_of_a_copy_run_keeps_copies_whose_originals_were_moved_away(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "photos", tmp_path / "elsewhere"
    photos = [write(folder / f"p{i}.jpg") for i in range(3)]
    content = {p.name: p.read_bytes() for p in photos}
    sort(folder, [result(p) for p in photos], mode="copy")
    elsewhere.mkdir()
    for photo in photos[:2]:  # the person moves two originals out: the copies are now the only ones here
        photo.rename(elsewhere / photo.name)

    outcome = undo_last(folder)

    assert outcome.ok and outcome.restored == 1 and outcome.kept == 2
    assert {p: folder.joinpath("sakura", p).read_bytes() for p in ("p0.jpg", "p1.jpg")} == {
        "p0.jpg": content["p0.jpg"],
        "p1.jpg": content["p1.jpg"],
    }
    assert not (folder / "sakura" / "p2.jpg").exists() and photos[2].read_bytes() == content["p2.jpg"]
    assert sum("may be the only copy" in n for n in outcome.notes) == 2
    assert not has_undoable_run(folder)  # the run closed: nothing is retried for ever


def test_undo_of_a_copy_keeps_the_copy_when_the_original_was_edited_or_is_the_same_file(tmp_path: Path) -> None:
    edited, linked = write(tmp_path / "edited.jpg"), write(tmp_path / "linked.jpg")
    sort(tmp_path, [result(edited), result(linked)], mode="copy")
    edited.write_bytes(b"the person edited the original")
    linked.unlink()
    os.link(tmp_path / "sakura" / "linked.jpg", linked)  # the "original" is now the copy itself
    outcome = undo_last(tmp_path)
    assert (tmp_path / "sakura" / "edited.jpg").exists() and (tmp_path / "sakura" / "linked.jpg").exists()
    assert outcome.kept == 2 and outcome.restored == 0


def test_cli_says_which_copies_were_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = write(tmp_path / "p.jpg")
    sort(tmp_path, [result(photo)], mode="copy")
    photo.unlink()
    assert cli.main(["undo", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "0 copies removed, 1 kept" in out and "kept sakura/p.jpg: its original p.jpg is no longer there" in out
    assert (tmp_path / "sakura" / "p.jpg").exists()


# --- defect 2: tags -----------------------------------------------------------------------------


def add_rating(sidecar: Path) -> None:
    """What a photo manager does to the sidecar after tagging: adds a rating to its description."""
    text = sidecar.read_text(encoding="utf-8")
    start = text.index("<rdf:Description")
    end = text.index(">", start) + 1
    sidecar.write_text(text[:end] + RATING + text[end:], encoding="utf-8")


def test_undo_of_tag_keeps_a_later_edit_of_a_created_sidecar(tmp_path: Path) -> None:
    photo = write(tmp_path / "p.jpg")
    sort(tmp_path, [result(photo, "sakura")], mode="tag")
    sidecar = tmp_path / "p.jpg.xmp"
    add_rating(sidecar)
    outcome = undo_last(tmp_path)
    assert outcome.ok and sidecar.exists()
    data = sidecar.read_bytes()
    assert b">5</xmp:Rating>" in data and "sakura" not in xmp.labels_in(data)["subject"]
    assert any("took out only the label" in n for n in outcome.notes)
    assert not has_undoable_run(tmp_path)


def test_undo_of_tag_keeps_a_later_edit_of_an_existing_sidecar(tmp_path: Path) -> None:
    photo = write(tmp_path / "p.jpg")
    sidecar = tmp_path / "p.jpg.xmp"
    sidecar.write_text(EXISTING_XMP, encoding="utf-8")
    sort(tmp_path, [result(photo, "cosmos")], mode="tag")
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(">4<", ">1<"), encoding="utf-8")  # re-rated
    outcome = undo_last(tmp_path)
    data = sidecar.read_bytes()
    assert xmp.labels_in(data)["subject"] == ["spring"] and b"Rating>1<" in data and b"keep me" in data
    assert outcome.ok and any("took out only the label" in n for n in outcome.notes)


def test_undo_of_tag_after_exiftool_edited_the_sidecar(tmp_path: Path, exiftool: str) -> None:
    photo = write(tmp_path / "x.jpg")
    sort(tmp_path, [result(photo, "sakura")], mode="tag")
    sidecar = tmp_path / "x.jpg.xmp"
    subprocess.run(
        [exiftool, "-overwrite_original", "-XMP:Rating=3", str(sidecar)], check=True, capture_output=True, timeout=60
    )
    assert undo_last(tmp_path).ok
    out = subprocess.run(
        [exiftool, "-s3", "-XMP:Rating", "-XMP:Subject", str(sidecar)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.split() == ["3"]  # the rating stays, the label is gone


def test_undo_of_tag_leaves_a_sidecar_the_person_deleted(tmp_path: Path) -> None:
    photo = write(tmp_path / "p.jpg")
    sidecar = tmp_path / "p.jpg.xmp"
    sidecar.write_text(EXISTING_XMP, encoding="utf-8")
    sort(tmp_path, [result(photo, "cosmos")], mode="tag")
    sidecar.unlink()
    outcome = undo_last(tmp_path)
    assert not sidecar.exists()  # not brought back: the person deleted it
    assert outcome.ok and outcome.gone == 1
    assert any("earlier version stays in .sakura-sorter/backups/" in n for n in outcome.notes)


def test_unedited_sidecars_are_still_removed_or_restored_exactly(tmp_path: Path) -> None:
    fresh, known = write(tmp_path / "fresh.jpg"), write(tmp_path / "known.jpg")
    (tmp_path / "known.jpg.xmp").write_text(EXISTING_XMP, encoding="utf-8")
    before = tree(tmp_path)
    sort(tmp_path, [result(fresh, "sakura"), result(known, "cosmos")], mode="tag")
    outcome = undo_last(tmp_path)
    assert outcome.ok and outcome.restored == 2 and not outcome.notes
    assert tree(tmp_path) == before


# --- defect 8: a photo deleted since the sort ---------------------------------------------------


def test_undo_after_a_sorted_photo_was_deleted_closes_the_run(tmp_path: Path) -> None:
    older = write(tmp_path / "old.jpg")
    sort(tmp_path, [result(older, "cosmos")])
    photos = [write(tmp_path / f"p{i}.jpg") for i in range(3)]
    sort(tmp_path, [result(p) for p in photos])
    (tmp_path / "sakura" / "p1.jpg").unlink()  # the person deletes one sorted photo

    outcome = undo_last(tmp_path)

    assert outcome.ok and outcome.restored == 2 and outcome.gone == 1
    assert "2 photo(s) restored, 1 no longer there" in outcome.summary()
    assert any("sakura/p1.jpg is gone" in n for n in outcome.notes)
    assert photos[0].exists() and photos[2].exists() and not photos[1].exists()
    second = undo_last(tmp_path)  # the older run is next, not the same one again
    assert second.ok and second.restored == 1 and older.exists()
    assert not has_undoable_run(tmp_path)


def test_cli_undo_after_a_deleted_photo_exits_0_and_says_what_happened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = [write(tmp_path / f"p{i}.jpg") for i in range(2)]
    sort(tmp_path, [result(p) for p in photos])
    (tmp_path / "sakura" / "p0.jpg").unlink()
    assert cli.main(["undo", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "1 photo(s) restored, 1 no longer there" in captured.out and "0 photo(s) restored" not in captured.out
    assert captured.err == ""
    assert cli.main(["undo", str(tmp_path)]) == 1  # nothing left: the run is closed


def test_undo_leaves_a_folder_put_where_a_sorted_photo_was(tmp_path: Path) -> None:
    photo = write(tmp_path / "p.jpg")
    sort(tmp_path, [result(photo)])
    (tmp_path / "sakura" / "p.jpg").unlink()
    (tmp_path / "sakura" / "p.jpg").mkdir()  # a person's folder under the photo's sorted name
    (tmp_path / "sakura" / "p.jpg" / "inside.txt").write_text("mine")
    outcome = undo_last(tmp_path)
    assert (tmp_path / "sakura" / "p.jpg" / "inside.txt").read_text() == "mine" and not photo.exists()
    assert outcome.ok and outcome.gone == 1 and not has_undoable_run(tmp_path)


def test_undo_when_a_copy_of_the_sorted_photo_is_back_and_the_sorted_one_was_edited(tmp_path: Path) -> None:
    photo = write(tmp_path / "p.jpg")
    original = photo.read_bytes()
    sort(tmp_path, [result(photo)])
    photo.write_bytes(original)  # the person copied it back...
    (tmp_path / "sakura" / "p.jpg").write_bytes(b"...and edited the sorted one")
    outcome = undo_last(tmp_path)
    assert photo.read_bytes() == original and (tmp_path / "p (1).jpg").read_bytes() == b"...and edited the sorted one"
    assert outcome.ok and not has_undoable_run(tmp_path)
