"""``sakura-sorter sort FOLDER``: classify, plan, then move/copy/tag photos into FOLDER/<class>/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sakura_sorter.cli.common import add_model_options, classify_with_progress, make_jobs, print_errors, threshold
from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.files.plan import DEFAULT_THRESHOLD
from sakura_sorter.files.plan_summary import PlanSummary, left_out_text, summarize, summarize_outcome
from sakura_sorter.jobs.events import FolderScan
from sakura_sorter.vocabulary import VERBS, Mode


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "sort",
        help="sort the photos of a folder into one subfolder per class",
        description="Classify the photos in FOLDER and move (or copy, or tag) them into FOLDER/<class>/. "
        "Nothing is ever overwritten; every action is journaled in FOLDER/.sakura-sorter/ so that "
        "'sakura-sorter undo FOLDER' can reverse it and an interrupted run can be recovered.",
    )
    parser.add_argument("folder", type=Path, help="folder of photos")
    parser.add_argument(
        "--mode",
        type=Mode,
        choices=list(Mode),
        default=Mode.MOVE,
        help="move (default), copy (originals stay), or tag (write the label into photo.jpg.xmp)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan; change no file")
    parser.add_argument(
        "--threshold",
        type=threshold,
        default=None,
        metavar="T",
        help="photos below this confidence stay in place, marked 'review' (default: the model's thresholds per "
        f"class, calibrated on photos from sources it never saw; {DEFAULT_THRESHOLD} for a model without them)",
    )
    parser.add_argument("--report", type=Path, metavar="OUT.csv", help="write a CSV row per photo here")
    parser.add_argument("--recursive", action="store_true", help="include photos in subfolders")
    add_model_options(parser)
    parser.set_defaults(func=run)


class _Progress:
    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()

    def __call__(self, step: object) -> None:
        done, total = getattr(step, "done", 0), getattr(step, "total", 0)
        if self.enabled:
            sys.stderr.write(f"\rSorting {done}/{total}   " + ("\n" if done == total else ""))
            sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from sakura_sorter.files.report import check_report_target
    from sakura_sorter.progress import drain
    from sakura_sorter.vision.listing import check_folder

    jobs = make_jobs(args)
    check_folder(args.folder)
    if args.report:
        check_report_target(args.report)  # before anything is changed
    if not args.dry_run and (run_id := jobs.recover(args.folder.resolve())):
        print(f"Finished the interrupted run {run_id} first (undo it with 'sakura-sorter undo').")
    scan = jobs.scan(args.folder, recursive=args.recursive)
    results = classify_with_progress(jobs, scan.photos, keep_features=False)
    plan = jobs.plan(scan, results, args.mode, args.threshold)

    if args.dry_run:
        for line in plan.describe():
            print(line)
        if args.report:
            print(f"Report: {jobs.write_sort_report(args.report, plan)}")
        planned = summarize(plan)
        print(summary(planned, args.mode, dry_run=True))
        _say_left_out(scan)
        return 1 if planned.errors else 0

    outcome = drain(jobs.apply(plan), _Progress())
    print(summary(summarize_outcome(plan, outcome), args.mode, dry_run=False))
    _say_left_out(scan)
    print_errors([(o.item.path, o.error) for o in outcome.failed])
    if outcome.run_id:
        print(f"Undo with: sakura-sorter undo {args.folder}")
    if args.report:
        try:
            jobs.write_sort_report(args.report, plan, outcome)
        except SakuraSorterError as exc:  # the sort is done and journaled: say so, and how to undo it
            print(f"sakura-sorter: error: {exc.message} The sort itself is done.", file=sys.stderr)
            return 2
        print(f"Report: {args.report}")
    return 0 if outcome.ok else 1


def summary(counted: PlanSummary, mode: Mode, dry_run: bool) -> str:
    """``5 photos: 3 moved, 1 for review, 0 skipped, 1 error(s); into sakura/ 2, cosmos/ 1``: the groups of
    :func:`~sakura_sorter.files.plan_summary.summarize` (the window's apply dialog counts the same), disjoint."""
    head = f"{counted.total} photos: {counted.actionable} {'would be ' if dry_run else ''}{VERBS[mode][1]}"
    neither = counted.neither + counted.left_by_person
    parts = [f"{neither} neither (left in place)"] if neither else []
    parts += [f"{counted.review} for review", f"{counted.skipped} skipped", f"{counted.errors} error(s)"]
    text = head + ", " + ", ".join(parts)
    if counted.to_class:
        slash, where = ("", "as") if mode == Mode.TAG else ("/", "into")
        text += f"; {where} " + ", ".join(f"{c}{slash} {n}" for c, n in counted.to_class.most_common())
    return text


def _say_left_out(scan: FolderScan) -> None:
    """Say how many photos of subfolders a sort of the top folder only left alone, and where."""
    if scan.left_out:
        print(left_out_text(scan.left_out))
