"""The label-undo history (Qt-free): each key press is one batch, undone whole, newest first."""

from __future__ import annotations

from sakura_sorter.gui.label_history import LabelHistory


def test_undo_gives_back_each_batch_newest_first() -> None:
    history = LabelHistory()
    history.record("sakura", {0: None, 1: "cosmos"})
    history.record("cosmos", {0: "sakura"})
    assert history.last() is not None and history.last().count == 1  # type: ignore[union-attr]
    assert history.pop() == {0: "sakura"}
    assert history.pop() == {0: None, 1: "cosmos"}
    assert history.pop() is None
    assert history.last() is None


def test_nothing_changed_is_not_recorded() -> None:
    history = LabelHistory()
    history.record("sakura", {})
    assert history.last() is None


def test_batches_of_photos_no_longer_labellable_are_skipped() -> None:
    history = LabelHistory()
    history.record("sakura", {0: None, 1: None})
    history.record("cosmos", {2: None})
    done = {2}
    assert history.last(lambda row: row not in done).count == 2  # type: ignore[union-attr]
    done = {0}
    assert history.pop(lambda row: row not in done) == {1: None}  # the applied photo keeps its label


def test_clear_forgets_everything() -> None:
    history = LabelHistory()
    history.record("sakura", {0: None})
    history.clear()
    assert history.pop() is None
