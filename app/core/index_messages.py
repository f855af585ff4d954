"""The messages the indexing child process sends the window, one JSON object per line.

Each message is a frozen dataclass; ``encode`` writes the one line the child prints and
``decode`` reads it back in the window. The wire format: an object whose ``event`` names
the message (``progress``, ``report``, ``error``) beside its fields, e.g.
``{"event": "progress", "phase": "indexing", "done": 50, "total": 120, "what": "Titre"}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.i18n import tr
from app.core.library.store import ImportReport
from app.core.wording import Wording


@dataclass(frozen=True)
class IndexProgress:
    """How far a phase is: ``reading`` files or ``indexing`` them; ``what`` is being done."""

    phase: str
    done: int
    total: int
    what: str


@dataclass(frozen=True)
class SkippedFile:
    """A file left out: ``reason`` in English (the wire's and the logs'), and its wording
    so the window shows it in the reader's language."""

    path: str
    reason: str
    wording: Wording | None = None

    @property
    def shown_reason(self) -> str:
        return self.wording.shown() if self.wording is not None else self.reason


@dataclass(frozen=True)
class IndexReport:
    """What a job did: document ids added, updated, removed, moved and missing (their file
    vanished: kept, with their notes), duplicate files not added, and what to tell the user
    (a damaged index that was rebuilt is one of the ``messages``)."""

    # Ids only: a 2,000-document import's full records took the window's thread 15 ms
    # to parse; it reads the library itself anyway.
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    skipped: tuple[SkippedFile, ...] = ()
    indexed: int = 0
    messages: tuple[str, ...] = ()
    # Sent only when not empty, so a window from before them reads the report as ever.
    moved: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()  # paths of files whose text was already in the library

    @classmethod
    def of(cls, report: ImportReport, indexed: int, messages: Sequence[str]) -> IndexReport:
        return cls(
            added=tuple(r.id for r in report.added),
            updated=tuple(r.id for r in report.updated),
            removed=tuple(r.id for r in report.removed if not r.missing),
            unchanged=report.unchanged,
            skipped=tuple(SkippedFile(s.path, s.reason, s.wording) for s in report.skipped),
            indexed=indexed,
            messages=tuple(messages),
            moved=tuple(m.record.id for m in report.moved),
            missing=tuple(r.id for r in report.removed if r.missing),
            duplicates=tuple(d.path for d in report.duplicates),
        )


@dataclass(frozen=True)
class IndexFailed:
    """The job stopped on an error; ``message`` is for the user."""

    message: str


IndexMessage = IndexProgress | IndexReport | IndexFailed


class MalformedMessage(ValueError):
    """A line from the indexing process that is not one of its messages."""


def encode(message: IndexMessage) -> str:
    """The message as one JSON line (newline included)."""
    return json.dumps(_fields(message), ensure_ascii=False) + "\n"


def _fields(message: IndexMessage) -> dict[str, Any]:
    match message:
        case IndexProgress(phase, done, total, what):
            return {"event": "progress", "phase": phase, "done": done, "total": total, "what": what}
        case IndexReport():
            fields: dict[str, Any] = {
                "event": "report",
                "added": list(message.added),
                "updated": list(message.updated),
                "removed": list(message.removed),
                "unchanged": message.unchanged,
                "skipped": [_skipped(s) for s in message.skipped],
                "indexed": message.indexed,
                "messages": list(message.messages),
            }
            optional = {
                "moved": message.moved,
                "missing": message.missing,
                "duplicates": message.duplicates,
            }
            fields.update({key: list(value) for key, value in optional.items() if value})
            return fields
        case IndexFailed(text):
            return {"event": "error", "message": text}


def decode(line: bytes | str) -> IndexMessage:
    """The message one line carries; MalformedMessage (saying what is wrong) otherwise."""
    data = json_object(line, MalformedMessage)
    try:
        return _message(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise MalformedMessage(f"{type(exc).__name__} {exc} in {_shown(line)}") from exc


def _message(data: Mapping[str, Any]) -> IndexMessage:
    event = data.get("event")
    if event == "progress":
        return IndexProgress(
            _str(data["phase"]), int(data["done"]), int(data["total"]), _str(data["what"])
        )
    if event == "report":
        return IndexReport(
            added=_ids(data.get("added", [])),
            updated=_ids(data.get("updated", [])),
            removed=_ids(data.get("removed", [])),
            unchanged=int(data.get("unchanged", 0)),
            skipped=tuple(_skipped_file(s) for s in _list(data, "skipped")),
            indexed=int(data.get("indexed", 0)),
            messages=_ids(data.get("messages", [])),
            moved=_ids(data.get("moved", [])),
            missing=_ids(data.get("missing", [])),
            duplicates=_ids(data.get("duplicates", [])),
        )
    if event == "error":
        return IndexFailed(_str(data.get("message", tr("Indexing failed."))))
    raise ValueError(f"unknown event {event!r}")


def _skipped(skipped: SkippedFile) -> dict[str, Any]:
    fields: dict[str, Any] = {"path": skipped.path, "reason": skipped.reason}
    if skipped.wording is not None:  # sent only when there is one: older windows ignore it
        fields["wording"] = skipped.wording.to_json()
    return fields


def _skipped_file(data: Mapping[str, Any]) -> SkippedFile:
    wording = data.get("wording")
    return SkippedFile(
        _str(data["path"]),
        _str(data["reason"]),
        None if wording is None else Wording.from_json(wording),
    )


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"{key} is not a list")
    return value


def _ids(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError("expected a list of text")
    return tuple(_str(v) for v in value)


def json_object(line: bytes | str, malformed: type[Exception]) -> dict[str, Any]:
    """The JSON object one line between the processes carries; ``malformed`` otherwise."""
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise malformed(f"not JSON: {_shown(line)}") from exc
    if not isinstance(data, dict):
        raise malformed(f"not a JSON object: {_shown(line)}")
    return data


def _shown(line: bytes | str) -> str:
    return repr(line[:200])
