"""A folder the user may read but not change (issue 11, defect 6), tried as an unprivileged user.

Root may write anywhere, so as root the window runs in a child process that drops to ``nobody`` once its
modules are imported (the interpreter itself lives where ``nobody`` cannot read). It must say up front, in
plain words, that the folder is read-only, offer no Apply, and never show an internal path or a traceback.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

HERE = Path(__file__).resolve().parents[1] / "support"  # the fakes the child imports

SCRIPT = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui_fakes import FakeJobs
from sakura_sorter.gui.window.main_window import MainWindow
import sakura_sorter.files.apply, sakura_sorter.files.report, sakura_sorter.files.recovery  # noqa: F401
import sakura_sorter.vision.photos, sakura_sorter.vision.pipeline, sakura_sorter.vision.weights  # noqa: F401
import sakura_sorter.jobs.tasks, sakura_sorter.gui.dialogs.outcome, sakura_sorter.files.plan  # noqa: F401
import sakura_sorter.jobs.teaching, sakura_sorter.model.teaching, sqlite3  # noqa: F401
import sakura_sorter.vision.listing, sakura_sorter.model.card, sakura_sorter.jobs.classifying  # noqa: F401
import sakura_sorter.jobs.remembered, sakura_sorter.vision.result_memo  # noqa: F401
folder, home, uid = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
if uid != os.getuid():
    os.setgroups([]); os.setgid(uid); os.setuid(uid)
assert not os.access(folder, os.W_OK)
settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
win = MainWindow(FakeJobs(), settings)
win.show()
done = []
win.jobDone.connect(lambda kind, how: done.append((kind, how)))
def wait(kind):
    while not any(k == kind for k, _ in done):
        app.processEvents()
win.open_folder(folder)
wait("classify")
out = {"results": len(win.model.results), "banner": win.banner.text, "kind": win.banner.kind,
       "apply": win.apply_action.isEnabled(), "undo": win.undo_action.isEnabled()}
win.ctl.session.writable = True  # as if the check had been fooled: the export still fails in plain words
win.export_csv(folder / "report.csv")
wait("export")
box = win.ctl.error_dialog
out["error"] = box.text() + "\n" + box.informativeText()
win.ctl.session.ask_before_discarding = False
win.close()
print("RESULT " + json.dumps(out))
"""


def test_read_only_folder_is_said_up_front_and_errors_show_no_internal_paths(tmp_path: Path) -> None:
    from gui_fakes import make_folder

    base = Path(tempfile.mkdtemp(prefix="sakura-ro-", dir="/tmp"))  # reachable by nobody
    try:
        folder, home = base / "photos (read-only)", base / "home"
        make_folder(folder)
        home.mkdir()
        uid = os.getuid()
        if uid == 0:
            uid = pwd.getpwnam("nobody").pw_uid
            os.chown(home, uid, -1)
        else:
            folder.chmod(0o555)
        for path in (base, folder):
            path.chmod(0o755 if os.getuid() == 0 else 0o555)
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)}
        env["XDG_RUNTIME_DIR"] = str(home)
        proc = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(HERE), str(folder), str(home), str(uid)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        (base / "photos (read-only)").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(next(line for line in proc.stdout.splitlines() if line.startswith("RESULT "))[7:])
    assert result["results"] == 11
    assert result["kind"] == "warning" and "read-only for you" in result["banner"]
    assert not result["apply"] and not result["undo"]
    error = result["error"]
    assert "Could not write the report." in error and "Permission denied" in error and "What to do:" in error
    assert ".tmp" not in error and "report.csv." not in error and ".sakura-sorter" not in error
    assert "Traceback" not in proc.stderr
