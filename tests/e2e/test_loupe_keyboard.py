"""The loupe, keyboard only, under a real X server (Xvfb) driven by ``xdotool``, on real 12-MP photos: it opens at
fit, 1 gives 100%, the arrows pan, F fits again, → asks for the next photo, Esc closes it.

The loupe runs on its own (a window of its own, as without a parent); the window's own keyboard session
(label, undo, open the loupe) belongs with the window. Needs ``xvfb`` and ``xdotool`` (see test_gui_keyboard).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_gui_keyboard import X, need_tools

from sakura_sorter.jobs.photo_facts import photo_facts

pytestmark = pytest.mark.e2e

RUN_LOUPE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from sakura_sorter.gui.results.loupe import Loupe
from sakura_sorter.jobs.photo_facts import LoupePhoto

app = QApplication([])
paths = [Path(p) for p in sys.argv[1:]]
at = 0

def photo(i):
    return LoupePhoto(paths[i], paths[i].parent.parent, "sakura", {"sakura": 0.62, "cosmos": 0.21, "other": 0.17})

def step(delta):
    global at
    at = max(0, min(len(paths) - 1, at + delta))
    print("step", delta, paths[at].name, flush=True)
    loupe.show_photo(photo(at))

loupe = Loupe(on_step=step, on_close=app.quit)
canvas = loupe.canvas
canvas.fullLoaded.connect(lambda: print("full", canvas.photo_size().width(), canvas.photo_size().height(), flush=True))
canvas.viewChanged.connect(lambda: print("view", canvas.scale, *canvas.visible_rect().getRect(), flush=True))
loupe.open(photo(0))
app.exec()
print("closed", flush=True)
"""


def camera_photos(photos_dir: Path, count: int) -> list[Path]:
    photos2 = photos_dir.parent / "photos2" / "sakura"
    found = []
    for path in sorted(photos2.glob("*.jpg")) if photos2.is_dir() else []:
        facts = photo_facts(path)
        if facts.camera and (facts.width or 0) * (facts.height or 0) >= 10_000_000:
            found.append(path)
    if len(found) < count:
        reason = f"fewer than {count} 10-MP camera photos in {photos2}"
        if os.environ.get("CI"):
            pytest.fail(reason + ", and CI must run this test")
        pytest.skip(reason)
    return found[:count]


def test_the_loupe_by_keyboard(photos_dir: Path, tmp_path: Path) -> None:
    need_tools()
    first, second = camera_photos(photos_dir, 2)
    x = X(tmp_path)
    out = (tmp_path / "loupe.out").open("w+")
    env = {**os.environ, "DISPLAY": x.display, "QT_QPA_PLATFORM": "xcb", "SAKURA_SORTER_LANG": "en"}
    app = subprocess.Popen([sys.executable, "-c", RUN_LOUPE, str(first), str(second)], env=env, stdout=out)
    try:
        window = x.wait_window(first.name, 60, app)
        x.wait_title(window, "Fit", 30, app)
        x.keys(window, "1")
        x.wait_title(window, "Zoom 100%", 30, app)
        x.keys(window, "Right")  # zoomed in: pans
        x.keys(window, "f")
        x.wait_title(window, "Fit", 30, app)
        x.keys(window, "Right")  # at fit: the next photo
        x.wait_title(window, second.name, 30, app)
        x.keys(window, "Escape")
        assert app.wait(30) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        x.server.terminate()
        x.server.wait()
    out.seek(0)
    lines = out.read().splitlines()
    views = [line.split() for line in lines if line.startswith("view ")]
    actual = [v for v in views if float(v[1]) == 1.0]
    assert actual, lines
    full = [line.split() for line in lines if line.startswith("full ")]
    facts = photo_facts(first)
    assert full[0][1:] == [str(facts.width), str(facts.height)]
    panned = [v for v in actual if float(v[2]) != float(actual[0][2])]
    assert panned and float(panned[0][2]) > float(actual[0][2]), "→ at 100% should pan right"
    assert f"step 1 {second.name}" in lines and lines[-1] == "closed"
