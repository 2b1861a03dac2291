"""A table model over :class:`~sakura_sorter.results.PhotoResult` and a proxy for filters and sorting.

The model keeps the model's label and the person's label apart (``human_label``); the threshold lives
here so that moving it re-decides "needs review" at once, without running the model again. The list and
the grid are two views of the same proxy, so filters, sorting and selection mean the same in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap

from sakura_sorter.files.plan_summary import PlanSummary, count_results
from sakura_sorter.gui.label_history import LabelHistory
from sakura_sorter.gui.words import (
    ALL,
    DONE,
    ERRORS,
    NEITHER_KIND,
    REVIEW,
    class_title,
    confidence_text,
    human_text,
    percent,
)
from sakura_sorter.results import PhotoResult, Threshold
from sakura_sorter.vision.listing import natural_key
from sakura_sorter.vocabulary import NEITHER, Status

from .thumbnails import ThumbnailLoader

translate = QCoreApplication.translate
LIST_THUMB = 36
GRID_THUMB = 160  #: the grid's default thumbnail size; the person can choose another (GRID_SIZES)
GRID_SIZES = (96, 128, 160, 208, 256)
ResultRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
GridPixmapRole = Qt.ItemDataRole.UserRole + 3
KindRole = Qt.ItemDataRole.UserRole + 4

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    PHOTO = 0
    LABEL = 1
    CONFIDENCE = 2
    YOURS = 3
    STATUS = 4


_COLUMNS = len(Column)


def headers() -> dict[Column, str]:
    return {
        Column.PHOTO: translate("Results", "Photo"),
        Column.LABEL: translate("Results", "Model says"),
        Column.CONFIDENCE: translate("Results", "Confidence"),
        Column.YOURS: translate("Results", "Your label"),
        Column.STATUS: translate("Results", "Status"),
    }


@dataclass
class Applied:
    """What the last apply did with one photo (``status`` from the sorting module)."""

    run_id: str | None
    status: str
    destination: Path | None
    moved: bool
    error: str = ""


class ResultsModel(QAbstractTableModel):
    """One row per photo; the person's label is edited with :meth:`set_human_label`. ``labelsGiven(results)``
    fires with the photos whose label a person changed (to keep the labels in the teaching set)."""

    countsChanged = Signal()
    labelsGiven = Signal(list)

    def __init__(self, thumbnails: ThumbnailLoader, parent: QObject | None = None):
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.results: list[PhotoResult] = []
        self.applied: dict[int, Applied] = {}
        self.history = LabelHistory()  #: the labellings Ctrl+Z gives back
        self.threshold: Threshold = 0.8
        self.grid_thumb = GRID_THUMB
        self.folder: Path | None = None
        self._row_of: dict[str, int] = {}
        self._place: dict[str, int] = {}  # each photo's place in the folder's order, when known
        self._last_place = -1
        self.in_folder_order = True  #: the rows (in the order they came) are in the folder's order
        self._moved_to: dict[str, int] = {}  # new path -> row, for photos an applied run moved
        self._placeholder = QIcon(_placeholder(LIST_THUMB))
        thumbnails.ready.connect(self._thumbnail_ready)
        thumbnails.failed.connect(lambda path, size, _reason: self._thumbnail_ready(path, size))

    # --- content ---------------------------------------------------------------------------------

    def reset(self, folder: Path | None = None, order: Sequence[Path] = ()) -> None:
        """No rows, for the photos of ``folder``; ``order``: its photos in the folder's order (as listed), to
        know whether the results come in that order (:attr:`in_folder_order`)."""
        self.beginResetModel()
        self.results, self.applied, self._row_of, self._moved_to = [], {}, {}, {}
        self.history.clear()
        self.folder = folder
        self._place = {str(p): i for i, p in enumerate(order)}
        self._last_place, self.in_folder_order = -1, True
        self.endResetModel()
        self.countsChanged.emit()

    def append(self, results: Sequence[PhotoResult]) -> None:
        if not results:
            return
        first = len(self.results)
        self.beginInsertRows(QModelIndex(), first, first + len(results) - 1)
        for offset, result in enumerate(results):
            self._row_of[str(result.path)] = first + offset
        self.results.extend(results)
        self.endInsertRows()
        for result in results:
            place = self._place.get(str(result.path), self._last_place)
            self.in_folder_order = self.in_folder_order and place >= self._last_place
            self._last_place = max(place, self._last_place)
        self.countsChanged.emit()

    def _all_changed(self) -> None:
        if self.results:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.results) - 1, len(Column) - 1))
        self.countsChanged.emit()

    def set_grid_thumb(self, size: int) -> None:
        """The grid's thumbnails are loaded at ``size`` pixels from now on."""
        if size != self.grid_thumb:
            self.grid_thumb = size
            self._all_changed()

    def set_threshold(self, threshold: Threshold) -> None:
        if threshold != self.threshold:
            self.threshold = threshold
            self._all_changed()

    def set_human_labels(self, rows: Sequence[int], label: str | None, undoable: bool = True) -> int:
        """Record a person's decision for ``rows`` (a class, ``NEITHER``, or None: the model's label again).

        Rows that cannot take a label (errors, already applied) are left alone; returns how many changed. The
        change is one batch of :attr:`history` (Ctrl+Z gives it back) when ``undoable``.
        """
        changed: list[PhotoResult] = []
        before: dict[int, str | None] = {}
        for row in rows:
            result = self.results[row]
            if not self.labellable(row) or result.human_label == label:
                continue
            before[row] = result.human_label
            result.human_label = label
            changed.append(result)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        if undoable:
            self.history.record(label, before)
        if changed:
            self.countsChanged.emit()
            self.labelsGiven.emit(changed)
        return len(changed)

    def labellable(self, row: int) -> bool:
        """True when a person may still change this photo's label (read, and not sorted by a run yet)."""
        return 0 <= row < len(self.results) and self.results[row].ok and not self.is_done(row)

    def undo_labels(self) -> int:
        """Give the photos of the last labelling (one key press) back the labels they had; returns how many."""
        before = self.history.pop(self.labellable)
        if not before:
            return 0
        by_label: dict[str | None, list[int]] = {}
        for row, label in before.items():
            by_label.setdefault(label, []).append(row)
        return sum(self.set_human_labels(rows, label, undoable=False) for label, rows in by_label.items())

    def set_hashes(self, hashes: dict[Path, str]) -> None:
        """Remember photos' content hashes found while keeping their labels (no need to hash them again)."""
        for path, sha in hashes.items():
            row = self.row_of(path)
            if row is not None and self.results[row].sha256 is None:
                self.results[row].sha256 = sha

    def set_human_label(self, row: int, label: str | None) -> None:
        self.set_human_labels([row], label)

    def unapplied_decisions(self) -> int:
        """How many photos a person labelled with a class that no apply has sorted yet: work still to do. A
        "leave here" (Neither) label is a decision already carried out: it is not counted (``left_here``)."""
        return sum(self.summary().by_person.values())

    def left_here(self) -> int:
        """How many photos a person chose to leave where they are (Neither), not sorted by a run."""
        return self.summary().left_by_person

    def set_applied(self, entries: dict[int, Applied]) -> None:
        self.applied.update(entries)
        for row, entry in entries.items():
            if entry.moved and entry.destination is not None:
                self.thumbnails.forget(self.results[row].path)
                self._moved_to[str(entry.destination)] = row
        self._all_changed()

    def clear_applied(self, run_id: str | None) -> None:
        """Forget what run ``run_id`` did (it was undone): its photos are back where they were."""
        for row in [row for row, entry in self.applied.items() if entry.run_id == run_id]:
            entry = self.applied.pop(row)
            if entry.destination is not None:
                self.thumbnails.forget(entry.destination)
                self._moved_to.pop(str(entry.destination), None)
        self._all_changed()

    def row_of(self, path: Path | str) -> int | None:
        """The row of the photo found at ``path`` when the folder was classified."""
        return self._row_of.get(str(path))

    def current_path(self, row: int) -> Path:
        """Where the photo is now (its new place if a run moved it)."""
        entry = self.applied.get(row)
        if entry is not None and entry.moved and entry.destination is not None:
            return entry.destination
        return self.results[row].path

    def is_done(self, row: int) -> bool:
        """True when an applied run already sorted this photo."""
        entry = self.applied.get(row)
        return entry is not None and entry.status == Status.SORTED

    def pending_results(self) -> list[PhotoResult]:
        """The photos an apply would still consider (not already sorted by an earlier run)."""
        return [r for row, r in enumerate(self.results) if not self.is_done(row)]

    def needs_review(self, row: int) -> bool:
        return not self.is_done(row) and self.results[row].needs_review(self.threshold)

    def review_rows(self) -> list[int]:
        return [row for row in range(len(self.results)) if self.needs_review(row)]

    def kind_of(self, row: int) -> str:
        """What the photo is shown as: an error, needs review, neither, or the class it goes to."""
        result = self.results[row]
        if not result.ok:
            return ERRORS
        if self.is_done(row):
            return DONE
        if self.needs_review(row):
            return REVIEW
        return NEITHER_KIND if result.final_label == NEITHER else (result.final_label or "")

    def summary(self) -> PlanSummary:
        """What Apply will do with these photos, in groups that do not overlap (counted by plan_summary)."""
        done = {row for row in self.applied if self.is_done(row)}
        return count_results(self.results, self.threshold, done)

    def counts(self, classes: Sequence[str]) -> dict[str, int]:
        """Photos per filter, as :meth:`kind_of` shows them: each class counts the photos that go into it on
        Apply (not those below the threshold: they are under needs review), neither, needs review, errors."""
        summary = self.summary()
        counts = {ALL: len(self.results), REVIEW: summary.review, ERRORS: summary.errors}
        counts[NEITHER_KIND] = summary.neither + summary.left_by_person
        counts.update({c: summary.to_class.get(c, 0) for c in classes if c != NEITHER})
        return counts

    # --- Qt model --------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The same as Qt's, in one call: sorting asks for two indexes at each comparison."""
        if 0 <= row < len(self.results) and 0 <= column < _COLUMNS and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers()[Column(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.results):
            return None
        row, col = index.row(), Column(index.column())
        result = self.results[row]
        if role == ResultRole:
            return result
        if role == KindRole:
            return self.kind_of(row)
        if role == SortRole:
            return self.sort_key(row, col)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.DecorationRole and col == Column.PHOTO:
            pixmap = self.thumbnails.get(self.current_path(row), LIST_THUMB)
            return QIcon(pixmap) if pixmap is not None else self._placeholder
        if role == GridPixmapRole:
            return self.thumbnails.get(self.current_path(row), self.grid_thumb)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and col == Column.STATUS:
            if not result.ok or (row in self.applied and self.applied[row].status == Status.ERROR):
                return QBrush(QColor("#b3261e"))
            if self.needs_review(row):
                return QBrush(QColor("#8a5a00"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Column.CONFIDENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: int, col: Column) -> str:
        result = self.results[row]
        if col == Column.PHOTO:
            return self.name(row)
        if col == Column.LABEL:
            return class_title(result.label)
        if col == Column.CONFIDENCE:
            return confidence_text(result.confidence)
        if col == Column.YOURS:
            return human_text(result.human_label)
        return self.status_text(row)

    def name(self, row: int) -> str:
        """The photo's path relative to the folder (``2024/IMG_1.jpg``), as found when classified."""
        path = self.results[row].path
        if self.folder is not None:
            try:
                return path.relative_to(self.folder).as_posix()
            except ValueError:
                pass
        return path.name

    def status_text(self, row: int) -> str:
        result = self.results[row]
        entry = self.applied.get(row)
        if entry is not None:
            if entry.status == Status.SORTED and entry.destination is not None:
                if entry.moved:
                    return translate("Results", "moved to {folder}/").format(folder=entry.destination.parent.name)
                if entry.destination == result.path:
                    return translate("Results", "tagged {label}").format(label=class_title(result.final_label))
                return translate("Results", "copied to {folder}/").format(folder=entry.destination.parent.name)
            if entry.status == Status.ERROR:
                return translate("Results", "error: {error}").format(error=entry.error)
        if not result.ok:
            return translate("Results", "error: {error}").format(error=result.error or "")
        if result.human_label == NEITHER:
            return translate("Results", "stays here (your choice)")
        if self.needs_review(row):
            return translate("Results", "needs review")
        if result.final_label == NEITHER:
            return translate("Results", "stays here (neither)")
        if entry is not None and entry.status == Status.SKIPPED:
            return translate("Results", "skipped")
        return f"→ {class_title(result.final_label)}"

    def sort_key(self, row: int, col: int) -> float | str:
        """What the photo of ``row`` is ordered by in column ``col``: its confidence, else the words shown
        (the name in file-manager order, see :func:`natural_key`)."""
        col = Column(col)
        result = self.results[row]
        if col == Column.CONFIDENCE:
            return -1.0 if result.confidence is None else result.confidence
        if col == Column.PHOTO:
            return natural_key(self.name(row))
        return self._display(row, col).casefold()

    def _tooltip(self, row: int) -> str:
        result = self.results[row]
        lines = [str(self.current_path(row))]
        if result.scores:
            lines.append(", ".join(f"{class_title(c)} {percent(s)}" for c, s in sorted(result.scores.items())))
        if result.error:
            lines.append(translate("Results", "Error: {error}").format(error=result.error))
        return "\n".join(lines)

    def _thumbnail_ready(self, path: str, size: int) -> None:
        if size not in (LIST_THUMB, self.grid_thumb):
            return
        row = self._moved_to.get(path, self._row_of.get(path))
        if row is not None and row < len(self.results):
            index = self.index(row, Column.PHOTO)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, GridPixmapRole])


def _placeholder(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#e6e6e6"))
    return pixmap
