"""Permission tests that run for real: the command runs as ``nobody`` (see ``as_nobody.py``) on a folder that
user can reach, so read-only and unreadable folders behave as they do for a person, also under root in CI."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def nobody_ids() -> tuple[int, int]:
    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


def give_to_user(path: Path) -> None:
    """Make ``path`` (and everything below it) belong to the user the command runs as."""
    if not IS_ROOT:
        return
    uid, gid = nobody_ids()
    for dirpath, dirnames, filenames in os.walk(path):
        os.chown(dirpath, uid, gid)
        for name in [*dirnames, *filenames]:
            os.chown(os.path.join(dirpath, name), uid, gid, follow_symlinks=False)


def run_cli(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    """``sakura-sorter ARGS`` with the fake model, as the unprivileged user (``home``: its HOME)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "SAKURA_SORTER_CACHE": "off",
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    return subprocess.run(
        [sys.executable, str(HERE / "as_nobody.py"), str(REPO), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    """The single ``sakura-sorter: error:`` line of a run that exited 2 (fails on a traceback)."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("sakura-sorter: error: "), proc.stderr
    return lines[0]
