"""Start the window (``sakura-sorter gui [FOLDER]``, or the ``sakura-sorter-gui`` launcher).

Only Qt is imported here; the model (scikit-learn, TensorFlow) is loaded on a worker thread after the
window is shown.
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
    from sakura_sorter.gui.main_window import APPLICATION, ORGANIZATION, MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Sakura Sorter")
    app.setApplicationVersion(__version__)
    window = MainWindow(jobs or Jobs())
    window.show()
    if folder is not None:
        QTimer.singleShot(0, lambda: window.open_folder(folder))
    return app.exec()
