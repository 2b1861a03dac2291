"""The window in Japanese: every string translated (Qt's translation system, .qm built from .ts by the package),
chosen from the system locale, and Japanese file names shown as they are."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_fakes import THREE, FakeJobs, make_folder, paint, run_folder, when_modal
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QMenu

from sakura_sorter.gui import i18n
from sakura_sorter.gui.results.model import Column

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import translations

#: Words that stay as they are in Japanese: names, keys, formats.
KEEP = {
    "Sakura",
    "Sorter",
    "VGG16",
    "XMP",
    "CSV",
    "Ctrl",
    "Shift",
    "Return",
    "Esc",
    "Enter",
    "Space",
    "csv",
    "sakura",
    "cosmos",
}


@pytest.fixture
def japanese(qtbot):  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    installed = i18n.install_translators(app, "ja")
    yield installed
    i18n.remove_translators(app, installed)


def test_the_package_built_the_qm_files_from_the_ts_sources() -> None:
    for language in ("ja", "en"):
        qm, ts = i18n.qm_file(language), i18n.qm_file(language).with_suffix(".ts")
        assert ts.is_file() and qm.is_file(), f"{qm} missing: reinstall the package (pip install -e .)"
        assert qm.stat().st_size > 1000


def test_every_string_of_the_window_has_a_japanese_translation() -> None:
    messages = translations.extract_all()
    known = translations.read_ts(i18n.TRANSLATIONS / "sakura_sorter_ja.ts")
    assert len(messages) > 150
    missing = [m for m in messages if not any(known.get((m.context, m.source), [""]))]
    assert not missing, f"untranslated: {missing[:5]}"
    for m in messages:  # placeholders survive translation
        for form in known[(m.context, m.source)]:
            assert set(re.findall(r"{\w+", form)) == set(re.findall(r"{\w+", m.source)), (m.source, form)


def test_language_follows_the_system_locale_and_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    assert i18n.choose_language(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)) == "ja"
    assert i18n.choose_language(QLocale(QLocale.Language.German)) == "en"
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    assert i18n.choose_language(QLocale(QLocale.Language.Japanese)) == "en"
    monkeypatch.setenv(i18n.ENV_VAR, "ja")
    assert i18n.choose_language(QLocale(QLocale.Language.English)) == "ja"


def english_left(texts: list[str]) -> list[str]:
    """Texts that still contain an English word (names, keys and file names excepted)."""
    left = []
    for text in texts:
        plain = re.sub(r"<[^>]+>", " ", text)
        plain = re.sub(r"\S+\.(jpg|csv|png)\b", " ", plain)  # file names
        plain = re.sub(r"'[^']*'|/\S+", " ", plain)  # a command line as typed; a folder's path
        plain = re.sub(r"&\w+;", " ", plain.split("エラー: ")[0])  # the photo reader's own words follow エラー:
        words = {w for w in re.findall(r"[A-Za-z]{3,}", plain) if w not in KEEP}
        if words:
            left.append(text)
    return left


def visible_texts(win) -> list[str]:  # type: ignore[no-untyped-def]
    texts = [win.windowTitle()]
    for widget in win.findChildren(QLabel) + win.findChildren(QAbstractButton):
        if widget.isVisibleTo(win) and widget.text():
            texts.append(widget.text())
    for box in win.findChildren(QComboBox):
        texts += [box.itemText(i) for i in range(box.count())]
    for menu in win.findChildren(QMenu):
        texts.append(menu.title())
        texts += [a.text() for a in menu.actions() if a.text()]
        texts += [a.toolTip() for a in menu.actions() if a.toolTip() != a.text().replace("&", "")]
    model = win.model
    texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    for row in range(model.rowCount()):
        texts += [model.data(model.index(row, c)) for c in (Column.LABEL, Column.YOURS, Column.STATUS)]
    return [t for t in texts if t and not t.startswith("/")]


def test_the_window_speaks_japanese(qtbot, japanese, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "写真"
    make_folder(folder)
    paint(folder, "street.jpg", 0.5, green=250)  # neither
    win = window(FakeJobs(classes=THREE))
    assert win.open_action.text() == "フォルダーを開く(&O)…" and win.file_menu.title() == "ファイル(&F)"
    run_folder(qtbot, win, folder)
    win.model.set_human_label(0, "sakura")
    left = english_left(visible_texts(win))
    assert left == [], left
    win.start_review(win.model.review_rows())
    left = english_left(visible_texts(win))
    assert left == [], left
    assert "枚目" in win.review.counter.text()

    seen: list[str] = []

    def read_and_cancel(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.extend(w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton))
        dialog.reject()

    when_modal(read_and_cancel)
    with qtbot.waitSignal(win.jobDone, timeout=20000, check_params_cb=lambda kind, _how: kind == "plan"):
        win.start_apply()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert english_left(seen) == [], seen
    assert any("移動" in text for text in seen)


def test_japanese_file_names_display(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "桜の写真"
    name = "満開の桜_2024年4月.jpg"
    paint(folder, name, 0.97)
    paint(folder / "京都", "夜桜.jpg", 0.96)
    win = window()
    win.scope_box.setCurrentIndex(win.scope_box.findData("each"))
    run_folder(qtbot, win, folder)
    names = {win.model.data(win.model.index(r, Column.PHOTO)) for r in range(win.model.rowCount())}
    assert names == {name, "京都/夜桜.jpg"}
    row = next(r for r in range(win.model.rowCount()) if win.model.results[r].path.name == name)
    assert name in win.model.data(win.model.index(row, Column.PHOTO), Qt.ItemDataRole.ToolTipRole)
    win.start_review([row])
    assert win.review.name.text() == name
    assert win.windowTitle().startswith("桜の写真")
