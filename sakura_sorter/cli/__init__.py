"""The ``sakura-sorter`` command: a thin argparse shell over the plain modules."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from sakura_sorter import __version__

#: Sub-command modules in ``sakura_sorter.cli``, in the order ``--help`` lists them.
COMMANDS = ("classify", "sort", "undo", "train", "evaluate", "gui")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sakura-sorter",
        description="Sort photos into sakura/ and cosmos/ folders with VGG16 features and a linear SVM.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"sakura_sorter.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from sakura_sorter.errors import SakuraSorterError

    try:
        return int(args.func(args) or 0)
    except SakuraSorterError as exc:
        print(f"sakura-sorter: error: {exc.message}" + (f" {exc.hint}" if exc.hint else ""), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


def gui_main(argv: Sequence[str] | None = None) -> int:
    """The ``sakura-sorter-gui`` launcher: ``sakura-sorter gui`` with the same options."""
    return main(["gui", *(sys.argv[1:] if argv is None else argv)])
