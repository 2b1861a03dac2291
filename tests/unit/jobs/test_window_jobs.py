"""What the window needs from the jobs layer for teaching and models, tested without Qt: the queue of labels on
their way to the teaching set, switching models safely, what a training folder holds, stopping a training,
and which photos of a folder a lesson changes."""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from fake_features import WideJobs, base_model, blobs, paint_class
from sorting_helpers import write

from sakura_sorter.digest import sha256_of
from sakura_sorter.jobs.events import Cancelled
from sakura_sorter.jobs.label_queue import Kept, LabelQueue, keep_labels
from sakura_sorter.model import registry
from sakura_sorter.model.bundle import ModelError
from sakura_sorter.model.datasets import DatasetError
from sakura_sorter.model.teaching import Taught, TeachingSet
from sakura_sorter.model.training_features import save_training_features
from sakura_sorter.progress import drain
from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import NEITHER

FEATURE = np.arange(1024, dtype=np.float32)


def result(path: Path, label: str | None) -> PhotoResult:
    return PhotoResult(path, "sakura", 0.97, human_label=label, feature=FEATURE)


def test_the_queue_keeps_the_newest_label_per_photo_in_order(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    queue = LabelQueue()
    queue.add([result(a, "other"), result(b, "other")])
    queue.add([result(a, "cosmos")])  # relabelled before the batch ran: only the last label goes
    given = result(b, None)
    queue.add([given])  # taken back
    given.human_label = "sakura"  # the window changes its own result later: the queue holds a copy
    assert queue.waiting == 2 and queue.untaught == {a: "cosmos"}
    batch = queue.take()
    assert {(r.path, r.human_label) for r in batch} == {(a, "cosmos"), (b, None)}
    queue.add([result(b, "other")])
    assert queue.take() == [] and not queue.idle  # one batch at a time
    queue.done(None)  # the batch failed: its labels are unsaved
    assert queue.unsaved == {a: "cosmos", b: None}
    assert [r.human_label for r in queue.take()] == ["other"]
    queue.done(Kept())
    snapshot = dict(queue.untaught)
    queue.add([result(a, "sakura")])  # labelled again while the model was being taught
    queue.taught(snapshot)
    assert queue.untaught == {a: "sakura"}
    queue.taught()
    assert queue.untaught == {}
    assert queue.add([PhotoResult(a, error="broken")]) == 0  # photos that could not be read have no label


def test_keep_labels_keeps_and_forgets_in_the_teaching_set(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.jpg"), write(tmp_path / "b.jpg")
    kept = keep_labels(WideJobs(), [result(a, "other"), result(b, "cosmos")])
    assert kept.kept == 2 and kept.hashes == {a: sha256_of(a), b: sha256_of(b)}
    with TeachingSet() as store:
        assert store.labels([sha256_of(a), sha256_of(b)]) == {sha256_of(a): "other", sha256_of(b): "cosmos"}
    keep_labels(WideJobs(), [result(b, None)])
    with TeachingSet() as store:
        assert store.counts() == {"other": 1}


def a_model(name: str) -> Path:
    """One of the person's models: a small real bundle with its training features."""
    data = blobs()
    bundle = base_model(data)
    bundle.card["name"] = name
    folder = registry.models_dir() / name
    bundle.save(folder)
    save_training_features(folder, data)
    return folder


def test_use_model_switches_and_never_activates_a_model_that_cannot_load(tmp_path: Path) -> None:
    a_model("spring")
    broken = registry.models_dir() / "broken"
    broken.mkdir()
    (broken / "model.json").write_text(json.dumps({"name": "broken", "model_file": "model.joblib"}))
    names = {e.name: e for e in registry.list_models()}
    assert set(names) == {"bundled", "spring", "broken"}
    jobs = WideJobs()
    jobs.options = jobs.options.__class__(model=tmp_path / "named-on-the-command-line")
    entry = jobs.use_model("spring")
    assert entry.active and registry.active_name() == "spring" and jobs.model_entry == "spring"
    assert jobs.options.model is None  # the person's choice wins over --model from now on
    assert jobs.bundle().card["name"] == "spring"
    with pytest.raises(ModelError):
        jobs.use_model("broken")
    assert registry.active_name() == "spring" and jobs.bundle().card["name"] == "spring"
    jobs.use_model(registry.BUNDLED)
    assert registry.active_name() == "bundled" and jobs.model_entry == "bundled"
    (broken / "model.json").write_text("{not json")
    listed = {e.name: e for e in registry.list_models()}
    assert "problem" in listed["broken"].card  # listed with why, and the others still are


def test_training_set_finds_classes_and_neither_folders(tmp_path: Path) -> None:
    root = tmp_path / "labelled"
    for name in ("tulip/a.jpg", "rose/b.jpg", "iris/c.jpg", "Neither/d.jpg", "other/e.jpg", ".hidden/f.jpg"):
        write(root / name)
    extra = write(tmp_path / "streets" / "g.jpg").parent
    dataset, classes, neither = WideJobs.training_set(root, [extra])
    assert classes == ["iris", "rose", "tulip", NEITHER]
    assert neither == [root / "Neither", extra]
    assert dataset.counts() == {"iris": 1, "rose": 1, "tulip": 1, NEITHER: 3}
    write(tmp_path / "one" / "tulip" / "a.jpg")
    with pytest.raises(DatasetError, match="two or more classes"):
        WideJobs.training_set(tmp_path / "one")
    with pytest.raises(DatasetError):
        WideJobs.training_set(tmp_path / "missing")


def test_stopping_a_training_makes_no_model(tmp_path: Path) -> None:
    root = tmp_path / "labelled"
    paint_class(root / "red", "r", (220, 40, 40), 9)
    paint_class(root / "blue", "b", (40, 40, 220), 9, seed=1)
    jobs = WideJobs(batch_size=4)
    steps = []

    def stop_after_one_batch() -> bool:
        return bool(steps)

    with pytest.raises(Cancelled):
        drain(jobs.train(root, cancel=stop_after_one_batch), steps.append)
    assert len(steps) == 1
    trained = drain(jobs.train(root, name="colours"))
    assert trained.report.counts == {"blue": 9, "red": 9} and trained.bundle.card["name"] == "colours"
    png = trained.pca_plot(tmp_path / "pca.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_lesson_says_which_photos_of_the_folder_change_label(tmp_path: Path) -> None:
    a_model("base")
    registry.activate("base")
    rng = np.random.default_rng(5)
    tulips = rng.normal(size=(12, 1024)).astype(np.float32)  # a new kind of photo the base model calls sakura
    tulips[:, 80:100] += 3.0
    tulips[:, 592:612] += 3.0
    tulips[:, 200:220] += 6.0
    tulips[:, 712:732] += 6.0
    with TeachingSet() as store:  # the person labelled six of them "neither"
        store.add([Taught(f"t{i}", NEITHER, f"tulip{i}.jpg", 1, tulips[i]) for i in range(6)], "window")
    folder = [PhotoResult(tmp_path / f"p{i}.jpg", "sakura", 0.9, feature=row) for i, row in enumerate(tulips)]
    lesson = WideJobs().teach(folder)
    assert lesson.compared == 12 and lesson.changed == sum(lesson.changes.values()) > 0
    assert set(lesson.changes) <= {(c, NEITHER) for c in ("sakura", "cosmos")}
    assert lesson.persons_labels == {NEITHER: 6} and lesson.base_name == "base"
    assert "photos in this folder change label" in lesson.describe()


def test_the_label_first_queue_is_ordered_by_worth_and_refreshed_after_teaching(tmp_path: Path) -> None:
    """What the window's "Label these N first" queue calls: the suggestions by the model in use, from the
    session's results (their stale scores are not used), and again after teaching, by the new model."""
    from sakura_sorter.jobs.teaching import remember

    a_model("base")
    registry.activate("base")
    rng = np.random.default_rng(7)
    tulips = rng.normal(size=(10, 1024)).astype(np.float32)  # halfway between sakura and neither
    tulips[:, 80:100] += 2.5
    tulips[:, 592:612] += 2.5
    tulips[:, 40:60] += 2.5
    tulips[:, 552:572] += 2.5
    sure = blobs(seed=3, n=4).features  # like the training photos
    rows = np.vstack([tulips, sure])
    folder = [write(tmp_path / f"p{i}.jpg", 2048 + i) for i in range(len(rows))]
    results = [PhotoResult(p, "cosmos", 0.5, feature=row) for p, row in zip(folder, rows)]
    jobs = WideJobs()
    first = jobs.suggest(results, 4)
    assert [s.rank for s in first] == [1, 2, 3, 4] and len({s.result.path for s in first}) == 4
    assert all(a.worth >= b.worth for a, b in itertools.pairwise(first))
    labels, confidence, _ = jobs.bundle().predict(np.stack([s.result.feature for s in first]))
    assert [s.label for s in first] == labels and [s.confidence for s in first] == pytest.approx(confidence)
    assert all(s.result in results[:10] for s in first)  # the unsure tulips, not the photos like the training ones

    for s in first:  # the person labels them neither; the window keeps the labels and teaches
        s.result.human_label = NEITHER
    remember(jobs, [s.result for s in first])
    lesson = jobs.teach(results)
    jobs.adopt(lesson, "tulips")
    again = jobs.suggest(results, 4)
    assert not {s.result.path for s in again} & {s.result.path for s in first}  # labelled photos leave the queue
    labels, _, _ = jobs.bundle().predict(np.stack([s.result.feature for s in again]))
    assert jobs.bundle().card["name"] == "tulips" and [s.label for s in again] == labels  # by the new model


def test_a_lesson_that_costs_accuracy_elsewhere_is_refused_unless_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    from sakura_sorter.model import teach as teaching_model

    data = blobs()
    base = base_model(data)
    base.thresholds = {"cosmos": 0.6, "other": 0.5, "sakura": 0.7}
    sakura = [i for i, label in enumerate(data.labels) if label == "sakura"][:12]
    wrong = [Taught(f"w{i}", "cosmos", f"w{i}.jpg", 1, data.features[i] * 1.01) for i in sakura]  # sakura called cosmos
    monkeypatch.setattr(teaching_model, "WORSE_BY", 1.0)  # only the check on the base's own photos speaks
    with pytest.raises(teaching_model.TeachError, match=r"gets \d+ of the 90 photos the model was trained on wrong"):
        teaching_model.teach(base, data, wrong)
    forced = teaching_model.teach(base, data, wrong, force=True)
    lost = forced.lost
    assert set(lost) == {"sakura"} and lost["sakura"] > teaching_model.LOST_LIMIT * 90
    said = forced.describe_lost()
    assert f"{lost['sakura']} of the 90 photos" in said and f"({lost['sakura']} sakura)" in said and forced.costs
    from sakura_sorter.jobs.teaching import Lesson

    lesson = Lesson(forced, "base")  # what teach and the window show: the warning apart, with the numbers
    assert lesson.warning == said and said not in lesson.describe()
    right = [Taught(f"r{i}", "sakura", f"r{i}.jpg", 1, data.features[i] * 1.01) for i in sakura]
    kept = teaching_model.teach(base, data, right)  # labels that agree with the training photos cost nothing
    assert kept.lost == {} and kept.describe_lost() == "" and Lesson(kept, "base").warning == ""
    assert kept.bundle.review_thresholds == {"cosmos": 0.6, "other": 0.5, "sakura": 0.7}  # the base's carry over


def test_classify_can_drop_the_features_that_a_report_does_not_need(tmp_path: Path) -> None:
    a_model("base")
    registry.activate("base")
    photos = paint_class(tmp_path / "folder", "r", (220, 40, 40), 5)
    jobs = WideJobs(batch_size=2)
    kept = drain(jobs.classify(photos))
    dropped = drain(jobs.classify(photos, keep_features=False))
    assert all(r.ok and r.feature is not None for r in kept)
    assert all(r.ok and r.feature is None for r in dropped)  # what sort and classify keep for 2,000 photos
    assert [(r.path, r.label, r.confidence) for r in dropped] == [(r.path, r.label, r.confidence) for r in kept]


def test_a_rerun_takes_remembered_results_until_the_model_or_a_photo_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sakura_sorter.vision.cache import FeatureCache

    monkeypatch.setattr("sakura_sorter.vision.weights.resolve_weights", lambda *a, **k: None)  # weights "found"
    a_model("base")
    registry.activate("base")
    photos = paint_class(tmp_path / "folder", "r", (220, 40, 40), 4) + paint_class(
        tmp_path / "folder", "b", (40, 40, 220), 2
    )
    cache = tmp_path / "features.sqlite3"
    FeatureCache(cache, "fake").close()  # the feature cache's file (the fake jobs keep no features in it)

    def run(**kwargs: bool) -> tuple[list[PhotoResult], int]:
        jobs = WideJobs(batch_size=4)
        jobs.options = dataclasses.replace(jobs.options, feature_cache=str(cache))
        results = drain(jobs.classify(photos, **kwargs))
        return results, jobs.extractor().calls  # type: ignore[attr-defined]

    first, calls = run(keep_features=False)
    assert calls == 2 and all(r.ok for r in first)
    again, calls = run(keep_features=False)
    assert calls == 0  # every result remembered: no photo read, no model loaded
    facts = sorted((r.path, r.label, r.confidence, r.scores) for r in first)
    assert sorted((r.path, r.label, r.confidence, r.scores) for r in again) == facts
    assert run(keep_features=True)[1] == 2  # suggesting and teaching need the features: never remembered

    photos[0].write_bytes(photos[4].read_bytes())  # a photo replaced by another
    changed, calls = run(keep_features=False)
    assert calls == 1 and {r.path: r.label for r in changed}[photos[0]] == {r.path: r.label for r in first}[photos[4]]

    a_model("other")
    registry.activate("other")  # another model: nothing it said is known
    assert run(keep_features=False)[1] == 2
