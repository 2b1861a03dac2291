"""What the jobs take and give: the options, the events they yield, and their plain results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.results import PhotoResult
from sakura_sorter.vision.batches import DEFAULT_BATCH_SIZE

if TYPE_CHECKING:
    import numpy as np

    from sakura_sorter.model.bundle import ModelBundle
    from sakura_sorter.vision.cache import FeatureCache
    from sakura_sorter.vision.settings import Extractor, ExtractorSettings

Cancel = Callable[[], bool]

#: The largest batch a person may ask for: a batch is held in memory as 224x224 images (150 KB each).
MAX_BATCH_SIZE = 256


def never() -> bool:
    """The default ``cancel``: never."""
    return False


class Cancelled(SakuraSorterError):
    """A job that cannot return part of its work (a model fitted on part of the photos) was stopped."""

    def __init__(self, message: str = "Stopped before the end; nothing was made.") -> None:
        super().__init__(message, "Start again when you are ready.")


@dataclass(frozen=True)
class Options:
    """What a person can choose on the command line or in the window (``None``: the documented default)."""

    model: Path | None = None
    weights: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    precision: str | None = None
    feature_cache: str | None = None  # a file or folder, "off", or None for $SAKURA_SORTER_CACHE / the default

    def __post_init__(self) -> None:
        if isinstance(self.batch_size, bool) or not 1 <= int(self.batch_size) <= MAX_BATCH_SIZE:
            raise SakuraSorterError(
                f"The batch size must be a whole number from 1 to {MAX_BATCH_SIZE}, not {self.batch_size!r}.",
                f"Use --batch-size between 1 and {MAX_BATCH_SIZE} (default {DEFAULT_BATCH_SIZE}).",
            )


@dataclass
class FolderScan:
    """A folder as found: photos to classify, photos already in a class folder, and its journal state;
    symbolic links (never followed) and folders that could not be listed go into the plan as rows."""

    folder: Path
    photos: list[Path]
    already_sorted: list[Path]
    classes: list[str]
    undoable: bool
    interrupted: bool
    links: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    #: photos in subfolders a scan of the top folder only left out, per first subfolder (empty when recursive)
    left_out: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Notice:
    """Something to say while no batch is done yet: its ``kind`` (:data:`LOADING` the model, :data:`DOWNLOADING`
    the weights, :data:`PREPARING` the int8 model for this computer, once), which a front end words in the
    person's language, and ``text``, the same in English."""

    text: str
    kind: str = "loading"


#: The kinds of :class:`Notice`.
LOADING, DOWNLOADING, PREPARING = "loading", "downloading", "preparing"


@dataclass
class ClassifyStep:
    """One batch classified: its results, where the run stands, and the steady rate and time left."""

    results: list[PhotoResult]
    done: int
    total: int
    rate: float | None
    eta: float | None
    cached: int = 0


@dataclass
class LabelledFeatures:
    """Features of labelled photos; photos that could not be read are left out and listed in ``skipped``."""

    features: np.ndarray
    labels: list[str]
    paths: list[Path]
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    hashes: dict[Path, str] = field(default_factory=dict)  #: content hashes known from reading the photos


class JobsLike(Protocol):
    """What the classify, labelled-folder and teaching jobs use of :class:`~sakura_sorter.jobs.core.Jobs`."""

    options: Options
    model_entry: str | None

    def bundle(self) -> ModelBundle: ...

    def settings(self) -> ExtractorSettings: ...

    def extractor(self) -> Extractor: ...

    def open_cache(self) -> FeatureCache | None: ...

    def loading_notice(self) -> Notice | None: ...

    def labelled_features(
        self, paths: Sequence[Path], labels: Sequence[str], cancel: Cancel = ...
    ) -> Generator[ClassifyStep, None, LabelledFeatures]: ...

    def follow_active(self) -> None: ...
