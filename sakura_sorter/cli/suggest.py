"""``sakura-sorter suggest FOLDER``: the photos to label first, as a report to fill in and give to ``teach``."""

from __future__ import annotations

import argparse
from pathlib import Path

from sakura_sorter.cli.common import add_model_options, classify_with_progress, make_jobs, print_errors
from sakura_sorter.jobs.suggesting import DEFAULT_COUNT


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "suggest",
        help="list the photos whose labels would teach the model most",
        description="Classify FOLDER (no file is touched) and list the N photos to label first: those the "
        "model is unsure of and that are unlike each other and unlike its training photos. With --report, "
        "write them as a CSV: fill its human_label column (a class of the model, or 'neither'; any case) and "
        "give it to 'sakura-sorter teach'. Photos you labelled before are not suggested again.",
    )
    parser.add_argument("folder", type=Path, help="folder of photos")
    parser.add_argument(
        "--count",
        "-n",
        type=count,
        default=DEFAULT_COUNT,
        metavar="N",
        help=f"how many (default: {DEFAULT_COUNT})",
    )
    parser.add_argument("--report", type=Path, metavar="S.csv", help="write the suggestions here")
    parser.add_argument("--recursive", action="store_true", help="include photos in subfolders")
    add_model_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sakura_sorter.files.report import check_report_target, write_suggest_report
    from sakura_sorter.jobs.suggesting import describe_novelty, suggestion_rows
    from sakura_sorter.vision.listing import scan_photos

    if args.report:
        check_report_target(args.report)
    jobs = make_jobs(args)
    scan = scan_photos(args.folder, recursive=args.recursive)
    if not scan.photos:
        print(f"No photos found in {args.folder}" + ("" if args.recursive else " (try --recursive)"))
        return 1
    classes = jobs.bundle().classes
    results = classify_with_progress(jobs, scan.photos)
    labelled = sum(1 for r in results if r.human_label is not None)
    suggested = jobs.suggest(results, args.count)
    print(
        f"{len(suggested)} of {len(results)} photos to label first"
        + (f" ({labelled} you labelled before are left out)" if labelled else "")
        + ":"
    )
    for s in suggested:
        print(
            f"  {s.rank:>3}. {s.result.path}  {s.label} {s.confidence:.0%}  (unsure {s.uncertainty:.0%}; "
            f"{describe_novelty(s.novelty)})"
        )
    if args.report:
        write_suggest_report(args.report, suggestion_rows(suggested, classes))
        print(f"Report: {args.report}  (fill human_label, then: sakura-sorter teach {args.report})")
    print_errors([(r.path, r.error or "") for r in results if not r.ok])
    return 0
