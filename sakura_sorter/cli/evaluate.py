"""``sakura-sorter evaluate DATA_DIR``: accuracy of a model on labelled folders, with every mistake."""

from __future__ import annotations

import argparse
from pathlib import Path

from sakura_sorter.cli.common import (
    MODEL_HELP,
    add_neither_options,
    add_weights_options,
    drain_with_progress,
    make_jobs,
    print_confusion,
    print_sorting,
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "evaluate",
        help="measure a model on labelled folders",
        description="DATA_DIR holds one subfolder per class named as the model's classes; subfolders with "
        "other names are ignored; --neither folders (or DATA_DIR/other) hold photos of no class. Prints "
        "accuracy, the confusion matrix, each misclassified photo, and what sort would do at the threshold: "
        "the share of neither photos sent into a class folder and of class photos kept out, per folder and per "
        "class and kind of photo (close-up, whole scene, field, people, night, look-alike species: tags in a "
        "SOURCES.tsv beside the photos). Several DATA_DIRs are measured together.",
    )
    parser.add_argument(
        "data_dir", type=Path, nargs="+", metavar="DATA_DIR", help="folder(s) with one subfolder per class"
    )
    parser.add_argument("--model", metavar="DIR", type=Path, help=MODEL_HELP)
    add_neither_options(parser, "they count as")
    add_weights_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    jobs = make_jobs(args)
    job = jobs.evaluate(args.data_dir, args.neither, threshold=args.threshold)
    evaluated = drain_with_progress(job, "Extracting features")
    ev = evaluated.evaluation
    print(f"accuracy = {ev.accuracy:.4f}  ({ev.correct}/{ev.total} photos)")
    print_confusion(ev.classes, ev.confusion, "Confusion matrix (rows: true, columns: predicted)")
    for m in ev.mistakes:
        print(f"  misclassified: {m.path}: {m.true} -> {m.predicted} (confidence {m.confidence:.3f})")
    print_sorting(evaluated.sorting, "What sort would do with these photos")
    if evaluated.by_kind is not None:
        print_sorting(evaluated.by_kind, "The same, per class and kind of photo", totals=False)
    for path, error in evaluated.skipped:
        print(f"  skipped: {path}: {error}")
    return 0
