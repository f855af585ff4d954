"""Collections and reading states in the JSON export, and their validation on import.

They travel in the notes' export file (``"collections"`` and ``"reading"`` beside
``"notes"``): one backup holds everything the reader made that the files cannot give
back. Both keys are optional on import, so exports from before them still import; a
Carnet from before them ignores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.core.dates import parse_timestamp
from app.core.errors import NotesError
from app.core.i18n import tr
from app.core.notes.collections import MAX_NAME_CHARS, Collection, clean_name
from app.core.notes.model import NOTE_ID
from app.core.notes.reading import STATUSES, ReadingState

if TYPE_CHECKING:
    from app.core.notes.store import NotesStore

MAX_ID_CHARS = 256


@dataclass
class Shelf:
    """What the reader organised: collections, their documents, reading states."""

    collections: list[Collection] = field(default_factory=list)
    members: dict[str, set[str]] = field(default_factory=dict)  # collection id → doc ids
    reading: list[ReadingState] = field(default_factory=list)


def shelf_json(store: NotesStore) -> dict[str, Any]:
    """The ``collections`` and ``reading`` keys of a full export."""
    members = store.collection_members(with_children=False)
    collections = sorted(store.collections(), key=lambda c: (c.parent is not None, c.created))
    states = store.reading_states()
    return {
        "collections": [
            {
                "id": c.id,
                "name": c.name,
                "parent_id": c.parent,
                "created": c.created,
                "updated": c.updated,
                "documents": sorted(members.get(c.id, ())),
            }
            for c in collections
        ],
        "reading": [states[doc_id].to_json() for doc_id in sorted(states)],
    }


def parse_shelf(data: dict[str, Any], errors: list[str]) -> Shelf:
    """The shelf of an export; each problem is appended to ``errors`` (nothing raised)."""
    shelf = Shelf()
    raw_collections = data.get("collections", [])
    raw_reading = data.get("reading", [])
    if not isinstance(raw_collections, list):
        errors.append(tr("{field} must be a list").format(field='"collections"'))
        raw_collections = []
    if not isinstance(raw_reading, list):
        errors.append(tr("{field} must be a list").format(field='"reading"'))
        raw_reading = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_collections):
        try:
            collection, docs = _collection(raw)
            if collection.id in seen:
                raise NotesError(tr("the id {id} appears twice").format(id=collection.id))
            seen.add(collection.id)
            shelf.collections.append(collection)
            shelf.members[collection.id] = docs
        except NotesError as exc:
            errors.append(tr("collection {n}: {error}").format(n=i + 1, error=exc))
    known = {c.id for c in shelf.collections}
    for i, c in enumerate(shelf.collections):
        if c.parent is not None and c.parent not in known:
            errors.append(
                tr("collection {n}: {error}").format(
                    n=i + 1, error=tr("its parent {id} is not in the file").format(id=c.parent)
                )
            )
    docs_seen: set[str] = set()
    for i, raw in enumerate(raw_reading):
        try:
            state = _reading(raw)
            if state.doc_id in docs_seen:
                raise NotesError(tr("the document {id} appears twice").format(id=state.doc_id))
            docs_seen.add(state.doc_id)
            shelf.reading.append(state)
        except NotesError as exc:
            errors.append(tr("reading state {n}: {error}").format(n=i + 1, error=exc))
    return shelf


def _text(
    raw: dict[str, Any], key: str, *, optional: bool = False, limit: int = MAX_ID_CHARS
) -> Any:
    value = raw.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        return _fail(tr("{field} must be text").format(field=f'"{key}"'))
    if len(value) > limit:
        return _fail(tr("{field} is too long").format(field=f'"{key}"'))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        _fail(tr("{field} holds an invalid character (a lone surrogate)").format(field=f'"{key}"'))
    return value


def _fail(message: str) -> Any:
    raise NotesError(message)


def _timestamp(raw: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = _text(raw, key, optional=optional)
    if value is None:
        return None
    try:
        parse_timestamp(value)
    except ValueError:
        _fail(tr("{field} is not an ISO 8601 date").format(field=f'"{key}"'))
    return str(value)


def _object(raw: Any, known: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        _fail(tr("not an object"))
    unknown = set(raw) - known
    if unknown:
        _fail(tr("unknown fields {fields}").format(fields=sorted(unknown)))
    return dict(raw)


_COLLECTION_FIELDS = {"id", "name", "parent_id", "created", "updated", "documents"}
_READING_FIELDS = {"doc_id", "status", "position", "progress", "last_read", "updated"}


def _collection(raw: Any) -> tuple[Collection, set[str]]:
    raw = _object(raw, _COLLECTION_FIELDS)
    cid = _text(raw, "id")
    if not NOTE_ID.match(cid):
        _fail(tr("{field} must be 32 lowercase hex digits").format(field='"id"'))
    parent = _text(raw, "parent_id", optional=True)
    if parent is not None and not NOTE_ID.match(parent):
        _fail(tr("{field} must be 32 lowercase hex digits").format(field='"parent_id"'))
    name = clean_name(_text(raw, "name", limit=MAX_NAME_CHARS * 4))
    created, updated = _timestamp(raw, "created"), _timestamp(raw, "updated")
    docs = raw.get("documents", [])
    if not isinstance(docs, list) or not all(
        isinstance(d, str) and 0 < len(d) <= MAX_ID_CHARS for d in docs
    ):
        _fail(tr("{field} must be a list of document ids").format(field='"documents"'))
    return Collection(cid, name, parent, str(created), str(updated)), set(docs)


def _reading(raw: Any) -> ReadingState:
    raw = _object(raw, _READING_FIELDS)
    doc_id = _text(raw, "doc_id")
    status = raw.get("status")
    if status not in STATUSES:
        _fail(
            tr("{field} must be one of {choices}").format(
                field='"status"', choices=", ".join(STATUSES)
            )
        )
    position = raw.get("position", 0)
    if type(position) is not int or position < 0:
        _fail(tr("{field} must be a character offset or null").format(field='"position"'))
    progress = raw.get("progress", 0.0)
    if type(progress) not in (int, float) or not 0 <= progress <= 1:
        _fail(tr("{field} must be a number from 0 to 1").format(field='"progress"'))
    return ReadingState(
        doc_id=doc_id,
        status=str(status),
        position=position,
        progress=float(progress),
        last_read=_timestamp(raw, "last_read", optional=True),
        updated=str(_timestamp(raw, "updated")),
    )
