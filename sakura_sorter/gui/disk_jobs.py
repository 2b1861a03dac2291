"""The jobs that change the disk or write the report: apply (after a confirmation), undo, export.

A part of :class:`~sakura_sorter.gui.controller.Controller` (a mixin, to keep modules small): the same rules
apply: background functions get data only, and their results come back to the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDir, QStandardPaths, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog

from sakura_sorter.vocabulary import Action, Status

from . import dialogs, tasks
from .apply_dialog import ApplyDialog, count_photos, verb
from .controller_base import ControllerBase
from .results_model import Applied
from .widgets import bold

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("Controller", text, "", n)


class DiskJobs(ControllerBase):
    """Apply, undo and export for the controller (its state: ``view``, ``jobs``, ``scan``, ``runs``...)."""

    @property
    def last_apply(self) -> tasks.ApplyResult | None:
        return self.runs[-1] if self.runs else None

    def start_apply(self) -> None:
        """Check the files and plan on the worker, show the summary, and apply if confirmed."""
        view = self.view
        if self.busy or self.scan is None or not view.model.results or not self.writable:
            return
        view.show_progress(0, 0, _tr("Checking the photos…"))
        args = (self.jobs, self.scan, self._snapshot(), view.mode, view.threshold, view.per_folder)
        self.run_job("plan", tasks.prepare_apply, *args, self.classified_at, on_return=self._confirm_apply)

    def _confirm_apply(self, prepared: tasks.Prepared) -> None:
        QTimer.singleShot(0, lambda: self._ask_apply(prepared))

    def _ask_apply(self, prepared: tasks.Prepared) -> None:
        dialog = ApplyDialog(prepared, self.view.per_folder, self.view)
        self.apply_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.apply_dialog = None
        if dialog.choice == "review":
            self.review_uncertain()
        elif dialog.choice == "classify":
            self.start_run()
        elif accepted:
            self.run_apply(prepared.plan)

    def run_apply(self, plan: Any) -> None:
        """Apply an already confirmed plan on the worker thread."""
        self.view.show_progress(0, len(plan.actionable), count_photos(plan.mode, len(plan.actionable)) + "…")
        self.view.set_title(verb(plan.mode) + "…")
        self.run_job("apply", tasks.apply_and_check, plan, on_yield=self._apply_progress, on_return=self._applied)

    def _apply_progress(self, step: Any) -> None:
        self.view.show_progress(step.done, step.total, _tr("{done} of {total} photos done").format(**vars(step)))

    def _applied(self, result: tasks.ApplyResult) -> None:
        from .outcome_text import applied_html

        view = self.view
        self.runs.append(result)
        self.undoable = result.undoable
        entries = {}
        for outcome in result.outcome.items:
            row = view.model.row_of(outcome.item.result.path)
            if row is not None:
                moved = outcome.item.action == Action.MOVE and outcome.status == Status.SORTED
                entries[row] = Applied(
                    result.outcome.run_id, outcome.status, outcome.item.destination, moved, outcome.error
                )
        view.model.set_applied(entries)
        view.proxy.refresh()
        text, failed = applied_html(result)
        view.banner.show_message("error" if failed else "success", text, _tr("Undo"), self.start_undo)
        view.set_title(_tr("applied"))
        self.update_actions()

    def start_undo(self, confirm: bool = True) -> None:
        """Reverse the last run of the folder (on the worker thread), after a question when ``confirm``."""
        if self.busy or self.folder is None or not self.undoable:
            return
        last = self.last_apply
        detail = (
            _tr(
                "%n photo(s) go back to where they were.",
                sum(1 for o in last.outcome.items if o.status == Status.SORTED),
            )
            if last is not None
            else _tr("The photos of the last run go back to where they were.")
        )
        if confirm and not dialogs.ask(
            self.view,
            _tr("Undo"),
            _tr("Undo the last run in {folder}?").format(folder=self.folder.name),
            detail,
            _tr("Undo"),
        ):
            return
        self.view.show_progress(0, 0, _tr("Undoing the last run…"))
        self.run_job("undo", tasks.undo_and_check, Path(self.folder).resolve(), on_return=self._undone)

    def _undone(self, result: tasks.UndoResult) -> None:
        from .outcome_text import undone_html

        view = self.view
        self.undoable = result.undoable
        outcome = result.outcome
        if outcome.run_id is None:
            view.banner.show_message("info", _tr("Nothing to undo in this folder."))
            return
        known = any(e.run_id == outcome.run_id for e in view.model.applied.values())
        view.model.clear_applied(outcome.run_id)
        self.runs = [r for r in self.runs if r.outcome.run_id != outcome.run_id]
        view.proxy.refresh()
        text = undone_html(outcome, known or not view.model.results)
        view.banner.show_message("error" if outcome.problems else "success", text)
        view.set_title(_tr("undone"))
        self.update_actions()

    def choose_export(self) -> None:
        settings = self.view.settings
        folder = str(settings.value("export_dir", "")) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        if not folder or not Path(folder).is_dir():
            folder = QDir.homePath()
        name = f"{self.folder.name if self.folder else 'photos'}-sakura-sorter.csv"
        out, _ = QFileDialog.getSaveFileName(
            self.view, _tr("Export the report"), str(Path(folder) / name), _tr("CSV files (*.csv)")
        )
        if out:
            settings.setValue("export_dir", str(Path(out).parent))
            self.export_csv(Path(out))

    def export_csv(self, out: Path) -> None:
        """Write the report: photos sorted by this window's runs as they ended, every other one as planned."""
        view = self.view
        if self.busy or self.scan is None or not view.model.results:
            return
        view.show_progress(0, 0, _tr("Writing the report…"))
        args = (self.jobs, out, self.scan, self._snapshot(), list(self.runs), view.mode, view.threshold)
        self.run_job("export", tasks.export_report, *args, view.per_folder, on_return=self._exported)

    def _exported(self, out: Path) -> None:
        self.view.banner.show_message("success", _tr("Report written to {file}.").format(file=bold(out)))
