"""Small dialogs: an error (what happened + what to do), questions, and About.

Errors are shown as plain text (never rich text), so a folder or file name can never be read as markup, and
only the words of a :class:`~sakura_sorter.errors.SakuraSorterError` (or an OS error's reason) are shown:
never a traceback or the name of an internal file.
"""

from __future__ import annotations

import errno
import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from sakura_sorter import __version__
from sakura_sorter.errors import SakuraSorterError

translate = QCoreApplication.translate


def explain(exc: BaseException) -> tuple[str, str]:
    """``(message, hint)`` for any error a job raised, in words a person can act on."""
    if isinstance(exc, SakuraSorterError):
        return exc.message, exc.hint
    if isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        hints = {
            errno.EACCES: translate("Errors", "Check that you are allowed to change this folder and its files."),
            errno.EPERM: translate("Errors", "Check that you are allowed to change this folder and its files."),
            errno.EROFS: translate("Errors", "The disk is read-only: copy the photos to a disk you can write to."),
            errno.ENOSPC: translate("Errors", "Free some space on the disk, then try again."),
            errno.ENOENT: translate("Errors", "A file or folder was moved or deleted meanwhile: classify again."),
        }
        hint = hints.get(exc.errno or 0, translate("Errors", "Try again; if it keeps failing, check the disk."))
        return translate("Errors", "The system refused: {reason}.").format(reason=reason), hint
    message = translate("Errors", "Something unexpected went wrong ({kind}). Details were printed on the terminal.")
    return message.format(kind=type(exc).__name__), translate("Errors", "Please report this problem.")


def error_box(parent: QWidget, what: str, exc: BaseException) -> QMessageBox:
    """A window-modal, non-blocking error dialog (already open): ``what`` failed, why, and what to do."""
    message, hint = explain(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Errors", "Sakura Sorter"), what, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        message + ("\n\n" + translate("Errors", "What to do: {hint}").format(hint=hint) if hint else "")
    )
    box.setObjectName("errorDialog")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def ask(
    parent: QWidget, title: str, text: str, detail: str, yes: str, no: str = "", safe_default: bool = False
) -> bool:
    """A blocking question; True when the person picks ``yes``. Return picks ``yes``, or ``no`` when
    ``safe_default`` (for questions whose ``yes`` loses something)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("question")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(detail)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    if no:
        reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    else:
        reject = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(reject if safe_default else accept)
    box.exec()
    return box.clickedButton() is accept


def choose(
    parent: QWidget, title: str, text: str, detail: str, choices: Sequence[tuple[str, str]], default: str
) -> str:
    """A blocking question with several answers ``(key, button text)``, the first one leftmost; returns the key
    of the one picked. Return picks ``default``; Esc (or closing the box) picks the last one."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("question")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(detail)
    buttons = {}
    for number, (key, label) in enumerate(choices):
        last = number == len(choices) - 1
        role = QMessageBox.ButtonRole.RejectRole if last else QMessageBox.ButtonRole.AcceptRole
        buttons[key] = box.addButton(label, role)
        if last:
            box.setEscapeButton(buttons[key])
    box.setDefaultButton(buttons[default])
    box.exec()
    picked = box.clickedButton()
    return next((key for key, button in buttons.items() if button is picked), choices[-1][0])


def about(parent: QWidget, model_name: str) -> None:
    text = translate(
        "About",
        "<h3>Sakura Sorter {version}</h3>"
        "<p>Sorts a folder of photos into <b>sakura/</b> and <b>cosmos/</b> on your own computer, offline: "
        "ImageNet VGG16 features and a linear SVM. Photos it is unsure of, and photos of neither, stay where "
        "they are. Every change is journaled and can be undone.</p>"
        "<p>Model: <b>{model}</b></p><p>MIT licence.</p>",
    )
    QMessageBox.about(
        parent,
        translate("About", "About Sakura Sorter"),
        text.format(version=__version__, model=html.escape(model_name)),
    )
