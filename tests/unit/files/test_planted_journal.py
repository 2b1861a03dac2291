"""A journal that travels with the folder may be stale, damaged or planted (issue 12, defect 4).

Undo and recovery act only on runs that hang together as this program writes them, and even then remove
nothing whose bytes exist nowhere else. Each test plants a crafted run file next to real files.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from folder_state import tree
from sorting_helpers import result, sort, write

from sakura_sorter import cli
from sakura_sorter.files import xmp
from sakura_sorter.files.journal import STATE_DIR, JournalCorrupt
from sakura_sorter.files.recovery import has_undoable_run, recover, undo_last

RUN = "20300101T000000000000Z-42"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plant(folder: Path, records: list[dict[str, object]], run: str = RUN, mode: str = "copy") -> Path:
    """A run file in ``folder``'s journal: a ``begin`` line, then ``records``."""
    runs = folder / STATE_DIR / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    lines = [{"t": "begin", "v": 1, "run": run, "mode": mode, "time": 1.0}, *records]
    path = runs / f"{run}.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def copy_group(gid: int, src: str, dst: str, digest: str, tmp: str | None = None) -> dict[str, object]:
    directory = dst.split("/")[0]
    tmp = tmp or f"{directory}/.sakura-sorter-{RUN}-{gid}-0.tmp"
    return {"t": "do", "id": gid, "action": "copy", "files": [{"src": src, "dst": dst, "tmp": tmp, "sha": digest}]}


def test_planted_copy_group_naming_a_photo_does_not_delete_it(tmp_path: Path) -> None:
    """The reproduction of the issue: a copy group whose copy is an existing photo, with its hash."""
    photo = write(tmp_path / "sakura" / "IMG_1.jpg")
    plant(tmp_path, [copy_group(1, "IMG_1.jpg", "sakura/IMG_1.jpg", sha(photo)), {"t": "done", "id": 1}])
    before = tree(tmp_path)
    undo_last(tmp_path)
    assert tree(tmp_path) == before


def test_planted_copy_group_with_an_identical_original_loses_no_bytes(tmp_path: Path) -> None:
    """The limit of what a planted run can do: name a person's identical twin as the "original". The copy
    is then redundant by every check undo can make and goes, but its bytes stay in the twin."""
    photo = write(tmp_path / "sakura" / "IMG_1.jpg")
    content = photo.read_bytes()
    twin = tmp_path / "IMG_1.jpg"
    twin.write_bytes(content)
    plant(tmp_path, [copy_group(1, "IMG_1.jpg", "sakura/IMG_1.jpg", sha(photo)), {"t": "done", "id": 1}])
    undo_last(tmp_path)
    assert twin.read_bytes() == content


@pytest.mark.parametrize(
    "group",
    [
        # the temporary name is a person's photo (undo would "clean it up")
        copy_group(1, "a.jpg", "sakura/a.jpg", "0" * 64, tmp="sakura/keep.jpg"),
        # a destination that is not in a folder directly below FOLDER
        copy_group(1, "a.jpg", "deep/er/keep.jpg", "0" * 64),
        # a tag group whose "sidecar" is a photo
        {"t": "do", "id": 1, "action": "tag", "xmp": "sakura/keep.jpg", "tmp": f"sakura/.sakura-sorter-{RUN}-1-0.tmp",
         "label": "sakura", "existed": False},
    ],
    ids=["tmp-is-a-photo", "deep-destination", "tag-of-a-photo"],
)  # fmt: skip
def test_a_run_that_does_not_hang_together_is_refused_as_a_whole(tmp_path: Path, group: dict[str, object]) -> None:
    keep = write(tmp_path / "sakura" / "keep.jpg")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "keep.jpg").write_bytes(keep.read_bytes())
    (tmp_path / "a.jpg").write_bytes(keep.read_bytes())
    mode = "tag" if group["action"] == "tag" else "copy"
    plant(tmp_path, [group, {"t": "done", "id": 1}], mode=mode)
    before = tree(tmp_path)
    with pytest.raises(JournalCorrupt, match="damaged or not one of this program's"):
        undo_last(tmp_path)
    with pytest.raises(JournalCorrupt):
        recover(tmp_path)
    assert tree(tmp_path) == before


@pytest.mark.parametrize(
    "records,why",
    [
        ([{"t": "done", "id": 7}], "never began"),
        ([{"t": "end", "status": "complete"}, {"t": "mkdir", "path": "sakura"}], "follows the end"),
        ([{"t": "mkdir", "path": ".sakura-sorter"}], "not a folder directly below"),
        ([{"t": "rmdir", "path": "sakura"}], "never created"),
    ],
)
def test_records_that_cannot_follow_each_other_are_refused(
    tmp_path: Path, records: list[dict[str, object]], why: str
) -> None:
    plant(tmp_path, records)
    with pytest.raises(JournalCorrupt, match=why):
        has_undoable_run(tmp_path)


def test_one_bad_group_means_no_group_of_that_run_is_acted_on(tmp_path: Path) -> None:
    photo = write(tmp_path / "p.jpg")
    _, outcome = sort(tmp_path, [result(photo)])  # a real run: p.jpg moved to sakura/
    path = next((tmp_path / STATE_DIR / "runs").glob("*.jsonl"))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(-1, json.dumps({"t": "done", "id": 99}))  # one line that does not fit
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tree(tmp_path)
    with pytest.raises(JournalCorrupt, match="names group 99"):
        undo_last(tmp_path)
    assert tree(tmp_path) == before and outcome.run_id in path.name


def test_a_run_file_named_for_another_run_is_refused(tmp_path: Path) -> None:
    photo = write(tmp_path / "sakura" / "p.jpg")
    plant(tmp_path, [copy_group(1, "p.jpg", "sakura/p.jpg", sha(photo))], run=RUN)
    (tmp_path / STATE_DIR / "runs" / f"{RUN}.jsonl").rename(
        tmp_path / STATE_DIR / "runs" / "20300101T000000000001Z-1.jsonl"
    )
    with pytest.raises(JournalCorrupt, match="its own 'begin'"):
        undo_last(tmp_path)


def test_planted_tag_group_never_deletes_a_person_s_sidecar(tmp_path: Path) -> None:
    """A created-sidecar group over a person's sidecar: undo takes out at most the label, keeps the rest."""
    photo = write(tmp_path / "p.jpg")
    sidecar = tmp_path / "p.jpg.xmp"
    sidecar.write_bytes(xmp.merge_label(None, "holiday"))
    group = {"t": "do", "id": 1, "action": "tag", "xmp": "p.jpg.xmp", "tmp": f".sakura-sorter-{RUN}-1-0.tmp",
             "label": "holiday", "existed": False}  # fmt: skip
    other = {"t": "do", "id": 2, "action": "tag", "xmp": "q.jpg.xmp", "tmp": f".sakura-sorter-{RUN}-2-0.tmp",
             "label": "sakura", "existed": False}  # fmt: skip
    (tmp_path / "q.jpg.xmp").write_bytes(xmp.merge_label(xmp.merge_label(None, "family"), "sakura"))
    plant(tmp_path, [group, {"t": "done", "id": 1}, other, {"t": "done", "id": 2}], mode="tag")
    undo_last(tmp_path)
    # p.jpg.xmp held nothing but the label: removing it loses nothing. q.jpg.xmp keeps "family".
    assert xmp.labels_in((tmp_path / "q.jpg.xmp").read_bytes())["subject"] == ["family"]
    assert photo.exists()


def test_planted_unfinished_run_is_not_finished_into_a_deletion(tmp_path: Path) -> None:
    """An unfinished tag run naming a JPEG as its sidecar is refused, not rolled forward or back."""
    photo = write(tmp_path / "IMG.jpg")
    group = {"t": "do", "id": 1, "action": "tag", "xmp": "IMG.jpg", "tmp": f".sakura-sorter-{RUN}-1-0.tmp",
             "label": "sakura", "existed": False}  # fmt: skip
    plant(tmp_path, [group], mode="tag")
    before = tree(tmp_path)
    for command in (["sort", str(tmp_path)], ["undo", str(tmp_path)]):
        assert cli.main(command) == 2
    assert tree(tmp_path) == before and photo.exists()
