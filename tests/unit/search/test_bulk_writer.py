"""The bulk writer: the same index as Whoosh's own writer, merges that reclaim, cancellation."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh.writing import SegmentWriter

from app.core.paths import DataPaths
from app.core.search import index_writer, segment_merge
from app.core.search.codec import index_codec
from app.core.search.index_fields import index_fields
from app.core.workspace import Workspace
from tests.unit.search.bulk_index_dump import generated_text, index_content, write_library

DOCS = 240


def whoosh_update(ws: Workspace) -> None:
    """The reference: Whoosh's own writer, update_document per document, no merging."""
    ws.open_index()
    library = ws.library
    writer = SegmentWriter(ws.index.ix, codec=index_codec())
    removals = library.pending_removals()
    for doc_id in removals:
        writer.delete_by_term("id", doc_id)
    shas = {}
    for record, text in library.unindexed():
        writer.update_document(**index_fields(record, text))
        shas[record.id] = record.sha256
    writer.commit(merge=False)
    library.mark_indexed(shas, shas)
    library.clear_removals(removals)


def rewrite_some(folder: Path) -> None:
    rng = random.Random(11)
    for path in sorted(folder.glob("*.txt"))[5:45]:
        path.write_text(f"Nouveau {path.stem}\n\n{generated_text(rng, rng.randint(3, 90))}\n")


def remove_some(ws: Workspace, folder: Path) -> None:
    by_path = {r.path: r.id for r in ws.library.all()}
    for path in sorted(folder.glob("*.txt"))[100:120]:
        ws.library.remove(by_path[str(path)])


@pytest.mark.parametrize("parallel_min", [10_000, 1], ids=["in-process", "processes"])
def test_the_bulk_index_holds_exactly_what_whoosh_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel_min: int
) -> None:
    monkeypatch.setattr(segment_merge, "DELETED_SHARE", 2.0)  # keep deleted postings alike
    monkeypatch.setattr(index_writer, "PARALLEL_MIN", parallel_min)
    folder = tmp_path / "docs"  # one folder for both: ids come from paths
    write_library(folder, DOCS)
    none = tmp_path / "none"
    with (
        Workspace(DataPaths(tmp_path / "whoosh"), corpus_dir=none) as ref,
        Workspace(DataPaths(tmp_path / "bulk"), corpus_dir=none) as ws,
    ):
        for round_ in range(2):
            if round_:
                rewrite_some(folder)
            for w, update in ((ref, whoosh_update), (ws, Workspace.sync_index)):
                w.import_paths([folder])
                if round_:
                    remove_some(w, folder)
                update(w)
                assert not w.library.unindexed_count()
        reference, bulk = index_content(ref.index.ix), index_content(ws.index.ix)
    assert reference["doc_count"] == DOCS - 20
    assert bulk["stored"] == reference["stored"]
    assert any("marks" in f for f in bulk["stored"].values())  # long documents were there
    assert bulk["lengths"] == reference["lengths"]
    assert bulk["frequencies"] == reference["frequencies"]
    assert bulk["postings"].keys() == reference["postings"].keys()
    assert bulk["postings"] == reference["postings"]
    assert bulk["doc_count"] == reference["doc_count"]


def test_documents_deleted_past_the_threshold_are_merged_away(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write_library(folder, 60)
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=tmp_path / "none") as ws:
        ws.import_paths([folder])
        ws.sync_index()
        records = sorted(ws.library.all(), key=lambda r: r.id)
        for record in records[:5]:  # under the threshold: no rewrite
            ws.library.remove(record.id)
        assert ws.sync_index().merged == 0
        with ws.index.ix.reader() as reader:
            assert reader.has_deletions()
        for record in records[5:20]:  # now a third of the segment is deleted
            ws.library.remove(record.id)
        update = ws.sync_index()
        assert update.removed == 15 and update.merged == 1
        with ws.index.ix.reader() as reader:
            assert not reader.has_deletions()
            assert reader.doc_count_all() == 40
        kept = {h.id for h in ws.search("diplomatie", limit=100).hits}
        assert kept and kept <= {r.id for r in records[20:]}


def test_many_small_commits_are_gathered_into_few_segments(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=tmp_path / "none") as ws:
        for n in range(segment_merge.MAX_SEGMENTS + 3):
            (folder / f"note{n}.txt").write_text(f"Note {n}\n\ntraité de paix numéro{n}\n")
            ws.import_paths([folder])
            ws.sync_index()
            assert len(ws.index.ix._segments()) <= segment_merge.MAX_SEGMENTS
        assert ws.search("traité", limit=100).total == segment_merge.MAX_SEGMENTS + 3


def test_a_cancelled_bulk_update_leaves_the_index_and_journal_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_writer, "PARALLEL_MIN", 1)
    first, second = tmp_path / "first", tmp_path / "second"
    write_library(first, 30, seed=1)
    write_library(second, 80, seed=2)
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=tmp_path / "none") as ws:
        ws.import_paths([first])
        ws.sync_index()
        before = index_content(ws.index.ix)
        ws.import_paths([second])
        calls = []

        def cancelled() -> bool:
            calls.append(1)
            return len(calls) > 1  # after the writer processes have started

        update = ws.sync_index(cancelled=cancelled)
        assert update.cancelled and update.indexed == 0
        assert index_content(ws.index.ix) == before
        assert ws.library.unindexed_count() == 80
        assert not list(ws.index.index_dir.glob("*.tmp"))  # the lock and temp files are gone
        assert ws.sync_index().indexed == 80
        assert ws.index.doc_count() == 110
