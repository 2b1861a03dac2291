"""The result page of "Train a model from labelled folders": the recipe's figures (acc, val_acc,
cross-validation), the confusion matrix as a coloured table, what sorting would do with photos from sources
the model never saw, and the PCA plot of the features, as pictures. Names of folders and classes are plain
text (table items, plain-text labels), never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sakura_sorter.gui.widgets import NOTE_STYLE, plain_label
from sakura_sorter.gui.words import class_title, percent
from sakura_sorter.jobs.tasks import TrainOutcome
from sakura_sorter.model.evaluation import SortingFigures
from sakura_sorter.model.training import TrainingReport
from sakura_sorter.progress import format_duration

translate = QCoreApplication.translate
PCA_WIDTH = 620
HEADING = "font-weight: bold; font-size: 14px; margin-top: 8px;"


def _tr(text: str, n: int = -1) -> str:
    return translate("TrainResult", text, "", n)


def duration(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 60 else format_duration(seconds)


def _label(text: str = "", style: str = "") -> QLabel:
    """A plain-text label whose words can be selected (to copy a figure)."""
    label = plain_label(text, style)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _mix(colour: str, share: float) -> QColor:
    """``colour`` faded towards white: full at share 1, white at 0."""
    target = QColor(colour)
    share = max(0.0, min(1.0, share))
    return QColor(
        round(255 - (255 - target.red()) * share),
        round(255 - (255 - target.green()) * share),
        round(255 - (255 - target.blue()) * share),
    )


def _table(rows: int, columns: int, headers: Sequence[str], row_headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(rows, columns)
    table.setHorizontalHeaderLabels(list(headers))
    table.setVerticalHeaderLabels(list(row_headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return table


def _cell(text: str, background: QColor | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if background is not None:
        item.setBackground(background)
        item.setForeground(QColor("#202124"))
    return item


def _fit_height(table: QTableWidget) -> None:
    """As large as its cells, no larger (no scroll bars, no empty band to the right)."""
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    width = table.verticalHeader().sizeHint().width() + 2 * table.frameWidth()
    width += sum(table.columnWidth(c) for c in range(table.columnCount()))
    table.setFixedSize(width, height)


def confusion_table(report: TrainingReport) -> QTableWidget:
    """Rows: the folder a photo came from; columns: the model's label; the diagonal (right) green, the rest red,
    each cell as strong as its share of the row."""
    names = [class_title(c) for c in report.classes]
    table = _table(len(names), len(names), names, names)
    table.setObjectName("confusion")
    for i, row in enumerate(report.confusion):
        total = sum(row) or 1
        for j, value in enumerate(row):
            colour = "#81c995" if i == j else "#f28b82"
            table.setItem(i, j, _cell(str(value), _mix(colour, value / total) if value else None))
    _fit_height(table)
    return table


def sorting_table(figures: SortingFigures) -> QTableWidget:
    """Per folder: photos, sorted into the right class folder, into a wrong one, left in place."""
    subsets = list(figures.subsets)
    headers = [_tr("Photos"), _tr("Sorted right"), _tr("Wrong folder"), _tr("Left in place")]
    titles = [
        _tr("{folder} (neither)").format(folder=s) if s in figures.background else class_title(s) for s in subsets
    ]
    table = _table(len(subsets), len(headers), headers, titles)
    table.setObjectName("sorting")
    for i, subset in enumerate(subsets):
        row = figures.subsets[subset]
        n = row["n"] or 1
        background = subset in figures.background
        table.setItem(i, 0, _cell(str(row["n"])))
        table.setItem(i, 1, _cell("–" if background else f"{row['right']} ({row['right'] / n:.0%})"))
        wrong = _mix("#f28b82", row["wrong"] / n) if row["wrong"] else None
        table.setItem(i, 2, _cell(f"{row['wrong']} ({row['wrong'] / n:.0%})", wrong))
        stay = _mix("#81c995", row["stay"] / n) if background and row["stay"] else None
        table.setItem(i, 3, _cell(f"{row['stay']} ({row['stay'] / n:.0%})", stay))
    _fit_height(table)
    return table


class TrainResult(QScrollArea):
    """The figures of one trained model (filled by :meth:`show_outcome`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.headline = _label(style=HEADING)
        self.pca = QLabel()
        self.figures: dict[str, QLabel] = {}

    def show_outcome(self, outcome: TrainOutcome, name: str) -> None:
        report = outcome.trained.report
        body = QWidget()  # a new page each time (setWidget deletes the old one with its children)
        self.figures = {}
        layout = QVBoxLayout(body)
        total = sum(report.counts.values())
        counts = " · ".join(f"{class_title(c)} {n}" for c, n in report.counts.items())
        self.headline = _label(style=HEADING)
        self.headline.setText(
            _tr("“{name}”: trained on %n photo(s) in {time} ({counts}).", total).format(
                name=name, time=duration(outcome.seconds), counts=counts
            )
        )
        layout.addWidget(self.headline)
        if report.skipped:
            skipped = _label(_tr("%n photo(s) could not be read and were left out.", len(report.skipped)), NOTE_STYLE)
            skipped.setToolTip("\n".join(f"{path}: {error}" for path, error in report.skipped[:30]))
            layout.addWidget(skipped)

        layout.addWidget(_label(_tr("How often it is right (the recipe's figures)"), HEADING))
        grid = QGridLayout()
        cv = report.cv_scores
        rows = [
            ("acc", _tr("acc: on the two thirds it was fitted on"), percent(report.acc)),
            ("val_acc", _tr("val_acc: on the third held out"), percent(report.val_acc)),
            (
                "cv",
                _tr("Cross-validation, %n fold(s): mean ± spread", len(cv)),
                f"{percent(report.cv_mean)} ± {100 * report.cv_std:.1f}",
            ),
        ]
        for r, (key, what, value) in enumerate(rows):
            label = _label(what)
            label.setWordWrap(False)
            grid.addWidget(label, r, 0)
            self.figures[key] = _label(value)
            self.figures[key].setStyleSheet("font-weight: bold;")
            self.figures[key].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(self.figures[key], r, 1)
        folds = _label(_tr("each fold: {scores}").format(scores=", ".join(percent(s) for s in cv)), NOTE_STYLE)
        grid.addWidget(folds, len(rows), 0, 1, 3)
        grid.setColumnMinimumWidth(1, 110)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)

        layout.addWidget(_label(_tr("Confusion matrix (the held-out third)"), HEADING))
        layout.addWidget(_label(_tr("Rows: the folder a photo came from. Columns: the model's label."), NOTE_STYLE))
        self.confusion = confusion_table(report)
        layout.addWidget(self.confusion)

        if report.sorting is not None:
            sorting = report.sorting
            layout.addWidget(_label(_tr("Sorting photos from sources it never saw"), HEADING))
            layout.addWidget(
                _label(
                    _tr(
                        "Each source (the file-name part before the first “_”) held out in turn, at the review "
                        "threshold {threshold}: {right} of the class photos sorted right, {wrong} in a wrong "
                        "folder; {neither} of the photos of neither class sorted into a class folder."
                    ).format(
                        threshold=percent(sorting.threshold),
                        right=percent(sorting.class_right_rate),
                        wrong=sorting.class_wrong,
                        neither=percent(sorting.neither_sorted_rate),
                    )
                )
            )
            self.sorting = sorting_table(sorting)
            layout.addWidget(self.sorting)

        layout.addWidget(_label(_tr("The features, first two principal components (PCA)"), HEADING))
        self.pca = QLabel()
        self.pca.setObjectName("pca")
        self.pca.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap()
        if outcome.pca_png and pixmap.loadFromData(outcome.pca_png):
            self.pca.setPixmap(
                pixmap.scaledToWidth(min(PCA_WIDTH, pixmap.width()), Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.pca.setText(_tr("The plot could not be drawn."))
        layout.addWidget(self.pca)
        layout.addStretch(1)
        self.setWidget(body)
