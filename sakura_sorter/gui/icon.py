"""The application icon, drawn in code: five notched sakura petals around a golden centre."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

PETAL = QColor("#f6a5c0")
PETAL_EDGE = QColor("#d9587f")
CENTRE = QColor("#f2b705")


def _petal(size: float) -> QPainterPath:
    """One petal pointing up from the origin, with the notch at its tip that sakura petals have."""
    length, width, notch = 0.46 * size, 0.25 * size, 0.07 * size
    path = QPainterPath(QPointF(0, 0))
    path.cubicTo(QPointF(-width, -0.25 * length), QPointF(-width, -length), QPointF(-0.12 * width, -length))
    path.lineTo(QPointF(0, -length + notch))
    path.lineTo(QPointF(0.12 * width, -length))
    path.cubicTo(QPointF(width, -length), QPointF(width, -0.25 * length), QPointF(0, 0))
    return path


def draw_icon(size: int) -> QPixmap:
    """The icon at ``size`` x ``size`` pixels, on a transparent background."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(size / 2, size / 2 + 0.02 * size)
    painter.setPen(QPen(PETAL_EDGE, max(1.0, size / 48)))
    painter.setBrush(QBrush(PETAL))
    petal = _petal(size)
    for i in range(5):
        painter.save()
        painter.rotate(i * 72)
        painter.drawPath(petal)
        painter.restore()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(PETAL_EDGE))
    for i in range(5):  # stamens
        angle = math.radians(i * 72 + 36 - 90)
        r = 0.11 * size
        painter.drawEllipse(QPointF(r * math.cos(angle), r * math.sin(angle)), 0.025 * size, 0.025 * size)
    painter.setBrush(QBrush(CENTRE))
    painter.drawEllipse(QRectF(-0.07 * size, -0.07 * size, 0.14 * size, 0.14 * size))
    painter.end()
    return pixmap


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(draw_icon(size))
    return icon
