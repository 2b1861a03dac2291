"""How long the grid's thumbnails take to show after a person scrolls through a big folder of camera photos.

    python benchmarks/thumbnail_scroll.py [--n 600] [--steps 30] [--rounds 3] [--workdir DIR]

The window's grid (the real ``PhotoGrid``, ``ResultsModel`` and ``ThumbnailLoader``, offscreen at 1024 x 700)
shows N 12-MP JPEGs (made from ../shared/data/photos by ``bench_photos.py``; each file its own bytes). The
scroll bar is dragged from the top to the bottom in ``--steps`` steps, 40 ms apart (a quick drag: every step
paints the rows passed over, which ask for their thumbnails), and the clock runs from the last step until
every cell then on screen shows its thumbnail. Each round starts with an empty thumbnail memory, and rounds
alternate the loader's queue as it was (first asked, first decoded) and as it is now. Also printed: how many
thumbnails were decoded by then and how many were still asked for (decoded later unless forgotten: work for
cells the person only scrolled past).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "sakura-bench-thumbs")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_photos import make_big_folder, make_camera_folder
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    from sakura_sorter.gui.results.grid import PhotoGrid
    from sakura_sorter.gui.results.model import GridPixmapRole, ResultsModel
    from sakura_sorter.gui.results.thumbnails import ThumbnailLoader
    from sakura_sorter.results import PhotoResult

    big = make_big_folder(args.workdir / "big", min(args.n, 64), 0.0)
    folder = make_camera_folder(args.workdir / f"camera-{args.n}", args.n, big)
    paths = sorted(folder.glob("*.jpg"))
    app = QApplication.instance() or QApplication([])

    def pump(ms: float) -> None:
        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.002)

    def one_round(fifo: bool) -> tuple[float, int, int]:
        loader = ThumbnailLoader()
        if fifo:
            loader.last_asked_first = False
        decoded = 0

        def count(_path: str, _size: int) -> None:
            nonlocal decoded
            decoded += 1

        loader.ready.connect(count)
        model = ResultsModel(loader)
        model.reset(folder, paths)
        model.append([PhotoResult(path=p, label="sakura", confidence=0.9) for p in paths])
        grid = PhotoGrid()
        grid.setModel(model)
        grid.resize(1024, 700)
        grid.show()
        pump(200)
        bar = grid.verticalScrollBar()
        for step in range(1, args.steps + 1):
            bar.setValue(round(bar.maximum() * step / args.steps))
            pump(40)
        start = time.perf_counter()
        while True:
            visible = [
                i
                for i in (model.index(r, 0) for r in range(model.rowCount()))
                if grid.visualRect(i).intersects(grid.viewport().rect())
            ]
            if visible and all(model.data(i, GridPixmapRole) is not None for i in visible):
                break
            if time.perf_counter() - start > 300:
                raise SystemExit("thumbnails did not arrive within 300 s")
            pump(10)
        taken = time.perf_counter() - start
        by_then = decoded
        waiting = sum(loader.pending(p, model.grid_thumb) for p in paths)
        loader.clear_queue()
        loader.wait(60000)
        grid.close()
        return taken, by_then, waiting

    print(f"{len(paths)} 12-MP JPEGs, {args.steps} scroll steps 40 ms apart, {os.cpu_count()} cores")
    times: dict[bool, list[float]] = {True: [], False: []}
    for k in range(args.rounds):
        for fifo in (True, False):
            taken, decoded, waiting = one_round(fifo)
            times[fifo].append(taken)
            name = "first asked first" if fifo else "last asked first"
            print(
                f"  round {k + 1} {name:>18}: {taken:6.2f} s to a full screen; {decoded} thumbnails decoded by "
                f"then, {waiting} more still asked for"
            )
    before, after = statistics.median(times[True]), statistics.median(times[False])
    print(f"median: first asked first {before:.2f} s, last asked first {after:.2f} s ({before / after:.1f}x)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
