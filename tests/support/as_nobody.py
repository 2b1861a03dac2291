"""Run the ``sakura-sorter`` command (with a fake model) as an unprivileged user, so permission tests mean
something when the tests run as root (CI does), where permission bits are ignored.

Started as root, this script first imports everything the commands use (the interpreter may live where only
root can read, such as ``/root/.pyenv``), then drops to ``nobody`` (``setgroups``, ``setgid``, ``setuid``:
no way back) and only then runs the command. Started as anyone else, it runs the command as that user.

Usage: ``python as_nobody.py FOLDER_OF_REPO sakura-sorter-arguments...``; the fake model labels a photo
``cosmos`` when its name starts with ``c``, else ``sakura``, at confidence 0.97. Or
``python as_nobody.py FOLDER_OF_REPO --python CODE`` runs CODE.
"""

from __future__ import annotations

import argparse  # noqa: F401 - imported before dropping privileges
import contextlib
import csv  # noqa: F401
import ctypes
import ctypes.util
import encodings.ascii
import encodings.latin_1
import encodings.utf_8_sig  # noqa: F401
import fcntl  # noqa: F401
import json  # noqa: F401
import os
import pkgutil
import pwd
import sqlite3  # noqa: F401
import sys
import tempfile  # noqa: F401
import types
import xml.etree.ElementTree  # noqa: F401
import zlib  # noqa: F401
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, sys.argv[1])

import importlib

from sakura_sorter import cli
from sakura_sorter.jobs import Jobs
from sakura_sorter.results import PhotoResult

# Every command module (the parser imports them all), then the modules the file commands import late. The
# repository may sit where only root can read (``mktemp -d`` makes a 0700 folder), so nothing is left to import
# after the privileges are dropped.
_commands = [f"cli.{m.name}" for m in pkgutil.iter_modules(cli.__path__)]
for _name in [
    *_commands,
    "files.apply",
    "files.plan",
    "files.recovery",
    "files.report",
    "files.runs",
    "files.undo_tag",
    "files.xmp",
    "jobs.classifying",
    "jobs.remembered",
    "model.card",
    "model.registry",
    "vision.bigpng",
    "vision.photos",
    "vision.result_memo",
]:
    with contextlib.suppress(ModuleNotFoundError):  # an older version (to show that a test fails there)
        importlib.import_module(f"sakura_sorter.{_name}")

from sakura_sorter.model.card import bundled_model_dir  # noqa: E402

bundled_model_dir()  # importlib.resources reads its package data with modules imported on first use
ctypes.CDLL(None)  # libc, for the no-replace rename


def classify_by_name(
    jobs: Jobs, paths: list[Path], cancel: object = None, keep_features: bool = True
) -> Iterator[object]:
    yield from ()
    return [PhotoResult(path=p, label="cosmos" if p.name.startswith("c") else "sakura", confidence=0.97) for p in paths]


def drop_privileges() -> None:
    if os.geteuid() != 0:
        return
    nobody = pwd.getpwnam("nobody")
    os.setgroups([])
    os.setgid(nobody.pw_gid)
    os.setuid(nobody.pw_uid)
    assert os.geteuid() == nobody.pw_uid and os.getegid() == nobody.pw_gid


if __name__ == "__main__":
    Jobs.bundle = lambda jobs: types.SimpleNamespace(classes=["cosmos", "sakura"])  # the fake model
    Jobs.classify = classify_by_name
    drop_privileges()
    if sys.argv[2] == "--python":
        exec(sys.argv[3])
        sys.exit(0)
    sys.exit(cli.main(sys.argv[2:]))
