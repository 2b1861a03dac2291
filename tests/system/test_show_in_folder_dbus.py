"""Show in folder on a Linux desktop: the window asks the freedesktop file manager over the session D-Bus
(``org.freedesktop.FileManager1.ShowItems``). Here a private session bus (``dbus-run-session``) and a stand-in
file manager that records what it is asked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

FILE_MANAGER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    @ClassInfo({"D-Bus Interface": "org.freedesktop.FileManager1"})
    class FileManager(QObject):
        @Slot("QStringList", str)
        def ShowItems(self, uris, startup_id):
            print("SHOWN " + " ".join(uris), flush=True)
            QCoreApplication.quit()

    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    manager = FileManager()
    bus.registerObject("/org/freedesktop/FileManager1", manager, QDBusConnection.RegisterOption.ExportAllSlots)
    assert bus.registerService("org.freedesktop.FileManager1")
    print("READY", flush=True)
    app.exec()
    """
)

WINDOW_SIDE = textwrap.dedent(
    """
    import subprocess, sys
    from pathlib import Path
    manager = subprocess.Popen([sys.executable, "-c", sys.argv[1]], stdout=subprocess.PIPE, text=True)
    assert manager.stdout.readline().strip() == "READY"
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    from sakura_sorter.gui import desktop
    print("ASKED", desktop._show_items_over_dbus([Path(sys.argv[2])]), flush=True)
    print(manager.stdout.readline().strip(), flush=True)
    manager.wait(10)
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="D-Bus file managers are a Linux desktop's")
def test_show_in_folder_asks_the_desktop_file_manager_for_the_photo(tmp_path: Path) -> None:
    runner = shutil.which("dbus-run-session")
    if runner is None:
        reason = "dbus-run-session is not installed (the dbus package)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, and CI must run this test (.ci/run installs dbus)")
        pytest.skip(reason)
    photo = tmp_path / "写真 1.jpg"
    photo.write_bytes(b"x")
    out = subprocess.run(
        [runner, "--", sys.executable, "-c", WINDOW_SIDE, FILE_MANAGER, str(photo)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    lines = out.stdout.splitlines()
    assert "ASKED True" in lines, out.stdout + out.stderr
    shown = [line for line in lines if line.startswith("SHOWN ")]
    assert shown == [f"SHOWN file://{tmp_path.as_posix()}/%E5%86%99%E7%9C%9F%201.jpg"], out.stdout + out.stderr
