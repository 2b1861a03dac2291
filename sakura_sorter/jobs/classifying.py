"""The classify job: remembered results first (no model loaded for them), then the model on the rest."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.jobs.events import Cancel, ClassifyStep, JobsLike, Notice
from sakura_sorter.progress import RateMeter
from sakura_sorter.results import PhotoResult

if TYPE_CHECKING:
    from sakura_sorter.jobs.teaching import PersonsLabels
    from sakura_sorter.vision.result_memo import ResultMemo


def classify(
    jobs: JobsLike, paths: Sequence[Path], cancel: Cancel, keep_features: bool
) -> Generator[ClassifyStep | Notice, None, list[PhotoResult]]:
    """See :meth:`Jobs.classify <sakura_sorter.jobs.core.Jobs.classify>`."""
    from sakura_sorter.jobs.teaching import PersonsLabels

    results: list[PhotoResult] = []
    if not paths:
        return results
    memo, key = _memo(jobs) if not keep_features else (None, None)
    persons = PersonsLabels.open()
    try:
        todo: Sequence[Path] = paths
        if memo is not None and key is not None:
            results, todo = memo.lookup(paths, key)
            if results:  # remembered from a run with this model and extractor: no model is loaded for them
                persons.apply(results)
                yield ClassifyStep(list(results), len(results), len(paths), None, None, len(results))
        if todo:
            yield from _classify_anew(jobs, todo, cancel, keep_features, results, len(paths), persons, memo, key)
    finally:
        persons.close()
        if memo is not None:
            memo.close()
    return results


def _memo(jobs: JobsLike) -> tuple[ResultMemo | None, str | None]:
    """The memo of earlier results and the key of this run's (None, None when there is none to use)."""
    from sakura_sorter.jobs.remembered import open_memo, result_key
    from sakura_sorter.vision.cache_file import resolve_cache_path
    from sakura_sorter.vision.weights import WeightsError, resolve_weights

    if resolve_cache_path(jobs.options.feature_cache) is None:
        return None, None  # the feature cache is off: nothing is remembered either
    try:  # weights that must first be downloaded: nothing can be remembered (and the notice comes first)
        resolve_weights(jobs.options.weights, allow_download=False)
    except WeightsError:
        return None, None
    settings = jobs.settings()  # the weights' content and the precision key the results
    key = result_key(jobs.options, settings)
    return (open_memo(jobs.options, settings), key) if key is not None else (None, None)


def _classify_anew(
    jobs: JobsLike,
    paths: Sequence[Path],
    cancel: Cancel,
    keep_features: bool,
    results: list[PhotoResult],
    total: int,
    persons: PersonsLabels,
    memo: ResultMemo | None,
    key: str | None,
) -> Generator[ClassifyStep | Notice, None, None]:
    """Classify ``paths`` with the model (features from the cache where it has them), adding to ``results``
    (those already there count as done) and to the memo."""
    from sakura_sorter.vision.pipeline import classify_photos

    before = len(results)
    bundle = jobs.bundle()
    notice = jobs.loading_notice()
    if notice is not None:
        yield notice
    jobs.settings()  # resolve (or download) the weights now: the cache is keyed by their content
    cache = jobs.open_cache()
    meter = RateMeter()
    try:
        for step in classify_photos(
            paths, bundle, jobs.extractor, batch_size=jobs.options.batch_size, cache=cache, cancel=cancel
        ):
            if memo is not None and key is not None:
                memo.store(step.results, key)
            persons.apply(step.results)
            if not keep_features:
                for result in step.results:
                    result.feature = None
            results.extend(step.results)
            done = before + step.done
            meter.update(done, total)
            yield ClassifyStep(step.results, done, total, meter.rate, meter.eta, before + step.cached)
    finally:
        if cache is not None:
            cache.close()
