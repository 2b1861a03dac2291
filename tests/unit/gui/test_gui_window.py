"""The window driven end to end with a fake model (no TensorFlow): fast checks of every GUI flow.

The fake extractor reads the photo's colour: a photo whose red channel is ``r`` gets a sakura
score of ``r / 255``, so each test decides the model's confidence by painting the photo.
"""

from __future__ import annotations

import csv
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gui_fakes import CLASSES, FakeJobs, accept_apply, by_name, make_folder, paint, run_folder, wait_job
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest

from sakura_sorter.gui.results.model import Column
from sakura_sorter.gui.widgets import PAGE_RESULTS, PAGE_REVIEW
from sakura_sorter.gui.words import ERRORS, NEITHER_KIND, REVIEW
from sakura_sorter.vision.weights import WeightsError
from sakura_sorter.vocabulary import NEITHER as LEAVE


def test_classify_lists_every_photo_with_label_confidence_and_errors(qtbot, window, tmp_path: Path) -> None:
    photos = make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    rows = by_name(win)
    assert set(rows) == {p.name for p in photos.values()}
    model = win.model
    assert model.results[rows["s0.jpg"]].label == "sakura"
    assert model.results[rows["c0.jpg"]].label == "cosmos"
    assert model.results[rows["broken.jpg"]].error  # listed, not a dialog
    assert model.data(model.index(rows["broken.jpg"], Column.STATUS)).startswith("error:")
    counts = model.counts(CLASSES)
    # the two photos to review count there only, not in their class too (issue 19): the groups add up to 11
    assert counts == {"all": 11, REVIEW: 2, ERRORS: 1, NEITHER_KIND: 0, "cosmos": 3, "sakura": 5}
    assert win.pages.currentIndex() == PAGE_RESULTS
    assert "2" in win.review_button.text() and win.review_button.isEnabled()
    assert win.settings.value("last_folder") == str(tmp_path / "photos")


def test_filters_and_sorting_by_confidence(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    win.filter_bar.button(REVIEW).click()
    assert sorted(win.model.results[r].path.name for r in win.proxy.source_rows()) == ["u1.jpg", "u2.jpg"]
    win.filter_bar.button(ERRORS).click()
    assert [win.model.results[r].path.name for r in win.proxy.source_rows()] == ["broken.jpg"]
    win.filter_bar.button("cosmos").click()
    assert {win.model.results[r].label for r in win.proxy.source_rows()} == {"cosmos"}
    win.filter_bar.button("all").click()
    win.table.sortByColumn(Column.CONFIDENCE, Qt.SortOrder.AscendingOrder)
    shown = [win.model.results[r].confidence for r in win.proxy.source_rows()]
    known = [c for c in shown if c is not None]
    assert shown[0] is None  # errors (no confidence) first when ascending
    assert known == sorted(known) and len(known) == 10


def test_photos_show_and_sort_in_natural_name_order(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    for i in (10, 2, 1, 11):
        paint(folder, f"写真_{i}.jpg", 0.98)
    win = window()
    run_folder(qtbot, win, folder)
    order = ["写真_1.jpg", "写真_2.jpg", "写真_10.jpg", "写真_11.jpg"]
    assert [win.model.results[r].path.name for r in win.proxy.source_rows()] == order
    win.table.sortByColumn(Column.PHOTO, Qt.SortOrder.DescendingOrder)
    assert [win.model.results[r].path.name for r in win.proxy.source_rows()] == order[::-1]
    win.table.sortByColumn(Column.PHOTO, Qt.SortOrder.AscendingOrder)
    assert [win.model.results[r].path.name for r in win.proxy.source_rows()] == order


def test_threshold_change_updates_review_without_running_the_model(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    jobs = FakeJobs()
    win = window(jobs)
    run_folder(qtbot, win, tmp_path / "photos")
    calls = jobs._extractor.calls
    assert len(win.model.review_rows()) == 2
    win.threshold_box.setValue(60)  # u1 (sakura 0.62) and u2 (cosmos 0.65) are above it now
    assert len(win.model.review_rows()) == 0
    win.threshold_box.setValue(99)
    assert len(win.model.review_rows()) == 10
    assert jobs._extractor.calls == calls
    assert float(win.settings.value("threshold")) == pytest.approx(0.99)


def test_review_with_keyboard_keeps_person_label_apart(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    rows = by_name(win)
    win.start_review()
    assert win.pages.currentIndex() == PAGE_REVIEW
    review = win.review
    order = [win.model.results[r].path.name for r in review.rows]
    assert sorted(order) == ["u1.jpg", "u2.jpg"]
    first, second = review.rows
    QTest.keyClick(review, Qt.Key.Key_C)  # first photo -> cosmos, moves on
    assert review.current_row == second
    QTest.keyClick(review, Qt.Key.Key_X)  # second -> leave in place
    QTest.keyClick(review, Qt.Key.Key_Left)
    assert review.current_row == first
    QTest.keyClick(review, Qt.Key.Key_S)
    results = win.model.results
    assert results[first].human_label == "sakura" and results[second].human_label == LEAVE
    assert results[rows["u1.jpg"]].label == "sakura" and results[rows["u2.jpg"]].label == "cosmos"  # model's kept
    assert win.model.review_rows() == []
    assert review.current_row == second  # labelling moves on
    QTest.keyClick(review, Qt.Key.Key_Left)
    QTest.keyClick(review, Qt.Key.Key_Backspace)  # back to the model's label
    assert results[first].human_label is None and win.model.review_rows() == [first]
    QTest.keyClick(review, Qt.Key.Key_Escape)
    assert win.pages.currentIndex() == PAGE_RESULTS


def test_apply_move_then_undo_changes_the_disk_and_back(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    run_folder(qtbot, win, folder)
    rows = by_name(win)
    win.model.set_human_label(rows["u2.jpg"], "sakura")  # a person overrides the model (cosmos 0.65)
    win.model.set_human_label(rows["s4.jpg"], LEAVE)
    before = sorted(p.name for p in folder.iterdir())
    accept_apply(win)
    with wait_job(qtbot, win, "apply"):
        win.start_apply()
    assert sorted(p.name for p in (folder / "sakura").iterdir()) == ["s0.jpg", "s1.jpg", "s2.jpg", "s3.jpg", "u2.jpg"]
    assert sorted(p.name for p in (folder / "cosmos").iterdir()) == ["c0.jpg", "c1.jpg", "c2.jpg"]
    left = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert left == ["broken.jpg", "s4.jpg", "u1.jpg"]  # error, left by a person, below threshold
    assert win.undo_button.isEnabled()
    assert win.model.status_text(rows["s0.jpg"]) == "moved to sakura/"
    assert win.banner.kind == "success"

    with wait_job(qtbot, win, "undo"):
        win.start_undo()
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == before
    assert not (folder / "sakura").exists() and not (folder / "cosmos").exists()
    assert not win.undo_button.isEnabled()
    assert win.model.status_text(rows["s0.jpg"]) == "→ sakura"


def test_second_apply_after_review_sorts_the_rest(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    win.mode_box.setCurrentIndex(win.mode_box.findData("copy"))
    run_folder(qtbot, win, folder)
    accept_apply(win)
    with wait_job(qtbot, win, "apply"):
        win.start_apply()
    assert len(list((folder / "sakura").iterdir())) == 5 and (folder / "s0.jpg").exists()  # copies
    rows = by_name(win)
    win.model.set_human_label(rows["u1.jpg"], "cosmos")
    accept_apply(win)
    with wait_job(qtbot, win, "apply"):
        win.start_apply()
    assert (folder / "cosmos" / "u1.jpg").is_file()
    assert len(list((folder / "cosmos").iterdir())) == 4


def test_export_csv_dry_run_then_after_apply(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    run_folder(qtbot, win, folder)
    out = tmp_path / "report.csv"
    with wait_job(qtbot, win, "export"):
        win.export_csv(out)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 11 and all(r["note"].startswith("dry run") for r in rows)
    assert "sorted" not in {r["status"] for r in rows} and "planned" in {r["status"] for r in rows}
    assert list(folder.glob("sakura")) == []  # a dry run changes nothing
    accept_apply(win)
    with wait_job(qtbot, win, "apply"):
        win.start_apply()
    with wait_job(qtbot, win, "export"):
        win.export_csv(out)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = {Path(r["path"]).name: r for r in csv.DictReader(handle)}
    assert rows["s0.jpg"]["status"] == "sorted" and Path(rows["s0.jpg"]["new_path"]).parent.name == "sakura"
    assert rows["u1.jpg"]["status"] == "review"
    assert rows["broken.jpg"]["status"] == "error" and rows["broken.jpg"]["error"]


def test_cancel_stops_at_the_next_batch(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    for i in range(64):
        paint(folder, f"p{i:02d}.jpg", 0.9)
    win = window(FakeJobs(delay=0.3, batch_size=8))
    seen: list[int] = []

    def on_progress(step) -> None:  # type: ignore[no-untyped-def]
        if hasattr(step, "done"):
            seen.append(step.done)
            if len(seen) == 1:
                win.cancel_button.click()

    with qtbot.waitSignal(win.jobDone, timeout=20000, check_params_cb=lambda kind, how: kind == "classify") as blocker:
        win.open_folder(folder, start=False)
        win.ctl.start_run()
        session = win.ctl.session
        qtbot.waitUntil(lambda: session.job is not None and session.job_kind == "classify", timeout=10000)
        win.ctl.session.job.yielded.connect(on_progress)
    assert blocker.args == ["classify", "aborted"]
    assert 8 <= len(win.model.results) < 64
    assert "Stopped" in win.statusBar().currentMessage()
    assert win.classify_action.isEnabled() and win.apply_action.isEnabled()


def test_event_loop_keeps_turning_while_the_worker_runs(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    for i in range(24):
        paint(folder, f"p{i:02d}.jpg", 0.9)
    win = window(FakeJobs(delay=0.4, batch_size=4))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    run_folder(qtbot, win, folder)
    timer.stop()
    gaps = np.diff(ticks)
    assert len(ticks) > 100  # the run took > 2 s; the loop kept ticking all along
    assert gaps.max() < 0.25, f"GUI thread blocked for {gaps.max():.2f} s"
    assert len(win.model.results) == 24


def test_missing_weights_are_explained_in_the_window(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    message = "The ImageNet VGG16 weights are needed and could not be found.\nTo work offline, get the file"
    win = window(FakeJobs(error=WeightsError(message)))
    with qtbot.waitSignal(win.jobDone, timeout=20000, check_params_cb=lambda kind, how: kind == "classify") as blocker:
        win.open_folder(tmp_path / "photos")
    assert blocker.args == ["classify", "errored"]
    box = win.ctl.error_dialog
    assert box is not None and box.isVisible()
    assert "could not be found" in box.informativeText() and "To work offline" in box.informativeText()
    assert "Traceback" not in box.informativeText()
    assert win.classify_action.isEnabled()


def test_settings_are_remembered(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    run_folder(qtbot, win, folder)
    win.mode_box.setCurrentIndex(win.mode_box.findData("tag"))
    win.threshold_box.setValue(90)
    with wait_job(qtbot, win, "classify"):  # a new scope classifies again (issue 19); closing would ask to stop it
        win.scope_box.setCurrentIndex(win.scope_box.findData("each"))
    win.close()
    again = window()
    assert again.mode == "tag" and again.threshold == pytest.approx(0.9) and again.scope == "each"
    assert again.folder == folder and str(folder) in again.folder_label.text()


def test_dropping_a_folder_opens_it(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(
        QPointF(QPoint(50, 50)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(win.jobDone, timeout=20000, check_params_cb=lambda kind, how: kind == "classify"):
        win.dropEvent(event)
    assert win.folder == folder and len(win.model.results) == 11


def test_thumbnails_load_lazily_off_the_gui_thread(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    run_folder(qtbot, win, folder)
    loader = win.thumbnails
    path = win.model.results[by_name(win)["s0.jpg"]].path
    qtbot.waitUntil(lambda: loader.get(path, 64) is not None, timeout=5000)
    pixmap = loader.get(path, 64)
    assert max(pixmap.width(), pixmap.height()) == 64
    broken = win.model.results[by_name(win)["broken.jpg"]].path
    assert loader.get(broken, 64) is None  # queued: the list is not shown, the grid asks for its own size
    qtbot.waitUntil(lambda: loader.error(broken, 64) is not None, timeout=5000)


def test_gui_command_imports_neither_qt_nor_tensorflow() -> None:
    import subprocess

    code = (
        "import sys, sakura_sorter.cli as c; c.build_parser(); import sakura_sorter.cli.gui;"
        "print('PySide6' in sys.modules, 'tensorflow' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_worker_runs_on_another_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    from sakura_sorter.gui.worker import Worker, WorkerSet

    threads: list[int] = []

    def gen(n: int):  # type: ignore[no-untyped-def]
        for i in range(n):
            threads.append(threading.get_ident())
            yield i
        return "done"

    workers = WorkerSet()
    got: list[int] = []
    worker = Worker(gen, 3)
    worker.yielded.connect(got.append)
    with qtbot.waitSignal(worker.returned, timeout=5000) as blocker:
        workers.start(worker)
    assert blocker.args == ["done"]
    qtbot.waitUntil(lambda: not workers.busy, timeout=5000)
    assert got == [0, 1, 2]
    assert threads and all(t != threading.get_ident() for t in threads)


def test_review_buttons_label_and_show_the_choice(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    row = by_name(win)["s0.jpg"]  # a confident photo the person picks from the list
    index = win.proxy.mapFromSource(win.model.index(row, 0))
    win.table.doubleClicked.emit(index)
    assert win.pages.currentIndex() == PAGE_REVIEW and win.review.current_row == row
    cosmos_button = next(b for b in win.review._class_buttons if b.property("label") == "cosmos")
    assert [b.property("label") for b in win.review._class_buttons] == ["cosmos", "sakura"]
    cosmos_button.click()
    assert win.model.results[row].human_label == "cosmos"
    QTest.keyClick(win.review, Qt.Key.Key_Left)
    assert win.review.current_row == row and cosmos_button.isChecked()
    assert "Your label: <b>cosmos</b>" in win.review.verdict.text()


@pytest.mark.parametrize(
    ("kind", "words"),
    [("loading", "Loading the VGG16 model"), ("downloading", "Downloading"), ("preparing", "Preparing the model")],
)
def test_a_notice_is_worded_by_its_kind_in_the_persons_language(qtbot, window, tmp_path: Path, kind, words) -> None:
    from sakura_sorter.jobs import Notice

    win = window()
    win.ctl.classify._progress(Notice("an English sentence the window never shows", kind))
    assert words in win.progress_label.text() and "English sentence" not in win.progress_label.text()


class _SeenFirstJobs(FakeJobs):
    """Classifies the last two photos first, as photos whose features are cached come first."""

    def classify(self, paths, cancel=lambda: False, keep_features=True):  # type: ignore[no-untyped-def]
        return super().classify([*paths[-2:], *paths[:-2]], cancel, keep_features)


def test_photos_seen_before_come_first_and_the_folder_still_shows_in_name_order(qtbot, window, tmp_path) -> None:
    folder = tmp_path / "photos"
    for i in range(1, 6):
        paint(folder, f"IMG_{i}.jpg", 0.98)
    win = window(_SeenFirstJobs(batch_size=2))
    run_folder(qtbot, win, folder)
    assert [r.path.name for r in win.model.results][:2] == ["IMG_4.jpg", "IMG_5.jpg"]  # the order they came
    assert [win.model.results[r].path.name for r in win.proxy.source_rows()] == [f"IMG_{i}.jpg" for i in range(1, 6)]
    assert win.table.horizontalHeader().sortIndicatorSection() == Column.PHOTO  # the header says so


@pytest.mark.parametrize("seconds_per_photo", [0.0, 10.0])
def test_while_photos_come_the_header_order_is_kept_at_a_pace(qtbot, window, tmp_path, seconds_per_photo) -> None:
    """With a column sorted, each batch of new photos is sorted in, but not more than every second or so: a
    frozen clock sorts once while they come (and once at the end), a fast one at every batch."""
    folder = tmp_path / "photos"
    for i in range(8):
        paint(folder, f"p{i}.jpg", 0.1 + 0.1 * i)
    win = window(FakeJobs(batch_size=1))
    run_folder(qtbot, win, folder)
    win.table.sortByColumn(Column.CONFIDENCE, Qt.SortOrder.DescendingOrder)
    win.ctl.classify.clock = lambda: 1000.0 + seconds_per_photo * len(win.model.results)  # time passes per photo
    calls = []
    refresh = win.proxy.refresh
    win.proxy.refresh = lambda: (calls.append(len(win.model.results)), refresh())[1]  # type: ignore[method-assign]
    with wait_job(qtbot, win, "classify"):
        win.ctl.start_run()
    during = [n for n in calls if n < 8]  # sorts while photos were still coming
    assert (len(during) <= 2) if seconds_per_photo == 0 else (len(during) >= 7)
    shown = [win.model.results[r].confidence for r in win.proxy.source_rows()]
    assert len(shown) == 8 and shown == sorted(shown, reverse=True)  # the end sorts all of them
