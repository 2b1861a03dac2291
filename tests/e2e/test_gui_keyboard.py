"""Keyboard only, under a real X server (Xvfb) driven by ``xdotool``, with the real model on real photos:
``sakura-sorter gui FOLDER``, wait for the classification, Ctrl+Return then Return moves the photos, Ctrl+Z then
Return puts them back; and a second session labels every photo with the keyboard, takes the labelling back with
Ctrl+Z, applies, opens the loupe at 100% from the large view and undoes the run.

Needs the Debian packages ``xvfb`` and ``xdotool`` (``.ci/run`` installs them): skipped without them, except
under CI (``CI`` set), where their absence is a failure. Bare Xvfb has no window manager, so after a dialog
closes the test gives the keyboard focus back to the window, as a window manager would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

pytestmark = pytest.mark.e2e


def need_tools() -> None:
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        reason = f"{' and '.join(missing)} not installed (Debian packages xvfb, xdotool)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; .ci/run installs them")
        pytest.skip(reason)


class X:
    """An Xvfb display and ``xdotool`` commands on it."""

    def __init__(self, tmp: Path):
        read, write = os.pipe()
        self.server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=(tmp / "xvfb.log").open("w"),
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            self.display = ":" + pipe.readline().strip()

    def run(self, *args: str, check: bool = False) -> str:
        env = {**os.environ, "DISPLAY": self.display}
        proc = subprocess.run(["xdotool", *args], capture_output=True, text=True, env=env, timeout=30)
        if check and proc.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)}: {proc.stderr}")
        return proc.stdout.strip()

    def find(self, name: str) -> str:
        return (self.run("search", "--name", name).splitlines() or [""])[0]

    def wait_window(self, name: str, timeout: float, app: subprocess.Popen) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert app.poll() is None, "the window closed"
            window = self.find(name)
            if window:
                return window
            time.sleep(0.3)
        raise AssertionError(f"no window named like {name!r} after {timeout} s")

    def wait_title(self, window: str, word: str, timeout: float, app: subprocess.Popen) -> str:
        end, title = time.monotonic() + timeout, ""
        while time.monotonic() < end:
            assert app.poll() is None, "the window closed"
            title = self.run("getwindowname", window)
            if word in title:
                return title
            time.sleep(0.3)
        raise AssertionError(f"title {title!r} never said {word!r}")

    def keys(self, window: str, combo: str) -> None:
        self.run("windowfocus", "--sync", window, check=True)
        time.sleep(0.2)
        self.run("key", "--clearmodifiers", combo, check=True)

    def close(self) -> None:
        self.server.terminate()
        self.server.wait(10)


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if ".sakura-sorter" not in p.parts)


def start_gui(x: X, folder: Path, weights_path: Path, tmp_path: Path) -> tuple[subprocess.Popen, IO[str]]:
    """``sakura-sorter gui FOLDER`` on the Xvfb display, in English, with its own home and settings."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "DISPLAY": x.display,
        "QT_QPA_PLATFORM": "xcb",
        "SAKURA_SORTER_LANG": "en",
        "SAKURA_SORTER_WEIGHTS": str(weights_path),
        "SAKURA_SORTER_CACHE": "off",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
    }
    log = (tmp_path / "app.log").open("w")
    command = [str(Path(sys.executable).parent / "sakura-sorter"), "gui", str(folder)]
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT), log


def stop_gui(app: subprocess.Popen, x: X, log: IO[str], tmp_path: Path) -> None:
    if app.poll() is None:
        app.kill()
        app.wait()
    x.close()
    log.close()
    print((tmp_path / "app.log").read_text()[-3000:])


def apply_and_check(x: X, window: str, app: subprocess.Popen, folder: Path, truth: dict[Path, str]) -> None:
    """Ctrl+Return, then Return in "Move photos": at least 8 of the 10 photos moved, 90% into their class."""
    x.keys(window, "ctrl+Return")
    x.wait_window("^Move photos", 60, app)
    x.keys(x.find("^Move photos"), "Return")
    x.wait_title(window, "applied", 60, app)
    moved = {p.name: p.parent.name for p in folder.glob("*/*.jpg")}
    assert len(moved) >= 8, f"only {len(moved)} of 10 moved: {listing(folder)}"
    right = sum(truth[folder / name] == where for name, where in moved.items())
    assert right >= 0.9 * len(moved), moved


def confirm_undo(x: X, window: str, app: subprocess.Popen, folder: Path, before: list[str]) -> None:
    """Return in the "Undo" question (asked after Ctrl+Z): the folder is exactly as before."""
    x.wait_window("^Undo", 60, app)
    x.keys(x.find("^Undo"), "Return")
    x.wait_title(window, "undone", 60, app)
    assert listing(folder) == before


def test_keyboard_only_classify_apply_undo(weights_path: Path, real_photo_folder, tmp_path: Path) -> None:
    need_tools()
    folder, truth = real_photo_folder({"sakura": 5, "cosmos": 5}, seed=11)
    before = listing(folder)
    x = X(tmp_path)
    app, log = start_gui(x, folder, weights_path, tmp_path)
    try:
        window = x.wait_window(f"^{folder.name} ", 120, app)
        x.wait_title(window, "photos classified", 300, app)

        apply_and_check(x, window, app, folder, truth)

        x.keys(window, "ctrl+z")
        confirm_undo(x, window, app, folder, before)

        x.keys(window, "ctrl+q")
        app.wait(30)
        assert app.returncode == 0
    finally:
        stop_gui(app, x, log, tmp_path)


def test_keyboard_only_label_undo_labelling_and_loupe(weights_path: Path, real_photo_folder, tmp_path: Path) -> None:
    """Ctrl+A then X labels every photo "leave here"; Ctrl+Z gives the labelling back (so Apply moves them after
    all); Space shows them large, Z opens the loupe at 100% (the title says so), Esc twice back to the grid, and
    Ctrl+Z then undoes the run."""
    need_tools()
    folder, truth = real_photo_folder({"sakura": 5, "cosmos": 5}, seed=12)
    before = listing(folder)
    x = X(tmp_path)
    app, log = start_gui(x, folder, weights_path, tmp_path)
    try:
        window = x.wait_window(f"^{folder.name} ", 120, app)
        x.wait_title(window, "photos classified", 300, app)

        x.keys(window, "ctrl+a")
        x.keys(window, "x")  # every photo: "neither, leave here"
        time.sleep(0.5)
        x.keys(window, "ctrl+z")  # the labelling given back: no question, the runs are untouched
        time.sleep(0.5)
        apply_and_check(x, window, app, folder, truth)  # with every photo "leave here" nothing would move

        x.keys(window, "ctrl+a")
        x.keys(window, "space")  # the selected photos large, one at a time
        time.sleep(1.0)
        x.keys(window, "z")  # the loupe
        loupe_title = x.wait_title(window, "100%", 60, app)
        assert ".jpg" in loupe_title
        x.keys(window, "Escape")  # loupe -> review
        time.sleep(0.5)
        assert "100%" not in x.run("getwindowname", window)
        x.keys(window, "Escape")  # review -> grid
        time.sleep(0.5)

        x.keys(window, "ctrl+z")  # no labelling pending: the last run, after its question
        confirm_undo(x, window, app, folder, before)

        x.keys(window, "ctrl+q")
        app.wait(30)
        assert app.returncode == 0
    finally:
        stop_gui(app, x, log, tmp_path)
