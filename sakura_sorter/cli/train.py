"""``sakura-sorter train DATA_DIR --output MODEL``: fit the SVM on labelled folders, print the figures."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sakura_sorter.cli.common import (
    add_neither_options,
    add_weights_options,
    drain_with_progress,
    make_jobs,
    print_confusion,
    print_sorting,
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "train",
        help="train a model on your own labelled folders",
        description="DATA_DIR holds one subfolder of photos per class (e.g. DATA_DIR/sakura, DATA_DIR/cosmos); "
        "--neither folders (or DATA_DIR/other, DATA_DIR/neither, DATA_DIR/その他, DATA_DIR/どちらでもない) hold "
        "photos that belong to no class, which the model learns to leave where they are. Prints acc and val_acc "
        "on the recipe's split (test_size=0.33, "
        "random_state=3), 5-fold cross-validation, a confusion matrix and, with whole sources held out (the "
        "'repo' or 'source' column of a SOURCES.tsv beside the photos, else the file-name prefix before the "
        "first '_'), what sort would do at the threshold, per folder and per class and kind of photo; then "
        "writes the model (refitted on all photos) to --output. Several DATA_DIRs are merged.",
    )
    parser.add_argument(
        "data_dir",
        type=Path,
        nargs="+",
        metavar="DATA_DIR",
        help="folder(s) with one subfolder per class; several are merged",
    )
    parser.add_argument("--output", "-o", type=Path, required=True, metavar="MODEL", help="model folder to write")
    parser.add_argument(
        "--classes", metavar="A,B,...", help="which subfolders to use as classes (default: all of them)"
    )
    parser.add_argument("--pca", type=Path, metavar="PLOT.png", help="save a 2-D PCA scatter of the features")
    parser.add_argument("--name", default="", help="the model's name in menus and messages (default: DATA_DIR's)")
    parser.add_argument(
        "--recipe",
        action="store_true",
        help="fit the published recipe exactly: two classes, block5 average-pooled float32 features (unless "
        "--precision), one SVC(kernel='linear'), one review threshold (0.8 unless --threshold); photos of "
        "neither class are left out",
    )
    add_neither_options(parser, "they train")
    add_weights_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    classes = [c.strip() for c in args.classes.split(",") if c.strip()] if args.classes else None
    if args.recipe and args.precision is None and not os.environ.get("SAKURA_SORTER_PRECISION"):
        args.precision = "float32"  # the recipe's arithmetic
    jobs = make_jobs(args)
    job = jobs.train(args.data_dir, classes, args.neither, threshold=args.threshold, name=args.name, recipe=args.recipe)
    trained = drain_with_progress(job, "Extracting features")
    counts = ", ".join(f"{c}: {n}" for c, n in trained.dataset.subset_counts().items())
    print(f"Training data: {', '.join(str(d) for d in args.data_dir)}  {counts}")
    print(f"Recipe: {trained.report.recipe.get('name', '')}")
    if trained.left_out:
        print(f"  {trained.left_out} photos of neither class left out: the recipe has no background class")
    report = trained.report
    print(f"acc     = {report.acc:.4f}  (training part of the recipe's split)")
    print(f"val_acc = {report.val_acc:.4f}  (held-out 33%, random_state=3)")
    scores = ", ".join(f"{s:.4f}" for s in report.cv_scores)
    print(f"{len(report.cv_scores)}-fold CV accuracy = {report.cv_mean:.4f} +/- {report.cv_std:.4f}  [{scores}]")
    print_confusion(report.classes, report.confusion, "Confusion matrix on the held-out part (rows: true)")
    for path, true, predicted in report.val_misclassified:
        print(f"  misclassified: {path}: {true} -> {predicted}")
    if report.sorting is not None:
        print_sorting(report.sorting, f"With whole sources held out ({report.sources} sources), sort would do")
    if report.by_kind is not None:
        print_sorting(report.by_kind, "The same, per class and kind of photo", totals=False)
    for path, error in report.skipped:
        print(f"  skipped: {path}: {error}", file=sys.stderr)
    card = trained.save(args.output, args.pca)
    print(f"Model written to {args.output} (card: {card})")
    if args.pca:
        print(f"PCA plot: {args.pca}")
    return 0
