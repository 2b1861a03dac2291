"""``sakura-sorter classify FOLDER``: label every photo without touching any file."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from sakura_sorter.commands.common import add_model_options, classify_paths, format_duration, load_model


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "classify",
        help="label the photos of a folder (no file is touched)",
        description="Classify every photo in FOLDER with the model; no file is moved, copied or written "
        "except the report you ask for.",
    )
    parser.add_argument("folder", type=Path, help="folder of photos")
    parser.add_argument("--report", type=Path, metavar="OUT.csv", help="write a CSV row per photo here")
    parser.add_argument("--recursive", action="store_true", help="include photos in subfolders")
    add_model_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sakura_sorter.imaging import find_photos
    from sakura_sorter.report import write_classify_report

    paths = find_photos(args.folder, recursive=args.recursive)
    if not paths:
        print(f"No photos found in {args.folder}" + ("" if args.recursive else " (try --recursive)"))
        if args.report:
            write_classify_report(args.report, [])
        return 0
    bundle = load_model(args)
    start = time.perf_counter()
    results = classify_paths(args, paths, bundle)
    elapsed = time.perf_counter() - start
    if args.report:
        write_classify_report(args.report, results)
    print_summary(results, bundle.classes)
    print(
        f"Took {format_duration(elapsed)} ({len(results) / max(elapsed, 1e-9):.1f} photos/s, model start-up included)"
    )
    if args.report:
        print(f"Report: {args.report}")
    return 1 if any(not r.ok for r in results) else 0


def print_summary(results, classes: list[str]) -> None:  # type: ignore[no-untyped-def]
    counts = Counter(r.label for r in results if r.ok)
    errors = [r for r in results if not r.ok]
    parts = [f"{counts.get(c, 0)} {c}" for c in classes]
    print(f"{len(results)} photos: " + ", ".join(parts) + f", {len(errors)} error(s)")
    for r in errors[:20]:
        print(f"  error: {r.path}: {r.error}", file=sys.stderr)
    if len(errors) > 20:
        print(f"  ... and {len(errors) - 20} more errors (see the report)", file=sys.stderr)
