"""``sakura-sorter sort FOLDER``: classify, plan, then move/copy/tag photos into FOLDER/<class>/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sakura_sorter.commands.common import add_model_options
from sakura_sorter.planning import DEFAULT_THRESHOLD, MODES, MOVE, already_sorted


def _threshold(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("the threshold is a confidence between 0 and 1")
    return value


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
        choices=MODES,
        default=MOVE,
        help="move (default), copy (originals stay), or tag (write the label into photo.jpg.xmp)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan; change no file")
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        metavar="T",
        help="photos below this confidence stay in place, marked 'review' (default: %(default)s)",
    )
    parser.add_argument("--report", type=Path, metavar="OUT.csv", help="write a CSV row per photo here")
    parser.add_argument("--recursive", action="store_true", help="include photos in subfolders")
    add_model_options(parser)
    parser.set_defaults(func=run)


class _Progress:
    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int, path: Path) -> None:
        if self.enabled:
            sys.stderr.write(f"\rSorting {done}/{total}   ")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from sakura_sorter.commands.common import classify_paths, load_model
    from sakura_sorter.errors import SakuraSorterError
    from sakura_sorter.imaging import find_photos
    from sakura_sorter.report import write_sort_report
    from sakura_sorter.results import PhotoResult
    from sakura_sorter.sorting import FolderBusy, apply_plan, make_plan, needs_recovery, recover

    if not args.folder.is_dir():
        raise SakuraSorterError(f"Not a folder: {args.folder}")
    root = args.folder.resolve()
    try:
        if not args.dry_run and needs_recovery(root):
            run_id = recover(root)
            print(f"Finished the interrupted run {run_id} first (undo it with 'sakura-sorter undo').")
    except FolderBusy as exc:
        raise SakuraSorterError(str(exc)) from exc

    bundle = load_model(args)
    photos = find_photos(root, recursive=args.recursive)
    done = [p for p in photos if already_sorted(root, p, bundle.classes)]
    todo = [p for p in photos if not already_sorted(root, p, bundle.classes)]
    results = classify_paths(args, todo, bundle) if todo else []
    results += [PhotoResult(path=p) for p in done]
    plan = make_plan(root, results, bundle.classes, mode=args.mode, threshold=args.threshold)

    if args.dry_run:
        for line in plan.describe():
            print(line)
        if args.report:
            write_sort_report(args.report, plan)
            print(f"Report: {args.report}")
        counts = plan.counts()
        print(_summary(len(plan.items), counts, args.mode, dry_run=True))
        return 1 if counts["error"] else 0

    try:
        outcome = apply_plan(plan, progress=_Progress())
    except FolderBusy as exc:
        raise SakuraSorterError(str(exc)) from exc
    if args.report:
        write_sort_report(args.report, plan, outcome)
    counts = {status: 0 for status in ("sorted", "review", "skipped", "error")}
    for item in outcome.items:
        counts[item.status] += 1
    print(_summary(len(outcome.items), counts, args.mode, dry_run=False))
    for failed in outcome.failed[:20]:
        print(f"  error: {failed.item.path}: {failed.error}", file=sys.stderr)
    if len(outcome.failed) > 20:
        print(f"  ... and {len(outcome.failed) - 20} more errors (see the report)", file=sys.stderr)
    if args.report:
        print(f"Report: {args.report}")
    if outcome.run_id:
        print(f"Undo with: sakura-sorter undo {args.folder}")
    return 0 if outcome.ok else 1


def _summary(total: int, counts: dict[str, int], mode: str, dry_run: bool) -> str:
    verb = {"move": "moved", "copy": "copied", "tag": "tagged"}[mode]
    head = f"{total} photos: {counts['sorted']} {'would be ' if dry_run else ''}{verb}"
    return head + f", {counts['review']} for review, {counts['skipped']} skipped, {counts['error']} error(s)"
