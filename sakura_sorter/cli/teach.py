"""``sakura-sorter teach REPORT.csv`` / ``teach --from-folders DIR``: learn from a person's labels, then teach."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sakura_sorter.cli.common import (
    MODEL_HELP,
    add_weights_options,
    classify_with_progress,
    drain_with_progress,
    make_jobs,
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "teach",
        help="teach the model from your own labels (a report's human_label column, or labelled folders)",
        description="Keep your labels (a class of the model, or 'other' for photos of neither class) in your "
        "teaching set, keyed by each photo's content so they follow it wherever it goes; then fit a new model "
        "on the model's own training features plus all your labels, compare it with the old one by "
        "cross-validation, and make it your active model unless it is clearly worse. The bundled model is never "
        "changed: 'sakura-sorter model --reset' goes back to it.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("report", type=Path, nargs="?", metavar="REPORT.csv", help="a report with human_label")
    source.add_argument(
        "--from-folders", type=Path, metavar="DIR", help="DIR/<class>/ photos, and DIR/other/ for photos of neither"
    )
    parser.add_argument("--name", default="", help="name of the new model (default: 'taught' and the date)")
    parser.add_argument("--keep", action="store_true", help="only keep the labels; do not teach a new model now")
    parser.add_argument(
        "--force",
        action="store_true",
        help="teach even when the new model gets more of the model's own training photos wrong than allowed",
    )
    parser.add_argument("--model", metavar="DIR", type=Path, help=MODEL_HELP + " (default: your active model)")
    add_weights_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    jobs = make_jobs(args)
    job = jobs.learn_from_folders(args.from_folders) if args.from_folders else jobs.learn_from_report(args.report)
    learned = drain_with_progress(job, "Reading your labelled photos")
    print(f"Kept {learned.added} label(s) in your teaching set.")
    for path, reason in learned.skipped[:20]:
        print(f"  skipped: {path}: {reason}", file=sys.stderr)
    if args.keep:
        return 0
    # The features of the labelled photos are in the cache by now; those of the others are read if missing.
    lesson = jobs.teach(classify_with_progress(jobs, learned.photos) if learned.photos else [], args.force)
    print(f"Taught in {lesson.model.seconds:.1f} s from {jobs.bundle().name!r}: {lesson.describe(learned.where)}")
    if lesson.warning:
        print(f"Warning: {lesson.warning}.", file=sys.stderr)
    entry = jobs.adopt(lesson, args.name)
    print(f"Your active model is now {entry.name!r} ({entry.folder}).")
    print("Back to the bundled one: sakura-sorter model --reset")
    return 0
