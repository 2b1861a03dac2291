"""Where a labelled photo comes from and what kind of photo it is, for honest measurement.

A photo's *source* is the collection it came from (a camera, a photographer, a repository): photos of one
source share a look, so cross-validation must hold out whole sources. When a data folder has a
``SOURCES.tsv`` (tab-separated, a header row, a ``file`` column with the path relative to the folder and a
``repo`` or ``source`` column), that is the source. Otherwise the source is the file name up to the first
``_`` (``pixabay_123.jpg`` comes from ``pixabay``), the whole stem when it has none.

A photo's *kinds* say what it shows, for figures per kind: close-up, whole scene, field, people, night,
look-alike species, ordinary photo. They are read from ``SOURCES.tsv`` too: tags in brackets at the start of
its ``note`` column (``[people,landscape/tree] hanami under ...``), or a ``category`` column (ordinary photos).
A photo without tags has no kind; it still counts in its class.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sakura_sorter.vocabulary import NEITHER

SOURCES_FILE = "SOURCES.tsv"

#: Kinds of photo the figures are broken down by.
CLOSE_UP = "close-up"
WHOLE_SCENE = "whole scene"
FIELD = "field"
PEOPLE = "people"
NIGHT = "night"
LOOK_ALIKE = "look-alike species"
OTHER_SPECIES = "other species"
ORDINARY = "ordinary photo"

#: Tags (in a note's leading brackets) that make a photo a whole scene, and the kind each adds besides.
_SCENE_TAGS = {"landscape/tree", "river/water", "castle/temple", "people", "yozakura", "field/landscape", "field"}
_EXTRA_KINDS = {"people": PEOPLE, "yozakura": NIGHT, "field/landscape": FIELD, "field": FIELD}
_LOOK_ALIKE_TAGS = {"plum", "peach", "magnolia", "hard-negative", "apricot", "almond"}
_TAGS = re.compile(r"^\s*\[([^\]]*)\]")


@dataclass(frozen=True)
class Provenance:
    """The source of one photo and the tags that describe it (empty when nothing is known)."""

    source: str
    tags: tuple[str, ...] = ()
    category: str = ""


def source_from_name(path: Path) -> str:
    """The fallback source: the file name up to the first ``_`` (the whole stem when there is none)."""
    stem = Path(path).stem
    return stem.split("_", 1)[0] if "_" in stem else stem


def note_tags(note: str) -> tuple[str, ...]:
    """The tags in brackets at the start of a note: ``"[people,yozakura] ..."`` -> ``("people", "yozakura")``."""
    match = _TAGS.match(note or "")
    if not match:
        return ()
    return tuple(t.strip().lower() for t in match.group(1).split(",") if t.strip())


def read_sources_file(folder: Path) -> dict[Path, Provenance]:
    """``folder/SOURCES.tsv`` as {resolved photo path: provenance}; empty when the folder has none.

    Rows without a file name or a source are ignored; a file that cannot be read as a table counts as absent
    (the file-name rule then applies), since it only refines the measurement.
    """
    table = Path(folder) / SOURCES_FILE
    try:
        text = table.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    out: dict[Path, Provenance] = {}
    reader = csv.DictReader(text.splitlines(), delimiter="\t")
    for row in reader:
        name = (row.get("file") or "").strip()
        source = (row.get("repo") or row.get("source") or "").strip()
        if not name or not source:
            continue
        path = (Path(folder) / name).resolve()
        out[path] = Provenance(source, note_tags(row.get("note") or ""), (row.get("category") or "").strip())
    return out


def provenance_of(paths: Sequence[Path], roots: Iterable[Path]) -> list[Provenance]:
    """The provenance of each photo: from the ``SOURCES.tsv`` of any of ``roots`` listing it, else its name."""
    known: dict[Path, Provenance] = {}
    for root in roots:
        known.update(read_sources_file(Path(root)))
    out = []
    for path in paths:
        found = known.get(Path(path).resolve())
        out.append(found if found is not None else Provenance(source_from_name(Path(path))))
    return out


def kinds_of(label: str, provenance: Provenance) -> list[str]:
    """The kinds a photo labelled ``label`` counts in (see the module docstring); may be empty."""
    tags = set(provenance.tags)
    if label == NEITHER:
        if tags & _LOOK_ALIKE_TAGS:
            return [LOOK_ALIKE]
        if tags:
            return [OTHER_SPECIES]
        return [ORDINARY] if provenance.category else []
    kinds: list[str] = []
    if tags & _SCENE_TAGS:
        kinds.append(WHOLE_SCENE)
    elif CLOSE_UP in tags:
        kinds.append(CLOSE_UP)
    kinds += sorted({_EXTRA_KINDS[t] for t in tags if t in _EXTRA_KINDS})
    return kinds
