"""Fixtures for the window's unit tests (``window``, ``settings``); the fakes live in ``gui_fakes.py``."""

from gui_fakes import settings, window  # noqa: F401
