"""The base of every error that is meant for a person to read (the CLI prints it without a traceback)."""


class SakuraSorterError(Exception):
    """An expected failure whose message says what happened and what to do."""
