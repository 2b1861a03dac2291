"""Handing photos to the desktop: open them in the person's own viewer, show them in the file manager, copy
their paths. What a photo manager's right-click offers; nothing here changes a file.

Showing a file selected in its folder has no Qt call: freedesktop file managers (Nautilus, Dolphin, Nemo,
Thunar...) take ``org.freedesktop.FileManager1.ShowItems`` over D-Bus, macOS ``open -R``, Windows
``explorer /select,``. Where none of them answers, the folder itself is opened.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication


def reveal_command(path: Path, platform: str = sys.platform) -> list[str] | None:
    """The command that shows ``path`` selected in the system's file manager on macOS and Windows (None
    elsewhere: there it is D-Bus)."""
    if platform == "darwin":
        return ["open", "-R", str(path)]
    if platform.startswith("win"):
        return ["explorer", f"/select,{path}"]
    return None


def _show_items_over_dbus(paths: Sequence[Path]) -> bool:
    """Ask the freedesktop file manager to show ``paths`` selected; False when no file manager answers."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
    except ImportError:
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    manager = QDBusInterface(
        "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1", "org.freedesktop.FileManager1", bus
    )
    if not manager.isValid():
        return False
    uris = [QUrl.fromLocalFile(str(p)).toString(QUrl.ComponentFormattingOption.FullyEncoded) for p in paths]
    reply = manager.call("ShowItems", uris, "")
    return reply.type() != QDBusMessage.MessageType.ErrorMessage


def _open_url(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


def open_in_viewer(paths: Sequence[Path], open_url: Callable[[QUrl], bool] | None = None) -> int:
    """Open each photo in the app the desktop uses for it; returns how many it accepted."""
    opener = open_url or _open_url
    return sum(bool(opener(QUrl.fromLocalFile(str(p)))) for p in paths)


def show_in_folder(
    paths: Sequence[Path],
    platform: str = sys.platform,
    run: Callable[[list[str]], object] = subprocess.Popen,
    show_items: Callable[[Sequence[Path]], bool] | None = None,
    open_url: Callable[[QUrl], bool] | None = None,
) -> None:
    """Show the photos selected in the file manager (macOS and Windows: the first one), else open their
    folders."""
    if not paths:
        return
    command = reveal_command(paths[0], platform)
    if command is not None:
        try:
            run(command)
            return
        except OSError:
            pass
    elif (show_items or _show_items_over_dbus)(paths):
        return
    for folder in dict.fromkeys(p.parent for p in paths):
        (open_url or _open_url)(QUrl.fromLocalFile(str(folder)))


def copy_paths(paths: Sequence[Path]) -> str:
    """Put the photos' paths on the clipboard, one per line; returns the text."""
    text = "\n".join(str(p) for p in paths)
    QGuiApplication.clipboard().setText(text)
    return text
