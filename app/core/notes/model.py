"""The note value type and small helpers shared by the store, search and exchange."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

from app.core.errors import NotesError
from app.core.i18n import tr
from app.core.notes.anchoring import Anchor

# Named colours the reader offers, or any #rgb / #rrggbb.
_COLOR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-z]{3,20})$")
NOTE_ID = re.compile(r"^[0-9a-f]{32}$")
MAX_TAG_CHARS = 64
MAX_TAGS = 64


@dataclass(frozen=True)
class Note:
    id: str
    doc_id: str
    text: str
    tags: tuple[str, ...]
    created: str
    updated: str
    color: str | None = None
    anchor: Anchor | None = None
    orphan: bool = False
    trashed: bool = False

    def to_json(self) -> dict[str, Any]:
        a = self.anchor
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "text": self.text,
            "tags": list(self.tags),
            "quote": a.quote if a else None,
            "start": a.start if a else None,
            "end": a.end if a else None,
            "orphan": self.orphan,
            "created": self.created,
            "updated": self.updated,
            "color": self.color,
            "prefix": a.prefix if a else None,
            "suffix": a.suffix if a else None,
            "text_hash": a.text_hash if a else None,
        }


@dataclass(frozen=True)
class ReanchorReport:
    """What re-anchoring a document did to its notes."""

    kept: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphaned: int = 0

    @property
    def total(self) -> int:
        return self.kept + self.moved + self.fuzzy + self.orphaned


def new_id() -> str:
    return uuid.uuid4().hex


def clean_text(text: str) -> str:
    """``text`` as it will be stored: unchanged unless it holds lone surrogates.

    Every other string (HTML, control characters, NUL, any script) is stored and read back
    exactly. A lone surrogate (half of a UTF-16 pair, e.g. from a broken paste) has no
    UTF-8 form and SQLite would refuse the whole note, so it becomes U+FFFD instead.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Through UTF-16 with surrogatepass: a pair written as two halves is rejoined,
        # and only a truly lone half is replaced.
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def clean_tags(tags: tuple[str, ...] | list[str] | Any) -> tuple[str, ...]:
    """Tags without '#' or surrounding blanks, deduplicated in order.

    This is what "exactly" means for tags: a note reads back ``clean_tags(tags)``, and
    ``clean_tags`` of that is the same again (cleaning is idempotent).
    """
    if isinstance(tags, str):
        raise NotesError(tr("Tags must be a list of words, not one string."))
    out: list[str] = []
    for raw in tags:
        if not isinstance(raw, str):
            raise NotesError(tr("A tag must be text, not {kind}.").format(kind=type(raw).__name__))
        tag = clean_text(raw).strip().lstrip("#").strip()
        if len(tag) > MAX_TAG_CHARS:
            raise NotesError(
                tr("The tag “{tag}…” is too long (at most {n} characters).").format(
                    tag=tag[:20], n=MAX_TAG_CHARS
                )
            )
        if tag and tag not in out:
            out.append(tag)
    if len(out) > MAX_TAGS:
        raise NotesError(tr("A note can have at most {n} tags.").format(n=MAX_TAGS))
    return tuple(out)


def clean_color(color: str | None) -> str | None:
    if color is None or color == "":
        return None
    if not _COLOR.match(color):
        raise NotesError(
            tr("Unknown highlight colour “{colour}”: use a name like yellow, or #ffd54f.").format(
                colour=color
            )
        )
    return color


COLUMNS = (
    "id, doc_id, text, tags, color, quote, prefix, suffix, start_pos, end_pos, "
    "text_hash, orphan, trashed, created, updated"
)


def note_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Note:
    (nid, doc_id, text, tags, color, quote, prefix, suffix, start, end, digest) = row[:11]
    orphan, trashed, created, updated = row[11:15]
    anchor = None
    if quote is not None:
        anchor = Anchor(quote, prefix or "", suffix or "", int(start), int(end), digest or "")
    return Note(
        id=nid,
        doc_id=doc_id,
        text=text,
        tags=tuple(json.loads(tags)),
        created=created,
        updated=updated,
        color=color,
        anchor=anchor,
        orphan=bool(orphan),
        trashed=bool(trashed),
    )


def note_to_row(note: Note) -> tuple[Any, ...]:
    a = note.anchor
    return (
        note.id,
        note.doc_id,
        note.text,
        json.dumps(list(note.tags), ensure_ascii=False),
        note.color,
        a.quote if a else None,
        a.prefix if a else None,
        a.suffix if a else None,
        a.start if a else None,
        a.end if a else None,
        a.text_hash if a else None,
        int(note.orphan),
        int(note.trashed),
        note.created,
        note.updated,
    )
