"""A model folder's card (``model.json``) and where the bundled model lives: read without NumPy or the model, so
a cached run can name the model and its classes before (or instead of) loading it."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from sakura_sorter.errors import SakuraSorterError

CARD_NAME = "model.json"
RETRAIN = "Retrain it with: sakura-sorter train DATA_DIR --output MODEL_DIR"


class ModelError(SakuraSorterError):
    """A model bundle that cannot be used; the message says why and what to do."""


def bundled_model_dir() -> Path:
    """The folder of the model shipped with the package (``resources/model``)."""
    return Path(str(resources.files("sakura_sorter.resources") / "model"))


def read_card(folder: Path) -> dict[str, Any]:
    card_path = Path(folder) / CARD_NAME
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"No model card {CARD_NAME} in {folder}: this is not a sakura-sorter model folder.") from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"The model card {card_path} cannot be read: {exc}") from exc
    if not isinstance(card, dict):
        raise ModelError(f"The model card {card_path} is not a JSON object.")
    return card


def model_identity(folder: Path) -> str | None:
    """Names the model in ``folder`` as it is now, without loading it: its card's bytes and the size, time
    and inode of the file its card names. None for a model without ``model.npz`` (nothing to key safely)."""
    import hashlib
    import os

    try:
        raw = (Path(folder) / CARD_NAME).read_bytes()
        entry = json.loads(raw).get("linear_model")
        if not isinstance(entry, dict):
            return None
        st = os.stat(Path(folder) / str(entry.get("file", "model.npz")))
    except (OSError, ValueError, AttributeError):
        return None
    state = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{os.path.realpath(folder)}".encode()
    return hashlib.sha256(raw + b"\0" + state).hexdigest()
