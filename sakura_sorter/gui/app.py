"""Start the window: ``sakura-sorter gui [FOLDER]`` or the ``sakura-sorter-gui`` launcher.

Only Qt is imported here; the model (scikit-learn, TensorFlow) is loaded on a worker thread after the
window is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from sakura_sorter.gui.engine import Engine, EngineOptions


def run_window(folder: Path | None = None, options: EngineOptions | None = None) -> int:
    """Create the application and the window, open ``folder`` if given, and run the event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sakura_sorter import __version__
    from sakura_sorter.gui.main_window import APPLICATION, ORGANIZATION, MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Sakura Sorter")
    app.setApplicationVersion(__version__)
    window = MainWindow(Engine(options))
    window.show()
    if folder is not None:
        QTimer.singleShot(0, lambda: window.open_folder(folder))
    return app.exec()


def main(argv: Sequence[str] | None = None) -> int:
    """The ``sakura-sorter-gui`` entry point: the same options as ``sakura-sorter gui``."""
    from sakura_sorter.cli import main as cli_main

    args = list(sys.argv[1:] if argv is None else argv)
    return cli_main(["gui", *args])


if __name__ == "__main__":
    sys.exit(main())
