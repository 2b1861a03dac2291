"""The ``sakura-sorter`` command: a thin argparse shell over the plain modules."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from sakura_sorter import __version__

#: Sub-command modules in ``sakura_sorter.cli``, in the order ``--help`` lists them.
COMMANDS = ("classify", "sort", "undo", "suggest", "train", "evaluate", "teach", "model", "gui")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (``command`` named) one with only that sub-command: a run imports its own module
    and no other (a cached ``classify`` starts in a fraction of a second)."""
    parser = argparse.ArgumentParser(
        prog="sakura-sorter",
        description="Sort photos into sakura/ and cosmos/ folders with VGG16 features and a linear SVM.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if command not in COMMANDS else (command,):
        importlib.import_module(f"sakura_sorter.cli.{name}").register(sub)
    return parser


def _tolerant_output() -> None:
    """File names that are not valid UTF-8 print as ``\\xff`` escapes instead of stopping the command."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change (closed...)
                reconfigure(errors="backslashreplace")


_show_others = warnings.showwarning


def _show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    """Our warnings (feature cache, weights) as one ``sakura-sorter: warning:`` line; others as usual."""
    if category.__module__.startswith("sakura_sorter"):
        print(f"sakura-sorter: warning: {message}", file=sys.stderr)
    else:
        _show_others(message, category, *args, **kwargs)


def _one_line_warnings() -> None:
    if warnings.showwarning is not _show:
        global _show_others
        _show_others = warnings.showwarning
        warnings.showwarning = _show


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words[0] if words else None)
    args = parser.parse_args(words)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from sakura_sorter.errors import SakuraSorterError

    _tolerant_output()
    _one_line_warnings()
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
