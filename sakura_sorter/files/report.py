"""CSV reports: UTF-8 with BOM (so spreadsheet programs show Japanese names), one row per photo,
cells neutralised against formula injection, written atomically.

A report never replaces a file that is not a report of ours (a photo named by mistake, a folder, a link, a
FIFO): :func:`check_report_target` says so before anything is sorted, and writing checks again. File names
that are not valid UTF-8 are written with their odd bytes escaped (``\xff``).
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sakura_sorter.digest import open_regular
from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.files.fileops import describe_error, rename_noreplace
from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import Action, Status

if TYPE_CHECKING:
    from sakura_sorter.files.apply import ApplyOutcome
    from sakura_sorter.files.plan import Plan

CLASSIFY_COLUMNS = ("path", "label", "confidence", "status", "error")
#: The ``suggest`` report: fill ``human_label`` and give the file to ``teach``.
SUGGEST_COLUMNS = ("rank", "path", "label", "confidence", "human_label", "uncertainty", "novelty", "scores")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BOM = b"\xef\xbb\xbf"


class ReportError(SakuraSorterError):
    """The ``--report`` path cannot take a report (a folder, a photo, below a file...)."""


def printable(text: str) -> str:
    """``text`` with bytes that are not UTF-8 (kept by Python as surrogates) shown as ``\\xff`` escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def neutralise(cell: object) -> str:
    """Text for one CSV cell; a leading formula character gets a ``'`` so it is shown, not run."""
    text = "" if cell is None else printable(str(cell))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _headers() -> tuple[bytes, ...]:
    return tuple(
        _BOM + ",".join(columns).encode("ascii") + b"\r\n"
        for columns in (CLASSIFY_COLUMNS, SORT_COLUMNS, SUGGEST_COLUMNS)
    )


def is_our_report(path: Path) -> bool:
    """True when ``path`` is a regular file (not a link) that starts like a report this program writes."""
    try:
        with open_regular(path, follow_symlinks=False) as handle:
            start = handle.read(256)
    except OSError:
        return False
    return start.startswith(_headers())


def check_report_target(out: Path) -> None:
    """Raise :class:`ReportError` unless a report can be written at ``out`` without replacing anything but an
    earlier report of ours. Call it before sorting, so that a wrong ``--report`` stops the command first."""
    out = Path(out)
    hint = "Choose a new .csv file in a folder you can write to (or an earlier report of sakura-sorter's)."
    from sakura_sorter.files.journal import STATE_DIR
    from sakura_sorter.files.plan import SIDECAR_EXTENSIONS
    from sakura_sorter.vision.listing import PHOTO_EXTENSIONS

    if out.suffix.lower() in PHOTO_EXTENSIONS | SIDECAR_EXTENSIONS:  # the next scan would take it for one
        raise ReportError(f"The report {out}: a report cannot be named like a photo or a sidecar.", hint)
    if STATE_DIR in Path(os.path.abspath(out)).parts:
        raise ReportError(f"The report {out}: {STATE_DIR} holds the journal; a report does not go there.", hint)
    try:
        st = out.lstat()
    except FileNotFoundError:
        st = None
    except OSError as exc:  # e.g. "Not a directory": a part of the path is a file
        raise ReportError(f"The report {out}: {describe_error(exc)}.", hint) from exc
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise ReportError(f"The report {out} is a folder.", hint)
        if not stat.S_ISREG(st.st_mode) or not is_our_report(out):
            raise ReportError(
                f"The report {out} exists and is not a sakura-sorter report; it is not overwritten.", hint
            )
    for parent in out.parents:
        if os.path.lexists(parent):
            if not parent.is_dir():
                raise ReportError(f"The report {out}: {parent} is not a folder.", hint)
            if not os.access(parent, os.W_OK | os.X_OK):
                raise ReportError(f"The report {out}: cannot write in {parent}: Permission denied.", hint)
            break


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
    check_report_target(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise ReportError(f"Cannot write the report {out}: {describe_error(exc)}.", "") from exc
    try:
        os.fchmod(fd, _new_file_mode(out))  # mkstemp makes 0600; a report is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            handle.write(buffer.getvalue())
            handle.flush()
            os.fsync(handle.fileno())
        try:
            rename_noreplace(Path(tmp), out)  # a new report: never over a file that appeared meanwhile
        except FileExistsError:
            check_report_target(out)  # only an earlier report of ours is replaced
            os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ReportError(f"Cannot write the report {out}: {describe_error(exc)}.", "") from exc
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


def write_suggest_report(out: Path, rows: Iterable[Sequence[object]]) -> None:
    """The ``suggest`` report: rows of :data:`SUGGEST_COLUMNS`, best suggestion first."""
    write_csv(out, SUGGEST_COLUMNS, rows)


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
