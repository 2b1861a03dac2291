"""Small GUI parts on their own: key mapping, the apply summary, the worker's stop and error paths."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from sakura_sorter.files.plan import make_plan
from sakura_sorter.files.plan_summary import summarize
from sakura_sorter.gui.dialogs.apply import ApplyDialog
from sakura_sorter.gui.results.review import class_keys
from sakura_sorter.gui.worker import Worker, WorkerSet
from sakura_sorter.jobs.tasks import Prepared
from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import NEITHER as LEAVE


def test_class_keys_use_first_letters_and_fall_back_to_numbers() -> None:
    assert class_keys(["cosmos", "sakura"]) == {"cosmos": "C", "sakura": "S"}
    assert class_keys(["sakura", "sunflower", "cosmos"]) == {"sakura": "1", "sunflower": "2", "cosmos": "C"}
    assert class_keys(["xylo", "nemo", "ume"]) == {"xylo": "1", "nemo": "2", "ume": "U"}  # X, N are taken
    assert class_keys(["桜", "cosmos"]) == {"桜": "1", "cosmos": "C"}


def photo(tmp_path: Path, name: str, label: str, confidence: float, human: str | None = None) -> PhotoResult:
    path = tmp_path / name
    path.write_bytes(b"x")
    return PhotoResult(path, label, confidence, {label: confidence}, human_label=human)


def test_summary_counts_per_class_and_reasons_to_stay(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    results = [
        photo(tmp_path, "a.jpg", "sakura", 0.99),
        photo(tmp_path, "b.jpg", "sakura", 0.6, human="cosmos"),
        photo(tmp_path, "c.jpg", "cosmos", 0.7),
        photo(tmp_path, "d.jpg", "cosmos", 0.99, human=LEAVE),
        PhotoResult(tmp_path / "e.jpg", error="damaged"),
    ]
    plan = make_plan(tmp_path, results, ["cosmos", "sakura"], mode="copy", threshold=0.8)
    summary = summarize(plan)
    assert dict(summary.to_class) == {"sakura": 1, "cosmos": 1}
    assert dict(summary.by_person) == {"cosmos": 1}
    assert (summary.review, summary.left_by_person, summary.errors, summary.actionable) == (1, 1, 1, 2)
    dialog = ApplyDialog(Prepared(plan))
    qtbot.addWidget(dialog)
    assert dialog.apply_button.text().startswith("Copy 2 photo") and dialog.apply_button.isEnabled()


def test_cancelled_job_stops_at_its_next_step_and_returns_what_it_has(qtbot) -> None:  # type: ignore[no-untyped-def]
    closed: list[bool] = []

    def slow(cancel):  # type: ignore[no-untyped-def]
        done = []
        try:
            for i in range(100):
                if cancel():
                    break
                time.sleep(0.02)
                done.append(i)
                yield i
        finally:
            closed.append(True)
        return done

    workers = WorkerSet()
    worker = Worker(slow, cancellable=True)
    got: list[int] = []
    worker.yielded.connect(lambda v: (got.append(v), worker.quit() if v == 2 else None))
    with qtbot.waitSignal(worker.returned, timeout=5000) as blocker:
        workers.start(worker)
    qtbot.waitUntil(lambda: not workers.busy, timeout=5000)
    assert closed == [True] and worker.abort_requested
    assert 3 <= len(blocker.args[0]) < 100 and blocker.args[0][:3] == [0, 1, 2]


def test_worker_reports_errors_as_a_signal(qtbot) -> None:  # type: ignore[no-untyped-def]
    def fails() -> None:
        raise OSError(28, "No space left on device", "/x")

    workers = WorkerSet()
    worker = Worker(fails)
    with qtbot.waitSignal(worker.errored, timeout=5000) as blocker:
        workers.start(worker)
    assert isinstance(blocker.args[0], OSError) and "No space" in worker.traceback_text


def test_buttons_show_their_action_without_its_mnemonic(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton, QWidget

    from sakura_sorter.gui.actions import bind_button, make_action

    parent = QWidget()
    qtbot.addWidget(parent)
    action = make_action(parent, "確認 (3)(&R)", enabled=False)
    button = QPushButton(parent)
    bind_button(button, action)
    assert button.text() == "確認 (3)" and not button.isEnabled()
    action.setText("&Open…")
    action.setEnabled(True)
    assert button.text() == "Open…" and button.isEnabled()
