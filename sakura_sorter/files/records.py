"""The journal's records: typed dataclasses, one JSON object per line, parsed strictly.

Each record is written as a JSON object whose ``t`` names its kind; :func:`parse_record` turns a decoded line
back into its dataclass or raises ``ValueError``. Whether the records of one run hang together is checked by
:mod:`sakura_sorter.files.runs`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from sakura_sorter.vocabulary import Action, Mode


@dataclass(frozen=True)
class Record:
    """A journal line. Subclasses set ``KIND``; their fields are the line's keys."""

    KIND: ClassVar[str] = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"t": self.KIND}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if isinstance(value, tuple):
                value = [v.to_json() if isinstance(v, FileEntry) else v for v in value]
            out[f.name] = value
        return out


@dataclass(frozen=True)
class FileEntry:
    """One file of a moved or copied group: where it was, where it goes, its temporary name and its hash."""

    src: str
    dst: str
    tmp: str
    sha: str

    def to_json(self) -> dict[str, str]:
        return {"src": self.src, "dst": self.dst, "tmp": self.tmp, "sha": self.sha}


@dataclass(frozen=True)
class Begin(Record):
    KIND: ClassVar[str] = "begin"
    v: int
    run: str
    mode: Mode
    time: float


@dataclass(frozen=True)
class MakeDir(Record):
    KIND: ClassVar[str] = "mkdir"
    path: str


@dataclass(frozen=True)
class Transfer(Record):
    """A photo and its sidecars about to be moved or copied (the files, photo first)."""

    KIND: ClassVar[str] = "do"
    id: int
    action: Action
    files: tuple[FileEntry, ...]


@dataclass(frozen=True)
class Tag(Record):
    """A label about to be merged into an XMP sidecar (``backup``: the sidecar as it was, if it existed)."""

    KIND: ClassVar[str] = "do"
    id: int
    action: Action
    xmp: str
    tmp: str
    label: str
    existed: bool
    backup: str | None = None


Group = Transfer | Tag


@dataclass(frozen=True)
class Done(Record):
    KIND: ClassVar[str] = "done"
    id: int
    recovered: bool | None = None


@dataclass(frozen=True)
class Failed(Record):
    KIND: ClassVar[str] = "failed"
    id: int
    error: str
    rolled_back: bool


@dataclass(frozen=True)
class End(Record):
    KIND: ClassVar[str] = "end"
    status: str


@dataclass(frozen=True)
class UndoBegin(Record):
    KIND: ClassVar[str] = "undo-begin"


@dataclass(frozen=True)
class UndoGroup(Record):
    """A group about to be undone (``targets``: where moved files go back, when not their old paths)."""

    KIND: ClassVar[str] = "undo"
    id: int
    targets: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Undone(Record):
    KIND: ClassVar[str] = "undone"
    id: int


@dataclass(frozen=True)
class UndoFailed(Record):
    KIND: ClassVar[str] = "undo-failed"
    id: int
    error: str


@dataclass(frozen=True)
class RemoveDir(Record):
    KIND: ClassVar[str] = "rmdir"
    path: str


@dataclass(frozen=True)
class UndoEnd(Record):
    KIND: ClassVar[str] = "undo-end"
    incomplete: bool


_SIMPLE: dict[str, type[Record]] = {
    cls.KIND: cls
    for cls in (Begin, MakeDir, Done, Failed, End, UndoBegin, UndoGroup, Undone, UndoFailed, RemoveDir, UndoEnd)
}


def _check(value: object, kind: type, where: str) -> Any:
    """``value`` if it is a ``kind`` (an int where a float is expected is accepted); else ``ValueError``."""
    if kind is float and type(value) is int:
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{where} has the wrong type")
    return value


def _field(raw: dict[str, Any], name: str, annotation: str) -> Any:
    """One field of a simple record, checked against its annotation (as written in the class)."""
    base = annotation.split(" | ")[0]
    value = raw[name]
    if value is None and annotation.endswith("| None"):
        return None
    if base == "tuple[str, ...]":
        return tuple(_check(v, str, name) for v in _check(value, list, name))
    if base == "Mode":
        return Mode(_check(value, str, name))
    return _check(value, {"int": int, "str": str, "bool": bool, "float": float}[base], name)


def _file_entry(raw: object) -> FileEntry:
    entry = _check(raw, dict, "file")
    return FileEntry(*(_check(entry.get(k), str, k) for k in ("src", "dst", "tmp", "sha")))


def parse_record(line: object) -> Record:
    """The typed record for one decoded journal line; ``ValueError`` when it is not well formed."""
    raw: dict[str, Any] = _check(line, dict, "a line")
    kind = raw.get("t")
    try:
        if kind == "do":
            gid = _check(raw["id"], int, "id")
            action = Action(_check(raw["action"], str, "action"))
            if action == Action.TAG:
                backup = raw.get("backup")
                return Tag(
                    id=gid,
                    action=action,
                    xmp=_check(raw["xmp"], str, "xmp"),
                    tmp=_check(raw["tmp"], str, "tmp"),
                    label=_check(raw["label"], str, "label"),
                    existed=_check(raw["existed"], bool, "existed"),
                    backup=None if backup is None else _check(backup, str, "backup"),
                )
            if action not in (Action.MOVE, Action.COPY):
                raise ValueError(f"a group with action {action}")
            files = tuple(_file_entry(e) for e in _check(raw["files"], list, "files"))
            if not files:
                raise ValueError("a group without files")
            return Transfer(id=gid, action=action, files=files)
        cls = _SIMPLE.get(kind) if isinstance(kind, str) else None
        if cls is None:
            raise ValueError(f"unknown record kind {kind!r}")
        values = {
            f.name: _field(raw, f.name, str(f.type)) for f in fields(cls) if f.name in raw or f.default is not None
        }
        return cls(**values)
    except KeyError as exc:
        raise ValueError(f"{kind} record without {exc.args[0]}") from None
