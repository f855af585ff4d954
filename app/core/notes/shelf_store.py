"""The store's methods for what the reader organises: collections and reading status.

The SQL lives in ``collections`` and ``reading``; these methods give it the store's lock,
transactions and error messages.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from app.core.notes import collections as shelf
from app.core.notes import reading
from app.core.notes.collections import Collection
from app.core.notes.reading import ReadingState
from app.core.notes.store_base import StoreBase


class ShelfMethods(StoreBase):
    # --- collections (the reader's groups of documents) ---------------------------------------

    def collections(self) -> builtins.list[Collection]:
        """Every collection, parents and children, in no particular order."""
        with self._lock, self._guard(writing=False):
            return shelf.all_collections(self._conn)

    def find_collection(self, name: str) -> Collection | None:
        with self._lock, self._guard(writing=False):
            return shelf.find(self._conn, name)

    def create_collection(self, name: str, parent: str | None = None) -> Collection:
        """A new, empty collection; ``parent`` names the one it goes inside."""
        with self._tx() as conn:
            return shelf.create(conn, name, parent)

    def rename_collection(self, old: str, new: str) -> Collection:
        with self._tx() as conn:
            return shelf.rename(conn, old, new)

    def move_collection(self, name: str, parent: str | None) -> Collection:
        with self._tx() as conn:
            return shelf.move(conn, name, parent)

    def delete_collection(self, name: str) -> Collection:
        """Deleted with its list of documents; the documents stay in the library."""
        with self._tx() as conn:
            return shelf.delete(conn, name)

    def add_to_collection(self, name: str, doc_ids: Sequence[str], *, create: bool = False) -> int:
        """Put documents in ``name`` (made first when ``create``); how many were new to it."""
        with self._tx() as conn:
            if create and shelf.find(conn, name) is None:
                shelf.create(conn, name)
            return shelf.add_documents(conn, name, doc_ids)

    def remove_from_collection(self, name: str, doc_ids: Sequence[str]) -> int:
        with self._tx() as conn:
            return shelf.remove_documents(conn, name, doc_ids)

    def collection_members(self, *, with_children: bool = True) -> dict[str, set[str]]:
        """Collection id → document ids; a parent holds its children's too by default."""
        with self._lock, self._guard(writing=False):
            direct = shelf.members(self._conn)
            if not with_children:
                return direct
            return shelf.with_children(shelf.all_collections(self._conn), direct)

    def collection_documents(self, name: str) -> frozenset[str]:
        """The documents of ``name`` and of the collections inside it."""
        with self._lock, self._guard(writing=False):
            found = shelf.get(self._conn, name)
            every = shelf.with_children(
                shelf.all_collections(self._conn), shelf.members(self._conn)
            )
            return frozenset(every.get(found.id, set()))

    def collections_of(self) -> dict[str, builtins.list[str]]:
        """Document id → the names of the collections it was put in, sorted."""
        with self._lock, self._guard(writing=False):
            names = {c.id: c.name for c in shelf.all_collections(self._conn)}
            out: dict[str, builtins.list[str]] = {}
            for cid, doc_ids in shelf.members(self._conn).items():
                for doc_id in doc_ids:
                    out.setdefault(doc_id, []).append(names[cid])
        return {doc_id: sorted(found, key=str.casefold) for doc_id, found in out.items()}

    # --- reading status ------------------------------------------------------------------------

    def reading_states(self) -> dict[str, ReadingState]:
        """Every document that has been opened or given a status; the others are unread."""
        with self._lock, self._guard(writing=False):
            return reading.all_states(self._conn)

    def reading_state(self, doc_id: str) -> ReadingState:
        with self._lock, self._guard(writing=False):
            return reading.state(self._conn, doc_id)

    def set_status(self, doc_id: str, status: str) -> ReadingState:
        """``unread``, ``reading`` or ``finished``, chosen by the reader."""
        reading.check_status(status)
        with self._tx() as conn:
            return reading.set_status(conn, doc_id, status)

    def document_opened(self, doc_id: str) -> ReadingState:
        """Opened in the reader: "reading" unless finished, last read now."""
        with self._tx() as conn:
            return reading.opened(conn, doc_id)

    def save_position(self, doc_id: str, position: int, progress: float) -> ReadingState:
        """Where the reader left the document (its offset) and how far through it is."""
        with self._tx() as conn:
            return reading.read_to(conn, doc_id, position, progress)

    def document_finished(self, doc_id: str) -> ReadingState:
        """Read to its end."""
        with self._tx() as conn:
            return reading.reached_end(conn, doc_id)
