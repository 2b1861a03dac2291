"""Options and printing shared by the commands: argparse in, :class:`~sakura_sorter.jobs.Jobs` out."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Generator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from sakura_sorter.progress import drain, format_duration
from sakura_sorter.results import Threshold
from sakura_sorter.vision.batches import DEFAULT_BATCH_SIZE
from sakura_sorter.vision.precision import PRECISIONS

if TYPE_CHECKING:
    from sakura_sorter.jobs import ClassifyStep, Jobs, Notice
    from sakura_sorter.model.evaluation import SortingFigures
    from sakura_sorter.results import PhotoResult

R = TypeVar("R")

MODEL_HELP = (
    "model folder made by 'sakura-sorter train' (default: the bundled model). Its model.npz is read as "
    "plain arrays, after its sha256 is checked against its card; no code in the folder runs. A folder from "
    "an earlier version, without model.npz, has only a joblib pickle, which can run code when loaded: name "
    "such a folder only if you trust it."
)


def batch_size(text: str) -> int:
    """``--batch-size``: a whole number from 1 to the jobs layer's maximum."""
    from sakura_sorter.jobs import MAX_BATCH_SIZE

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_BATCH_SIZE:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_BATCH_SIZE}")
    return value


def threshold(text: str) -> float:
    """``--threshold``: a confidence from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("the threshold is a confidence between 0 and 1")
    return value


def add_neither_options(parser: argparse.ArgumentParser, what: str) -> None:
    """``--neither DIR`` (repeatable) and ``--threshold`` for the commands that measure sorting."""
    from sakura_sorter.files.plan import DEFAULT_THRESHOLD

    parser.add_argument(
        "--neither",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help=f"a folder of photos that belong to no class ({what} the background class 'other'; repeatable; "
        "a subfolder DATA_DIR/other counts too)",
    )
    parser.add_argument(
        "--threshold",
        type=threshold,
        default=None,
        metavar="T",
        help="one review threshold for every class, at which the sorting figures are measured (default: the "
        f"model's thresholds per class, calibrated on photos from held-out sources; {DEFAULT_THRESHOLD} for a "
        "model without them)",
    )


def print_sorting(figures: SortingFigures, title: str, totals: bool = True) -> None:
    """What sort would do with these photos: per row (a folder, or a class and kind), and the shares that matter."""
    print(f"{title} ({threshold_text(figures.per_class or figures.threshold)}):")
    width = max(14, *(len(s) for s in figures.subsets)) if figures.subsets else 14
    for subset, row in figures.subsets.items():
        review = row.get("review", 0)
        if subset in figures.background:
            print(
                f"  {subset:>{width}}: {row['wrong']}/{row['n']} sorted into a class folder, {review} to review, "
                f"{row['stay'] - review} left as neither"
            )
        else:
            print(
                f"  {subset:>{width}}: {row['right']}/{row['n']} sorted right, {row['wrong']} in the wrong folder, "
                f"{review} to review, {row['stay'] - review} left as neither"
            )
    if not totals:
        return
    if figures.background:
        print(f"  photos of neither class sorted into a class folder: {figures.neither_sorted_rate:.1%}")
    kept, wrong = figures.class_kept_out_rate, figures.class_wrong
    print(f"  class photos wrongly kept out: {kept:.1%}; in the wrong folder: {wrong}")
    print(f"  photos left for review: {figures.review_rate:.1%}")


def threshold_text(threshold: Threshold) -> str:
    """``threshold 0.8``, or ``thresholds cosmos 0.9, sakura 0.7`` for a model's per-class ones."""
    if isinstance(threshold, Mapping):
        return "thresholds " + ", ".join(f"{k} {v:g}" for k, v in sorted(threshold.items()))
    return f"threshold {threshold:g}"


def add_weights_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--weights",
        metavar="FILE",
        help="VGG16 'notop' weights (.h5). Default: $SAKURA_SORTER_WEIGHTS, then the Keras cache, then download",
    )
    parser.add_argument(
        "--batch-size",
        type=batch_size,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help="photos per model call (default: %(default)s)",
    )
    parser.add_argument(
        "--precision",
        choices=PRECISIONS,
        default=None,
        help="model arithmetic: auto (default) picks the fastest that runs here: int8 (OpenVINO), bfloat16, float32",
    )
    parser.add_argument(
        "--feature-cache",
        metavar="PATH|off",
        help="feature cache file or folder, or 'off' (default: $SAKURA_SORTER_CACHE, else the user cache folder)",
    )
    parser.add_argument("--no-cache", action="store_true", help="same as --feature-cache off")


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", metavar="DIR", type=Path, help=MODEL_HELP)
    add_weights_options(parser)


def make_jobs(args: argparse.Namespace) -> Jobs:
    """The jobs layer with the options given on the command line."""
    from sakura_sorter.jobs import Jobs, Options

    return Jobs(
        Options(
            model=getattr(args, "model", None),
            weights=args.weights,
            batch_size=args.batch_size,
            precision=args.precision,
            feature_cache="off" if args.no_cache else args.feature_cache,
        )
    )


class ProgressLine:
    """A one-line progress display (count, steady photos/s, time left) on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO | None = None, label: str = "Classifying"):
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False
        self._drawn = False
        self._last_draw = 0.0

    def update(self, step: ClassifyStep | Notice) -> None:
        from sakura_sorter.jobs import Notice
        from sakura_sorter.jobs.events import PREPARING

        if not self.enabled:
            return
        if isinstance(step, Notice):  # the window words every notice; a terminal is told only of a long wait
            if step.kind == PREPARING:
                self.stream.write(f"{step.text}\n")
                self.stream.flush()
            return
        now = time.monotonic()
        if now - self._last_draw < 0.2 and step.done < step.total:
            return
        self._last_draw, self._drawn = now, True
        rate_text = "  -.- photos/s" if step.rate is None else f"{step.rate:5.1f} photos/s"
        eta_text = "--:--" if step.eta is None else format_duration(step.eta)
        self.stream.write(f"\r{self.label} {step.done}/{step.total}  {rate_text}  ETA {eta_text}   ")
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def drain_with_progress(job: Generator[ClassifyStep | Notice, None, R], label: str = "Classifying") -> R:
    """Run a job to its end with a progress line on the terminal; returns the job's result."""
    line = ProgressLine(label=label)
    try:
        return drain(job, line.update)
    finally:
        line.close()


def classify_with_progress(jobs: Jobs, paths: Sequence[Path], keep_features: bool = True) -> list[PhotoResult]:
    """Classify ``paths`` with a progress line on the terminal (see :meth:`Jobs.classify`)."""
    return drain_with_progress(jobs.classify(paths, keep_features=keep_features))


def print_errors(errors: Sequence[tuple[object, str]], limit: int = 20) -> None:
    """``error: PATH: REASON`` lines on stderr, at most ``limit`` of them."""
    for path, reason in errors[:limit]:
        print(f"  error: {path}: {reason}", file=sys.stderr)
    if len(errors) > limit:
        print(f"  ... and {len(errors) - limit} more errors (see the report)", file=sys.stderr)


def print_confusion(classes: Sequence[str], matrix: Sequence[Sequence[int]], title: str) -> None:
    width = max(8, *(len(c) + 2 for c in classes))
    print(title)
    print(" " * width + "".join(f"{c:>{width}}" for c in classes))
    for name, row in zip(classes, matrix):
        print(f"{name:>{width}}" + "".join(f"{v:>{width}}" for v in row))
