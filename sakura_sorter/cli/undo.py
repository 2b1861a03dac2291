"""``sakura-sorter undo FOLDER``: reverse the last sort of that folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "undo",
        help="reverse the last sort of a folder",
        description="Reverse the last applied (or interrupted) 'sort' of FOLDER from its journal: photos go "
        "back to their original paths, created sidecars are removed and pre-existing ones restored, "
        "created folders are removed when empty. Run it again to reverse the run before.",
    )
    parser.add_argument("folder", type=Path, help="the folder that was sorted")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sakura_sorter.jobs import Jobs
    from sakura_sorter.vision.listing import check_folder

    check_folder(args.folder)
    outcome = Jobs.undo(args.folder)
    if outcome.run_id is None:
        print(f"Nothing to undo in {args.folder}.")
        return 1
    print(outcome.summary())
    for note in outcome.notes:
        print(f"  note: {note}")
    for problem in outcome.problems:
        print(f"  error: {problem}", file=sys.stderr)
    if outcome.problems:
        print("Fix the cause of the errors above and run undo again to finish this run.", file=sys.stderr)
    return 0 if outcome.ok else 1
