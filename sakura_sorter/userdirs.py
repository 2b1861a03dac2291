"""Per-user platform directories (standard library only, no platformdirs dependency)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Folder name used inside the platform directories.
APP_DIR_NAME = "sakura-sorter"


def user_cache_root() -> Path:
    """The platform's per-user cache root, without the application folder.

    Linux and other Unix: ``$XDG_CACHE_HOME`` when set to an absolute path (the XDG spec says
    relative values are ignored), else ``~/.cache``. macOS: ``~/Library/Caches``. Windows:
    ``%LOCALAPPDATA%``, else ``~/AppData/Local``.
    """
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "")
        return Path(local) if local else Path.home() / "AppData" / "Local"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    return Path.home() / ".cache"


def user_cache_dir() -> Path:
    """``<user cache root>/sakura-sorter`` (not created)."""
    return user_cache_root() / APP_DIR_NAME


def user_data_root() -> Path:
    """The platform's per-user data root: ``$XDG_DATA_HOME`` (absolute) or ``~/.local/share`` on Linux,
    ``~/Library/Application Support`` on macOS, ``%APPDATA%`` on Windows."""
    if sys.platform == "win32":
        roaming = os.environ.get("APPDATA", "")
        return Path(roaming) if roaming else Path.home() / "AppData" / "Roaming"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    return Path.home() / ".local" / "share"


def user_data_dir() -> Path:
    """``<user data root>/sakura-sorter`` (not created): the teaching set and the user's models."""
    return user_data_root() / APP_DIR_NAME
