"""Export notes to Markdown (to read) and JSON (a complete backup), and import JSON back.

Import validates the whole file before touching the store and applies it in one
transaction: a bad file changes nothing, and importing the same file twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from app.core.dates import parse_timestamp
from app.core.errors import NotesError
from app.core.i18n import tr, trn
from app.core.i18n.formats import long_date, number
from app.core.notes.anchoring import Anchor
from app.core.notes.collections import CollectionNotFound
from app.core.notes.errors import NotesImportError
from app.core.notes.model import NOTE_ID, Note, clean_color, clean_tags
from app.core.notes.order import by_position
from app.core.notes.pages import TextsOf, note_pages
from app.core.notes.shelf_exchange import Shelf, parse_shelf, shelf_json

if TYPE_CHECKING:
    from app.core.notes.store import NotesStore

FORMAT = "carnet-notes"
VERSION = 1
MAX_IMPORT_CHARS = 200_000_000
MAX_TEXT_CHARS = 1_000_000
MAX_SHORT_CHARS = 256
_MAX_ERRORS_SHOWN = 5

_STR_FIELDS = {"id", "doc_id", "text", "created", "updated"}
_OPTIONAL_STR = {"quote", "prefix", "suffix", "text_hash", "color"}
_OPTIONAL_INT = {"start", "end"}
_BOOL_FIELDS = {"orphan", "trashed"}
_KNOWN = _STR_FIELDS | _OPTIONAL_STR | _OPTIONAL_INT | _BOOL_FIELDS | {"tags"}


class DocumentInfo(Protocol):
    """What an export needs to know about a document (the library's record fits)."""

    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...
    @property
    def path(self) -> str: ...


@dataclass(frozen=True)
class NotesImportReport:
    """What a JSON import of notes did (not the library's ImportReport, which is of files)."""

    added: int
    updated: int
    unchanged: int
    collections_added: int = 0
    collections_updated: int = 0
    documents_filed: int = 0  # documents put in a collection they were not in
    reading_added: int = 0
    reading_updated: int = 0

    @property
    def shelf_changed(self) -> bool:
        return any(
            (
                self.collections_added,
                self.collections_updated,
                self.documents_filed,
                self.reading_added,
                self.reading_updated,
            )
        )


def export_markdown(
    notes: Sequence[Note],
    documents: Mapping[str, DocumentInfo],
    *,
    exported: date | None = None,
    pages: Mapping[str, int] | None = None,
    collection: str | None = None,
) -> str:
    """Notes to read: the export date on top, then per document its title, source, date
    and path, and its notes in reading order (quote, note, tags), a rule between notes.

    ``pages`` (note id → page, from ``notes.pages``) cites the page of a passage: ``p. 12``.
    Written in the reader's language, dates spelled out ("1 février 2022"): the file is
    read later, by a person, where a bare ISO day would be ambiguous to no one but dull.
    """
    by_doc: dict[str, list[Note]] = {}
    for note in notes:
        by_doc.setdefault(note.doc_id, []).append(note)
    day = long_date(exported or date.today())
    out: list[str] = [tr("# Notes exported from Carnet on {date}").format(date=day), ""]
    if collection is not None:
        out += [tr("Collection: {name}").format(name=collection), ""]

    def doc_key(doc_id: str) -> str:
        doc = documents.get(doc_id)
        return (doc.title if doc else f"~{doc_id}").casefold()

    for doc_id in sorted(by_doc, key=doc_key):
        doc = documents.get(doc_id)
        if doc is None:  # notes outlive their document: say so rather than drop them
            out += [tr("## Document no longer in the library ({id})").format(id=doc_id), ""]
        else:
            out += [f"## {doc.title}", "", _document_line(doc), ""]
        ordered = sorted(by_doc[doc_id], key=by_position)
        for n, note in enumerate(ordered):
            if n:
                out += ["---", ""]
            out += _note_markdown(note, (pages or {}).get(note.id))
    return "\n".join(out).rstrip() + "\n"


def _document_line(doc: DocumentInfo) -> str:
    parts = []
    if doc.source:
        parts.append(tr("Source: {source}").format(source=doc.source))
    if doc.date:
        # A partial date ("2022") is not a day: it is written as stored.
        parts.append(tr("Date: {date}").format(date=long_date(doc.date) or doc.date))
    # Code spans keep a path's underscores and asterisks from turning into emphasis.
    return " · ".join([*parts, tr("Path: {path}").format(path=f"`{doc.path}`")])


def _note_markdown(note: Note, page: int | None = None) -> list[str]:
    lines: list[str] = []
    if note.anchor is not None:
        lines += ["> " + q if q else ">" for q in note.anchor.quote.splitlines()]
        if page is not None:
            lines.append("> — " + tr("p. {page}").format(page=page))
        if note.orphan:
            lines.append("> *" + tr("(this passage is no longer in the document)") + "*")
        lines.append("")
    if note.text.strip():
        lines += [note.text.rstrip(), ""]
    if note.tags:
        lines += [" ".join(f"#{t}" for t in note.tags), ""]
    return lines


def export_json(notes: Sequence[Note], shelf: Mapping[str, Any] | None = None) -> str:
    """Everything needed to rebuild the notes, trashed ones included; with ``shelf``
    (``shelf_exchange.shelf_json``), the collections and reading states too."""
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "notes": [{**n.to_json(), "trashed": n.trashed} for n in notes],
        **(shelf or {}),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def render_export(
    store: NotesStore,
    documents: Mapping[str, DocumentInfo],
    fmt: str,
    doc_id: str | None = None,
    texts_of: TextsOf | None = None,
    *,
    collection: str | None = None,
) -> tuple[str, int]:
    """The text of an export (``md`` or ``json``) and how many notes it holds.

    A full JSON export is a backup: the trash goes too, so nothing is lost on import, and
    so do the collections and reading states. ``collection`` keeps the notes of that
    collection's documents only. ``texts_of`` (the documents' texts) lets the Markdown
    cite pages of paged documents.
    """
    whole = doc_id is None and collection is None
    notes = store.list(doc_id, include_trashed=whole and fmt == "json")
    shown_name = None
    if collection is not None:
        found = store.find_collection(collection)
        if found is None:
            raise CollectionNotFound(collection)
        shown_name = found.name
        wanted = store.collection_documents(collection)
        notes = [n for n in notes if n.doc_id in wanted]
    if fmt == "json":
        return export_json(notes, shelf_json(store) if whole else None), len(notes)
    pages = note_pages(notes, texts_of) if texts_of is not None else None
    return export_markdown(notes, documents, pages=pages, collection=shown_name), len(notes)


def import_json(store: NotesStore, text: str) -> NotesImportReport:
    """Merge a JSON export by note id (newer ``updated`` wins), all or nothing, with its
    collections and reading states."""
    notes, shelf = parse_export(text)
    return store.merge_export(notes, shelf)


def parse_export(text: str) -> tuple[list[Note], Shelf]:
    """The notes and the shelf (collections, reading states) of an export, all validated."""
    if len(text) > MAX_IMPORT_CHARS:
        raise NotesImportError(tr("This file is too large to be a Carnet notes export."))
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise NotesImportError(
            tr("This is not a Carnet notes export: invalid JSON ({error}).").format(error=exc)
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotesImportError(
            tr("This is not a Carnet notes export (no {field}).").format(
                field=f'"format": "{FORMAT}"'
            )
        )
    if data.get("version") != VERSION:
        raise NotesImportError(
            tr(
                "This export has version {found}; this Carnet reads version {known}. "
                "Update Carnet to import it."
            ).format(found=repr(data.get("version")), known=VERSION)
        )
    raw_notes = data.get("notes")
    if not isinstance(raw_notes, list):
        raise NotesImportError(tr("The export has no {field} list.").format(field='"notes"'))
    notes: list[Note] = []
    errors: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_notes):
        try:
            note = _note_from_json(raw)
            if note.id in seen:
                raise NotesError(tr("the id {id} appears twice").format(id=note.id))
            seen.add(note.id)
            notes.append(note)
        except NotesError as exc:
            errors.append(tr("note {n}: {error}").format(n=i + 1, error=exc))
    shelf = parse_shelf(data, errors)
    if errors:
        shown = errors[:_MAX_ERRORS_SHOWN]
        left = len(errors) - len(shown)
        if left:
            shown.append(trn("and {n} other", "and {n} others", left).format(n=number(left)))
        raise NotesImportError(
            trn(
                "Nothing was imported: {n} invalid note: {errors}.",
                "Nothing was imported: {n} invalid notes: {errors}.",
                len(errors),
            ).format(n=number(len(errors)), errors="; ".join(shown))
        )
    return notes, shelf


def _field(key: str) -> str:
    return f'"{key}"'


def _note_from_json(raw: Any) -> Note:
    if not isinstance(raw, dict):
        raise NotesError(tr("not an object"))
    unknown = set(raw) - _KNOWN
    if unknown:
        raise NotesError(tr("unknown fields {fields}").format(fields=sorted(unknown)))
    # The field names are JSON keys, the same in every language: quoted, never translated.
    for key in _STR_FIELDS:
        if not isinstance(raw.get(key), str):
            raise NotesError(tr("{field} must be text").format(field=_field(key)))
    for key in _OPTIONAL_STR:
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise NotesError(tr("{field} must be text or null").format(field=_field(key)))
    for key in _OPTIONAL_INT:
        value = raw.get(key)
        if value is not None and (type(value) is not int or not 0 <= value <= MAX_TEXT_CHARS * 100):
            raise NotesError(
                tr("{field} must be a character offset or null").format(field=_field(key))
            )
    for key in _BOOL_FIELDS:
        if not isinstance(raw.get(key, False), bool):
            raise NotesError(tr("{field} must be true or false").format(field=_field(key)))
    for key in _STR_FIELDS | _OPTIONAL_STR:
        try:
            (raw.get(key) or "").encode("utf-8")
        except UnicodeEncodeError:
            # JSON can spell a lone surrogate ("\ud800"); no database can store one.
            raise NotesError(
                tr("{field} holds an invalid character (a lone surrogate)").format(
                    field=_field(key)
                )
            ) from None
    for key in ("text", "quote", "prefix", "suffix"):
        if len(raw.get(key) or "") > MAX_TEXT_CHARS:
            raise NotesError(
                tr("{field} is longer than {n} characters").format(
                    field=_field(key), n=number(MAX_TEXT_CHARS)
                )
            )
    for key in ("doc_id", "created", "updated", "text_hash"):
        if len(raw.get(key) or "") > MAX_SHORT_CHARS:
            raise NotesError(tr("{field} is too long").format(field=_field(key)))
    if not NOTE_ID.match(raw["id"]):
        raise NotesError(tr("{field} must be 32 lowercase hex digits").format(field=_field("id")))
    for key in ("created", "updated"):
        try:
            parse_timestamp(raw[key])
        except ValueError as exc:
            raise NotesError(
                tr("{field} is not an ISO 8601 date").format(field=_field(key))
            ) from exc
    tags = raw.get("tags", [])
    if not isinstance(tags, list):
        raise NotesError(tr("{field} must be a list").format(field=_field("tags")))
    return Note(
        id=raw["id"],
        doc_id=raw["doc_id"],
        text=raw["text"],
        tags=clean_tags(tags),
        created=raw["created"],
        updated=raw["updated"],
        color=clean_color(raw.get("color")),
        anchor=_anchor_from_json(raw),
        orphan=raw.get("orphan", False),
        trashed=raw.get("trashed", False),
    )


def _anchor_from_json(raw: dict[str, Any]) -> Anchor | None:
    quote, start, end = raw.get("quote"), raw.get("start"), raw.get("end")
    if quote is None and start is None and end is None:
        return None
    if not quote or start is None or end is None or not start < end:
        raise NotesError(
            tr("{quote}, {start} and {end} must be all set (start < end) or all null").format(
                quote=_field("quote"), start=_field("start"), end=_field("end")
            )
        )
    return Anchor(
        quote=quote,
        prefix=raw.get("prefix") or "",
        suffix=raw.get("suffix") or "",
        start=start,
        end=end,
        text_hash=raw.get("text_hash") or "",
    )
