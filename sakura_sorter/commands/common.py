"""Options and helpers shared by the commands that run the model."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sakura_sorter.features import DEFAULT_BATCH_SIZE, PRECISIONS
from sakura_sorter.results import PhotoResult

if TYPE_CHECKING:
    import numpy as np

    from sakura_sorter.classifier import ModelBundle
    from sakura_sorter.features import ExtractorSettings, FeatureExtractor
    from sakura_sorter.pipeline import FeatureStore

MODEL_HELP = (
    "model folder made by 'sakura-sorter train' (default: the bundled model). Only name folders you "
    "trust: the model file is a joblib pickle, and loading a pickle can run code. Its sha256 is checked "
    "against its card first."
)


def add_weights_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--weights",
        metavar="FILE",
        help="VGG16 'notop' weights (.h5). Default: $SAKURA_SORTER_WEIGHTS, then the Keras cache, then download",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help="photos per model call (default: %(default)s)",
    )
    parser.add_argument(
        "--precision",
        choices=PRECISIONS,
        default=None,
        help="model arithmetic: bfloat16 where the CPU supports it natively (auto, the default), or force one",
    )
    parser.add_argument(
        "--feature-cache",
        metavar="PATH|off",
        help="feature cache file or folder, or 'off' (default: $SAKURA_SORTER_CACHE, else the user cache folder)",
    )
    parser.add_argument("--no-cache", action="store_true", help="same as --feature-cache off")


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", metavar="DIR", help=MODEL_HELP)
    add_weights_options(parser)


def load_model(args: argparse.Namespace) -> ModelBundle:
    from sakura_sorter.classifier import load_bundle

    return load_bundle(Path(args.model) if getattr(args, "model", None) else None)


def extractor_settings(args: argparse.Namespace) -> ExtractorSettings:
    """Weights and precision from the options (resolved once per command, without TensorFlow)."""
    from sakura_sorter.features import ExtractorSettings

    if getattr(args, "_extractor_settings", None) is None:
        args._extractor_settings = ExtractorSettings.resolve(args.weights, args.precision, args.batch_size)
    return args._extractor_settings


def extractor_factory(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """A callable that builds the VGG16 extractor on first use (so cached runs never load TensorFlow)."""
    settings = extractor_settings(args)
    built: list[FeatureExtractor] = []

    def get() -> FeatureExtractor:
        if not built:
            built.append(settings.build())
        return built[0]

    return get


def open_cache(args: argparse.Namespace) -> FeatureStore | None:
    """The feature cache (``--feature-cache`` / ``$SAKURA_SORTER_CACHE`` / the user cache dir), or None."""
    from sakura_sorter.feature_cache import FeatureCache

    setting = "off" if getattr(args, "no_cache", False) else getattr(args, "feature_cache", None)
    return FeatureCache.open_default(extractor_settings(args).identity, setting)


class ProgressLine:
    """A one-line progress display (count, photos/s, time left) on a terminal; silent otherwise.

    The rate is measured from the first batch on, so the one-off model start-up does not distort it.
    """

    def __init__(self, stream: TextIO | None = None, label: str = "Classifying"):
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False
        self._first: tuple[float, int] | None = None
        self._last_draw = 0.0

    def rate(self, done: int, now: float) -> float | None:
        if self._first is None or now <= self._first[0] or done <= self._first[1]:
            return None
        return (done - self._first[1]) / (now - self._first[0])

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self._first is None:
            self._first = (now, done)
        if not self.enabled or (now - self._last_draw < 0.2 and done < total):
            return
        self._last_draw = now
        rate = self.rate(done, now)
        rate_text = "  -.- photos/s" if rate is None else f"{rate:5.1f} photos/s"
        eta_text = "--:--" if rate is None else format_duration((total - done) / rate)
        self.stream.write(f"\r{self.label} {done}/{total}  {rate_text}  ETA {eta_text}   ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._first is not None:
            self.stream.write("\n")
            self.stream.flush()


def format_duration(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def classify_paths(
    args: argparse.Namespace, paths: Sequence[Path], bundle: ModelBundle | None = None
) -> list[PhotoResult]:
    """Classify ``paths`` with a progress line; one result per path, errors as error results."""
    from sakura_sorter.pipeline import classify_photos

    bundle = bundle or load_model(args)
    cache = open_cache(args)
    progress = ProgressLine()
    results: list[PhotoResult] = []
    try:
        for step in classify_photos(paths, bundle, extractor_factory(args), batch_size=args.batch_size, cache=cache):
            results = step.all_results
            progress.update(step.done, step.total)
    finally:
        progress.close()
        if cache is not None:
            cache.close()
    return results


def extract_labelled_features(
    args: argparse.Namespace, paths: Sequence[Path], labels: Sequence[str]
) -> tuple[np.ndarray, list[str], list[Path], list[tuple[str, str]]]:
    """Features of labelled photos with a progress line; unreadable photos are left out and listed."""
    import numpy as np

    from sakura_sorter.pipeline import iter_features

    label_of = dict(zip(paths, labels))
    cache = open_cache(args)
    progress = ProgressLine(label="Extracting features")
    feats: list[np.ndarray] = []
    kept_labels: list[str] = []
    kept_paths: list[Path] = []
    skipped: list[tuple[str, str]] = []
    try:
        for batch in iter_features(paths, extractor_factory(args), batch_size=args.batch_size, cache=cache):
            for path, feature, error in zip(batch.paths, batch.features, batch.errors):
                if feature is None:
                    skipped.append((str(path), error or "unknown error"))
                else:
                    feats.append(feature)
                    kept_labels.append(label_of[path])
                    kept_paths.append(path)
            progress.update(batch.done, batch.total)
    finally:
        progress.close()
        if cache is not None:
            cache.close()
    if not feats:
        from sakura_sorter.training import DatasetError

        raise DatasetError("None of the photos could be read.")
    return np.stack(feats), kept_labels, kept_paths, skipped
