"""The Model menu's jobs: teach from the person's labels, switch models, reset, train from labelled folders; and
the question before the window closes with labels not applied or not taught.

Background functions get data only (copies of results, a lesson, a folder), their results come back to the
GUI thread, and the dialogs (:mod:`..dialogs.teach`, :mod:`..dialogs.train`) only show and ask. After a
switch the folder is classified again with the new model (features are cached, so it is quick), and the
person's labels come back from the teaching set.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from sakura_sorter.gui.dialogs import common as dialogs
from sakura_sorter.gui.dialogs.teach import TeachDialog
from sakura_sorter.gui.dialogs.train import TrainDialog
from sakura_sorter.gui.session import JobKind, Session, SwitchNote
from sakura_sorter.gui.words import bold, model_title
from sakura_sorter.gui.worker import Worker
from sakura_sorter.jobs import ClassifyStep, tasks
from sakura_sorter.jobs.teaching import Lesson
from sakura_sorter.model.registry import BUNDLED

from .screen import Screen

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("ModelJobs", text, "", n)


class ModelFlow:
    """Teach, switch, reset and train. ``classify`` starts a run (after a switch, to show what changed)."""

    def __init__(self, session: Session, screen: Screen, classify: Callable[[], None]):
        self.session, self.screen, self.start_run = session, screen, classify
        self.teach_dialog: TeachDialog | None = None
        self.train_dialog: TrainDialog | None = None
        session.classifiedAgain.connect(lambda stopped: self.switch_summary(stopped))
        session.jobFailed.connect(self._job_failed)
        session.jobEnded.connect(self._job_ended)

    # --- teaching --------------------------------------------------------------------------------

    def start_teach(self) -> None:
        """Teach a model from every label kept (once the labels just given are kept too), then ask to switch."""
        if self.session.busy:
            return
        self.screen.show_progress(0, 0, _tr("Keeping your labels…"))
        self.session.keeper.when_idle(self._teach)

    def _teach(self) -> None:
        if self.session.busy:
            return
        results = [r for r in self.session.snapshot() if r.ok and r.feature is not None]  # copies already
        untaught = dict(self.session.keeper.queue.untaught)
        self.screen.show_progress(0, 0, _tr("Teaching the model from your labels…"))
        self.session.run_job(
            JobKind.TEACH, self.session.jobs.teach, results, on_return=lambda lesson: self._ask(lesson, untaught)
        )

    def _ask(self, lesson: Lesson, untaught: dict[Path, str]) -> None:
        current = self.session.model_info.name if self.session.model_info is not None else lesson.base_name
        dialog = TeachDialog(lesson, current, self.screen.widget())
        self.teach_dialog = dialog
        dialog.accepted.connect(lambda: self._adopt(lesson, dialog.name(), untaught))
        dialog.rejected.connect(
            lambda: self.screen.status(
                _tr("The current model stays; your labels are kept for the next time you teach it."), 8000
            )
        )
        dialog.finished.connect(lambda _r: setattr(self, "teach_dialog", None))
        dialog.open()

    def _adopt(self, lesson: Lesson, name: str, untaught: dict[Path, str]) -> None:
        if self.session.busy:
            return
        self.screen.show_progress(0, 0, _tr("Saving the new model…"))

        def adopted(info: tasks.ModelInfo) -> None:
            self.session.keeper.taught(untaught)
            self._switched(info)

        self.session.run_job(JobKind.ADOPT, tasks.adopt, self.session.jobs, lesson, name, on_return=adopted)

    # --- switching -------------------------------------------------------------------------------

    def choose_model(self, name: str) -> None:
        """Switch to one of the models of the Model menu (the folder is then classified again)."""
        if name == self.session.model_entry or self.session.busy:
            self.session.modelChanged.emit()  # the check goes back to the model in use
            return
        self.screen.show_progress(0, 0, _tr("Loading the model {name}…").format(name=model_title(name)))
        self.session.run_job(JobKind.SWITCH, tasks.use_model, self.session.jobs, name, on_return=self._switched)

    def reset_model(self) -> None:
        """One click back to the bundled model (the person's models and labels are kept)."""
        self.choose_model(BUNDLED)

    def _switched(self, info: tasks.ModelInfo) -> None:
        previous = self.session.model_entry
        self.session.set_model(info)
        name = bold(model_title(info.name))
        back = previous if previous is not None and previous != info.entry else None
        again = bool(self.session.results.results) and self.session.scan is not None
        self.screen.status(_tr("Now using the model {name}.").format(name=model_title(info.name)))
        if again:  # the banner comes when the photos are classified again, with what changed
            before = {r.path: r.label for r in self.session.results.results if r.ok}
            self.session.switch_note = SwitchNote(name, back, before)
            QTimer.singleShot(0, self.start_run)
        else:
            self._switch_banner(_tr("Now using the model {name}.").format(name=name), back)

    def _switch_banner(self, text: str, back: str | None) -> None:
        if back is not None:
            self.screen.say("success", text, _tr("Switch back"), lambda: self.choose_model(back))
        else:
            self.screen.say("success", text)

    def switch_summary(self, stopped: bool = False) -> bool:
        """After classifying again with a new model: say so, and how many photos got another label from it
        (and how many are left to review); True when said. ``stopped``: that run was stopped, so only the
        switch is said (a count of part of the folder would mislead, and must not wait for another run)."""
        note, self.session.switch_note = self.session.switch_note, None
        if note is None:
            return False
        if stopped:
            self._switch_banner(_tr("Now using the model {name}.").format(name=note.name), note.back)
            return True
        results = self.session.results.results
        changed = sum(1 for r in results if r.ok and r.path in note.before and note.before[r.path] != r.label)
        text = _tr("Now using the model {name}: %n photo(s) got another label from it.", changed).format(name=note.name)
        review = len(self.session.results.review_rows())
        if review:
            text += " " + _tr("%n photo(s) are below the threshold: review them.", review)
        self._switch_banner(text, note.back)
        return True

    # --- training from labelled folders ----------------------------------------------------------

    def start_train(self) -> None:
        if self.session.busy:
            return
        folder = str(self.screen.settings.value("train_dir", ""))
        dialog = TrainDialog(folder if folder and Path(folder).is_dir() else "", self.screen.widget())
        self.train_dialog = dialog
        dialog.previewRequested.connect(self._preview_training)
        dialog.trainRequested.connect(self._train)
        dialog.stopRequested.connect(self.session.cancel_job)
        dialog.adoptRequested.connect(self._adopt_trained)
        dialog.finished.connect(lambda _r: setattr(self, "train_dialog", None))
        dialog.open()

    def _preview_training(self, folder: Path, neither: list[Path]) -> None:
        worker = Worker(tasks.preview_training, self.session.jobs, folder, neither)
        worker.returned.connect(lambda preview: self._previewed(preview))
        worker.errored.connect(lambda exc: self._previewed(None, exc, folder))
        self.session.workers.start(worker)

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
        if self.session.busy or dialog is None:
            return
        self.screen.settings.setValue("train_dir", str(preview.folder))
        dialog.show_started(sum(preview.counts.values()))
        self.session.run_job(
            JobKind.TRAIN,
            tasks.train,
            self.session.jobs,
            preview,
            self.screen.threshold,
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
        if self.session.job is not None and self.session.job.abort_requested:
            dialog.show_setup(_tr("Stopped: no model was made."))
        else:
            dialog.show_result(outcome)

    def _adopt_trained(self, name: str) -> None:
        dialog = self.train_dialog
        if self.session.busy or dialog is None or dialog.outcome is None:
            return

        def adopted(info: tasks.ModelInfo) -> None:
            if self.train_dialog is not None:
                self.train_dialog.accept()
            self._switched(info)

        self.session.run_job(
            JobKind.ADOPT_TRAINED,
            tasks.adopt_trained,
            self.session.jobs,
            dialog.outcome.trained,
            name,
            on_return=adopted,
        )

    # --- failures ------------------------------------------------------------------------------

    def dialog_parent(self) -> QWidget:
        """Where an error is shown: over the open model dialog, else over the window."""
        for dialog in (self.train_dialog, self.teach_dialog):
            if dialog is not None and dialog.isVisible():
                return dialog
        return self.screen.widget()

    def _job_failed(self, kind: str, _exc: BaseException) -> None:
        """A job failed (the error itself is shown by the window)."""
        self.session.modelChanged.emit()  # the check goes back to the model in use
        dialog = self.train_dialog
        if dialog is None:
            return
        if kind == JobKind.TRAIN.value:
            dialog.show_setup(_tr("Training failed: no model."))
        elif kind == JobKind.ADOPT_TRAINED.value:
            dialog.adopt_failed()

    def _job_ended(self, kind: str, how: str) -> None:
        """A training stopped on request made no model: the dialog says so."""
        if how == "aborted" and kind == JobKind.TRAIN.value and self.train_dialog is not None:
            self.train_dialog.show_setup(_tr("Stopped: no model was made."))

    # --- before closing --------------------------------------------------------------------------

    def may_close(self) -> bool:
        """Ask before closing with labels not kept, not taught, or not applied; True to close."""
        if not self.session.ask_before_discarding:
            return True
        unsaved, untaught = self.session.keeper.unsaved, self.session.keeper.untaught
        unapplied = self.session.results.unapplied_decisions()
        if unsaved:
            return dialogs.ask(
                self.screen.widget(),
                _tr("Your labels could not be kept"),
                _tr("%n label(s) could not be kept in your teaching set.", unsaved),
                _tr("They are lost if you close the window now. Apply first to sort those photos by them."),
                _tr("Discard my labels"),
                _tr("Keep them"),
                safe_default=True,
            )
        if not untaught and not unapplied:
            return True  # "leave here" labels are decisions carried out already: nothing to warn about
        applied = _tr("%n labelled photo(s) are not sorted yet (Apply sorts them).", unapplied) if unapplied else ""
        if left := self.session.results.left_here():
            applied += (" " if applied else "") + _tr("%n photo(s) you chose to leave here stay where they are.", left)
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
            self.screen.widget(), _tr("Before you close"), text, f"{detail}\n\n{applied}".strip(), choices, "cancel"
        )
        if answer == "teach":
            QTimer.singleShot(0, self.start_teach)
        return answer == "close"
