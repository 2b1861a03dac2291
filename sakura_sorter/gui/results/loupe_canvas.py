"""The loupe's picture: fit to the window or actual pixels, panned by dragging, zoomed by the wheel.

The photo is decoded off the GUI thread (a 12-MP JPEG takes a third of a second here), twice: first a
quick JPEG draft about the size of the screen, shown at once, then the full picture for 100%. The view's
state is plain numbers, ``scale`` (screen pixels per photo pixel) and ``centre`` (the photo point at the
middle of the view), so tests read what a person sees.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRectF, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from sakura_sorter.vision.photos import ImageLoadError, open_image

from .thumbnails import pil_to_qimage

#: The quick first decode keeps both sides at least this large (JPEG draft), enough to fill a screen.
PREVIEW_SIDE = 1600
MAX_SCALE = 8.0
WHEEL_STEP = 1.25
BACKGROUND = QColor("#1b1b1d")
#: Files that ``open_image`` decodes as a quick JPEG draft when given a ``min_size``.
_DRAFTED = frozenset({".jpg", ".jpeg", ".jpe"})


class _Signals(QObject):
    preview = Signal(int, QImage)
    full = Signal(int, QImage)
    failed = Signal(int, str)


class _Decode(QRunnable):
    """Decode one photo: the quick preview, then (unless a newer photo was asked for) the full picture."""

    def __init__(self, path: Path, ticket: int, current: Callable[[int], bool], signals: _Signals):
        super().__init__()
        self.path, self.ticket, self.current, self.signals = path, ticket, current, signals

    def run(self) -> None:
        try:
            first = open_image(self.path, min_size=PREVIEW_SIDE)
            if self.path.suffix.lower() not in _DRAFTED:  # that was the whole picture: shrink it for the preview
                preview = first.copy()
                preview.thumbnail((2 * PREVIEW_SIDE, 2 * PREVIEW_SIDE))
                self.signals.preview.emit(self.ticket, pil_to_qimage(preview))
                self.signals.full.emit(self.ticket, pil_to_qimage(first))
                return
            self.signals.preview.emit(self.ticket, pil_to_qimage(first))
            del first
            if self.current(self.ticket):
                self.signals.full.emit(self.ticket, pil_to_qimage(open_image(self.path)))
        except ImageLoadError as exc:
            self.signals.failed.emit(self.ticket, str(exc))
        except MemoryError:
            self.signals.failed.emit(self.ticket, "not enough memory to open this photo")


class LoupeCanvas(QWidget):
    """Shows one photo; ``fullLoaded`` fires when the actual pixels are in, ``failed(reason)`` when it cannot."""

    fullLoaded = Signal()
    failed = Signal(str)
    viewChanged = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(200, 150)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(True)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.preview.connect(self._on_preview)
        self._signals.full.connect(self._on_full)
        self._signals.failed.connect(self._on_failed)
        self._ticket = 0
        self._preview: QPixmap | None = None
        self._full: QPixmap | None = None
        self._size = QSize()  # the photo's size, upright
        self._message = ""
        self.scale = 1.0
        self.centre = QPointF()
        self.fitted = True
        self._drag: QPointF | None = None
        self._cache: tuple[float, int, QPixmap] | None = None  # (scale, source id, scaled pixmap)

    # --- the photo ----------------------------------------------------------------------------------

    def load(self, path: Path, size: QSize | None = None, message: str = "") -> None:
        """Start showing ``path`` (``size``: its upright size when known, to lay out before the decode)."""
        self._ticket += 1
        self._preview = self._full = None
        self._cache = None
        self._size = QSize(size) if size is not None and not size.isEmpty() else QSize()
        self._message = message
        self.fit()
        self._pool.start(_Decode(Path(path), self._ticket, self._is_current, self._signals))

    def stop(self) -> None:
        """Forget the photo being decoded (its results are dropped when they arrive)."""
        self._ticket += 1

    def clear(self) -> None:
        """Show nothing and let the pictures go."""
        self.stop()
        self._preview = self._full = None
        self._cache = None
        self._size = QSize()
        self._message = ""
        self.update()

    def wait(self, msecs: int = 10000) -> bool:
        return self._pool.waitForDone(msecs)

    def has_full(self) -> bool:
        return self._full is not None

    def photo_size(self) -> QSize:
        return QSize(self._size)

    def _is_current(self, ticket: int) -> bool:
        return ticket == self._ticket

    def _on_preview(self, ticket: int, image: QImage) -> None:
        if ticket != self._ticket:
            return
        self._preview = QPixmap.fromImage(image)
        if self._size.isEmpty():
            self._size = image.size()
            self._relayout()
        self.update()

    def _on_full(self, ticket: int, image: QImage) -> None:
        if ticket != self._ticket:
            return
        self._full = QPixmap.fromImage(image)
        self._cache = None
        if image.size() != self._size:
            self._size = image.size()
            self._relayout()
        self.update()
        self.fullLoaded.emit()

    def _on_failed(self, ticket: int, reason: str) -> None:
        if ticket != self._ticket:
            return
        self._message = reason
        self.update()
        self.failed.emit(reason)

    # --- zoom and pan -------------------------------------------------------------------------------

    def fit_scale(self) -> float:
        """The scale at which the whole photo fills the view (it may enlarge a small photo)."""
        if self._size.isEmpty():
            return 1.0
        return min(self.width() / self._size.width(), self.height() / self._size.height())

    def fit(self) -> None:
        self.fitted = True
        self.scale = self.fit_scale()
        self.centre = QPointF(self._size.width() / 2, self._size.height() / 2)
        self._changed()

    def actual_pixels(self, anchor: QPointF | None = None) -> None:
        """100%: one photo pixel per screen pixel, the photo point under ``anchor`` (view coordinates) kept."""
        self.zoom_to(1.0, anchor)

    def toggle_actual_pixels(self, anchor: QPointF | None = None) -> None:
        if self.fitted or abs(self.scale - 1.0) > 1e-9:
            self.actual_pixels(anchor)
        else:
            self.fit()

    def zoom_to(self, scale: float, anchor: QPointF | None = None) -> None:
        if self._size.isEmpty():
            return
        low = min(self.fit_scale(), 1.0)
        scale = max(low, min(MAX_SCALE, scale))
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        under = self.to_photo(anchor)
        middle = QPointF(self.width() / 2, self.height() / 2)
        self.scale = scale
        self.fitted = abs(scale - self.fit_scale()) < 1e-9
        self.centre = under - (anchor - middle) / scale
        self._changed()

    def pan(self, dx: float, dy: float) -> None:
        """Move the photo by ``dx``, ``dy`` screen pixels (as a drag does)."""
        self.centre = self.centre - QPointF(dx, dy) / self.scale
        self._changed()

    def to_photo(self, point: QPointF) -> QPointF:
        """The photo point under the view point ``point``."""
        middle = QPointF(self.width() / 2, self.height() / 2)
        return self.centre + (point - middle) / self.scale

    def visible_rect(self) -> QRectF:
        """The part of the photo shown, in photo pixels."""
        w, h = self.width() / self.scale, self.height() / self.scale
        shown = QRectF(self.centre.x() - w / 2, self.centre.y() - h / 2, w, h)
        return shown.intersected(QRectF(0, 0, self._size.width(), self._size.height()))

    def photo_rect(self) -> QRectF:
        """Where the whole photo lies in the view (beyond its edges when zoomed in), on whole pixels."""
        left = round(self.width() / 2 - self.centre.x() * self.scale)  # whole pixels: sharp at 100%
        top = round(self.height() / 2 - self.centre.y() * self.scale)
        return QRectF(left, top, self._size.width() * self.scale, self._size.height() * self.scale)

    def _changed(self) -> None:
        self._clamp()
        self.update()
        self.viewChanged.emit()

    def _clamp(self) -> None:
        """Keep the photo on screen: centred along a side it does not fill, else no empty margin."""
        cx, cy = self.centre.x(), self.centre.y()
        half_w, half_h = self.width() / (2 * self.scale), self.height() / (2 * self.scale)
        w, h = self._size.width(), self._size.height()
        cx = w / 2 if 2 * half_w >= w else min(max(cx, half_w), w - half_w)
        cy = h / 2 if 2 * half_h >= h else min(max(cy, half_h), h - half_h)
        self.centre = QPointF(cx, cy)

    def _relayout(self) -> None:
        if self.fitted:
            self.fit()
        else:
            self._changed()

    # --- events -------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._cache = None
        self._relayout()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_to(self.scale * WHEEL_STEP**steps, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            delta = event.position() - self._drag
            self._drag = event.position()
            self.pan(delta.x(), delta.y())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        self.unsetCursor()
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        source = self._source()
        if source is None or self._size.isEmpty():
            painter.setPen(QColor("#dddddd"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
            return
        target = self.photo_rect()
        if self.scale < 1.0:  # reduced: a smoothly scaled copy, made once per scale
            painter.drawPixmap(target.topLeft(), self._scaled(source, target.size().toSize()))
        else:  # actual pixels or closer: every photo pixel a sharp square
            painter.drawPixmap(target, source, QRectF(source.rect()))

    def _source(self) -> QPixmap | None:
        """The full picture, or the preview while the full one is decoding or when it is enough."""
        preview_enough = self._preview is not None and self.scale * self._size.width() <= self._preview.width()
        if self._full is not None and not preview_enough:
            return self._full
        return self._preview if self._preview is not None else self._full

    def _scaled(self, source: QPixmap, size: QSize) -> QPixmap:
        key = (self.scale, source.cacheKey())
        if self._cache is None or self._cache[:2] != key:
            smooth = Qt.TransformationMode.SmoothTransformation
            self._cache = (*key, source.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, smooth))
        return self._cache[2]
