"""Build step besides pyproject.toml: compile the window's translations (``.ts`` -> ``.qm``) with Qt's lrelease.

``lrelease`` ships inside PySide6-Essentials (a build requirement), so the ``.qm`` files are made from the
committed ``.ts`` sources whenever the package is built: into the wheel, or next to the sources for an
editable install (git-ignored).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TS_DIR = Path("sakura_sorter") / "gui" / "translations"


def lrelease() -> str:
    import PySide6

    tool = Path(PySide6.__file__).parent / "lrelease"
    if not tool.exists():
        raise RuntimeError(f"Qt's lrelease is missing from PySide6 ({tool}); cannot build the translations")
    return str(tool)


class BuildWithTranslations(build_py):
    """``build_py``, then ``lrelease`` each ``.ts`` into a ``.qm`` beside the built package."""

    def run(self) -> None:
        super().run()
        target = TS_DIR if self.editable_mode else Path(self.build_lib) / TS_DIR
        target.mkdir(parents=True, exist_ok=True)
        for ts in sorted(TS_DIR.glob("*.ts")):
            qm = target / ts.with_suffix(".qm").name
            subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not self.editable_mode:
            outputs += [str(Path(self.build_lib) / TS_DIR / ts.with_suffix(".qm").name) for ts in TS_DIR.glob("*.ts")]
        return outputs


setup(cmdclass={"build_py": BuildWithTranslations})
