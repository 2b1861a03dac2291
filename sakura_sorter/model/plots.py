"""Pictures of the features: the PCA scatter that ``train --pca`` saves."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

#: Fonts with Japanese (and Chinese) glyphs, most common first: Linux desktops, macOS, Windows. Matplotlib's own
#: font has none, so class folders named さくら or コスモス would show as boxes.
CJK_FAMILIES = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "IPAPGothic",
    "TakaoGothic",
    "VL Gothic",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "Yu Gothic",
    "Meiryo",
    "MS Gothic",
    "Noto Sans CJK SC",
    "Droid Sans Fallback",
)
_CJK_FILE_HINTS = ("cjk", "ipa", "gothic", "takao", "meiryo", "msgothic", "hiragino", "yugoth", "droidsansfallback")


def font_families(texts: Sequence[str]) -> list[str]:
    """The font list to draw ``texts`` with: matplotlib's default, then (for text beyond ASCII) the installed fonts
    of :data:`CJK_FAMILIES`, which matplotlib falls back to glyph by glyph. Fonts installed after matplotlib
    listed the system's fonts are looked for too."""
    from matplotlib import font_manager, rcParams

    default = list(rcParams["font.family"])
    if all(text.isascii() for text in texts):
        return default
    manager = font_manager.fontManager

    def installed() -> list[str]:
        known = {font.name for font in manager.ttflist}
        return [name for name in CJK_FAMILIES if name in known]

    found = installed()
    if not found:  # matplotlib's list of fonts may be older than the font
        for path in font_manager.findSystemFonts():
            if any(hint in Path(path).name.casefold() for hint in _CJK_FILE_HINTS):
                try:
                    manager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = installed()
    return [*default, *found]


def save_pca_plot(features: np.ndarray, labels: list[str], classes: list[str], out: Path, title: str = "") -> Path:
    """2-D PCA scatter of the features coloured by class, as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.decomposition import PCA

    pca = PCA(n_components=2)
    xy = pca.fit_transform(np.asarray(features, dtype=np.float64))
    y = np.asarray(labels)
    families = font_families([*classes, title])
    with plt.rc_context({"font.family": families}), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = _draw(xy, y, classes, pca.explained_variance_ratio_, out, title)
    missing = [w for w in caught if "missing from font" in str(w.message)]
    for other in (w for w in caught if w not in missing):
        warnings.warn(other.message, other.category, stacklevel=2)
    if missing:
        warnings.warn(
            "No font with Japanese letters was found, so some class names show as boxes in the PCA plot; "
            "install one (for example the fonts-noto-cjk package) and train again.",
            UserWarning,
            stacklevel=2,
        )
    return out


def _draw(xy: np.ndarray, y: np.ndarray, classes: list[str], ratio: np.ndarray, out: Path, title: str) -> Path:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 5.5), dpi=110)
    for name in classes:
        mask = y == name
        ax.scatter(xy[mask, 0], xy[mask, 1], s=18, alpha=0.75, label=f"{name} ({int(mask.sum())})")
    ax.set_xlabel(f"PC1 ({ratio[0]:.1%} of variance)")
    ax.set_ylabel(f"PC2 ({ratio[1]:.1%} of variance)")
    ax.set_title(title or "VGG16 features (512-d), first two principal components")
    ax.legend(loc="best")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
