"""Where a labelled photo comes from (SOURCES.tsv, else its name), its kinds, and cross-validation that holds
out whole sources across classes; several data folders trained on as one."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from sakura_sorter.model.datasets import load_labelled_folders
from sakura_sorter.model.evaluation import kind_rows, sorting_figures
from sakura_sorter.model.provenance import (
    CLOSE_UP,
    FIELD,
    LOOK_ALIKE,
    NIGHT,
    ORDINARY,
    OTHER_SPECIES,
    PEOPLE,
    WHOLE_SCENE,
    Provenance,
    kinds_of,
    note_tags,
    provenance_of,
)
from sakura_sorter.model.validation import cv_groups
from sakura_sorter.vocabulary import NEITHER

HEADER = "file\tclass\trepo\tcommit\tnote\n"


def photo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def test_sources_come_from_sources_tsv_and_fall_back_to_the_name_prefix(tmp_path: Path) -> None:
    a = photo(tmp_path / "sakura" / "hanami_1.jpg")
    b = photo(tmp_path / "sakura" / "hanami_2.jpg")
    c = photo(tmp_path / "cosmos" / "pixabay_9.jpg")
    (tmp_path / "SOURCES.tsv").write_text(
        HEADER
        + "sakura/hanami_1.jpg\tsakura\talice/photos\tx\t[people,yozakura] hanami at night\n"
        + "sakura/hanami_2.jpg\tsakura\tbob/site\tx\t\n",
        encoding="utf-8",
    )
    found = provenance_of([a, b, c], [tmp_path])
    # same file-name prefix, different repositories: the repository is the source
    assert [p.source for p in found] == ["alice/photos", "bob/site", "pixabay"]
    assert found[0].tags == ("people", "yozakura") and found[1].tags == ()


def test_kinds_from_tags_and_categories() -> None:
    assert note_tags("[close-up, atypical] yellow cosmos") == ("close-up", "atypical")
    assert note_tags("no tags [here]") == ()
    assert kinds_of("sakura", Provenance("s", ("people", "landscape/tree"))) == [WHOLE_SCENE, PEOPLE]
    assert kinds_of("sakura", Provenance("s", ("yozakura", "river/water"))) == [WHOLE_SCENE, NIGHT]
    assert kinds_of("cosmos", Provenance("s", ("field/landscape",))) == [WHOLE_SCENE, FIELD]
    assert kinds_of("cosmos", Provenance("s", ("close-up",))) == [CLOSE_UP]
    assert kinds_of("sakura", Provenance("s")) == []
    assert kinds_of(NEITHER, Provenance("s", ("plum", "pink"))) == [LOOK_ALIKE]
    assert kinds_of(NEITHER, Provenance("s", ("pink",))) == [OTHER_SPECIES]
    assert kinds_of(NEITHER, Provenance("s", (), "food")) == [ORDINARY]
    assert kind_rows("sakura", [WHOLE_SCENE, NIGHT]) == ["sakura", "sakura: whole scene", "sakura: night"]


def test_figures_per_kind_count_a_photo_in_each_of_its_rows() -> None:
    rows = [kind_rows("sakura", [WHOLE_SCENE, NIGHT]), kind_rows("sakura", [CLOSE_UP]), kind_rows(NEITHER, [])]
    figures = sorting_figures(
        rows, ["sakura", "sakura", NEITHER], ["cosmos", "sakura", "sakura"], [0.9, 0.9, 0.5], 0.8, NEITHER
    )
    assert figures.subsets["sakura"]["n"] == 2 and figures.subsets["sakura"]["right"] == 1
    assert figures.subsets["sakura: night"]["wrong"] == 1 and figures.subsets["sakura: close-up"]["right"] == 1
    assert figures.subsets[NEITHER]["review"] == 1


def test_per_class_thresholds_send_each_label_to_review_at_its_own_confidence() -> None:
    figures = sorting_figures(
        ["a", "b"], ["sakura", "cosmos"], ["sakura", "cosmos"], [0.85, 0.85], {"sakura": 0.9, "cosmos": 0.8}, NEITHER
    )
    assert figures.subsets["a"]["review"] == 1 and figures.subsets["b"]["right"] == 1


def test_cv_groups_hold_out_a_source_with_all_its_classes() -> None:
    """One repository with sakura, cosmos and other flowers is one group: no photo of that camera trains the
    model that is measured on it (before, its other flowers formed a separate group)."""
    rng = np.random.default_rng(0)
    sources = ["alice"] * 3 + ["bob", "carol", "dave"] + ["erin", "frank", "gina"] + ["hank"] * 2
    labels = ["sakura", "cosmos", NEITHER] + ["sakura"] * 3 + ["cosmos"] * 3 + [NEITHER] * 2
    names = [f"{i}.jpg" for i in range(len(labels))]
    groups = cv_groups(names, sources, labels, rng.normal(size=(len(labels), 1024)))
    assert groups[0] == groups[1] == groups[2]
    assert len(set(groups)) == len(set(sources))


def test_several_data_folders_train_as_one_with_their_own_sources(tmp_path: Path) -> None:
    ours, theirs, everyday = tmp_path / "photos", tmp_path / "photos2", tmp_path / "everyday"
    for i in range(2):
        photo(ours / "sakura" / f"web_{i}.jpg")
        photo(ours / "cosmos" / f"web_c{i}.jpg")
        photo(theirs / "sakura" / f"scene_{i}.jpg")
        photo(everyday / "food" / f"imnet_{i}.jpg")
    photo(theirs / "other" / "plum_1.jpg")
    (theirs / "SOURCES.tsv").write_text(
        HEADER + "sakura/scene_0.jpg\tsakura\tcarol/blog\tx\t[landscape/tree] avenue\n", encoding="utf-8"
    )
    data = load_labelled_folders([ours, theirs], None, [everyday])
    assert data.classes == ["cosmos", "sakura", "other"]  # the background class last, whichever folder has it
    assert data.counts() == {"cosmos": 2, "sakura": 4, "other": 3}
    assert data.roots == [ours, theirs]
    assert data.subset_counts() == {
        "photos/cosmos": 2,
        "photos/sakura": 2,
        "photos2/sakura": 2,
        "photos2/other": 1,
        "everyday": 2,
    }
    sources = dict(zip((p.name for p in data.paths), data.sources()))
    assert sources["scene_0.jpg"] == "carol/blog" and sources["scene_1.jpg"] == "scene"
    assert sources["imnet_0.jpg"] == "imnet"
