"""Lazy thumbnails: decoded on a small thread pool (JPEG draft), kept in an LRU of QPixmaps on the GUI thread.

Views ask with :meth:`ThumbnailLoader.get`; it returns the pixmap when it is ready, else ``None`` and queues
the decode once. ``ready(path, size)`` is emitted when a queued decode arrives.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap


def pil_to_qimage(im: Image.Image) -> QImage:
    """An RGB PIL image as a QImage in the fastest format to paint, owning its pixels (safe after ``im`` is gone)."""
    data = im.tobytes("raw", "RGB")
    image = QImage(data, im.width, im.height, 3 * im.width, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)


class _Signals(QObject):
    loaded = Signal(str, int, QImage)
    failed = Signal(str, int, str)


class _Job(QRunnable):
    def __init__(self, path: str, size: int, signals: _Signals):
        super().__init__()
        self.path, self.size, self.signals = path, size, signals

    def run(self) -> None:
        from sakura_sorter.vision.photos import load_thumbnail

        try:
            image = pil_to_qimage(load_thumbnail(Path(self.path), self.size))
        except Exception as exc:  # any unreadable photo just has no thumbnail
            self.signals.failed.emit(self.path, self.size, str(exc))
            return
        self.signals.loaded.emit(self.path, self.size, image)


class ThumbnailLoader(QObject):
    """Asynchronous thumbnail source with an LRU bounded by total pixels."""

    ready = Signal(str, int)
    failed = Signal(str, int, str)

    def __init__(self, parent: QObject | None = None, max_pixels: int = 60_000_000, threads: int = 2):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._signals = _Signals(self)
        self._signals.loaded.connect(self._on_loaded)
        self._signals.failed.connect(self._on_failed)
        self._cache: OrderedDict[tuple[str, int], QPixmap] = OrderedDict()
        self._pixels = 0
        self._max_pixels = max_pixels
        self._pending: set[tuple[str, int]] = set()
        self._bad: dict[tuple[str, int], str] = {}

    def get(self, path: Path | str, size: int, priority: int = 0) -> QPixmap | None:
        """The thumbnail if ready; otherwise queue it (once) and return None."""
        key = (str(path), size)
        pixmap = self._cache.get(key)
        if pixmap is not None:
            self._cache.move_to_end(key)
            return pixmap
        if key not in self._pending and key not in self._bad:
            self._pending.add(key)
            self._pool.start(_Job(key[0], size, self._signals), priority)
        return None

    def error(self, path: Path | str, size: int) -> str | None:
        """Why the thumbnail could not be made (None if it was not tried or worked)."""
        return self._bad.get((str(path), size))

    def forget(self, path: Path | str) -> None:
        """Drop every cached size of ``path`` (after the file moved or changed)."""
        for key in [k for k in self._cache if k[0] == str(path)]:
            self._pixels -= self._area(self._cache.pop(key))
        for key in [k for k in self._bad if k[0] == str(path)]:
            del self._bad[key]

    def clear_queue(self) -> None:
        """Forget queued decodes that have not started (e.g. another folder was opened)."""
        self._pool.clear()
        self._pending.clear()

    def wait(self, msecs: int = 10000) -> bool:
        return self._pool.waitForDone(msecs)

    @staticmethod
    def _area(pixmap: QPixmap) -> int:
        return pixmap.width() * pixmap.height()

    def _on_loaded(self, path: str, size: int, image: QImage) -> None:
        key = (path, size)
        self._pending.discard(key)
        pixmap = QPixmap.fromImage(image)
        self._cache[key] = pixmap
        self._pixels += self._area(pixmap)
        while self._pixels > self._max_pixels and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._pixels -= self._area(old)
        self.ready.emit(path, size)

    def _on_failed(self, path: str, size: int, reason: str) -> None:
        key = (path, size)
        self._pending.discard(key)
        self._bad[key] = reason
        self.failed.emit(path, size, reason)
