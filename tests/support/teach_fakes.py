"""The window's fake jobs, extended for teaching and models: teaching reads the real teaching set (so a test
sees that the labels were kept before teaching) and returns a lesson with fixed figures; adopting and switching
write real entries in the person's model registry (in the isolated XDG_DATA_HOME) with a fake model."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from gui_fakes import THREE, FakeBundle, FakeJobs

from sakura_sorter.jobs.teaching import Lesson
from sakura_sorter.model import registry
from sakura_sorter.model.bundle import ModelError
from sakura_sorter.model.teach import Comparison, TaughtModel, TeachError
from sakura_sorter.model.teaching import Taught, TeachingSet, default_path
from sakura_sorter.model.training_features import TrainingFeatures
from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import NEITHER

COMPARISON = Comparison(0.957, 0.962, 0.957, 0.955, 0.0, 0.83)


def fake_lesson(taught: list[Taught], folder: Sequence[PhotoResult], base: str = "bundled") -> Lesson:
    counts: dict[str, int] = {}
    for t in taught:
        counts[t.label] = counts.get(t.label, 0) + 1
    card = {"training_data": {"labels_from_the_person_per_class": counts}}
    training = TrainingFeatures(np.zeros((100 + len(taught), 2), np.float32), ["x"] * (100 + len(taught)), [], [])
    model = TaughtModel(FakeBundle(THREE, card), training, COMPARISON, 1.25)
    known = [r for r in folder if r.ok]
    changed = [r for r in known if r.human_label == NEITHER and r.label != NEITHER]
    mine = [r for r in known if r.human_label is not None]
    lesson = Lesson(model, base, len(changed), len(known), {("sakura", NEITHER): len(changed)} if changed else {})
    # the fake new model labels every labelled photo as the person did; the old one, as its label says
    lesson.labelled, lesson.labelled_right_after = len(mine), len(mine)
    lesson.labelled_right_before = sum(r.label == r.human_label for r in mine)
    return lesson


def write_model(name: str, card: dict | None = None) -> Path:
    """A model folder in the person's registry (only its card: the fake jobs never load it)."""
    folder = registry.models_dir() / name
    folder.mkdir(parents=True, exist_ok=True)
    card = {"name": name, "created": "2025-04-01T10:00:00+00:00", "classes": THREE, **(card or {})}
    (folder / "model.json").write_text(json.dumps(card), encoding="utf-8")
    return folder


class TeachingJobs(FakeJobs):
    """Three classes (cosmos, other, sakura); ``refuse``: the error teaching raises instead of a lesson."""

    def __init__(self, refuse: Exception | None = None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(classes=THREE, **kwargs)
        self.model_entry = registry.active_name()
        self.fake_bundle.card = {"name": self.model_entry}
        self.refuse = refuse
        self.taught_with: list[list[Taught]] = []
        self.classified = 0

    def classify(self, paths, cancel=None, keep_features=True):  # type: ignore[no-untyped-def]
        self.classified += 1
        return (yield from super().classify(paths, cancel or (lambda: False)))

    def teach(self, folder_results: Sequence[PhotoResult] = ()) -> Lesson:
        if self.refuse is not None:
            raise self.refuse
        if not default_path().is_file():
            raise TeachError("There are no labels to teach from yet.", "Label photos in the review, or use 'teach'.")
        with TeachingSet() as store:
            taught = store.entries()
        self.taught_with.append(taught)
        return fake_lesson(taught, folder_results, self.model_entry or "bundled")

    def adopt(self, lesson: Lesson, name: str = "") -> registry.ModelEntry:
        chosen, _folder = registry.new_model_folder(name or "taught")
        write_model(chosen, {"taught_from": lesson.base_name})
        return self.use_model(chosen)

    def use_model(self, name: str) -> registry.ModelEntry:
        entry = registry.find(name)
        if entry.card.get("problem") or entry.card.get("broken"):
            raise ModelError(f"The model {name} cannot be loaded.", "Train or teach it again.")
        chosen = registry.activate(name)
        self.model_entry = chosen.name
        self.fake_bundle = FakeBundle(THREE, {"name": chosen.name})
        return chosen
