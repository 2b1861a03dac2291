"""Teaching: the person's labels last (keyed by content), win wherever their photo is found again, and teach a
new model that becomes the active one, compared first, refused when it contradicts the training photos; the
bundled model is never changed and reset goes back to it. Fast tests with synthetic features and the fake model;
the real model on real photos is in tests/e2e/test_teach_real.py."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import pytest
from fake_features import base_model, blobs
from sorting_helpers import read_report, write

from sakura_sorter import cli
from sakura_sorter.digest import sha256_of
from sakura_sorter.jobs.core import Jobs
from sakura_sorter.jobs.teaching import PersonsLabels, remember
from sakura_sorter.model import registry
from sakura_sorter.model.bundle import bundled_model_dir, load_bundle
from sakura_sorter.model.teach import TeachError, teach
from sakura_sorter.model.teaching import Taught, TeachingSet, default_path
from sakura_sorter.results import PhotoResult

CLASSES = ("cosmos", "other", "sakura")
ORIGINAL_CLASSIFY = Jobs.classify  # before the fake_model fixture replaces it


def test_labels_last_follow_the_photo_and_can_be_taken_back(tmp_path: Path) -> None:
    photo = write(tmp_path / "a.jpg")
    feature = np.arange(1024, dtype=np.float32)
    result = PhotoResult(photo, "sakura", 0.99, human_label="other", feature=feature)
    jobs = None  # remember() needs no model
    assert remember(jobs, [result]) == 1  # type: ignore[arg-type]  # unused argument
    moved = photo.rename(tmp_path / "renamed.jpg")
    found = PhotoResult(moved, "sakura", 0.99)
    persons = PersonsLabels.open()
    assert persons.apply([found]) == 1 and found.human_label == "other"  # hashed only because the size matched
    persons.close()
    with TeachingSet() as store:
        (entry,) = store.entries()
        assert entry.sha256 == sha256_of(moved) and np.array_equal(entry.feature, feature)
    found.human_label = None  # the person took the label back
    remember(jobs, [found])  # type: ignore[arg-type]
    with TeachingSet() as store:
        assert len(store) == 0


def test_photos_of_other_sizes_are_not_even_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    labelled = write(tmp_path / "a.jpg", 100)
    with TeachingSet() as store:
        store.add([Taught(sha256_of(labelled), "other", str(labelled), 100, None)], "test")
    other = write(tmp_path / "b.jpg", 200)
    hashed: list[Path] = []
    monkeypatch.setattr("sakura_sorter.jobs.teaching.sha256_of", lambda p: hashed.append(p) or "x")
    persons = PersonsLabels.open()
    persons.apply([PhotoResult(other, "sakura", 0.9)])
    persons.close()
    assert hashed == []


def test_teach_moves_the_boundary_towards_the_persons_labels() -> None:
    data = blobs()
    base = base_model(data)
    rng = np.random.default_rng(5)
    # "Tulips": a new kind of photo the base model calls sakura; the person labels six of them other.
    tulips = np.array(data.features[:0].tolist() + [data.features[60 + i] * 0 for i in range(12)])
    for row in tulips:
        row[:] = rng.normal(size=1024)
        row[80:100] += 3.0  # sakura-like
        row[592:612] += 3.0
        row[200:220] += 6.0  # and something of their own
        row[712:732] += 6.0
    before = base.predict(tulips)[0]
    taught = [Taught(f"t{i}", "other", f"tulip{i}.jpg", 1, tulips[i]) for i in range(6)]
    lesson = teach(base, data, taught)
    after = lesson.bundle.predict(tulips[6:])[0]
    assert before.count("other") < 12 and after.count("other") > before[6:].count("other")
    assert lesson.comparison.new_taught >= lesson.comparison.old_taught
    card = lesson.bundle.card
    assert card["taught_from"] == "base" and card["training_data"]["labels_from_the_person"] == 6
    assert lesson.bundle.slope == base.slope  # the confidence its review thresholds were calibrated with


def test_labels_that_contradict_the_training_photos_are_refused() -> None:
    data = blobs()
    base = base_model(data)
    # The person calls 25 clear sakura photos "cosmos": the new model would get the training photos wrong.
    taught = [Taught(f"s{i}", "cosmos", f"s{i}.jpg", 1, data.features[60 + i]) for i in range(25)]
    with pytest.raises(TeachError, match="clearly worse"):
        teach(base, data, taught)


def test_cli_teach_from_a_report_makes_a_new_active_model_and_reset_goes_back(
    tmp_path: Path, fake_model: list, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_model_dir().iterdir()}
    folder = tmp_path / "photos"
    photos = [write(folder / f"s{i}.jpg") for i in range(4)]
    report = tmp_path / "labels.csv"
    with open(report, "w", encoding="utf-8-sig", newline="") as handle:  # a person filled human_label
        writer = csv.writer(handle)
        writer.writerow(["path", "label", "human_label"])
        writer.writerows([[str(photos[0]), "sakura", "other"], [str(photos[1]), "sakura", "other"]])
        writer.writerow([str(photos[2]), "sakura", ""])
    data = blobs()

    def features(jobs, paths, labels, cancel=None):  # type: ignore[no-untyped-def]
        from sakura_sorter.jobs.events import LabelledFeatures

        yield from ()
        return LabelledFeatures(data.features[: len(paths)] + 1.0, list(labels), list(paths))

    monkeypatch.setattr("sakura_sorter.jobs.core.Jobs.labelled_features", features)
    base = base_model(data)
    monkeypatch.setattr("sakura_sorter.jobs.core.Jobs.bundle", lambda jobs: base)
    monkeypatch.setattr("sakura_sorter.model.training_features.load_training_features", lambda folder: data)

    assert cli.main(["teach", str(report), "--name", "mine"]) == 0
    out = capsys.readouterr().out
    assert "Kept 2 label(s)" in out and "was " in out and "now " in out and "Your active model is now 'mine'" in out
    assert registry.active_name() == "mine" and (registry.models_dir() / "mine" / "model.json").is_file()
    with TeachingSet() as store:
        assert store.counts() == {"other": 2}
    assert load_bundle(registry.active_model_dir()).card["training_data"]["labels_from_the_person"] == 2

    # The person's label wins for that photo wherever it is found: sort leaves it where it is. (The real
    # Jobs.classify, with the pipeline faked: every photo looks like a confident sakura.)
    from sakura_sorter.vision.pipeline import ClassifiedBatch

    def pipeline(paths, bundle, get_extractor, **kwargs):  # type: ignore[no-untyped-def]
        yield ClassifiedBatch([PhotoResult(p, "sakura", 0.97) for p in paths], len(paths), len(paths))

    monkeypatch.setattr(Jobs, "classify", ORIGINAL_CLASSIFY)
    monkeypatch.setattr(Jobs, "loading_notice", lambda jobs: None)
    monkeypatch.setattr(Jobs, "settings", lambda jobs: None)
    monkeypatch.setattr(Jobs, "open_cache", lambda jobs: None)
    monkeypatch.setenv("SAKURA_SORTER_CACHE", "off")  # no feature cache, so no remembered results either
    monkeypatch.setattr("sakura_sorter.vision.pipeline.classify_photos", pipeline)
    photos[0].rename(folder / "moved.jpg")  # found again under another name
    sorted_report = tmp_path / "sort.csv"
    cli.main(["sort", str(folder), "--dry-run", "--report", str(sorted_report)])
    rows = {Path(r["path"]).name: r for r in read_report(sorted_report)}
    assert rows["moved.jpg"]["human_label"] == "other" and rows["moved.jpg"]["status"] == "neither"
    assert rows["s3.jpg"]["status"] == "planned"  # a dry run: it would be sorted

    assert cli.main(["model", "--reset"]) == 0
    assert registry.active_name() == "bundled" and registry.active_model_dir() == bundled_model_dir()
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_model_dir().iterdir()} == bundled
    assert cli.main(["model", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "* bundled" in listing and "  mine" in listing


def test_labels_filled_in_a_spreadsheet_are_read_as_the_classes_they_name(
    tmp_path: Path, fake_model: list, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A person writes the window's word ("Neither"), capitals, a Japanese input method's full-width letters."""
    folder = tmp_path / "photos"
    photos = [write(folder / f"p{i}.jpg") for i in range(5)]
    report = tmp_path / "labels.csv"
    filled = ["Neither", " ＳＡＫＵＲＡ ", "Cosmos", "other", "tulip"]
    with open(report, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "label", "human_label"])
        writer.writerows([str(photo), "sakura", label] for photo, label in zip(photos, filled))
    data = blobs()

    def features(jobs, paths, labels, cancel=None):  # type: ignore[no-untyped-def]
        from sakura_sorter.jobs.events import LabelledFeatures

        yield from ()  # each photo looks like the training photos of the class it was labelled
        rows = [data.features[data.labels.index(label) + i] + 0.1 for i, label in enumerate(labels)]
        return LabelledFeatures(np.array(rows), list(labels), list(paths))

    monkeypatch.setattr("sakura_sorter.jobs.core.Jobs.labelled_features", features)
    base = base_model(data)
    monkeypatch.setattr("sakura_sorter.jobs.core.Jobs.bundle", lambda jobs: base)
    monkeypatch.setattr("sakura_sorter.model.training_features.load_training_features", lambda folder: data)

    assert cli.main(["teach", str(report), "--name", "mine"]) == 0
    said = capsys.readouterr()
    assert "Kept 4 label(s)" in said.out
    assert "p4.jpg: the label 'tulip' is none of cosmos, sakura, or neither (other)" in said.out + said.err
    with TeachingSet() as store:
        labels = {Path(e.path).name: e.label for e in store.entries()}
    assert labels == {"p0.jpg": "other", "p1.jpg": "sakura", "p2.jpg": "cosmos", "p3.jpg": "other"}


def test_label_named_reads_a_class_or_neither_in_any_case_or_width() -> None:
    from sakura_sorter.vocabulary import label_named

    classes = ["cosmos", "other", "sakura"]
    assert [label_named(w, classes) for w in ("sakura", "Sakura", "ｓａｋｕｒａ", " COSMOS\t")] == [
        "sakura",
        "sakura",
        "sakura",
        "cosmos",
    ]
    assert label_named("Neither", classes) == label_named("OTHER", classes) == "other"
    assert label_named("どちらでもない", classes) == label_named(" その他 ", classes) == "other"  # the window's word
    assert label_named("plum", classes) is None and label_named("", classes) is None
    assert label_named("Tulip", ["Tulip", "Rose"]) == "Tulip"  # a trained model's own class names, as written


def test_teach_from_folders_reads_class_and_other_subfolders(
    tmp_path: Path, fake_model: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("sakura/a.jpg", "other/b.jpg", "neither/c.jpg", "cosmos/d.jpg"):
        write(tmp_path / "labelled" / name)
    seen: dict[str, str] = {}

    def features(jobs, paths, labels, cancel=None):  # type: ignore[no-untyped-def]
        from sakura_sorter.jobs.events import LabelledFeatures

        seen.update({Path(p).name: label for p, label in zip(paths, labels)})
        yield from ()
        return LabelledFeatures(np.ones((len(paths), 1024), np.float32), list(labels), list(paths))

    monkeypatch.setattr("sakura_sorter.jobs.core.Jobs.labelled_features", features)
    assert cli.main(["teach", "--from-folders", str(tmp_path / "labelled"), "--keep"]) == 0
    assert seen == {"a.jpg": "sakura", "b.jpg": "other", "c.jpg": "other", "d.jpg": "cosmos"}
    assert default_path().is_file()
