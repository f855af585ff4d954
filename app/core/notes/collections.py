"""Collections: named groups of documents made by the reader, nested one level deep.

Plain functions over the notes database's connection, called by ``NotesStore`` inside its
transactions. A collection is found by its name (what the command line and the window
say); names are unique whatever their case ("Thèse" and "thèse" would be one collection
to a reader, so they are one here). A collection holds document ids, not documents: a
document that leaves the library stays in its collections, as its notes stay, and is
there again when it comes back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.core.dates import now_iso, parse_timestamp
from app.core.errors import NotesError
from app.core.i18n import tr
from app.core.notes.model import new_id

MAX_NAME_CHARS = 120
COLUMNS = "id, name, parent, created, updated"


@dataclass(frozen=True)
class Collection:
    id: str
    name: str
    parent: str | None  # the parent collection's id; one level of nesting
    created: str
    updated: str


class CollectionError(NotesError):
    """A collection operation that cannot be done (unknown name, name taken, ...)."""


class CollectionNotFound(CollectionError):
    def __init__(self, name: str) -> None:
        super().__init__(tr("No collection named “{name}”.").format(name=name))
        self.name = name


def clean_name(name: str) -> str:
    """A collection's name as stored: one line, spaces tidied; refused when empty or long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise CollectionError(tr("A collection needs a name."))
    if len(cleaned) > MAX_NAME_CHARS:
        raise CollectionError(
            tr("A collection’s name can have at most {n} characters.").format(n=MAX_NAME_CHARS)
        )
    return cleaned


def collection_from_row(row: Sequence[object]) -> Collection:
    cid, name, parent, created, updated = row
    return Collection(
        str(cid), str(name), None if parent is None else str(parent), *map(str, (created, updated))
    )


def all_collections(conn: sqlite3.Connection) -> list[Collection]:
    return [collection_from_row(r) for r in conn.execute(f"SELECT {COLUMNS} FROM collections")]


def find(conn: sqlite3.Connection, name: str) -> Collection | None:
    """The collection called ``name``, whatever its case and spacing."""
    wanted = " ".join(name.split()).casefold()
    for collection in all_collections(conn):
        if collection.name.casefold() == wanted:
            return collection
    return None


def get(conn: sqlite3.Connection, name: str) -> Collection:
    found = find(conn, name)
    if found is None:
        raise CollectionNotFound(name)
    return found


def _nesting_refused(conn: sqlite3.Connection, parent: Collection, child_id: str | None) -> str:
    """Why ``parent`` cannot hold the collection ``child_id`` (None: a new one); "" if it can.

    The one place the one-level rule is written: by hand it is an error, on import the
    collection stays at the top level instead."""
    if parent.parent is not None:
        return tr(
            "“{name}” is itself inside another collection; collections nest one level deep."
        ).format(name=parent.name)
    if child_id is None:
        return ""
    if parent.id == child_id:
        return tr("A collection cannot be inside itself.")
    if conn.execute("SELECT 1 FROM collections WHERE parent = ? LIMIT 1", (child_id,)).fetchone():
        return tr("This collection holds other collections; collections nest one level deep.")
    return ""


def _parent_id(conn: sqlite3.Connection, parent: str | None, child_id: str | None) -> str | None:
    """The id of the collection called ``parent``, checked as a place for a child."""
    if parent is None:
        return None
    found = get(conn, parent)
    refused = _nesting_refused(conn, found, child_id)
    if refused:
        raise CollectionError(refused)
    return found.id


def _name_free(conn: sqlite3.Connection, name: str, own_id: str | None = None) -> None:
    taken = find(conn, name)
    if taken is not None and taken.id != own_id:
        raise CollectionError(
            tr("There is already a collection named “{name}”.").format(name=taken.name)
        )


def create(conn: sqlite3.Connection, name: str, parent: str | None = None) -> Collection:
    name = clean_name(name)
    _name_free(conn, name)
    stamp = now_iso()
    collection = Collection(new_id(), name, _parent_id(conn, parent, None), stamp, stamp)
    conn.execute(
        f"INSERT INTO collections ({COLUMNS}) VALUES (?, ?, ?, ?, ?)",
        (collection.id, collection.name, collection.parent, stamp, stamp),
    )
    return collection


def rename(conn: sqlite3.Connection, old: str, new: str) -> Collection:
    collection = get(conn, old)
    new = clean_name(new)
    _name_free(conn, new, collection.id)
    stamp = now_iso()
    conn.execute(
        "UPDATE collections SET name = ?, updated = ? WHERE id = ?", (new, stamp, collection.id)
    )
    return Collection(collection.id, new, collection.parent, collection.created, stamp)


def move(conn: sqlite3.Connection, name: str, parent: str | None) -> Collection:
    """Put ``name`` inside ``parent`` (None: at the top level)."""
    collection = get(conn, name)
    parent_id = _parent_id(conn, parent, collection.id)
    stamp = now_iso()
    conn.execute(
        "UPDATE collections SET parent = ?, updated = ? WHERE id = ?",
        (parent_id, stamp, collection.id),
    )
    return Collection(collection.id, collection.name, parent_id, collection.created, stamp)


def delete(conn: sqlite3.Connection, name: str) -> Collection:
    """Delete the collection; its documents stay in the library, its children move up."""
    collection = get(conn, name)
    # ON DELETE SET NULL would leave the children's ``updated`` behind: a later import of
    # an older export would put them back inside a collection that no longer exists.
    conn.execute(
        "UPDATE collections SET parent = NULL, updated = ? WHERE parent = ?",
        (now_iso(), collection.id),
    )
    conn.execute("DELETE FROM collections WHERE id = ?", (collection.id,))
    return collection


def add_documents(conn: sqlite3.Connection, name: str, doc_ids: Iterable[str]) -> int:
    """Put documents in the collection; how many were not in it already."""
    collection = get(conn, name)
    stamp = now_iso()
    added = 0
    for doc_id in dict.fromkeys(doc_ids):
        cur = conn.execute(
            "INSERT OR IGNORE INTO collection_documents (collection, doc_id, added) "
            "VALUES (?, ?, ?)",
            (collection.id, doc_id, stamp),
        )
        added += cur.rowcount
    return added


def remove_documents(conn: sqlite3.Connection, name: str, doc_ids: Iterable[str]) -> int:
    """Take documents out of the collection (not out of the library); how many were in it."""
    collection = get(conn, name)
    removed = 0
    for doc_id in dict.fromkeys(doc_ids):
        cur = conn.execute(
            "DELETE FROM collection_documents WHERE collection = ? AND doc_id = ?",
            (collection.id, doc_id),
        )
        removed += cur.rowcount
    return removed


def members(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Collection id → the ids of the documents put in it (not its children's)."""
    out: dict[str, set[str]] = {}
    for cid, doc_id in conn.execute("SELECT collection, doc_id FROM collection_documents"):
        out.setdefault(str(cid), set()).add(str(doc_id))
    return out


def with_children(
    collections: Sequence[Collection], direct: dict[str, set[str]]
) -> dict[str, set[str]]:
    """Collection id → its documents and those of the collections inside it.

    Choosing "Thèse" shows what is in "Thèse" and in its "Chapitre 1": a parent is the
    sum of its parts, as a folder is.
    """
    out = {c.id: set(direct.get(c.id, ())) for c in collections}
    for c in collections:
        if c.parent is not None and c.parent in out:
            out[c.parent] |= direct.get(c.id, set())
    return out


@dataclass(frozen=True)
class MergeCounts:
    """What an import did to the collections."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    documents_added: int = 0


def merge(
    conn: sqlite3.Connection, imported: Sequence[Collection], documents: dict[str, set[str]]
) -> MergeCounts:
    """Import collections and their documents, inside the caller's transaction.

    By id, the newer ``updated`` wins (a rename made elsewhere arrives); a collection new
    here whose name is already taken is the same collection (its documents join it);
    documents are only ever added. Importing the same export twice changes nothing.
    """
    added = updated = unchanged = docs_added = 0
    local = {c.id: c for c in all_collections(conn)}
    to_local: dict[str, str] = {}
    # Parents first, so a child finds its parent already here.
    for c in sorted(imported, key=lambda c: c.parent is not None):
        mine = local.get(c.id)
        if mine is None:
            same_name = find(conn, c.name)
            if same_name is not None:
                to_local[c.id] = same_name.id
                unchanged += 1
                continue
            parent = _importable_parent(conn, to_local.get(c.parent or ""), None)
            conn.execute(
                f"INSERT INTO collections ({COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                (c.id, c.name, parent, c.created, c.updated),
            )
            to_local[c.id] = c.id
            added += 1
            continue
        to_local[c.id] = mine.id
        if parse_timestamp(c.updated) <= parse_timestamp(mine.updated):
            unchanged += 1
            continue
        taken = find(conn, c.name)
        name = c.name if taken is None or taken.id == mine.id else mine.name
        parent = _importable_parent(conn, to_local.get(c.parent or ""), mine.id)
        if (name, parent) == (mine.name, mine.parent):
            unchanged += 1
            continue
        conn.execute(
            "UPDATE collections SET name = ?, parent = ?, updated = ? WHERE id = ?",
            (name, parent, c.updated, mine.id),
        )
        updated += 1
    for cid, doc_ids in documents.items():
        target = to_local.get(cid)
        if target is None:
            continue
        for doc_id in sorted(doc_ids):
            cur = conn.execute(
                "INSERT OR IGNORE INTO collection_documents (collection, doc_id, added) "
                "VALUES (?, ?, ?)",
                (target, doc_id, now_iso()),
            )
            docs_added += cur.rowcount
    return MergeCounts(added, updated, unchanged, docs_added)


def _importable_parent(
    conn: sqlite3.Connection, parent: str | None, child: str | None
) -> str | None:
    """``parent`` (an id) if it can hold the collection ``child`` here, else None."""
    if parent is None:
        return None
    row = conn.execute(f"SELECT {COLUMNS} FROM collections WHERE id = ?", (parent,)).fetchone()
    if row is None or _nesting_refused(conn, collection_from_row(row), child):
        return None
    return parent
