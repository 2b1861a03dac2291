"""Start the window (``sakura-sorter gui [FOLDER]``, or the ``sakura-sorter-gui`` launcher).

Only Qt is imported here; the model (scikit-learn, TensorFlow) is loaded on a worker thread once the
window is shown, while the person chooses a folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sakura_sorter.jobs import Jobs


def run_window(folder: Path | None = None, jobs: Jobs | None = None) -> int:
    """Create the application and the window, open ``folder`` if given, and run the event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sakura_sorter import __version__
    from sakura_sorter.gui.i18n import choose_language, install_translators
    from sakura_sorter.gui.icon import app_icon
    from sakura_sorter.gui.window.main_window import APPLICATION, ORGANIZATION, MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Sakura Sorter")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    translators = install_translators(app, choose_language())
    window = MainWindow(jobs or Jobs())
    window.show()
    if folder is not None:
        QTimer.singleShot(0, lambda: window.open_folder(folder))
    code = app.exec()
    del translators
    return code
