"""Results remembered from an earlier run (:mod:`sakura_sorter.vision.result_memo`), as the jobs use them: which
model is meant, the key of its results, and the memo in the feature cache's file, all without loading the model.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter import __version__

if TYPE_CHECKING:
    from sakura_sorter.jobs.events import Options
    from sakura_sorter.vision.result_memo import ResultMemo
    from sakura_sorter.vision.settings import ExtractorSettings


def model_folder(options: Options) -> Path:
    """The folder of the model the jobs use: the one named, else the person's active one (or the bundled)."""
    if options.model is not None:
        folder = Path(options.model)
        return folder.parent if folder.is_file() else folder
    from sakura_sorter.model.registry import active_name, model_dir

    return model_dir(active_name())


def result_key(options: Options, settings: ExtractorSettings) -> str | None:
    """What a remembered result must have been made with: this model as it is now, this extractor and this
    version of the program. None when the model cannot be keyed without loading it."""
    from sakura_sorter.model.card import model_identity

    model = model_identity(model_folder(options))
    if model is None:
        return None
    text = f"{model}|{settings.identity}|{__version__}"
    return hashlib.sha256(text.encode("utf-8", "backslashreplace")).hexdigest()


def open_memo(options: Options, settings: ExtractorSettings) -> ResultMemo | None:
    """The memo in the feature cache's file (not yet open on a first run: it opens once the feature cache has
    made the file), or None when the cache is off."""
    from sakura_sorter.vision.cache_file import resolve_cache_path
    from sakura_sorter.vision.result_memo import ResultMemo

    path = resolve_cache_path(options.feature_cache)
    if path is None:
        return None
    return ResultMemo(path, settings.identity)
