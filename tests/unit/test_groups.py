"""The library's groups: everything, bundled, folders, smart lists and collections, counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.core.groups import Shelf, groups
from app.core.i18n import set_language
from app.core.library.records import DocumentRecord
from app.core.notes.collections import Collection
from app.core.notes.reading import ReadingState


def _record(doc_id: str, path: str, *, missing: bool = False) -> DocumentRecord:
    return DocumentRecord(doc_id, path, doc_id.upper(), None, None, 10, 1, "x", missing=missing)


NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
RECORDS = [
    _record("a", "/opt/carnet/corpus/a.html"),
    _record("b", "/home/l/Manuel/ch1.html"),
    _record("c", "/home/l/Manuel/ch2.html"),
    _record("d", "/home/l/Manuel-old/x.txt"),  # not in Manuel: a prefix is not a folder
    _record("e", "/home/l/Manuel/gone.txt", missing=True),
]


def test_every_group_with_its_documents() -> None:
    # As Carnet writes them (compared as text), and as an import may bring them (parsed).
    long_ago = (NOW - timedelta(days=45)).isoformat(timespec="microseconds")
    long_ago = long_ago.replace("+00:00", "Z")
    shelf = Shelf(
        RECORDS,
        # The bundled folder is a root too; it shows as "Bundled articles", not a folder.
        roots=[Path("/opt/carnet/corpus"), Path("/home/l/Manuel"), Path("/home/l/empty")],
        states={
            "b": ReadingState("b", "reading", last_read=(NOW - timedelta(days=2)).isoformat()),
            "c": ReadingState("c", "finished", last_read=long_ago),
        },
        note_counts={"c": 2, "zz": 1},
        collections=[
            Collection("p", "Thèse", None, "t", "t"),
            Collection("k", "Chapitre", "p", "t", "t"),
            Collection("o", "autre", None, "t", "t"),
        ],
        members={"p": {"a", "b", "removed"}, "k": {"b"}, "o": set()},
        corpus=Path("/opt/carnet/corpus"),
    )
    found = {g.key: g for g in groups(shelf, NOW)}
    assert list(found) == [
        "all",
        "bundled",
        "folder:/home/l/Manuel",
        "smart:unread",
        "smart:reading",
        "smart:finished",
        "smart:recent",
        "smart:notes",
        "smart:missing",
        "collection:o",  # collections by name, whatever the case, children under parents
        "collection:p",
        "collection:k",
    ]
    assert found["all"].count == 5
    assert found["bundled"].doc_ids == {"a"}
    assert found["folder:/home/l/Manuel"].doc_ids == {"b", "c", "e"}
    assert found["folder:/home/l/Manuel"].label == "Manuel"
    assert found["smart:unread"].doc_ids == {"a", "d", "e"}
    assert found["smart:reading"].doc_ids == {"b"}
    assert found["smart:finished"].doc_ids == {"c"}
    assert found["smart:recent"].doc_ids == {"b"}  # c was read 45 days ago
    assert found["smart:notes"].doc_ids == {"c"}
    assert found["smart:missing"].doc_ids == {"e"}
    # A removed document stays in its collection but is not counted.
    assert found["collection:p"].doc_ids == {"a", "b"}
    assert found["collection:k"].parent == "collection:p"
    assert found["collection:k"].label == "Chapitre"


def test_labels_follow_the_language() -> None:
    set_language("fr")
    labels = [g.label for g in groups(Shelf(RECORDS, corpus=Path("/opt/carnet/corpus")), NOW)]
    assert labels[:2] == ["Tous les documents", "Articles fournis"]
    assert "Lus récemment" in labels and "Avec des notes" in labels
