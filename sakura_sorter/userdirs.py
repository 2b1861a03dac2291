"""Per-user platform directories (standard library only, no platformdirs dependency)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Folder name used inside the platform directories.
APP_DIR_NAME = "sakura-sorter"


def _platform_root(windows_var: str, windows_default: str, macos: str, xdg_var: str, xdg_default: str) -> Path:
    """A per-user root: ``%windows_var%`` (else ``~/AppData/<windows_default>``) on Windows,
    ``~/Library/<macos>`` on macOS, else ``$xdg_var`` when set to an absolute path (the XDG spec says
    relative values are ignored), else ``~/<xdg_default>``."""
    if sys.platform == "win32":
        value = os.environ.get(windows_var, "")
        return Path(value) if value else Path.home() / "AppData" / windows_default
    if sys.platform == "darwin":
        return Path.home() / "Library" / macos
    xdg = os.environ.get(xdg_var, "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    return Path.home() / xdg_default


def user_cache_root() -> Path:
    """The platform's per-user cache root, without the application folder.

    Linux and other Unix: ``$XDG_CACHE_HOME`` (absolute), else ``~/.cache``. macOS: ``~/Library/Caches``.
    Windows: ``%LOCALAPPDATA%``, else ``~/AppData/Local``.
    """
    return _platform_root("LOCALAPPDATA", "Local", "Caches", "XDG_CACHE_HOME", ".cache")


def user_cache_dir() -> Path:
    """``<user cache root>/sakura-sorter`` (not created)."""
    return user_cache_root() / APP_DIR_NAME


def user_data_root() -> Path:
    """The platform's per-user data root: ``$XDG_DATA_HOME`` (absolute) or ``~/.local/share`` on Linux,
    ``~/Library/Application Support`` on macOS, ``%APPDATA%`` (else ``~/AppData/Roaming``) on Windows."""
    return _platform_root("APPDATA", "Roaming", "Application Support", "XDG_DATA_HOME", ".local/share")


def user_data_dir() -> Path:
    """``<user data root>/sakura-sorter`` (not created): the teaching set and the user's models."""
    return user_data_root() / APP_DIR_NAME
