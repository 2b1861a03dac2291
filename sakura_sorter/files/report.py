"""CSV reports: UTF-8 with BOM (so spreadsheet programs show Japanese names), one row per photo,
cells neutralised against formula injection, written atomically."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import Action, Status

if TYPE_CHECKING:
    from sakura_sorter.files.apply import ApplyOutcome
    from sakura_sorter.files.plan import Plan

CLASSIFY_COLUMNS = ("path", "label", "confidence", "status", "error")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> str:
    """Text for one CSV cell; a leading formula character gets a ``'`` so it is shown, not run."""
    text = "" if cell is None else str(cell)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def format_confidence(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def write_csv(out: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write ``rows`` under ``columns`` to ``out`` atomically (temp file + ``os.replace``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        os.fchmod(fd, _new_file_mode(out))  # mkstemp makes 0600; a report is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            handle.write(buffer.getvalue())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_file_mode(out: Path) -> int:
    """The mode an ordinary new file gets (0666 less the umask), or that of the file being replaced."""
    try:
        return os.stat(out).st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux: read it without changing it (os.umask sets it, which is racy with other threads)
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1], 8) for line in status if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError):
        umask = os.umask(0o022)
        os.umask(umask)
        return umask


def write_classify_report(out: Path, results: Sequence[PhotoResult]) -> None:
    """The ``classify`` report: one row per photo with the model's label and confidence."""
    write_csv(
        out,
        CLASSIFY_COLUMNS,
        ((str(r.path), r.label or "", format_confidence(r.confidence), r.status, r.error or "") for r in results),
    )


SORT_COLUMNS = (
    "path",
    "new_path",
    "action",
    "label",
    "human_label",
    "confidence",
    "status",
    "error",
    "sidecars",
    "note",
)


def write_sort_report(out: Path, plan: Plan, outcome: ApplyOutcome | None = None) -> None:
    """The ``sort`` report: one row per photo found. Rows that were not applied (all of them without
    ``outcome``: a dry run) say what the plan would do: status ``planned`` instead of ``sorted``, and
    ``note`` starts with ``dry run`` (or ``not applied`` when other rows of the report were)."""
    outcomes = {id(o.item): o for o in outcome.items} if outcome is not None else {}
    rows = []
    for item in plan.items:
        done = outcomes.get(id(item))
        status = done.status if done else item.status
        error = done.error if done else (item.note if item.status == Status.ERROR else "")
        note = done.note if done else item.note
        if status == Status.ERROR and note == error:
            note = ""
        if done is None:
            status = Status.PLANNED if status == Status.SORTED else status
            note = ("dry run" if outcome is None else "not applied") + (f": {note}" if note else "")
        moved = item.actionable and status in (Status.SORTED, Status.PLANNED)
        rows.append(
            (
                str(item.path),
                str(item.destination) if moved and item.destination else "",
                item.action if item.actionable else Action.NONE,
                item.result.label or "",
                item.result.human_label or "",
                format_confidence(item.result.confidence),
                status,
                error if status == Status.ERROR else "",
                "; ".join(str(s.name) for s in item.sidecars),
                note,
            )
        )
    write_csv(out, SORT_COLUMNS, rows)
