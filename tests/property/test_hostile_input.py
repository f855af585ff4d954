"""Hostile input, generated: no query, file, note or import crashes Carnet or loses data.

Modest example counts here; ``python -m tests.stress`` runs the same checks many more times.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.core.workspace import Workspace
from tests.conftest import CORPUS
from tests.property import hostile

CI = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = Workspace(DataPaths(tmp_path_factory.mktemp("ws") / "data"), corpus_dir=CORPUS)
    workspace.bring_in_bundled()
    workspace.sync_index()
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NotesStore]:
    s = NotesStore(DataPaths(tmp_path_factory.mktemp("notes") / "data"))
    yield s
    s.close()


@CI
@given(query=hostile.queries)
@example(query='"')
@example(query="title:")
@example(query="*" * 500)
@example(query="(" * 2000)
@example(query="-")
@example(query="lavrof~/1000")  # a fuzzy prefix longer than the word
def test_any_query_returns_results_or_none(ws: Workspace, query: str) -> None:
    hostile.check_query(ws, query)


@CI
@given(data=hostile.document_bytes, suffix=hostile.SUFFIXES)
@example(data=b"<" * 50_000 + b"a", suffix=".html")
@example(data=b"\xff\xfe" + b"\x00\xd8" * 10, suffix=".txt")
def test_any_bytes_load_or_are_skipped_with_a_reason(data: bytes, suffix: str) -> None:
    hostile.check_document_bytes(data, suffix)


@CI
@given(text=hostile.note_texts, tags=hostile.tag_lists, quote=st.text(max_size=80))
@example(text="<script>alert(1)</script>" * 40_000, tags=["#<b>x</b>", " y "], quote="<i>")
@example(text="\x00\x01\x7f" + "é" * 1_000_000, tags=["\ud800"], quote="\x00")
def test_any_note_is_stored_and_read_back_exactly(
    store: NotesStore, text: str, tags: list[str], quote: str
) -> None:
    hostile.check_note_round_trip(store, text, tags, quote)


@settings(CI, max_examples=50)  # each example exports the store twice: fewer, bigger ones
@given(payload=hostile.exports)
def test_any_import_is_rejected_clearly_or_applied_whole(store: NotesStore, payload: Any) -> None:
    hostile.check_import(store, payload)


def test_imported_valid_notes_arrive_and_a_bad_one_blocks_all(tmp_path: Path) -> None:
    with NotesStore(DataPaths(tmp_path / "data")) as s:
        good = [hostile._valid_note(i) for i in range(3)]
        hostile.check_import(s, {"format": "carnet-notes", "version": 1, "notes": good})
        assert len(s.list()) == 3
        bad = [hostile._valid_note(10), {**hostile._valid_note(11), "start": "x"}]
        hostile.check_import(s, {"format": "carnet-notes", "version": 1, "notes": bad})
        assert len(s.list()) == 3  # neither of the two went in
