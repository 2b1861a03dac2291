"""Screenshots of the loupe on a real photo, in English and Japanese, at fit and at 100%.

    python tests/tools/loupe_screenshot.py OUT_DIR [PHOTO] [--size 1600x1000]

Writes ``loupe_{en,ja}_{fit,100}.png`` into OUT_DIR (offscreen Qt; no display needed). The photo defaults to
a 12-MP camera photo with EXIF from ``../shared/data/photos2``; the scores shown are made up for the picture
(the screenshot is of the loupe, not of the model). Japanese uses the window's translations compiled from the
``.ts`` sources with Qt's ``lrelease`` into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[2]
PHOTOS2 = REPO.parent / "shared" / "data" / "photos2"
DEFAULT_PHOTO = PHOTOS2 / "sakura" / "dsersch-japancssstuf_cherry-blossom.jpg"
TS_DIR = REPO / "sakura_sorter" / "gui" / "translations"


def compiled_translations(language: str, folder: Path) -> list[Path]:
    """The ``.qm`` files for ``language`` (every ``*_<language>.ts`` of the window), built into ``folder``."""
    import PySide6

    lrelease = Path(PySide6.__file__).parent / "lrelease"
    out = []
    for ts in sorted(TS_DIR.glob(f"*_{language}.ts")):
        qm = folder / ts.with_suffix(".qm").name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("photo", type=Path, nargs="?", default=DEFAULT_PHOTO)
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    if not args.photo.is_file():
        print(f"no photo at {args.photo} (../shared is absent?)", file=sys.stderr)
        return 2
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication, QWidget

    from sakura_sorter.gui.results.loupe import Loupe
    from sakura_sorter.jobs.photo_facts import LoupePhoto

    app = QApplication.instance() or QApplication([])
    photo = LoupePhoto(
        path=args.photo,
        root=args.photo.parent.parent,
        label="sakura",
        scores={"sakura": 0.62, "cosmos": 0.21, "other": 0.17},
        human_label=None,
    )
    with tempfile.TemporaryDirectory() as tmp:
        for language in ("en", "ja"):
            translators = []
            if language != "en":
                for qm in compiled_translations(language, Path(tmp)):
                    translators.append(QTranslator(app))
                    translators[-1].load(str(qm))
                qt = QTranslator(app)
                if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                    translators.append(qt)
                for translator in translators:
                    app.installTranslator(translator)
            window = QWidget()
            window.resize(width, height)
            window.show()
            loupe = Loupe(window)
            shown = photo if language == "en" else LoupePhoto(**{**photo.__dict__, "human_label": "sakura"})
            loupe.open(shown)
            loupe.canvas.wait(30000)
            app.processEvents()
            loupe.grab().save(str(args.out / f"loupe_{language}_fit.png"))
            loupe.canvas.actual_pixels()
            app.processEvents()
            loupe.grab().save(str(args.out / f"loupe_{language}_100.png"))
            canvas = loupe.canvas
            print(language, "scale", canvas.scale, "full", canvas.has_full(), "shows", canvas.visible_rect())
            loupe.close_loupe()
            window.close()
            for translator in translators:
                app.removeTranslator(translator)
    print(f"wrote {sorted(p.name for p in args.out.glob('loupe_*.png'))} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
