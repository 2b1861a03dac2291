"""The base of every error meant for a person: a message that says what happened and a hint that says what to do.

The CLI prints ``message`` (and the hint) on one line each and exits with status 2; the window shows both in a
dialog. Code that catches an error to show it never searches its text: the hint is a field.
"""

from __future__ import annotations


class SakuraSorterError(Exception):
    """An expected failure whose message a person can read; ``hint`` says what to do about it (may be empty)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class NotAFolderError(SakuraSorterError):
    """A path that should be a readable folder is missing, a file, or cannot be listed."""
