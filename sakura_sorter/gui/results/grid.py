"""The two views of the results: a grid of thumbnails with labels, and a list with details (one shared model).

Multi-select with the mouse (Ctrl, Shift) or the keyboard (Shift+arrows, Ctrl+A); the window's label keys
label every selected photo at once; Space or Enter opens the large preview.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from sakura_sorter.gui.words import DONE, ERRORS, NEITHER_KIND, REVIEW, class_title, confidence_text
from sakura_sorter.results import PhotoResult

from .model import GRID_THUMB, LIST_THUMB, Column, GridPixmapRole, KindRole, ResultRole

translate = QCoreApplication.translate


def cell_size(thumb: int = GRID_THUMB) -> QSize:
    """A grid cell around a thumbnail of ``thumb`` pixels: margins, the file name and the chip below it."""
    return QSize(thumb + 24, thumb + 60)


CELL = cell_size()
#: Chip colours (background, text) per kind; classes not listed get the last one.
CHIP_COLOURS = {
    "sakura": ("#f8bbd0", "#7b1f45"),
    "cosmos": ("#d1c4e9", "#3e2a78"),
    NEITHER_KIND: ("#e0e0e0", "#424242"),
    REVIEW: ("#ffe082", "#6d4c00"),
    ERRORS: ("#ffcdd2", "#8e0000"),
    DONE: ("#c8e6c9", "#1b5e20"),
    "": ("#c8e6c9", "#1b5e20"),
}


def chip_text(kind: str, result: PhotoResult, status: str = "") -> str:
    """The words on a photo's chip: what an apply did, the person's label, or what will happen."""
    if kind == DONE:
        return "✓ " + status
    if kind == ERRORS:
        return translate("Grid", "cannot read")
    if result.human_label is not None:
        return "✓ " + class_title(result.human_label)  # short: the list says "Neither (leave here)"
    if kind == REVIEW:  # the class the model leans to, with a question mark
        return translate("Grid", "{label}?").format(label=class_title(result.label))
    return class_title(result.final_label)


def cell_chip(index: QModelIndex | QPersistentModelIndex) -> str:
    """The whole text of a cell's chip (before any eliding): its words and, while undecided, the confidence."""
    result = index.data(ResultRole)
    if not isinstance(result, PhotoResult):
        return ""
    kind = str(index.data(KindRole) or "")
    chip = chip_text(kind, result, str(index.sibling(index.row(), Column.STATUS).data() or ""))
    confidence = confidence_text(result.confidence)
    decided = kind in (ERRORS, DONE) or result.human_label is not None  # the person's label needs no percentage
    return chip if decided or not confidence else f"{chip} {confidence}"


def line_height(font: QFont, text: str) -> int:
    """The height of ``text`` set on one line in ``font``, with the fonts Qt falls back to for characters
    ``font`` lacks (a Japanese name is often taller than the window's font says)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return max(QFontMetrics(font).height(), math.ceil(line.height()))


class ThumbDelegate(QStyledItemDelegate):
    """Paints one cell: the thumbnail, the file name, a coloured chip with the label and the confidence."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.thumb = GRID_THUMB

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return cell_size(self.thumb)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        result = index.data(ResultRole)
        if not isinstance(result, PhotoResult):
            return
        rect: QRect = option.rect
        state = option.state
        palette: QPalette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        cell = rect.adjusted(3, 3, -3, -3)
        if selected:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight).lighter(170))
            painter.drawRoundedRect(cell, 6, 6)
        elif state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(cell, 6, 6)
        image = QRect(cell.left() + 6, cell.top() + 6, cell.width() - 12, self.thumb)
        pixmap = index.data(GridPixmapRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            scaled = pixmap.scaled(image.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = image.left() + (image.width() - scaled.width()) // 2
            y = image.top() + (image.height() - scaled.height()) // 2
            painter.drawPixmap(x, y, scaled)
        else:
            painter.fillRect(image, QColor("#e6e6e6"))
        metrics = QFontMetrics(option.font)
        room = cell.width() - 8
        name = metrics.elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideMiddle, room)
        name_rect = QRect(cell.left() + 4, image.bottom() + 2, room, line_height(option.font, name))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, name)
        kind = str(index.data(KindRole) or "")
        background, colour = CHIP_COLOURS.get(kind, CHIP_COLOURS[""])
        text = metrics.elidedText(cell_chip(index), Qt.TextElideMode.ElideRight, name_rect.width() - 10)
        width = min(name_rect.width(), metrics.horizontalAdvance(text) + 14)
        chip_rect = QRect(
            cell.left() + (cell.width() - width) // 2, name_rect.bottom() + 3, width, line_height(option.font, text) + 4
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(chip_rect, 8, 8)
        painter.setPen(QColor(colour))
        painter.drawText(chip_rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class PhotoGrid(QListView):
    """A grid of thumbnails with extended selection; Tab moves on to the next control."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setGridSize(CELL)
        self.setSpacing(0)
        self.setWrapping(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.delegate = ThumbDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)

    def set_thumb_size(self, thumb: int) -> None:
        """Cells for thumbnails of ``thumb`` pixels; as many columns as the width holds (the grid flows)."""
        self.delegate.thumb = thumb
        self.setGridSize(cell_size(thumb))
        self.scheduleDelayedItemsLayout()


class _MiddleElide(QStyledItemDelegate):
    """File names are cut in the middle (the end tells the photo apart); other columns at the end."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]  # the stubs name the index type more narrowly than Qt calls it
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class PhotoTable(QTableView):
    """The list: one row per photo with a small thumbnail; click a column title to sort; Tab leaves it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table
        self.setIconSize(QSize(LIST_THUMB, LIST_THUMB))
        self.verticalHeader().setDefaultSectionSize(LIST_THUMB + 8)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegateForColumn(Column.PHOTO, _MiddleElide(self))

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Set the model, then the columns: the photo's takes the room left (sections exist only now)."""
        super().setModel(model)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.PHOTO, QHeaderView.ResizeMode.Stretch)
        for col, width in ((Column.LABEL, 110), (Column.CONFIDENCE, 95), (Column.YOURS, 150), (Column.STATUS, 260)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
