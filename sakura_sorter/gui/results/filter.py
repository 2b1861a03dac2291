"""The proxy the grid and the list share: one filter (a class, neither, needs review, errors) and one sort."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSortFilterProxyModel

from sakura_sorter.gui.words import ALL, ERRORS, REVIEW

from .model import AnyIndex, ResultsModel, SortRole


class ResultsFilter(QSortFilterProxyModel):
    """Shows all photos, one class (the photos that go into it on Apply), neither, those needing review, or
    errors: what :meth:`ResultsModel.kind_of` says, so a filter shows as many photos as its count says."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._kind = ALL
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)  # rows do not jump under the cursor while a person labels them

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
