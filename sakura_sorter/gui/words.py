"""The words the whole window shares: the filter kinds, how a class, a model, a confidence and a command are
named (translated where the person's language has a word), and bold, escaped names for rich text.

Every part of the window takes its words from here, so a class or a model is called the same everywhere.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from sakura_sorter.files.plan_summary import left_out_parts
from sakura_sorter.model.registry import BUNDLED
from sakura_sorter.results import Threshold
from sakura_sorter.vocabulary import NEITHER, Mode

translate = QCoreApplication.translate

#: Shortcuts the window's texts name as well as its menus: teach the model, the photos to label first.
TEACH_KEYS, LABEL_FIRST_KEYS = "Ctrl+T", "Ctrl+L"
#: Filter kinds besides the destination classes.
ALL, REVIEW, ERRORS, NEITHER_KIND = "all", "review", "errors", "neither"
DONE = "done"  #: shown for a photo an applied run sorted (not a filter)
#: Class names the translators know (folders keep their English names).
_KNOWN_CLASSES = (translate("Classes", "sakura"), translate("Classes", "cosmos"))


def class_title(label: str | None) -> str:
    """How a label is shown: the background class ``other`` is "Neither"; known classes are translated."""
    if label is None:
        return ""
    if label == NEITHER:
        return translate("Classes", "Neither")
    return translate("Classes", label)


def human_text(label: str | None) -> str:
    """The person's label as the list shows it (Neither says that the photo stays)."""
    return translate("Results", "Neither (leave here)") if label == NEITHER else class_title(label)


def model_title(name: str) -> str:
    """How a model's name is shown (the bundled one in the person's language)."""
    return translate("ModelMenu", "bundled") if name == BUNDLED else name


def percent(value: float) -> str:
    """``0.873`` as ``87.3 %`` (confidences, scores, accuracies)."""
    return f"{100 * value:.1f} %"


def threshold_text(threshold: Threshold) -> str:
    """One threshold as ``80.0 %``; the model's thresholds per class as ``Cosmos 67.0 %, Sakura 68.0 %``."""
    if isinstance(threshold, Mapping):
        shown = sorted((class_title(c), t) for c, t in threshold.items() if c not in (NEITHER, "*"))
        return ", ".join(f"{name} {percent(t)}" for name, t in shown)
    return percent(float(threshold))


def confidence_text(confidence: float | None) -> str:
    return "" if confidence is None else percent(confidence)


def verb(mode: Mode | str) -> str:
    """The command's word: Move, Copy, Tag."""
    return {
        Mode.MOVE: translate("Apply", "Move"),
        Mode.COPY: translate("Apply", "Copy"),
        Mode.TAG: translate("Apply", "Tag"),
    }[Mode(mode)]


def count_photos(mode: Mode | str, n: int) -> str:
    """``Move 5 photos``."""
    return translate("Apply", "{verb} %n photo(s)", "", n).format(verb=verb(mode))


def bold(text: object) -> str:
    """``text`` in bold for rich text (the banner, dialogs), escaped: a name is never read as markup."""
    return f"<b>{html.escape(str(text), quote=False)}</b>"


def left_out_words(left_out: Counter[str], limit: int = 3) -> str:
    """``4 photos in subfolders are left out: 2024/ (3), 2023/ (1).`` (rich text), from the same counts as the
    command line's (:func:`~sakura_sorter.files.plan_summary.left_out_parts`); empty when none is."""
    total, shown, more = left_out_parts(left_out, limit)
    if not total:
        return ""
    where = ", ".join(f"{bold(name + '/')} ({n})" for name, n in shown)
    if more:
        where += translate("Words", ", and %n more subfolder(s)", "", more)
    return translate("Words", "%n photo(s) in subfolders are left out: {where}.", "", total).format(where=where)
