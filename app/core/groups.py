"""The groups the library is seen through: everything, folders, smart lists, collections.

Plain Python over the library's records and what the notes store keeps (collections,
reading states, note counts): the window's sidebar shows these groups with their counts,
and the command line's ``--collection`` and ``--status`` choose among them. A group is a
set of document ids, computed when asked: nothing here is stored, so nothing can drift.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.dates import parse_timestamp
from app.core.i18n import tr, tr_noop
from app.core.library.records import DocumentRecord
from app.core.notes.collections import Collection, CollectionNotFound
from app.core.notes.reading import (
    FINISHED,
    READING,
    STATUS_LABELS,
    UNREAD,
    ReadingState,
    check_status,
)

if TYPE_CHECKING:
    from app.core.library.store import Library
    from app.core.notes.store import NotesStore

RECENT_DAYS = 30
"""What "Recently read" means: opened or read in the last 30 days."""

# Keys name groups in the settings file and between the sidebar and the search box.
ALL = "all"
BUNDLED = "bundled"
FOLDER = "folder:"  # + the folder's path
COLLECTION = "collection:"  # + the collection's id
SMART_UNREAD, SMART_READING, SMART_FINISHED = "smart:unread", "smart:reading", "smart:finished"
SMART_RECENT, SMART_NOTES, SMART_MISSING = "smart:recent", "smart:notes", "smart:missing"

SMART_LABELS = {
    # The status lists are named as the statuses are (one wording, one translation).
    SMART_UNREAD: STATUS_LABELS[UNREAD],
    SMART_READING: STATUS_LABELS[READING],
    SMART_FINISHED: STATUS_LABELS[FINISHED],
    SMART_RECENT: tr_noop("Recently read"),
    SMART_NOTES: tr_noop("With notes"),
    SMART_MISSING: tr_noop("Missing"),
}


@dataclass(frozen=True)
class Group:
    key: str
    kind: str  # "library", "folder", "smart" or "collection"
    label: str  # as shown, in the reader's language (a collection's own name)
    doc_ids: frozenset[str]
    parent: str | None = None  # the parent group's key (a collection inside another)
    detail: str = ""  # a tooltip's more: a folder's whole path

    @property
    def count(self) -> int:
        return len(self.doc_ids)


@dataclass(frozen=True)
class Shelf:
    """What the groups are computed from (read once, then grouped in plain Python)."""

    records: Sequence[DocumentRecord]
    roots: Sequence[Path] = ()
    states: Mapping[str, ReadingState] | None = None
    note_counts: Mapping[str, int] | None = None
    collections: Sequence[Collection] = ()
    members: Mapping[str, set[str]] | None = None  # collection id → ids, children included
    corpus: Path | None = None  # the bundled articles' folder (``Library.corpus_dir``)


def status_of(doc_id: str, states: Mapping[str, ReadingState] | None) -> str:
    state = (states or {}).get(doc_id)
    return UNREAD if state is None else state.status


def with_status(
    ids: Iterable[str], states: Mapping[str, ReadingState] | None, status: str
) -> frozenset[str]:
    return frozenset(doc_id for doc_id in ids if status_of(doc_id, states) == status)


def recently_read_ids(
    states: Mapping[str, ReadingState] | None, now: datetime | None = None
) -> frozenset[str]:
    """Documents opened or read in the last ``RECENT_DAYS`` days."""
    since = (now or datetime.now(UTC)) - timedelta(days=RECENT_DAYS)
    # Carnet writes timestamps one way (``now_iso``), so most compare as text; an imported
    # one written otherwise is parsed.
    since_text = since.isoformat(timespec="microseconds").replace("+00:00", "Z")
    out = set()
    for doc_id, state in (states or {}).items():
        stamp = state.last_read
        if not stamp:
            continue
        if len(stamp) == len(since_text) and stamp.endswith("Z"):
            recent = stamp >= since_text
        else:
            recent = parse_timestamp(stamp) >= since
        if recent:
            out.add(doc_id)
    return frozenset(out)


def record_groups(
    records: Sequence[DocumentRecord], roots: Sequence[Path], corpus: Path | None = None
) -> list[Group]:
    """All documents, the bundled articles, each imported folder, and Missing: what the
    records alone say.

    One pass over the records (~0.1 s at 50,000), so the window computes these when the
    library's list changes, not on every change of a status or a collection.
    """
    known = frozenset(r.id for r in records)
    out = [Group(ALL, "library", tr("All documents"), known)]
    bundled: set[str] = set()
    missing: set[str] = set()
    prefixes = [(root, str(root).rstrip(os.sep) + os.sep) for root in roots]
    # Bundled articles are stored at their path in the corpus folder (only their id is
    # derived from "corpus/NAME"): that folder is "Bundled articles", not a folder row.
    corpus_prefix = str(corpus).rstrip(os.sep) + os.sep if corpus is not None else None
    folders: dict[Path, set[str]] = {root: set() for root in roots}
    for r in records:
        if r.missing:
            missing.add(r.id)
        if corpus_prefix is not None and r.path.startswith(corpus_prefix):
            bundled.add(r.id)
            continue
        for root, prefix in prefixes:
            if r.path.startswith(prefix):
                folders[root].add(r.id)
    if bundled:
        out.append(Group(BUNDLED, "library", tr("Bundled articles"), frozenset(bundled)))
    for root, inside in folders.items():
        if inside:  # a root that is one file, or an empty folder, is no group
            label = root.name or str(root)
            folder = Group(FOLDER + str(root), "folder", label, frozenset(inside), None, str(root))
            out.append(folder)
    label = tr(SMART_LABELS[SMART_MISSING])
    out.append(Group(SMART_MISSING, "smart", label, frozenset(missing)))
    return out


def groups(
    shelf: Shelf, now: datetime | None = None, *, by_records: list[Group] | None = None
) -> list[Group]:
    """Every group in the sidebar's order: the library, folders, smart lists, collections.

    Counts are of documents in the library: a collection remembers a removed document,
    but it is neither counted nor listed until it comes back. ``by_records``: the
    ``record_groups`` of these records when already computed (they change only with the
    library, not with a status or a collection); the rest costs a few ms at 50,000.
    """
    out = list(
        by_records
        if by_records is not None
        else record_groups(shelf.records, shelf.roots, shelf.corpus)
    )
    missing = out.pop()  # record_groups ends with Missing, the last of the smart lists
    known = out[0].doc_ids
    states = shelf.states or {}
    by_status: dict[str, set[str]] = {READING: set(), FINISHED: set()}
    for doc_id, state in states.items():
        if state.status in by_status and doc_id in known:
            by_status[state.status].add(doc_id)
    notes = shelf.note_counts or {}
    smart = {
        SMART_UNREAD: known - by_status[READING] - by_status[FINISHED],
        SMART_READING: frozenset(by_status[READING]),
        SMART_FINISHED: frozenset(by_status[FINISHED]),
        SMART_RECENT: recently_read_ids(states, now) & known,
        SMART_NOTES: frozenset(d for d, n in notes.items() if n > 0) & known,
    }
    out += [Group(key, "smart", tr(SMART_LABELS[key]), ids) for key, ids in smart.items()]
    out.append(missing)
    members = shelf.members or {}
    parents = sorted((c for c in shelf.collections if c.parent is None), key=_by_name)
    children = sorted((c for c in shelf.collections if c.parent is not None), key=_by_name)
    for parent in parents:
        out.append(_collection_group(parent, members, known))
        out += [
            _collection_group(child, members, known)
            for child in children
            if child.parent == parent.id
        ]
    return out


def _by_name(c: Collection) -> str:
    return c.name.casefold()


def _collection_group(
    c: Collection, members: Mapping[str, set[str]], known: frozenset[str]
) -> Group:
    parent = None if c.parent is None else COLLECTION + c.parent
    return Group(
        COLLECTION + c.id, "collection", c.name, frozenset(members.get(c.id, ())) & known, parent
    )


def read_shelf(
    library: Library,
    notes: NotesStore | None,
    *,
    records: Sequence[DocumentRecord] | None = None,
    note_counts: Mapping[str, int] | None = None,
) -> Shelf:
    """Everything ``groups`` needs, read from the library and the notes store.

    ``records`` and ``note_counts``: what the caller holds already (the window's list),
    so they are not read again."""
    records = library.all() if records is None else records
    if notes is None:  # no notes database yet: nothing organised, everything unread
        return Shelf(records, library.roots(), corpus=library.corpus_dir)
    return Shelf(
        records,
        library.roots(),
        notes.reading_states(),
        notes.count_by_document() if note_counts is None else note_counts,
        notes.collections(),
        notes.collection_members(),
        library.corpus_dir,
    )


def chosen_documents(
    ids: frozenset[str],
    notes: NotesStore | None,
    *,
    collection: str | None = None,
    status: str | None = None,
) -> frozenset[str] | None:
    """Which of the library's documents (``ids``: ``Library.ids``) a ``--collection`` and
    ``--status`` choose (both: in both); None when neither is given: the whole library."""
    if collection is None and status is None:
        return None
    chosen = ids
    if collection is not None:
        if notes is None:
            raise CollectionNotFound(collection)
        chosen &= notes.collection_documents(collection)
    if status is not None:
        check_status(status)
        states = notes.reading_states() if notes is not None else {}
        chosen &= with_status(chosen, states, status)
    return chosen
