"""Hostile inputs and the checks they must pass; used by the property tests and the stress run.

Each ``check_*`` raises AssertionError on a failure and returns nothing, so the CI tests and
``python -m tests.stress`` run the same checks with different numbers of examples.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from app.core.documents.loader import LoadedDocument, load_document_bytes
from app.core.errors import DocumentSkipped, NotesError
from app.core.notes.errors import NotesImportError
from app.core.notes.exchange import export_json, import_json
from app.core.notes.model import clean_tags
from app.core.notes.store import NotesStore
from app.core.search.index import SearchResults
from app.core.workspace import Workspace

# ---- queries -----------------------------------------------------------------------------

_SYNTAX = st.sampled_from(
    [
        '"', "*", "-", "~", ":", "(", ")", "[", "]", "{", "}", "^", "\\", "/", "'", "’",
        "AND", "OR", "NOT", "TO", "title:", "source:", "content:", "id:", "*:*", "~2",
        "négociation", "l’Ukraine", "Genève", "a", " ", "\t", "\n", "\x00", "🙂", "ﬁ",
    ]
)  # fmt: skip
queries = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_SYNTAX, st.text(max_size=5)), max_size=30).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
)


def check_query(ws: Workspace, query: str) -> None:
    results = ws.search(query, limit=5)
    assert isinstance(results, SearchResults)
    # An answer, never an exception: a page of real documents, counted honestly.
    assert len(results.hits) <= 5 and results.total >= len(results.hits)
    known = {record.id for record in ws.library.all()}
    assert {hit.id for hit in results.hits} <= known


# ---- document bytes ----------------------------------------------------------------------

SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".htm", ".markdown", "txt", ".pdf", ""])
_HTML_BITS = st.sampled_from(
    [
        "<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<script>", "</script>",
        "<!--", "-->", "<![CDATA[", "]]>", "<?xml", "&amp;", "&#0;", "&#x110000;", "&#65;",
        "&", "<", ">", "<title>", "</title>", "<meta name='date' content='2022-13-45'>",
        "<h1>", "</h1>", "<pre>", "<br>", "\x00", "\r", "\ufeff", "é", "<svg/>", "<a href=x>",
    ]
)  # fmt: skip
document_bytes = st.one_of(
    st.binary(max_size=4000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.one_of(_HTML_BITS, st.text(max_size=8)), max_size=200).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    ),
    st.tuples(
        st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]),
        st.binary(max_size=500),
    ).map(b"".join),
)


def check_document_bytes(data: bytes, suffix: str) -> None:
    try:
        doc = load_document_bytes(data, suffix, "hostile")
    except DocumentSkipped as skip:
        assert skip.reason.strip()
        return
    assert isinstance(doc, LoadedDocument)
    assert doc.text.strip() and doc.title.strip()
    assert "\r" not in doc.text


# ---- notes -------------------------------------------------------------------------------

_ANY_CHAR = st.characters(codec=None, exclude_categories=())  # surrogates included
note_texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=_ANY_CHAR, max_size=100),
    st.lists(st.sampled_from(["<script>alert(1)</script>", "<b>", "&amp;", "\x00", "\x1b[31m",
                              "\u202e", "\r\n", "🙂", "é"]), max_size=40).map("".join),
)  # fmt: skip
tag_lists = st.lists(st.one_of(st.text(max_size=12), st.text(alphabet=_ANY_CHAR, max_size=70)))


def stored_form(text: str) -> str:
    """What "exactly" means for a body: the same string, lone surrogates as U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def check_note_round_trip(store: NotesStore, text: str, tags: list[str], quote: str) -> None:
    try:
        expected_tags = clean_tags(tags)
    except NotesError:
        try:
            store.add("doc", text, tags=tags)
        except NotesError:
            return  # refused as a whole, with a message: fine
        raise AssertionError("tags clean_tags refuses were stored") from None
    note = store.add("doc", text, tags=tags)
    back = store.get(note.id)
    assert back.text == stored_form(text)
    assert back.tags == expected_tags == clean_tags(list(expected_tags))  # idempotent
    if quote.strip():
        doc_text = f"Avant. {quote} Après."
        anchored = store.add_for_quote("doc", doc_text, quote, text)
        got = store.get(anchored.id)
        assert got.anchor is not None and got.anchor.quote == quote
        assert doc_text[got.anchor.start : got.anchor.end] == quote


# ---- notes JSON import -------------------------------------------------------------------

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.none()),
    st.just("x" * 1_000_001), st.just(10**30), st.just("\ud800"),
)  # fmt: skip
_FIELDS = [
    "id", "doc_id", "text", "tags", "quote", "start", "end", "orphan", "created", "updated",
    "color", "prefix", "suffix", "text_hash", "trashed", "surprise",
]  # fmt: skip


def _valid_note(i: int) -> dict[str, Any]:
    return {
        "id": f"{i:032x}",
        "doc_id": "doc",
        "text": f"note {i}",
        "tags": ["t"],
        "created": "2024-01-01T00:00:00Z",
        "updated": "2024-01-02T00:00:00Z",
    }


@st.composite
def raw_notes(draw: st.DrawFn) -> Any:
    note: dict[str, Any] = _valid_note(draw(st.integers(0, 10**6)))
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["drop", "set"]))
        key = draw(st.sampled_from(_FIELDS))
        if action == "drop":
            note.pop(key, None)
        else:
            note[key] = draw(_VALUES)
    return note


exports = st.one_of(
    st.builds(
        lambda notes: {"format": "carnet-notes", "version": 1, "notes": notes},
        st.lists(raw_notes(), max_size=6),
    ),
    st.dictionaries(st.sampled_from(["format", "version", "notes", "x"]), _VALUES, max_size=4),
    _VALUES,
)


def check_import(store: NotesStore, payload: Any) -> None:
    before = export_json(store.list(include_trashed=True))
    try:
        text = json.dumps(payload)
    except (ValueError, OverflowError):
        return
    try:
        report = import_json(store, text)
    except NotesImportError as exc:
        assert str(exc).strip()
        assert export_json(store.list(include_trashed=True)) == before  # never half-applied
        return
    assert report.added + report.updated + report.unchanged == len(payload["notes"])
    ids = {n.id for n in store.list(include_trashed=True)}
    assert all(raw["id"] in ids for raw in payload["notes"])
