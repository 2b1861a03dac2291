"""How long the window takes to sort its photos by a column, for folders of thousands of photos.

    python benchmarks/window_sort.py [--n 1000 3000 10000] [--rounds 3]

The window's grid and list share one proxy (``ResultsFilter``). Qt's own sort asks the model for a sort key
at every comparison, a call into Python each time; the proxy now works out each photo's place in a column's
order once (one key per photo, sorted in Python) and compares those. Both are timed here in one run, on the same
model holding N results (file names ``IMG_<i>.jpg`` in shuffled order, random confidences): "Qt keys" is a
plain ``QSortFilterProxyModel`` on the model's sort role, which is how the window sorted before (with today's
keys: file names in natural order, a little dearer than the plain names it compared before); "ranks" is the
window's proxy, its ranks worked out again before each sort (as after new results). Each figure is the
median of ``--rounds`` sorts, for the Photo column (file names in file-manager order) and the Confidence
column; offscreen, no window shown.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QApplication

    from sakura_sorter.gui.results.filter import ResultsFilter
    from sakura_sorter.gui.results.model import Column, ResultsModel, SortRole
    from sakura_sorter.gui.results.thumbnails import ThumbnailLoader
    from sakura_sorter.results import PhotoResult

    app = QApplication.instance() or QApplication([])
    import PySide6

    print(f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}, median of {args.rounds} sorts")
    print(f"{'photos':>7} {'column':>11} {'Qt keys':>9} {'ranks':>9} {'ratio':>7}")
    for n in args.n:
        rng = random.Random(n)
        numbers = list(range(1, n + 1))
        rng.shuffle(numbers)
        model = ResultsModel(ThumbnailLoader())
        model.reset(Path("/photos"))
        scores = {"cosmos": 0.05, "other": 0.05, "sakura": 0.9}
        model.append([PhotoResult(Path(f"/photos/IMG_{i}.jpg"), "sakura", rng.random(), scores) for i in numbers])
        plain = QSortFilterProxyModel()
        plain.setSortRole(SortRole)
        plain.setSourceModel(model)
        ranks = ResultsFilter()
        ranks.setSourceModel(model)
        for column in (Column.PHOTO, Column.CONFIDENCE):
            times = {}
            for name, proxy in (("plain", plain), ("ranks", ranks)):
                taken = []
                for k in range(args.rounds):
                    order = Qt.SortOrder.AscendingOrder if k % 2 == 0 else Qt.SortOrder.DescendingOrder
                    if isinstance(proxy, ResultsFilter):
                        proxy._ranks.clear()  # as after new results: ranks worked out again
                    start = time.perf_counter()
                    proxy.sort(column, order)
                    taken.append(time.perf_counter() - start)
                times[name] = statistics.median(taken)
            first = [model.results[plain.mapToSource(plain.index(r, 0)).row()].path.name for r in range(3)]
            mine = [model.results[r].path.name for r in ranks.source_rows()[:3]]
            same = "same order" if first == mine else f"ORDER DIFFERS: {first} vs {mine}"
            print(
                f"{n:>7} {column.name.lower():>11} {times['plain']:>8.2f}s {times['ranks']:>8.2f}s "
                f"{times['plain'] / times['ranks']:>6.1f}x  ({same})"
            )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
