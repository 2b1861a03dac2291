"""The Model menu's jobs: teach from the person's labels, switch models, reset, train from labelled folders; and
the question before the window closes with labels not applied or not taught.

A part of :class:`~sakura_sorter.gui.controller.Controller` (a mixin, to keep modules small), with the same
rules: background functions get data only (copies of results, a lesson, a folder), their results come back
to the GUI thread, and the dialogs (:mod:`.teach_dialog`, :mod:`.train_dialog`) only show and ask. After a
switch the folder is classified again with the new model (features are cached, so it is quick), and the
person's labels come back from the teaching set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from sakura_sorter.jobs import ClassifyStep
from sakura_sorter.jobs.events import Cancelled
from sakura_sorter.jobs.teaching import Lesson
from sakura_sorter.model.registry import BUNDLED

from . import dialogs, tasks
from .controller_base import ControllerBase
from .model_menu import model_title
from .teach_dialog import TeachDialog
from .train_dialog import TrainDialog
from .widgets import bold
from .worker import Worker

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("ModelJobs", text, "", n)


@dataclass
class SwitchNote:
    """What to say once the photos are classified again after a switch: the new model's name (markup), the
    model to switch back to, and each photo's label before."""

    name: str
    back: str | None
    before: dict[Path, str | None]


class ModelJobs(ControllerBase):
    """Teach, switch, reset and train for the controller (its state: ``view``, ``jobs``, ``keeper``...)."""

    @property
    def model_entry(self) -> str | None:
        """The model in use, by its name in the Model menu (None: unknown yet, or a folder given with --model)."""
        return self.model_info.entry if self.model_info is not None else None

    def show_model(self, info: tasks.ModelInfo) -> None:
        """Say everywhere which model the window uses."""
        self.model_info = info
        name = model_title(info.name)
        self.view.model_label.setText(_tr("Model: {name}").format(name=name))
        self.view.model_label.setToolTip(_tr("The model that labels the photos; choose another in the Model menu"))
        self.view.models.set_active()
        self.view.models.set_enabled(not self.busy)

    # --- teaching --------------------------------------------------------------------------------

    def start_teach(self) -> None:
        """Teach a model from every label kept (once the labels just given are kept too), then ask to switch."""
        if self.busy:
            return
        self.view.show_progress(0, 0, _tr("Keeping your labels…"))
        self.keeper.when_idle(self._teach)

    def _teach(self) -> None:
        if self.busy:
            return
        results = [r for r in self._snapshot() if r.ok and r.feature is not None]  # copies already
        untaught = dict(self.keeper.queue.untaught)
        self.view.show_progress(0, 0, _tr("Teaching the model from your labels…"))
        self.run_job("teach", self.jobs.teach, results, on_return=lambda lesson: self._ask(lesson, untaught))

    def _ask(self, lesson: Lesson, untaught: dict[Path, str]) -> None:
        current = self.model_info.name if self.model_info is not None else lesson.base_name
        dialog = TeachDialog(lesson, current, self.view)
        self.teach_dialog = dialog
        dialog.accepted.connect(lambda: self._adopt(lesson, dialog.name(), untaught))
        dialog.rejected.connect(
            lambda: self.view.statusBar().showMessage(
                _tr("The current model stays; your labels are kept for the next time you teach it."), 8000
            )
        )
        dialog.finished.connect(lambda _r: setattr(self, "teach_dialog", None))
        dialog.open()

    def _adopt(self, lesson: Lesson, name: str, untaught: dict[Path, str]) -> None:
        if self.busy:
            return
        self.view.show_progress(0, 0, _tr("Saving the new model…"))

        def adopted(info: tasks.ModelInfo) -> None:
            self.keeper.taught(untaught)
            self._switched(info)

        self.run_job("adopt", tasks.adopt, self.jobs, lesson, name, on_return=adopted)

    # --- switching -------------------------------------------------------------------------------

    def choose_model(self, name: str) -> None:
        """Switch to one of the models of the Model menu (the folder is then classified again)."""
        if name == self.model_entry or self.busy:
            self.view.models.set_active()  # the check goes back to the model in use
            return
        self.view.show_progress(0, 0, _tr("Loading the model {name}…").format(name=model_title(name)))
        self.run_job("switch", tasks.use_model, self.jobs, name, on_return=self._switched)

    def reset_model(self) -> None:
        """One click back to the bundled model (the person's models and labels are kept)."""
        self.choose_model(BUNDLED)

    def _switched(self, info: tasks.ModelInfo) -> None:
        previous = self.model_entry
        self.show_model(info)
        name = bold(model_title(info.name))
        back = previous if previous is not None and previous != info.entry else None
        again = bool(self.view.model.results) and self.scan is not None
        self.view.statusBar().showMessage(_tr("Now using the model {name}.").format(name=model_title(info.name)))
        if again:  # the banner comes when the photos are classified again, with what changed
            before = {r.path: r.label for r in self.view.model.results if r.ok}
            self.switch_note = SwitchNote(name, back, before)
            QTimer.singleShot(0, self.start_run)
        else:
            self._switch_banner(_tr("Now using the model {name}.").format(name=name), back)

    def _switch_banner(self, text: str, back: str | None) -> None:
        if back is not None:
            self.view.banner.show_message("success", text, _tr("Switch back"), lambda: self.choose_model(back))
        else:
            self.view.banner.show_message("success", text)

    def switch_summary(self, stopped: bool = False) -> bool:
        """After classifying again with a new model: say so, and how many photos got another label from it
        (and how many are left to review); True when said. ``stopped``: that run was stopped, so only the
        switch is said (a count of part of the folder would mislead, and must not wait for another run)."""
        note, self.switch_note = self.switch_note, None
        if note is None:
            return False
        if stopped:
            self._switch_banner(_tr("Now using the model {name}.").format(name=note.name), note.back)
            return True
        results = self.view.model.results
        changed = sum(1 for r in results if r.ok and r.path in note.before and note.before[r.path] != r.label)
        text = _tr("Now using the model {name}: %n photo(s) got another label from it.", changed).format(name=note.name)
        review = len(self.view.model.review_rows())
        if review:
            text += " " + _tr("%n photo(s) are below the threshold: review them.", review)
        self._switch_banner(text, note.back)
        return True

    # --- training from labelled folders ----------------------------------------------------------

    def start_train(self) -> None:
        if self.busy:
            return
        folder = str(self.view.settings.value("train_dir", ""))
        dialog = TrainDialog(folder if folder and Path(folder).is_dir() else "", self.view)
        self.train_dialog = dialog
        dialog.previewRequested.connect(self._preview_training)
        dialog.trainRequested.connect(self._train)
        dialog.stopRequested.connect(self.cancel_job)
        dialog.adoptRequested.connect(self._adopt_trained)
        dialog.finished.connect(lambda _r: setattr(self, "train_dialog", None))
        dialog.open()

    def _preview_training(self, folder: Path, neither: list[Path]) -> None:
        worker = Worker(tasks.preview_training, self.jobs, folder, neither)
        worker.returned.connect(lambda preview: self._previewed(preview))
        worker.errored.connect(lambda exc: self._previewed(None, exc, folder))
        self.workers.start(worker)

    def _previewed(self, preview: tasks.TrainingPreview | None, exc: Any = None, folder: Path | None = None) -> None:
        dialog = self.train_dialog
        if dialog is None:
            return
        if preview is not None:
            dialog.show_preview(preview)
        elif folder == dialog.folder():
            message, hint = dialogs.explain(exc)
            dialog.show_preview(None, message, hint)

    def _train(self, preview: tasks.TrainingPreview, name: str) -> None:
        dialog = self.train_dialog
        if self.busy or dialog is None:
            return
        self.view.settings.setValue("train_dir", str(preview.folder))
        dialog.show_started(sum(preview.counts.values()))
        self.run_job(
            "train",
            tasks.train,
            self.jobs,
            preview,
            self.view.threshold,
            name,
            cancellable=True,
            on_yield=self._train_progress,
            on_return=self._trained,
        )

    def _train_progress(self, step: ClassifyStep) -> None:
        if self.train_dialog is not None and isinstance(step, ClassifyStep):
            self.train_dialog.show_progress(step)

    def _trained(self, outcome: tasks.TrainOutcome) -> None:
        dialog = self.train_dialog
        if dialog is None:
            return
        if self.job is not None and self.job.abort_requested:
            dialog.show_setup(_tr("Stopped: no model was made."))
        else:
            dialog.show_result(outcome)

    def _adopt_trained(self, name: str) -> None:
        dialog = self.train_dialog
        if self.busy or dialog is None or dialog.outcome is None:
            return

        def adopted(info: tasks.ModelInfo) -> None:
            if self.train_dialog is not None:
                self.train_dialog.accept()
            self._switched(info)

        self.run_job("adopt_trained", tasks.adopt_trained, self.jobs, dialog.outcome.trained, name, on_return=adopted)

    def cancel_job(self) -> None:
        """Stop the running job at its next step (training: the dialog says when it has stopped)."""
        if self.job is not None:
            self.job.quit()

    # --- failures and the state of the actions ---------------------------------------------------

    def dialog_parent(self) -> QWidget:
        """Where an error is shown: over the open model dialog, else over the window."""
        for dialog in (self.train_dialog, self.teach_dialog):
            if dialog is not None and dialog.isVisible():
                return dialog
        return self.view

    def model_job_failed(self, kind: str, exc: BaseException) -> None:
        """A model job failed or was stopped (the error itself is already shown, unless it was a stop)."""
        self.view.models.set_active()  # the check goes back to the model in use
        dialog = self.train_dialog
        if dialog is None:
            return
        if kind == "train":
            stopped = isinstance(exc, Cancelled)
            dialog.show_setup(_tr("Stopped: no model was made.") if stopped else _tr("Training failed: no model."))
        elif kind == "adopt_trained":
            dialog.adopt_failed()

    def update_model_actions(self) -> None:
        view = self.view
        view.models.set_enabled(not self.busy)
        untaught = self.keeper.untaught
        view.teach_button.setVisible(untaught > 0)
        view.teach_button.setEnabled(not self.busy)
        view.teach_button.setText(_tr("Teach the model (%n new label(s))…", untaught))

    # --- before closing --------------------------------------------------------------------------

    def may_close(self) -> bool:
        """Ask before closing with labels not kept, not taught, or not applied; True to close."""
        if not self.ask_before_discarding:
            return True
        unsaved, untaught = self.keeper.unsaved, self.keeper.untaught
        unapplied = self.view.model.unapplied_decisions()
        if unsaved:
            return dialogs.ask(
                self.view,
                _tr("Your labels could not be kept"),
                _tr("%n label(s) could not be kept in your teaching set.", unsaved),
                _tr("They are lost if you close the window now. Apply first to sort those photos by them."),
                _tr("Discard my labels"),
                _tr("Keep them"),
                safe_default=True,
            )
        if not untaught and not unapplied:
            return True
        applied = _tr("%n labelled photo(s) are not sorted yet (Apply sorts them).", unapplied) if unapplied else ""
        if untaught:
            text = _tr("%n label(s) you gave are not taught yet.", untaught)
            detail = _tr(
                "Your labels are kept and come back wherever these photos are found again. Teach now to let the "
                "model learn from them (it takes a few seconds), or teach later from the Model menu."
            )
            choices = [("teach", _tr("Teach now…")), ("close", _tr("Later")), ("cancel", _tr("Cancel"))]
        else:
            text = applied
            detail, applied = _tr("Your labels are kept and come back when you open this folder again."), ""
            choices = [("close", _tr("Close")), ("cancel", _tr("Cancel"))]
        answer = dialogs.choose(
            self.view, _tr("Before you close"), text, f"{detail}\n\n{applied}".strip(), choices, "cancel"
        )
        if answer == "teach":
            QTimer.singleShot(0, self.start_teach)
        return answer == "close"
