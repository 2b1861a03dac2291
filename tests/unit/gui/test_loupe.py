"""The loupe: opens at fit, 1 gives actual pixels, pans and zooms, Esc goes back, ← → ask for the next photo."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QCursor, QImage, QKeySequence, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from sakura_sorter.gui.results.loupe import Loupe, file_size_text
from sakura_sorter.jobs import photo_facts as pf
from sakura_sorter.jobs.photo_facts import LoupePhoto, photo_facts
from sakura_sorter.vision.photos import open_image

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

SCORES = {"sakura": 0.62, "cosmos": 0.21, "other": 0.17}


def noisy_photo(path: Path, size: tuple[int, int], orientation: int | None = None) -> Path:
    """A JPEG of random pixels (every pixel differs from its neighbours: blur would show) with EXIF."""
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    exif = Image.Exif()
    exif[pf.MAKE], exif[pf.MODEL] = "Canon", "Canon EOS R5"
    exif.get_ifd(pf.EXIF_IFD)[pf.DATETIME_ORIGINAL] = "2024:04:06 10:31:07"
    if orientation:
        exif[pf.ORIENTATION] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels).save(path, "JPEG", quality=95, exif=exif)
    return path


class Caller:
    """What the window does around the loupe: a focused field, and the callbacks' record."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.window = QWidget()
        self.field = QLineEdit(self.window)
        QVBoxLayout(self.window).addWidget(self.field)
        self.window.resize(1000, 700)
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.window.activateWindow()
        self.field.setFocus()
        self.steps: list[int] = []
        self.closes = 0
        self.loupe = Loupe(self.window, on_step=self.steps.append, on_close=self._closed)

    def _closed(self) -> None:
        self.closes += 1


@pytest.fixture
def caller(qtbot) -> Iterator[Caller]:  # type: ignore[no-untyped-def]
    made = Caller(qtbot)
    yield made
    made.loupe.canvas.stop()
    made.loupe.canvas.wait()


def open_on(qtbot, caller: Caller, photo: LoupePhoto) -> Loupe:  # type: ignore[no-untyped-def]
    loupe = caller.loupe
    with qtbot.waitSignal(loupe.canvas.fullLoaded, timeout=30000):
        loupe.open(photo)
    return loupe


def shown_pixels(loupe: Loupe) -> np.ndarray:
    """What the canvas shows of the photo (its margins left out), as RGB pixels."""
    image = loupe.canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    pixels = rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3)
    on = loupe.canvas.photo_rect().toRect().intersected(loupe.canvas.rect())
    return pixels[on.top() : on.bottom() + 1, on.left() : on.right() + 1].copy()


def expected_pixels(loupe: Loupe, path: Path) -> np.ndarray:
    """The decoded photo's pixels in the part the canvas says it shows."""
    rect = loupe.canvas.visible_rect()
    im = np.asarray(open_image(path))
    left, top = round(rect.left()), round(rect.top())
    return im[top : top + round(rect.height()), left : left + round(rect.width())]


def test_opens_at_fit_and_1_gives_actual_pixels(qtbot, caller: Caller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = noisy_photo(tmp_path / "spring" / "桜 上野.jpg", (2400, 1600))
    loupe = open_on(qtbot, caller, LoupePhoto(path, tmp_path, "sakura", SCORES))
    canvas = loupe.canvas
    assert loupe.isVisible() and loupe.geometry() == caller.window.rect()  # fills the window
    assert canvas.fitted and canvas.scale == pytest.approx(min(canvas.width() / 2400, canvas.height() / 1600))
    whole = canvas.visible_rect()
    assert (whole.width(), whole.height()) == (2400, 1600)
    QCursor.setPos(caller.window.mapToGlobal(QPoint(-50, -50)))  # the pointer off the photo: zoom on the centre
    qtbot.keyClick(loupe, Qt.Key.Key_1)
    assert canvas.scale == 1.0 and not canvas.fitted
    shown = canvas.visible_rect()
    assert (shown.width(), shown.height()) == (canvas.width(), canvas.height())
    assert shown.center().x() == pytest.approx(1200) and shown.center().y() == pytest.approx(800)
    assert np.array_equal(shown_pixels(loupe), expected_pixels(loupe, path))  # one photo pixel per screen pixel
    qtbot.keyClick(loupe, Qt.Key.Key_1)
    assert canvas.fitted
    qtbot.keyClick(loupe, Qt.Key.Key_Z)
    assert canvas.scale == 1.0
    qtbot.keyClick(loupe, Qt.Key.Key_F)
    assert canvas.fitted and canvas.visible_rect().width() == 2400
    pointer = QPointF(150, canvas.height() / 2 + 120)  # on the photo: the photo point under the pointer stays under it
    under = canvas.to_photo(pointer)
    QCursor.setPos(canvas.mapToGlobal(pointer.toPoint()))
    qtbot.keyClick(loupe, Qt.Key.Key_1)
    assert canvas.scale == 1.0
    assert (canvas.to_photo(pointer).x(), canvas.to_photo(pointer).y()) == pytest.approx((under.x(), under.y()))


def test_arrows_drag_and_wheel_move_the_view(qtbot, caller: Caller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = noisy_photo(tmp_path / "p.jpg", (2400, 1600))
    loupe = open_on(qtbot, caller, LoupePhoto(path, tmp_path, "sakura", SCORES))
    canvas = loupe.canvas
    qtbot.keyClick(loupe, Qt.Key.Key_1)
    before = canvas.visible_rect()
    qtbot.keyClick(loupe, Qt.Key.Key_Right)  # zoomed in: the arrows pan, they do not change photo
    after = canvas.visible_rect()
    assert after.left() == pytest.approx(before.left() + 0.2 * canvas.width()) and after.top() == before.top()
    assert caller.steps == []
    start = QPointF(400, 300)
    for kind, point, buttons in (
        (QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, start + QPointF(-100, -50), Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, start + QPointF(-100, -50), Qt.MouseButton.NoButton),
    ):
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        event = QMouseEvent(kind, point, canvas.mapToGlobal(point), button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(canvas, event)
    dragged = canvas.visible_rect()
    assert (dragged.left(), dragged.top()) == pytest.approx((after.left() + 100, after.top() + 50))  # follows the hand
    point = QPointF(200, 150)
    under = canvas.to_photo(point)
    wheel = QWheelEvent(
        point, canvas.mapToGlobal(point), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(canvas, wheel)
    assert canvas.scale == pytest.approx(1.25)
    assert canvas.to_photo(point).x() == pytest.approx(under.x()) and canvas.to_photo(point).y() == pytest.approx(
        under.y()
    )  # the point under the pointer stays there
    for _ in range(20):  # never smaller than fit
        QApplication.sendEvent(canvas, QWheelEvent(wheel.position(), wheel.globalPosition(), QPoint(), QPoint(0, -120),
                                                   Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                   Qt.ScrollPhase.NoScrollPhase, False))  # fmt: skip
    assert canvas.fitted and canvas.visible_rect().width() == 2400


def test_left_right_ask_for_another_photo_and_esc_goes_back(qtbot, caller: Caller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = noisy_photo(tmp_path / "a.jpg", (800, 600))
    second = noisy_photo(tmp_path / "b.jpg", (600, 800))
    loupe = open_on(qtbot, caller, LoupePhoto(first, tmp_path, "sakura", SCORES))
    assert QApplication.focusWidget() is loupe
    qtbot.keyClick(loupe, Qt.Key.Key_Right)
    qtbot.keyClick(loupe, Qt.Key.Key_Left)
    qtbot.keyClick(loupe, Qt.Key.Key_PageDown)
    assert caller.steps == [1, -1, 1]
    with qtbot.waitSignal(loupe.canvas.fullLoaded, timeout=30000):
        loupe.show_photo(LoupePhoto(second, tmp_path, "cosmos", {"cosmos": 0.9, "sakura": 0.1}))
    assert loupe.canvas.photo_size().width() == 600 and loupe.canvas.fitted
    assert "b.jpg" in loupe.panel.text()
    qtbot.keyClick(loupe, Qt.Key.Key_1)
    qtbot.keyClick(loupe, Qt.Key.Key_Escape)
    assert not loupe.isVisible() and caller.closes == 1
    assert QApplication.focusWidget() is caller.field  # back where the person was
    assert not loupe.canvas.has_full()  # the pictures are let go
    with qtbot.waitSignal(loupe.canvas.fullLoaded, timeout=30000):
        loupe.open(LoupePhoto(second, tmp_path, "cosmos", {"cosmos": 0.9, "sakura": 0.1}))  # the same photo again
    assert loupe.canvas.fitted and loupe.isVisible() and QApplication.focusWidget() is loupe


def test_the_window_shortcuts_do_not_take_the_loupe_keys(qtbot, caller: Caller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fired: list[str] = []
    for key in ("1", "Z", "Right"):
        action = QAction(key, caller.window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False, key=key: fired.append(key))
        caller.window.addAction(action)
    loupe = open_on(qtbot, caller, LoupePhoto(noisy_photo(tmp_path / "a.jpg", (1600, 1200)), tmp_path, "sakura"))
    qtbot.keyClick(loupe, Qt.Key.Key_1)
    assert loupe.canvas.scale == 1.0
    qtbot.keyClick(loupe, Qt.Key.Key_Z)
    qtbot.keyClick(loupe, Qt.Key.Key_Right)
    assert fired == [] and caller.steps == [1]


def test_the_panel_says_date_camera_subfolder_and_every_score(qtbot, caller: Caller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = noisy_photo(tmp_path / "春の旅" / "夜桜.jpg", (1200, 800))
    loupe = open_on(qtbot, caller, LoupePhoto(path, tmp_path, "sakura", SCORES, human_label="cosmos"))
    text = loupe.panel.text()
    facts = photo_facts(path, tmp_path)
    for expected in ("夜桜.jpg", "春の旅", "2024-04-06 10:31:07", "Canon EOS R5", "1200 × 800 (1.0 MP)"):
        assert expected in text
    assert file_size_text(facts.file_size) in text
    lines = text.splitlines()
    for name, score in (("sakura", "0.62"), ("cosmos", "0.21"), ("Neither", "0.17")):  # other = neither class
        assert lines[lines.index(name) + 1] == score
    assert lines.index("sakura") < lines.index("cosmos") < lines.index("Neither")  # highest first
    assert "Model says: sakura" in lines and "Your label: cosmos" in lines
    loupe.show_photo(LoupePhoto(path, tmp_path, "sakura", SCORES))  # the same photo, labelled again
    assert "Your label: none yet" in loupe.panel.text() and loupe.canvas.has_full()  # no new decode
    top = noisy_photo(tmp_path / "top.jpg", (300, 200))
    with qtbot.waitSignal(loupe.canvas.fullLoaded, timeout=30000):
        loupe.show_photo(LoupePhoto(top, tmp_path, "sakura", SCORES))
    assert "(top of the folder)" in loupe.panel.text()


def test_an_exif_rotated_photo_is_shown_upright(qtbot, caller: Caller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = noisy_photo(tmp_path / "turned.jpg", (900, 600), orientation=6)
    loupe = open_on(qtbot, caller, LoupePhoto(path, tmp_path, "sakura", SCORES))
    assert (loupe.canvas.photo_size().width(), loupe.canvas.photo_size().height()) == (600, 900)
    qtbot.keyClick(loupe, Qt.Key.Key_1)
    assert np.array_equal(shown_pixels(loupe), expected_pixels(loupe, path))


def test_a_photo_that_cannot_be_opened_says_why(qtbot, caller: Caller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    loupe = caller.loupe
    with qtbot.waitSignal(loupe.canvas.failed, timeout=30000) as failed:
        loupe.open(LoupePhoto(broken, tmp_path, None, {}, error="cannot identify image file"))
    assert failed.args and failed.args[0]
    text = loupe.panel.text()
    assert "The model could not read it: cannot identify image file" in text
    qtbot.keyClick(loupe, Qt.Key.Key_1)  # nothing to zoom: no exception
    qtbot.keyClick(loupe, Qt.Key.Key_Escape)
    assert caller.closes == 1


def test_japanese(qtbot, caller: Caller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The loupe's strings in Japanese, from the ``.ts`` sources compiled as the package build does."""
    from loupe_screenshot import compiled_translations
    from PySide6.QtCore import QTranslator

    app = QApplication.instance()
    translators = []
    for qm in compiled_translations("ja", tmp_path):
        translators.append(QTranslator())
        assert translators[-1].load(str(qm))
        app.installTranslator(translators[-1])
    try:
        path = noisy_photo(tmp_path / "a.jpg", (800, 600))
        loupe = open_on(qtbot, caller, LoupePhoto(path, tmp_path, "sakura", SCORES, human_label="other"))
        text = loupe.panel.text()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    for japanese in (
        "撮影日時",
        "カメラ",
        "モデルの判定: 桜",
        "コスモス",
        "あなたのラベル: どちらでもない",
        "全体表示",
    ):
        assert japanese in text
    for english in ("Taken", "Camera", "Model says", "Your label", "Fit"):
        assert english not in text


def test_a_real_camera_photo(qtbot, caller: Caller, photos_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """A real 12-MP iPhone photo from ../shared: the first picture comes quickly, 100% shows its own pixels."""
    photos2 = photos_dir.parent / "photos2"
    candidates = (
        sorted(p for p in (photos2 / "sakura").glob("*.jpg") if photo_facts(p).camera) if photos2.is_dir() else []
    )
    big = [p for p in candidates if (photo_facts(p).width or 0) * (photo_facts(p).height or 0) >= 10_000_000]
    if not big:
        if os.environ.get("CI"):
            pytest.fail(f"no 10-MP camera photo in {photos2}, and CI must run this test")
        pytest.skip(f"no 10-MP camera photo with EXIF in {photos2}")
    path = big[0]
    facts = photo_facts(path, photos2)
    loupe = caller.loupe
    started = time.perf_counter()
    loupe.open(LoupePhoto(path, photos2, "sakura", SCORES))
    opened = time.perf_counter() - started
    with qtbot.waitSignal(loupe.canvas.fullLoaded, timeout=60000):
        pass
    print(f"open() returned in {opened * 1000:.0f} ms; full picture after {(time.perf_counter() - started):.2f} s")
    assert loupe.canvas.photo_size().width() == facts.width and loupe.canvas.photo_size().height() == facts.height
    text = loupe.panel.text()
    assert facts.taken and facts.taken in text and facts.camera and facts.camera in text and "sakura" in text
    qtbot.keyClick(loupe, Qt.Key.Key_1)
    assert loupe.canvas.scale == 1.0
    assert np.array_equal(shown_pixels(loupe), expected_pixels(loupe, path))
