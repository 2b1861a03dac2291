"""Pictures of the features: the PCA scatter that ``train --pca`` saves."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def save_pca_plot(features: np.ndarray, labels: list[str], classes: list[str], out: Path, title: str = "") -> Path:
    """2-D PCA scatter of the features coloured by class, as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.decomposition import PCA

    pca = PCA(n_components=2)
    xy = pca.fit_transform(np.asarray(features, dtype=np.float64))
    y = np.asarray(labels)
    fig, ax = plt.subplots(figsize=(7, 5.5), dpi=110)
    for name in classes:
        mask = y == name
        ax.scatter(xy[mask, 0], xy[mask, 1], s=18, alpha=0.75, label=f"{name} ({int(mask.sum())})")
    ratio = pca.explained_variance_ratio_
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
