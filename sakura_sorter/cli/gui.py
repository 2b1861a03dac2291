"""``sakura-sorter gui [FOLDER]``: the Qt window (Qt and TensorFlow are imported only when it runs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sakura_sorter.cli.common import add_model_options


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "gui",
        help="open the window: classify, review the uncertain photos, apply, undo, export",
        description="Open the Sakura Sorter window, optionally on FOLDER. Classifying never changes a file; "
        "Apply moves, copies or tags the photos after showing a summary, and Undo reverses it.",
    )
    parser.add_argument("folder", type=Path, nargs="?", help="folder of photos to open (default: choose in the window)")
    add_model_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sakura_sorter.cli.common import make_jobs
    from sakura_sorter.errors import SakuraSorterError
    from sakura_sorter.vision.listing import check_folder

    if args.folder is not None:
        check_folder(args.folder)
    try:
        from sakura_sorter.gui.app import run_window
    except ImportError as exc:  # Qt missing or its system libraries not installed
        raise SakuraSorterError(f"The window cannot start: {exc}.", "Install PySide6-Essentials.") from exc
    return run_window(args.folder, make_jobs(args))
