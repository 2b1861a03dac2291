"""The window's language: Qt translators for our strings (``translations/*.qm``) and Qt's own (dialog buttons).

The ``.qm`` files are compiled from the ``.ts`` sources by ``lrelease`` when the package is built (see
``setup.py``), so no binary is committed. Japanese is used when the system locale is Japanese; the
environment variable ``SAKURA_SORTER_LANG`` (``ja``, ``en``) overrides it.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LANGUAGES = ("en", "ja")
ENV_VAR = "SAKURA_SORTER_LANG"


def choose_language(system: QLocale | None = None) -> str:
    """``ja`` or ``en``: from ``$SAKURA_SORTER_LANG`` if set, else from the system locale."""
    wanted = os.environ.get(ENV_VAR, "").strip().lower()[:2]
    if wanted in LANGUAGES:
        return wanted
    locale = system or QLocale.system()
    return "ja" if locale.language() == QLocale.Language.Japanese else "en"


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"sakura_sorter_{language}.qm"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load and install the translators for ``language``; returns them (keep them alive)."""
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(qm_file(language))):
        installed.append(ours)
    if language != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            installed.append(qt)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
