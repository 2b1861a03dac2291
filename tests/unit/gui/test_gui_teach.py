"""The window's side of issue 10 with fake models: labels kept in the teaching set (and taken back), the
question before closing, the teach dialog (switch, keep, refusal), and the Model menu (list, switch, reset).
The real model on real photos: tests/e2e/test_gui_teach_real.py."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_fakes import (
    by_name,
    click_button,
    make_folder,
    paint,
    run_folder,
    select,
    teach_dialog_shown,
    wait_job,
    when_modal,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from teach_fakes import TeachingJobs, write_model

from sakura_sorter.digest import sha256_of
from sakura_sorter.model import registry
from sakura_sorter.model.teach import TeachError
from sakura_sorter.model.teaching import TeachingSet, default_path
from sakura_sorter.vocabulary import NEITHER

pytestmark = pytest.mark.usefixtures("english")  # English plural forms, as the program loads them


def kept_labels(*paths: Path) -> dict[str, str]:
    """The teaching set's label of each photo that has one (by file name)."""
    if not default_path().is_file():
        return {}
    with TeachingSet() as store:
        found = store.labels([sha256_of(p) for p in paths])
    return {p.name: found[sha256_of(p)] for p in paths if sha256_of(p) in found}


def distinct_folder(root: Path) -> dict[str, Path]:
    """The usual test folder, with every photo different (a label follows a photo's content: identical copies
    of one photo share it)."""
    photos = make_folder(root)
    for i in range(5):
        photos[f"s{i}"] = paint(root, f"s{i}.jpg", 0.95 + 0.01 * i)
    for i in range(3):
        photos[f"c{i}"] = paint(root, f"c{i}.jpg", 0.02 + 0.01 * i)
    return photos


def labelled_window(qtbot, window, tmp_path: Path, jobs: TeachingJobs | None = None):  # type: ignore[no-untyped-def]
    photos = distinct_folder(tmp_path / "photos")
    win = window(jobs or TeachingJobs())
    run_folder(qtbot, win, tmp_path / "photos")
    select(win, ["s0.jpg", "s1.jpg"])
    QTest.keyClick(win.grid, Qt.Key.Key_X)  # "neither: leave here"
    qtbot.waitUntil(lambda: win.ctl.session.keeper.idle, timeout=5000)
    return win, photos


def test_labels_are_kept_in_the_teaching_set_taken_back_and_survive_closing(qtbot, window, tmp_path: Path) -> None:
    win, photos = labelled_window(qtbot, window, tmp_path)
    assert kept_labels(photos["s0"], photos["s1"]) == {"s0.jpg": NEITHER, "s1.jpg": NEITHER}
    win.start_review([by_name(win)["u1.jpg"]])
    QTest.keyClick(win.review, Qt.Key.Key_C)  # a class, in the review
    select(win, ["s1.jpg"])
    win.show_results()
    QTest.keyClick(win.grid, Qt.Key.Key_Backspace)  # taken back
    qtbot.waitUntil(lambda: win.ctl.session.keeper.idle, timeout=5000)
    assert kept_labels(photos["s0"], photos["s1"], photos["u_sakura"]) == {"s0.jpg": NEITHER, "u1.jpg": "cosmos"}
    assert win.teach_button.isVisible() and "2" in win.teach_button.text()
    win.ctl.session.ask_before_discarding = False
    win.close()

    again = window(TeachingJobs())  # a new window: the labels come back, the person's label wins
    run_folder(qtbot, again, tmp_path / "photos")
    results = {r.path.name: r for r in again.model.results}
    assert results["s0.jpg"].human_label == NEITHER and results["u1.jpg"].human_label == "cosmos"
    assert results["s1.jpg"].human_label is None
    assert not again.teach_button.isVisible()  # labels from before are not "new" in this window


def test_closing_offers_to_teach_the_labels_not_taught(qtbot, window, tmp_path: Path) -> None:
    win, _photos = labelled_window(qtbot, window, tmp_path)
    texts: list[str] = []

    def teach_now(dialog) -> None:  # type: ignore[no-untyped-def]
        texts.extend([dialog.text(), dialog.informativeText(), dialog.defaultButton().text()])
        click_button("Teach now")(dialog)

    when_modal(teach_now)
    with wait_job(qtbot, win, "teach"):
        win.close()
    assert win.isVisible()
    assert "2 labels you gave are not taught yet" in texts[0]
    # both labels are "leave here": decided, not photos waiting for Apply (issue 19)
    assert "sorted yet" not in texts[1] and "2 photos you chose to leave here stay where they are" in texts[1]
    assert texts[2] == "Cancel"  # Return stays in the window
    qtbot.waitUntil(lambda: teach_dialog_shown(win), timeout=5000)
    with wait_job(qtbot, win, "classify"):
        win.ctl.models.teach_dialog.accept()
    assert win.ctl.session.keeper.untaught == 0 and not win.teach_button.isVisible()
    win.close()  # the labels are taught, and "leave here" needs no Apply: nothing to ask
    assert not win.isVisible()


def test_the_teach_dialog_compares_and_switching_classifies_again(qtbot, window, tmp_path: Path) -> None:
    jobs = TeachingJobs()
    win, _photos = labelled_window(qtbot, window, tmp_path, jobs)
    before = jobs.classified
    with wait_job(qtbot, win, "teach"):
        win.teach_button.click()
    qtbot.waitUntil(lambda: teach_dialog_shown(win), timeout=5000)
    dialog = win.ctl.models.teach_dialog
    shown = "\n".join(label.text() for label in dialog.findChildren(QLabel))
    for expected in ("95.7 %", "96.2 %", "83.0 %", "Now: bundled", "2 labels (Neither 2)", "1.2 s"):
        assert expected in shown, (expected, shown)
    assert "2 of 10 photos in this folder change label" in shown and "sakura → Neither: 2" in shown
    assert "Of the 2 photos you labelled in this folder, the new model itself labels 2 as you did" in shown
    assert "(the current model: 0)" in shown
    assert len(jobs.taught_with[-1]) == 2  # taught from the labels kept in the teaching set
    dialog.name_edit.setText("no plums <b>")
    with wait_job(qtbot, win, "classify"):
        dialog.switch_button.click()
    assert registry.active_name() == "no-plums-b" and win.model_label.text() == "Model: no-plums-b"
    assert jobs.classified == before + 1  # classified again with the new model
    assert win.model.results[by_name(win)["s0.jpg"]].human_label == NEITHER  # the labels stay
    assert "no-plums-b" in win.banner.text and win.banner.action.text() == "Switch back"
    assert "0 photos got another label" in win.banner.text  # (the fake model labels by colour, whatever its name)
    win.models.refresh()
    assert win.models.model_actions["no-plums-b"].isChecked()
    assert not win.models.model_actions["bundled"].isChecked()
    with wait_job(qtbot, win, "classify"):
        win.banner.action.click()  # one click back
    assert registry.active_name() == "bundled" and win.model_label.text() == "Model: bundled"


def test_keeping_the_current_model(qtbot, window, tmp_path: Path) -> None:
    win, _photos = labelled_window(qtbot, window, tmp_path)
    with wait_job(qtbot, win, "teach"):
        win.models.teach_action.trigger()
    qtbot.waitUntil(lambda: teach_dialog_shown(win), timeout=5000)
    win.ctl.models.teach_dialog.keep_button.click()
    assert registry.active_name() == "bundled" and win.ctl.session.keeper.untaught == 2
    assert "labels are kept" in win.statusBar().currentMessage() and not win.ctl.busy


def test_a_refusal_is_shown_with_its_reason_and_hint(qtbot, window, tmp_path: Path) -> None:
    refusal = TeachError("The taught model would be clearly worse (95.0% -> 80.0%).", "Check the labels you gave.")
    win, _photos = labelled_window(qtbot, window, tmp_path, TeachingJobs(refuse=refusal))
    with wait_job(qtbot, win, "teach"):
        QTest.keySequence(win, "Ctrl+T")
    box = win.ctl.error_dialog
    assert box is not None and box.isVisible() and box.text() == "The model was not taught."
    assert "clearly worse" in box.informativeText() and "Check the labels you gave." in box.informativeText()
    assert registry.active_name() == "bundled" and win.ctl.models.teach_dialog is None
    box.accept()


def test_the_model_menu_lists_switches_and_resets(qtbot, window, tmp_path: Path) -> None:
    write_model("spring", {"taught_from": "bundled", "training_data": {"labels_from_the_person": 12}})
    write_model("tulips & <roses>")
    write_model("damaged", {"broken": True})
    (registry.models_dir() / "unreadable").mkdir()
    (registry.models_dir() / "unreadable" / "model.json").write_text("{not json")
    distinct_folder(tmp_path / "photos")
    jobs = TeachingJobs()
    win = window(jobs)
    run_folder(qtbot, win, tmp_path / "photos")
    win.models.refresh()
    actions = win.models.model_actions
    assert list(actions) == ["bundled", "damaged", "spring", "tulips & <roses>", "unreadable"]
    assert actions["bundled"].isChecked() and not actions["unreadable"].isEnabled()
    assert "taught from bundled, 2025-04-01" in actions["spring"].text()
    assert "12 of them are your labels" in actions["spring"].toolTip()
    assert win.models.active_action.text() == "Active model: bundled"
    assert not win.models.reset_action.isEnabled()  # already the bundled one
    before = jobs.classified
    with wait_job(qtbot, win, "classify"):
        actions["tulips & <roses>"].trigger()
    assert jobs.classified == before + 1 and registry.active_name() == "tulips & <roses>"
    assert win.model_label.text() == "Model: tulips & <roses>" and win.models.reset_action.isEnabled()
    assert win.models.active_action.text() == "Active model: tulips & <roses>"
    with wait_job(qtbot, win, "switch"):
        actions["damaged"].trigger()  # cannot be loaded: said, and the model in use stays checked
    assert win.ctl.error_dialog is not None and "cannot be loaded" in win.ctl.error_dialog.informativeText()
    win.ctl.error_dialog.accept()
    assert registry.active_name() == "tulips & <roses>" and win.models.model_actions["tulips & <roses>"].isChecked()
    with wait_job(qtbot, win, "classify"):
        win.models.reset_action.trigger()
    assert registry.active_name() == "bundled" and win.model_label.text() == "Model: bundled"


def test_a_teaching_set_that_cannot_be_written_is_said_once_and_labels_are_not_lost_silently(
    qtbot, window, tmp_path: Path
) -> None:
    default_path().mkdir(parents=True)  # a folder where the teaching set file should be: it cannot be opened
    photos = distinct_folder(tmp_path / "photos")
    win = window(TeachingJobs())
    run_folder(qtbot, win, tmp_path / "photos")
    select(win, ["s0.jpg"])
    QTest.keyClick(win.grid, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: win.ctl.session.keeper.idle and win.ctl.error_dialog is not None, timeout=5000)
    box = win.ctl.error_dialog
    assert box.text() == "Your labels could not be kept for later." and "cannot be opened" in box.informativeText()
    box.accept()
    select(win, ["s1.jpg"])
    win.neither_action.trigger()
    qtbot.waitUntil(lambda: win.ctl.session.keeper.idle, timeout=5000)
    assert win.ctl.error_dialog is box  # said once
    assert win.ctl.session.keeper.unsaved == 2 and photos["s0"].exists()
    when_modal(click_button("Keep them"))
    win.ctl.start_run()  # classifying again would lose them: asks first
    assert not win.ctl.busy and win.model.results[by_name(win)["s0.jpg"]].human_label == NEITHER
    asked: list[str] = []

    def discard(dialog) -> None:  # type: ignore[no-untyped-def]
        asked.append(dialog.text())
        click_button("Discard")(dialog)

    when_modal(discard)
    win.close()
    assert asked == ["2 labels could not be kept in your teaching set."] and not win.isVisible()


def test_a_stopped_classification_after_a_switch_does_not_carry_its_count_to_the_next_folder(
    qtbot, window, tmp_path: Path
) -> None:
    write_model("spring")
    distinct_folder(tmp_path / "photos")
    make_folder(tmp_path / "other folder")
    jobs = TeachingJobs(delay=0.3, batch_size=2)
    win = window(jobs)
    run_folder(qtbot, win, tmp_path / "photos", timeout=30000)
    win.models.refresh()
    with wait_job(qtbot, win, "classify", timeout=30000) as blocker:
        win.models.model_actions["spring"].trigger()  # classifies the folder again with it ...
        qtbot.waitUntil(lambda: win.ctl.session.job_kind == "classify" and win.progress.value() > 0, timeout=10000)
        win.cancel_run()  # ... and the person stops that
    assert blocker.args == ["classify", "aborted"]
    assert win.banner.text == "Now using the model <b>spring</b>." and win.ctl.session.switch_note is None
    run_folder(qtbot, win, tmp_path / "other folder", timeout=30000)
    assert "got another label" not in win.banner.text, win.banner.text
