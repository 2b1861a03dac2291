"""What the flows ask of the window: to say, show and ask, never which widget does it.

The main window (:class:`~sakura_sorter.gui.window.main_window.MainWindow`) is the one screen; a test may
give another. The flows read the window's choices (mode, threshold, scope) and its settings here too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from sakura_sorter.gui.results.filter import ResultsFilter
from sakura_sorter.gui.results.thumbnails import ThumbnailLoader
from sakura_sorter.vocabulary import Mode


class Screen(Protocol):
    settings: QSettings
    proxy: ResultsFilter
    thumbnails: ThumbnailLoader
    classes: list[str]

    @property
    def mode(self) -> Mode: ...

    @property
    def threshold(self) -> float | None:
        """The person's threshold, or None for the model's own per class."""
        ...

    @property
    def recursive(self) -> bool: ...

    @property
    def per_folder(self) -> bool: ...

    def widget(self) -> QWidget:
        """The window, as the parent of a dialog."""
        ...

    def say(self, kind: str, text: str, action: str = "", on_action: Callable[[], object] | None = None) -> None:
        """A message in the banner (kind: info, success, warning, error); rich text, names escaped."""
        ...

    def saying(self) -> str:
        """What the banner says now ("" when hidden)."""
        ...

    def unsay(self) -> None:
        """Hide the banner."""
        ...

    def status(self, text: str, timeout_ms: int = 0) -> None: ...

    def set_title(self, state: str = "") -> None: ...

    def show_progress(self, done: int, total: int, text: str, cancellable: bool = False) -> None: ...

    def show_folder(self, folder: Path) -> None:
        """The folder chosen (the window remembers it for next time)."""
        ...

    def set_classes(self, classes: list[str]) -> None: ...

    def show_left_out(self, left_out: Counter[str]) -> None:
        """Say near the scope choice which photos of subfolders "This folder only" leaves out (none: hide it)."""
        ...

    def sort_by_name(self) -> None:
        """Order the photos by file name, as a click on the list's Photo column does (its header shows it)."""
        ...

    def show_empty(self, detail: str) -> None:
        """The empty page, with why nothing is shown."""
        ...

    def show_opening(self, title: str, detail: str) -> None:
        """The empty page saying a folder is opening (rich text, names escaped), until its first results."""
        ...

    def show_results(self) -> None: ...

    def focus_results(self) -> None:
        """The keyboard goes to the grid or list shown."""
        ...

    def show_review(self, rows: list[int], position: int, end_note: str | None = None) -> None:
        """The large, one-at-a-time view of these source rows (``end_note``: said after the last one)."""
        ...

    def focus_stop(self) -> None:
        """The keyboard goes to Stop while a run classifies."""
        ...

    def apply_words(self) -> str:
        """The Apply command as the person sees it (plain text)."""
        ...
