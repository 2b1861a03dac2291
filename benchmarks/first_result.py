"""Time from choosing a folder to the first photo listed in the window, with the real model.

``python benchmarks/first_result.py [--code DIR] [--delay S ...] [--runs N] [--cases cold,model,features]``

Each run is a fresh process (TensorFlow not yet imported, as for a person starting the program): it opens
the window offscreen, waits ``delay`` seconds (a person choosing a folder in the dialog; 0 = the folder
given on the command line), then opens a copy of 24 real photos (``--photos N``: N) and measures until the
first result row appears. It also measures the window's own start (process start to the window shown).
``--code DIR`` runs another checkout of the package (e.g. an older commit exported with ``git archive``) for a
before/after.

Cases (``--cases``), each with a private user cache folder: ``cold``: nothing cached, the very first start on
a machine (with ``int8`` this includes quantizing the model once); ``model``: the quantized model is in the user
cache (every later start), the photos' features are not; ``features``: the photos' features are cached too (the
folder was classified before). An unmeasured run before each case fills what it needs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

CHILD = r"""
import json, os, sys, time
t0 = time.monotonic()
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
try:
    from sakura_sorter.gui.window.main_window import MainWindow
except ImportError:
    from sakura_sorter.gui.main_window import MainWindow
from sakura_sorter.jobs import Jobs, Options
folder, delay, settings_file, cache = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
win = MainWindow(Jobs(Options(feature_cache=cache)), QSettings(settings_file, QSettings.Format.IniFormat))
win.show()
app.processEvents()
shown = time.monotonic() - t0
out = {"window_shown_s": shown}
def first(*_):
    if "first_result_s" not in out:
        out["first_result_s"] = time.monotonic() - out.pop("_chosen")
        print("RESULT " + json.dumps(out), flush=True)
        os._exit(0)  # not app.quit(): the window would ask before closing with photos left to sort
win.model.rowsInserted.connect(first)
def choose():
    out["_chosen"] = time.monotonic()
    win.open_folder(folder)
QTimer.singleShot(int(delay * 1000), choose)
QTimer.singleShot(600_000, app.quit)
app.exec()
print("RESULT " + json.dumps(out))
"""


def sample(dest: Path, photos: Path, count: int = 24) -> None:
    """24 photos (12 sakura, 12 cosmos, at random); more: every photo of ``photos``, then copies with their own
    bytes (``bench_photos.unique_copy``), so that a big folder seen before can be measured."""
    rng = random.Random(2)
    dest.mkdir(parents=True)
    if count == 24:
        for name, n in (("sakura", 12), ("cosmos", 12)):
            for path in rng.sample(sorted((photos / name).glob("*.jpg")), n):
                shutil.copy2(path, dest / path.name)
        return
    from bench_photos import unique_copy  # type: ignore[import-not-found]

    sources = sorted(photos.rglob("*.jpg"))
    for i in range(count):
        data = sources[i % len(sources)].read_bytes()
        (dest / f"p{i:05d}.jpg").write_bytes(unique_copy(data, str(i)) if i >= len(sources) else data)


def run_once(
    code: Path | None, delay: float, tmp: Path, weights: str, case: str = "cold", folder: Path | None = None
) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SAKURA_SORTER_WEIGHTS": weights, "TF_CPP_MIN_LOG_LEVEL": "2"}
    env["XDG_CACHE_HOME"] = str(tmp / f"cache-{case}")  # the quantized model and probes of this case only
    cache = str(tmp / f"features-{case}.sqlite3") if case == "features" else "off"
    if code is not None:
        env["PYTHONPATH"] = str(code)
    if folder is None:
        folder = tmp / f"photos-{random.random():.6f}"
        sample(folder, SHARED / "photos")
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(delay), str(tmp / "settings.ini"), cache],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp,  # not the repository: ``python -c`` puts the working folder first on the path
        timeout=900,
    )
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(line[7:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, help="a checkout of the package to measure instead of this one")
    parser.add_argument("--delay", type=float, nargs="+", default=[0.0, 3.0], help="seconds before choosing")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--cases", default="cold,model,features", help="which caches are warm (see above)")
    parser.add_argument("--photos", type=int, default=24, help="photos in the folder (default 24)")
    parser.add_argument(
        "--weights", default=str(SHARED / "weights" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5")
    )
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from throughput import machine_line  # type: ignore[import-not-found]

    print(machine_line(), flush=True)
    for case in [c.strip() for c in args.cases.split(",") if c.strip()]:
        with tempfile.TemporaryDirectory(prefix="first-result-") as tmp_name:
            tmp = Path(tmp_name)
            folder = tmp / "photos"
            sample(folder, SHARED / "photos", args.photos)
            if case != "cold":
                run_once(args.code, 0.0, tmp, args.weights, case, folder)  # fills the model (and feature) cache
            for delay in args.delay:
                runs = []
                for _ in range(args.runs):
                    if case == "cold":
                        shutil.rmtree(tmp / f"cache-{case}", ignore_errors=True)
                    runs.append(run_once(args.code, delay, tmp, args.weights, case, folder))
                first = [r["first_result_s"] for r in runs]
                shown = [r["window_shown_s"] for r in runs]
                print(
                    f"[{case}] folder chosen {delay:.0f} s after the window opened: first result after "
                    f"{statistics.median(first):.1f} s (runs: {', '.join(f'{x:.1f}' for x in first)}); "
                    f"window shown after {statistics.median(shown):.2f} s",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
