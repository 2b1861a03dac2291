"""The person's models: taught or trained models kept in the user data folder, and which one is active.

``$XDG_DATA_HOME/sakura-sorter/models/<name>/`` holds each model folder (``model.json``, ``model.joblib``,
``features.npz``), written only by this program (teach, train from the window, ``model --use``); the file
``active-model`` names the one ``classify``, ``sort`` and the window use. With no such file the bundled model
is active. The bundled model itself is never modified; "reset" just forgets the choice.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.model.card import CARD_NAME, ModelError, bundled_model_dir, read_card
from sakura_sorter.userdirs import user_data_dir

BUNDLED = "bundled"
_ACTIVE_FILE = "active-model"


class RegistryError(SakuraSorterError):
    """A model that cannot be found, named or stored."""


@dataclass(frozen=True)
class ModelEntry:
    """A model a person can choose: its name, folder and card."""

    name: str
    folder: Path
    card: dict[str, Any]
    active: bool = False

    @property
    def bundled(self) -> bool:
        return self.name == BUNDLED


def models_dir() -> Path:
    return user_data_dir() / "models"


def slug(name: str) -> str:
    """A folder name for a model name (letters, digits, ``-``, ``_``, ``.``; other characters become ``-``)."""
    cleaned = re.sub(r"[^\w.-]+", "-", name.strip(), flags=re.UNICODE).strip(".-")
    if not cleaned or cleaned == BUNDLED:
        raise RegistryError(f"{name!r} cannot name a model.", "Choose a name with letters or digits.")
    return cleaned[:80]


def active_name() -> str:
    """The active model's name (``bundled`` when the person chose none, or the chosen one is gone)."""
    try:
        name = (user_data_dir() / _ACTIVE_FILE).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return BUNDLED
    except OSError as exc:
        raise RegistryError(f"Cannot read which model is active: {exc}.", "Check the user data folder.") from exc
    return name if name and (models_dir() / name / CARD_NAME).is_file() else BUNDLED


def active_model_dir() -> Path:
    return model_dir(active_name())


def model_dir(name: str) -> Path:
    """The folder of the model called ``name`` (``bundled``: the bundled one)."""
    return bundled_model_dir() if name == BUNDLED else models_dir() / name


def list_models() -> list[ModelEntry]:
    """The bundled model, then the person's models by name. A model whose card cannot be read is listed with
    the reason in its card's ``problem`` (so one damaged model never hides the others)."""
    active = active_name()
    entries = [ModelEntry(BUNDLED, bundled_model_dir(), read_card(bundled_model_dir()), active == BUNDLED)]
    if models_dir().is_dir():
        for folder in sorted(models_dir().iterdir()):
            if (folder / CARD_NAME).is_file():
                try:
                    card = read_card(folder)
                except ModelError as exc:
                    card = {"problem": str(exc)}
                entries.append(ModelEntry(folder.name, folder, card, active == folder.name))
    return entries


def find(name: str) -> ModelEntry:
    for entry in list_models():
        if entry.name == name:
            return entry
    known = ", ".join(e.name for e in list_models())
    raise RegistryError(f"No model named {name!r}.", f"Models: {known}.")


def activate(name: str) -> ModelEntry:
    """Make ``name`` the active model (``bundled`` goes back to the bundled one)."""
    entry = find(name)
    _write_active("" if entry.bundled else entry.name)
    return ModelEntry(entry.name, entry.folder, entry.card, True)


def reset() -> None:
    """Go back to the bundled model (the person's models are kept)."""
    _write_active("")


def _write_active(name: str) -> None:
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / _ACTIVE_FILE
    if not name:
        target.unlink(missing_ok=True)
        return
    fd, tmp = tempfile.mkstemp(prefix=".active-", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
    os.replace(tmp, target)


def new_model_folder(name: str) -> tuple[str, Path]:
    """A fresh, unused folder for a model called ``name`` (``name (2)`` when it is taken)."""
    base = slug(name)
    models_dir().mkdir(parents=True, exist_ok=True)
    candidate, n = base, 1
    while (models_dir() / candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate, models_dir() / candidate


def install(folder: Path, name: str) -> ModelEntry:
    """Copy a model folder the person named into their models (it is checked when it is first loaded)."""
    folder = Path(folder)
    card = read_card(folder)
    chosen, target = new_model_folder(name or str(card.get("name") or folder.name))
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(folder, tmp)
    card_path = tmp / CARD_NAME
    data = json.loads(card_path.read_text(encoding="utf-8"))
    data["name"] = chosen
    card_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return ModelEntry(chosen, target, read_card(target))
