"""``sakura-sorter classify FOLDER``: label every photo without touching any file."""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from sakura_sorter.cli.common import add_model_options, classify_with_progress, make_jobs, print_errors
from sakura_sorter.progress import format_duration


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
    from sakura_sorter.files.report import check_report_target
    from sakura_sorter.results import PhotoResult
    from sakura_sorter.vision.listing import scan_photos

    if args.report:
        check_report_target(args.report)
    jobs = make_jobs(args)
    scan = scan_photos(args.folder, recursive=args.recursive)
    unreadable = [PhotoResult(path=p, error=reason) for p, reason in scan.unreadable]
    if not scan.photos:
        print(f"No photos found in {args.folder}" + ("" if args.recursive else " (try --recursive)"))
        if args.report:
            jobs.write_classify_report(args.report, unreadable)
        print_errors([(r.path, r.error or "") for r in unreadable])
        return 1 if unreadable else 0
    classes = jobs.model_classes()
    start = time.perf_counter()
    results = classify_with_progress(jobs, scan.photos, keep_features=False) + unreadable
    elapsed = time.perf_counter() - start
    if args.report:
        jobs.write_classify_report(args.report, results)
    counts = Counter(r.label for r in results if r.ok)
    errors = [(r.path, r.error or "") for r in results if not r.ok]
    parts = [f"{counts.get(c, 0)} {c}" for c in classes]
    print(f"{len(results)} photos: " + ", ".join(parts) + f", {len(errors)} error(s)")
    print_errors(errors)
    rate = len(results) / max(elapsed, 1e-9)
    print(f"Took {format_duration(elapsed)} ({rate:.1f} photos/s, model start-up included)")
    if args.report:
        print(f"Report: {args.report}")
    return 1 if errors else 0
