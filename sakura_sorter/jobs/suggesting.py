"""The suggestion job: which photos of a folder the person should label first (:mod:`sakura_sorter.model.suggest`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sakura_sorter.jobs.events import JobsLike
from sakura_sorter.results import PhotoResult


@dataclass
class Suggested:
    """A photo to label: its classification, its rank (1 = first), and why (uncertainty, novelty)."""

    result: PhotoResult
    rank: int
    uncertainty: float
    novelty: float


def training_folder(jobs: JobsLike) -> Path:
    """The folder the loaded model came from (its training features are beside it)."""
    from sakura_sorter.model.registry import BUNDLED, model_dir

    return Path(jobs.options.model) if jobs.options.model else model_dir(jobs.model_entry or BUNDLED)


def suggest(jobs: JobsLike, results: Sequence[PhotoResult], count: int = 20) -> list[Suggested]:
    """The ``count`` photos of ``results`` whose labels would teach the model most, best first.

    Photos that could not be read, have no features, or that the person already labelled are never suggested.
    """
    from sakura_sorter.model.bundle import load_training_features, view_features
    from sakura_sorter.model.suggest import suggest as rank

    bundle = jobs.bundle()
    usable = [r for r in results if r.ok and r.feature is not None and r.human_label is None]
    if not usable or count <= 0:
        return []
    classes = bundle.classes
    seen = view_features(np.stack([np.asarray(r.feature) for r in usable]), bundle.view)
    scores = np.array([[r.scores.get(c, 0.0) for c in classes] for r in usable])
    training = load_training_features(training_folder(jobs))
    reference = None if training is None else view_features(training.features, bundle.view)
    picks = rank(seen, scores, reference, count)
    return [Suggested(usable[p.index], rank, p.uncertainty, p.novelty) for rank, p in enumerate(picks, 1)]


def suggestion_rows(suggested: Sequence[Suggested], classes: Sequence[str]) -> list[list[object]]:
    """Rows of the ``suggest`` report (:data:`~sakura_sorter.files.report.SUGGEST_COLUMNS`)."""
    from sakura_sorter.files.report import format_confidence

    rows: list[list[object]] = []
    for s in suggested:
        r = s.result
        scores = "; ".join(f"{c} {r.scores.get(c, 0.0):.3f}" for c in classes)
        rows.append(
            [
                s.rank,
                str(r.path),
                r.label or "",
                format_confidence(r.confidence),
                "",
                f"{s.uncertainty:.3f}",
                f"{s.novelty:.3f}",
                scores,
            ]
        )
    return rows
