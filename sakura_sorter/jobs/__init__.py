"""The jobs both front ends drive (plain Python: no Qt, no argparse).

:class:`Jobs` owns the options and the lazily loaded model and extractor and offers the jobs: scan, classify,
plan, apply, undo and the reports (:mod:`.core`); train and evaluate on labelled folders (:mod:`.labelled`);
keep the person's labels and teach the model from them (:mod:`.teaching`). :mod:`.events` defines what they
take and give.
"""

from sakura_sorter.jobs.core import Jobs
from sakura_sorter.jobs.events import (
    MAX_BATCH_SIZE,
    Cancel,
    ClassifyStep,
    FolderScan,
    LabelledFeatures,
    Notice,
    Options,
)

__all__ = [
    "MAX_BATCH_SIZE",
    "Cancel",
    "ClassifyStep",
    "FolderScan",
    "Jobs",
    "LabelledFeatures",
    "Notice",
    "Options",
]
