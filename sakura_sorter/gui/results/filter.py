"""The proxy the grid and the list share: one filter (a class, neither, needs review, errors) and one sort.

Sorting compares ranks worked out once per column in Python (one sort key per photo), not keys asked of the
model at every comparison: 2 to 5 times faster (``benchmarks/window_sort.py``). Qt still calls into Python
at every comparison (``lessThan``, which only compares two numbers), so 10,000 photos take about half a second.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QObject, QSortFilterProxyModel, Qt

from sakura_sorter.gui.words import ALL, ERRORS, REVIEW

from .model import AnyIndex, GridPixmapRole, ResultsModel, SortRole

#: Roles whose change moves no photo in any order (a thumbnail arrived).
_PICTURE_ROLES = frozenset({Qt.ItemDataRole.DecorationRole, GridPixmapRole})


class ResultsFilter(QSortFilterProxyModel):
    """Shows all photos, one class (the photos that go into it on Apply), neither, those needing review, or
    errors: what :meth:`ResultsModel.kind_of` says, so a filter shows as many photos as its count says."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._kind = ALL
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)  # rows do not jump under the cursor while a person labels them
        self._ranks: dict[int, list[int]] = {}  # column -> each source row's place in that column's order
        self._sorting: list[int] | None = None  # the ranks of the column being sorted, during sort()

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self._forget_ranks)
        model.dataChanged.connect(self._data_changed)

    def _forget_ranks(self, *_args: object) -> None:
        self._ranks.clear()

    def _data_changed(self, _first: AnyIndex, _last: AnyIndex, roles: Sequence[int] = ()) -> None:
        if not roles or not set(roles) <= _PICTURE_ROLES:
            self._ranks.clear()

    def _rank(self, column: int) -> list[int]:
        """Each source row's place in ``column``'s order; worked out again after any change of the model (its
        signals) or when rows came that Qt sorts in before those signals reach this proxy."""
        model = self.source()
        ranks = self._ranks.get(column)
        if ranks is None or len(ranks) != len(model.results):
            keys = [model.sort_key(row, column) for row in range(len(model.results))]
            ranks = [0] * len(keys)
            for place, row in enumerate(sorted(range(len(keys)), key=keys.__getitem__)):
                ranks[row] = place
            self._ranks[column] = ranks
        return ranks

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Qt calls lessThan n log n times: it reads the column's ranks from here, looked up once per sort.
        self._sorting = self._rank(column) if column >= 0 else None
        try:
            super().sort(column, order)
        finally:
            self._sorting = None

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        ranks = self._sorting
        if ranks is None:  # rows Qt sorts in as they come
            ranks = self._rank(left.column())
        return ranks[left.row()] < ranks[right.row()]

    @property
    def kind(self) -> str:
        return self._kind

    def set_kind(self, kind: str) -> None:
        self.beginFilterChange()
        self._kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def refresh(self) -> None:
        """Re-apply the filter and the sort the header shows (after new rows, labels or a new threshold)."""
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        if self.sortColumn() >= 0:
            self.sort(self.sortColumn(), self.sortOrder())

    def source(self) -> ResultsModel:
        model = self.sourceModel()
        assert isinstance(model, ResultsModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.source()
        result = model.results[source_row]
        if self._kind == ALL:
            return True
        if self._kind == ERRORS:
            return not result.ok
        if self._kind == REVIEW:
            return model.needs_review(source_row)
        return model.kind_of(source_row) == self._kind

    def source_rows(self) -> list[int]:
        """The source rows in the order shown."""
        return [self.mapToSource(self.index(r, 0)).row() for r in range(self.rowCount())]
