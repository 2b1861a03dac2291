"""The suggestion job: which photos of a folder the person should label first (:mod:`sakura_sorter.model.suggest`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sakura_sorter.jobs.events import JobsLike
from sakura_sorter.results import PhotoResult

DEFAULT_COUNT = 20  #: how many photos to label first ('sakura-sorter suggest')
#: How many the window's queue asks about at a time: labelled in rounds, teaching between, 20 labels place more
#: of a new camera's other photos right than 20 at once (4 rounds of 5: 78.5% against 73.0%,
#: ``benchmarks/suggest.py --rounds 4``), as each round asks what the taught model is still unsure of.
ROUND_COUNT = 5


@dataclass
class Suggested:
    """A photo to label: its classification, its rank (1 = first), and why (uncertainty, novelty); ``label``,
    ``confidence`` and ``scores`` are the current model's (which may be newer than ``result``'s, after teaching)."""

    result: PhotoResult
    rank: int
    uncertainty: float
    novelty: float
    label: str = ""
    confidence: float = 0.0
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def worth(self) -> float:
        return self.uncertainty * self.novelty


def describe_novelty(novelty: float) -> str:
    """How unlike the photos the model knows a suggestion is, in words (``novelty`` is 0 for a near-copy of a
    training photo, 0.5 as far from them as the folder's photos are from each other)."""
    if novelty < 0.1:
        return "much like a photo it was trained on"
    if novelty < 0.4:
        return "a bit like photos it knows"
    return "unlike the photos it knows"


def training_folder(jobs: JobsLike) -> Path:
    """The folder the loaded model came from (its training features are beside it)."""
    from sakura_sorter.model.registry import BUNDLED, model_dir

    return Path(jobs.options.model) if jobs.options.model else model_dir(jobs.model_entry or BUNDLED)


def suggest(jobs: JobsLike, results: Sequence[PhotoResult], count: int = DEFAULT_COUNT) -> list[Suggested]:
    """The ``count`` photos of ``results`` whose labels would teach the model most, best first, by the model
    in use now: the window calls it again after teaching (the new model re-scores the photos' features, so the
    queue is refreshed without reading a photo).

    Photos that could not be read, have no features, or that the person already labelled are never suggested.
    """
    from sakura_sorter.model.bundle import view_features
    from sakura_sorter.model.suggest import suggest as rank
    from sakura_sorter.model.training_features import load_training_features

    bundle = jobs.bundle()
    usable = [r for r in results if r.ok and r.feature is not None and r.human_label is None]
    if not usable or count <= 0:
        return []
    classes = bundle.classes
    features = np.stack([np.asarray(r.feature) for r in usable])
    seen = view_features(features, bundle.view)
    labels, confidence, scores = bundle.predict(features)
    training = load_training_features(training_folder(jobs))
    reference = None if training is None else view_features(training.features, bundle.view)
    picks = rank(seen, scores, reference, count)
    return [
        Suggested(
            usable[p.index],
            rank,
            p.uncertainty,
            p.novelty,
            str(labels[p.index]),
            float(confidence[p.index]),
            {c: float(v) for c, v in zip(classes, scores[p.index])},
        )
        for rank, p in enumerate(picks, 1)
    ]


def suggestion_rows(suggested: Sequence[Suggested], classes: Sequence[str]) -> list[list[object]]:
    """Rows of the ``suggest`` report (:data:`~sakura_sorter.files.report.SUGGEST_COLUMNS`)."""
    from sakura_sorter.files.report import format_confidence

    rows: list[list[object]] = []
    for s in suggested:
        scores = "; ".join(f"{c} {s.scores.get(c, 0.0):.3f}" for c in classes)
        rows.append(
            [
                s.rank,
                str(s.result.path),
                s.label,
                format_confidence(s.confidence),
                "",
                f"{s.uncertainty:.3f}",
                f"{s.novelty:.3f}",
                scores,
            ]
        )
    return rows
