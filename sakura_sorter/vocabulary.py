"""The words used across the program, defined once: what a sort does with a photo and how it ended."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from enum import Enum


class _Word(str, Enum):
    """A ``str`` enum whose ``str()`` and ``format()`` are its value on every Python version."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


#: The label of the background class: a photo that belongs to no destination class ("neither"). A person's
#: ``human_label`` of ``other`` means "leave it here", whatever the model says.
NEITHER = "other"
#: Subfolder names (in any case) of a labelled folder that hold photos of neither class: the English words, and
#: the Japanese for "other" and the window's Japanese for "neither".
NEITHER_FOLDERS = (NEITHER, "neither", "その他", "どちらでもない")


def folded(word: str) -> str:
    """A word as people compare words: Unicode NFKC (full-width letters, the decomposed kana of macOS file
    names), case folded. File names sort by it too (:func:`~sakura_sorter.vision.listing.natural_key`)."""
    return unicodedata.normalize("NFKC", word).casefold()


def is_neither_name(name: str) -> bool:
    """``name`` (a subfolder, a label typed by a person) is one of :data:`NEITHER_FOLDERS`."""
    return folded(name.strip()) in NEITHER_FOLDERS


def label_named(text: str, classes: Iterable[str]) -> str | None:
    """The label a person means by ``text`` (a cell of a report filled in a spreadsheet): one of ``classes``,
    or :data:`NEITHER` for a name of :data:`NEITHER_FOLDERS` ("neither", "other", "どちらでもない"...); in any
    case, width (a Japanese input method's ``ｓａｋｕｒａ``) or surrounding spaces. None when it names none."""
    if is_neither_name(text):
        return NEITHER
    word = folded(text.strip())
    return next((name for name in classes if folded(name) == word), None)


class Mode(_Word):
    """What ``sort`` does with the photos it sorts."""

    MOVE = "move"
    COPY = "copy"
    TAG = "tag"


class Action(_Word):
    """What a plan does with one photo (``none``: it stays as it is)."""

    MOVE = "move"
    COPY = "copy"
    TAG = "tag"
    NONE = "none"

    @classmethod
    def of(cls, mode: Mode) -> Action:
        return cls(mode.value)


class Status(_Word):
    """How one photo of a sort ends, as in the report's ``status`` column."""

    SORTED = "sorted"  #: moved, copied or tagged
    PLANNED = "planned"  #: in a report, a photo a dry run (or a run not made) would sort; nothing happened yet
    REVIEW = "review"  #: below the confidence threshold: left in place for a person to look at
    NEITHER = "neither"  #: labelled ``other`` (by the model or a person): belongs to no class, left in place
    SKIPPED = "skipped"  #: already sorted, a link, left by a person, cancelled...
    ERROR = "error"  #: could not be read or sorted; the others went on


#: Verbs for messages: (infinitive, past participle) per mode.
VERBS: dict[Mode, tuple[str, str]] = {
    Mode.MOVE: ("move", "moved"),
    Mode.COPY: ("copy", "copied"),
    Mode.TAG: ("tag", "tagged"),
}
