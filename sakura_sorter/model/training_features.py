"""The features a model was trained on, saved beside it as ``features.npz`` (plain arrays, no photos): what
teaching, suggestions and the benchmarks refit or compare with."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sakura_sorter.model.bundle import RETRAIN, ModelError
from sakura_sorter.vision.extractor import AVG_DIM, FEATURE_DIM, split_features

FEATURES_NAME = "features.npz"


@dataclass
class TrainingFeatures:
    """The features a model was trained on (no photos): rows, labels, the folder each came from, file names,
    and (when known) each photo's source and kinds (:mod:`~sakura_sorter.model.provenance`)."""

    features: np.ndarray
    labels: list[str]
    subsets: list[str]
    names: list[str]
    sources: list[str] = field(default_factory=list)
    kinds: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        from sakura_sorter.model.provenance import source_from_name

        if not self.sources:
            self.sources = [source_from_name(Path(n)) for n in self.names]
        if not self.kinds:
            self.kinds = [[] for _ in self.names]


def save_training_features(folder: Path, data: TrainingFeatures) -> Path:
    """Write ``features.npz`` beside the model (plain arrays: loading it runs no code)."""
    path = Path(folder) / FEATURES_NAME
    tmp = path.with_name(path.name + ".tmp.npz")
    # the averages only: regions would make the file four times larger, and refitting reads the averages
    avg = split_features(np.asarray(data.features, dtype=np.float32))[0]
    np.savez_compressed(
        tmp,
        features=avg,
        labels=np.asarray(data.labels, dtype=str),
        subsets=np.asarray(data.subsets, dtype=str),
        names=np.asarray(data.names, dtype=str),
        sources=np.asarray(data.sources, dtype=str),
        kinds=np.asarray([";".join(k) for k in data.kinds], dtype=str),
    )
    tmp.replace(path)
    return path


def load_training_features(folder: Path) -> TrainingFeatures | None:
    """The training features saved beside a model, or None when it has none."""
    path = Path(folder) / FEATURES_NAME
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            features = data["features"].astype(np.float32)
            labels, subsets, names = (data[k].astype(str).tolist() for k in ("labels", "subsets", "names"))
            sources = data["sources"].astype(str).tolist() if "sources" in data.files else []
            kinds = [k.split(";") if k else [] for k in data["kinds"].astype(str)] if "kinds" in data.files else []
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"The training features {path} cannot be read: {exc}.", RETRAIN) from exc
    if (
        features.ndim != 2
        or features.shape[1] not in (FEATURE_DIM, AVG_DIM)
        or not len(labels) == len(subsets) == len(features)
    ):
        raise ModelError(f"The training features {path} do not fit this version ({features.shape}).", RETRAIN)
    if (sources and len(sources) != len(labels)) or (kinds and len(kinds) != len(labels)):
        raise ModelError(f"The training features {path} do not hang together (sources or kinds).", RETRAIN)
    return TrainingFeatures(features, labels, subsets, names, sources, kinds)
