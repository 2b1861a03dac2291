"""Finishing and undoing a tag group: our label in an XMP sidecar, never at the cost of a person's edits.

A created sidecar is removed only when it holds exactly what tagging wrote (the label and nothing else, so
nothing is lost); a sidecar that existed is put back from its backup only when it differs from the backup by
nothing but the label. A sidecar changed since (a rating added in a photo manager, say) keeps every change:
only the label is taken out, and undo says so.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sakura_sorter.digest import read_regular
from sakura_sorter.files import fileops, journal, xmp
from sakura_sorter.files.records import Tag

RESTORED, KEPT, GONE = "restored", "kept", "gone"


def _read(path: Path) -> bytes | None:
    """The file's bytes, None when there is no file (``OSError`` for a FIFO, a link, a folder...)."""
    if not os.path.lexists(path):
        return None
    return read_regular(path, follow_symlinks=False)


def finish_tag(root: Path, group: Tag) -> None:
    """Write the label of an interrupted tag group (idempotent)."""
    sidecar = journal.from_rel(root, group.xmp)
    merged = xmp.merge_label(_read(sidecar), group.label)
    fileops.write_atomic(sidecar, merged, journal.from_rel(root, group.tmp))


def undo_tag(root: Path, group: Tag, notes: list[str]) -> str:
    """Take the label of ``group`` out again; returns ``restored``, ``kept`` or ``gone`` (notes say why)."""
    sidecar, tmp = journal.from_rel(root, group.xmp), journal.from_rel(root, group.tmp)
    if os.path.lexists(tmp):  # this run's temporary name (checked when the journal was read)
        os.unlink(tmp)
    backup = None
    if group.backup is not None:
        try:
            backup = _read(journal.from_rel(root, group.backup))
        except OSError:
            backup = None
        if backup is None:
            notes.append(f"kept {group.xmp} as it is: its backup {group.backup} is missing or unreadable")
            return KEPT
    try:
        current = _read(sidecar)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ELOOP):
            raise
        notes.append(f"left {group.xmp} alone: it is no longer a regular file")
        return KEPT
    if current is None:
        if backup is not None:
            notes.append(f"{group.xmp} was deleted after the sort; its earlier version stays in {group.backup}")
            return GONE
        return RESTORED
    try:
        expected: bytes | None = xmp.merge_label(backup, group.label)
    except xmp.XmpError:
        expected = None
    if current == expected:  # exactly what tagging wrote
        if backup is None:
            os.unlink(sidecar)
            fileops.fsync_dir(sidecar.parent)
        else:
            fileops.write_atomic(sidecar, backup, tmp)
        return RESTORED
    if current == backup:
        return RESTORED
    try:
        keep = xmp.labels_in(backup) if backup is not None else None
        stripped = xmp.remove_label(current, group.label, keep)
    except xmp.XmpError:
        notes.append(f"kept {group.xmp} as it is: it was changed after tagging and is no longer readable XMP")
        return KEPT
    if stripped is None:
        notes.append(f"left {group.xmp} as it is: it was changed after tagging and no longer has the label")
    else:
        fileops.write_atomic(sidecar, stripped, tmp)
        notes.append(f"{group.xmp} was changed after tagging: took out only the label {group.label!r}, kept the rest")
    return RESTORED
