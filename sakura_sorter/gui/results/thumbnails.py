"""Lazy thumbnails: decoded on a small thread pool (JPEG draft), kept in an LRU of QPixmaps on the GUI thread.

Views ask with :meth:`ThumbnailLoader.get`; it returns the pixmap when it is ready, else ``None`` and asks for
the decode once. ``ready(path, size)`` is emitted when it arrives. What the views ask for last is decoded first
(:mod:`~sakura_sorter.gui.results.ask_queue`): after a scroll, the screen the person stopped at.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap

from sakura_sorter.gui.results.ask_queue import AskQueue


def pil_to_qimage(im: Image.Image) -> QImage:
    """An RGB PIL image as a QImage in the fastest format to paint, owning its pixels (safe after ``im`` is gone)."""
    data = im.tobytes("raw", "RGB")
    image = QImage(data, im.width, im.height, 3 * im.width, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)


class _Signals(QObject):
    loaded = Signal(str, int, QImage)
    failed = Signal(str, int, str)


class _Worker(QRunnable):
    """Decodes what the queue gives it, newest ask first, until nothing is asked."""

    def __init__(self, queue: AskQueue[tuple[str, int]], signals: _Signals):
        super().__init__()
        self.queue, self.signals = queue, signals

    def run(self) -> None:
        from sakura_sorter.vision.photos import load_thumbnail

        while (key := self.queue.take()) is not None:
            path, size = key
            try:
                image = pil_to_qimage(load_thumbnail(Path(path), size))
            except Exception as exc:  # any unreadable photo just has no thumbnail
                self.signals.failed.emit(path, size, str(exc))
                continue
            self.signals.loaded.emit(path, size, image)


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
        self._threads = threads
        self._asked: AskQueue[tuple[str, int]] = AskQueue()
        self._new_generation = False  # a new generation of asks is due when the event loop next runs
        self._bad: dict[tuple[str, int], str] = {}

    @property
    def last_asked_first(self) -> bool:
        """Decode what was asked for last first (True), or first asked, first decoded (as before; measuring)."""
        return self._asked.newest_first

    @last_asked_first.setter
    def last_asked_first(self, value: bool) -> None:
        self._asked.newest_first = value

    def get(self, path: Path | str, size: int, priority: int = 0) -> QPixmap | None:
        """The thumbnail if ready; otherwise ask for it (again: the ask is now the newest) and return None.
        ``priority`` > 0: before every other ask (the photo a person is looking at large)."""
        key = (str(path), size)
        pixmap = self._cache.get(key)
        if pixmap is not None:
            self._cache.move_to_end(key)
            return pixmap
        if key not in self._bad:
            self._asked.ask(key, urgent=priority > 0)
            if not self._new_generation:  # everything one paint asks for is one generation
                self._new_generation = True
                QTimer.singleShot(0, self._next_generation)
            while self._asked.claim_worker(self._threads):
                self._pool.start(_Worker(self._asked, self._signals))
        return None

    def _next_generation(self) -> None:
        self._new_generation = False
        self._asked.next_generation()

    def pending(self, path: Path | str, size: int) -> bool:
        """The thumbnail is asked for and not ready yet."""
        return self._asked.holds((str(path), size))

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
        """Forget asks whose decode has not started (e.g. another folder was opened)."""
        self._asked.clear()

    def wait(self, msecs: int = 10000) -> bool:
        return self._pool.waitForDone(msecs)

    @staticmethod
    def _area(pixmap: QPixmap) -> int:
        return pixmap.width() * pixmap.height()

    def _on_loaded(self, path: str, size: int, image: QImage) -> None:
        key = (path, size)
        self._asked.done(key)
        pixmap = QPixmap.fromImage(image)
        self._cache[key] = pixmap
        self._pixels += self._area(pixmap)
        while self._pixels > self._max_pixels and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._pixels -= self._area(old)
        self.ready.emit(path, size)

    def _on_failed(self, path: str, size: int, reason: str) -> None:
        key = (path, size)
        self._asked.done(key)
        self._bad[key] = reason
        self.failed.emit(path, size, reason)
