"""The window with the real VGG16 model on real photos (skipped when ../shared is absent).

One :class:`Jobs` is shared by the module, so the model is loaded once, on the worker thread of the
first test, which also measures that the GUI thread keeps turning while TensorFlow loads and runs.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest

from sakura_sorter.gui.window.main_window import MainWindow
from sakura_sorter.jobs import Jobs, Options

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def jobs(weights_path: Path) -> Jobs:
    return Jobs(Options(weights=str(weights_path), precision="float32", feature_cache="off"))


@pytest.fixture
def window(qtbot, jobs: Jobs, tmp_path: Path):  # type: ignore[no-untyped-def]
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sakura_sorter_test", "e2e")
    win = MainWindow(jobs, settings)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w.ctl.session, "ask_before_discarding", False))
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    return win


def is_classify(kind: str, _how: str) -> bool:
    return kind == "classify"


def test_real_run_lists_correct_labels_and_the_window_stays_responsive(qtbot, window, real_photo_folder) -> None:
    folder, truth = real_photo_folder({"sakura": 10, "cosmos": 10, "other": 4}, seed=3)
    steps: list[tuple[int, int, float]] = []
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)

    def watch(kind: str, _how: str) -> None:
        if kind == "scan":
            QTimer.singleShot(0, lambda: window.ctl.session.job.yielded.connect(record))

    def record(step) -> None:  # type: ignore[no-untyped-def]
        if hasattr(step, "done"):
            steps.append((step.done, step.total, step.rate))

    window.jobDone.connect(watch)
    started = time.perf_counter()
    with qtbot.waitSignal(window.jobDone, timeout=300_000, check_params_cb=is_classify) as blocker:
        window.open_folder(folder)
    elapsed = time.perf_counter() - started
    timer.stop()
    assert blocker.args == ["classify", "returned"]
    results = {r.path: r for r in window.model.results}
    assert set(results) == set(truth)
    assert all(r.ok and r.label in window.classes for r in results.values())
    assert window.ctl.session.first_result_seconds is not None and window.ctl.session.first_result_seconds < elapsed
    judged = [p for p, name in truth.items() if name in ("sakura", "cosmos")]
    correct = sum(results[p].label == truth[p] for p in judged)
    assert correct >= 0.9 * len(judged), f"{correct}/{len(judged)} correct"
    # The steady rate is measured from the first batch on (model start-up excluded), so it starts unknown.
    assert steps and steps[-1][:2] == (24, 24) and all(rate > 0 for *_, rate in steps[1:])
    gaps = np.diff(ticks)
    print(f"\nrun {elapsed:.1f} s, {len(steps)} batches, {len(ticks)} ticks, max gap {gaps.max():.3f} s")
    # The event loop turned all along; the longest pause seen (~0.6 s) is TensorFlow's one-time import.
    assert len(ticks) > 0.5 * elapsed / 0.02
    assert gaps.max() < 1.5, f"GUI thread blocked for {gaps.max():.2f} s"


def test_real_cancel_stops_after_the_current_batch(qtbot, window, real_photo_folder) -> None:
    folder, truth = real_photo_folder({"sakura": 24, "cosmos": 16}, seed=5)

    def cancel_on_first_batch(step) -> None:  # type: ignore[no-untyped-def]
        if hasattr(step, "done"):
            window.cancel_run()

    def watch(kind: str, _how: str) -> None:
        if kind == "scan":
            QTimer.singleShot(0, lambda: window.ctl.session.job.yielded.connect(cancel_on_first_batch))

    window.jobDone.connect(watch)
    with qtbot.waitSignal(window.jobDone, timeout=300_000, check_params_cb=is_classify) as blocker:
        window.open_folder(folder)
    assert blocker.args == ["classify", "aborted"]
    done = len(window.model.results)
    batch = window.jobs.options.batch_size
    # Cancel was pressed when batch 1 arrived; batch 2 may already have been running: it is kept, no more.
    assert done in (batch, 2 * batch) and done < len(truth)
    assert "Stopped" in window.statusBar().currentMessage()
    assert window.apply_action.isEnabled() and window.classify_action.isEnabled()


def accept_dialog(window: MainWindow) -> None:
    def click() -> None:
        if window.apply_dialog is None:
            QTimer.singleShot(20, click)
        else:
            window.apply_dialog.apply_button.click()

    QTimer.singleShot(20, click)


def test_real_review_apply_export_undo(qtbot, window, real_photo_folder, tmp_path: Path) -> None:
    folder, truth = real_photo_folder({"sakura": 6, "cosmos": 6}, seed=7)
    with qtbot.waitSignal(window.jobDone, timeout=300_000, check_params_cb=is_classify):
        window.open_folder(folder)
    results = window.model.results
    row_sakura = next(r for r, res in enumerate(results) if res.label == "sakura")
    row_cosmos = next(r for r, res in enumerate(results) if res.label == "cosmos")
    window.start_review([row_sakura, row_cosmos])
    QTest.keyClick(window.review, Qt.Key.Key_C)  # a person says: that "sakura" is a cosmos
    QTest.keyClick(window.review, Qt.Key.Key_X)  # and leave that cosmos where it is
    assert results[row_sakura].human_label == "cosmos" and results[row_sakura].label == "sakura"
    moved_to_cosmos, left = results[row_sakura].path.name, results[row_cosmos].path.name
    QTest.keyClick(window.review, Qt.Key.Key_Escape)

    accept_dialog(window)
    with qtbot.waitSignal(window.jobDone, timeout=60_000, check_params_cb=lambda kind, how: kind == "apply"):
        window.start_apply()
    in_cosmos = {p.name for p in (folder / "cosmos").iterdir()}
    in_sakura = {p.name for p in (folder / "sakura").iterdir()}
    assert moved_to_cosmos in in_cosmos and left not in in_cosmos | in_sakura and (folder / left).is_file()
    for result in results:  # every confident, unreviewed photo went to the model's class
        unreviewed = result.human_label is None and not result.needs_review(window.review_threshold())
        if unreviewed and result.label in ("sakura", "cosmos"):
            assert result.path.name in (in_sakura if result.label == "sakura" else in_cosmos)

    report = tmp_path / "report.csv"
    with qtbot.waitSignal(window.jobDone, timeout=60_000, check_params_cb=lambda kind, how: kind == "export"):
        window.export_csv(report)
    with open(report, encoding="utf-8-sig", newline="") as handle:
        rows = {Path(r["path"]).name: r for r in csv.DictReader(handle)}
    assert len(rows) == len(truth)
    assert rows[moved_to_cosmos]["human_label"] == "cosmos" and rows[moved_to_cosmos]["label"] == "sakura"
    assert rows[moved_to_cosmos]["status"] == "sorted" and "/cosmos/" in rows[moved_to_cosmos]["new_path"]

    with qtbot.waitSignal(window.jobDone, timeout=60_000, check_params_cb=lambda kind, how: kind == "undo"):
        window.start_undo()
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == sorted(p.name for p in truth)
