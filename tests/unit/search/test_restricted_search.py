"""Searching within a set of documents gives the whole index's ranking without the others:
same order, same scores, totals and pages over what is left, on a multi-segment index with
deletions, for every query form (the evaluator's and Whoosh's fuzzy path)."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.index import Index
from whoosh.searching import Searcher

from app.core.paths import DataPaths
from app.core.search import evaluator, restrict
from app.core.search.flat_codec import FlatCodec
from app.core.search.query import QueryBuilder
from app.core.search.ranking import _ranked
from app.core.search.restrict import restriction_for
from app.core.search.results import SearchResults
from app.core.workspace import Workspace
from tests.conftest import CORPUS
from tests.unit.search.evaluator_corpus import QueryMaker, build_index, segmented_searcher

Ranking = list[tuple[int, float]]

HANDMADE = [
    "negociation",
    "politique internationale",
    '"la politique"',
    "politique -internationale",
    "title:politique",
    "nego*",
    "gouv* accord",
    "negociaton~",
    "politiqe~ gouvernement",
    "accord~2 -politique",
    "zzyzx",
]
PAGES = [(0, 3), (3, 3), (7, 10), (0, 1000)]
CODECS = {"flat": FlatCodec, "whoosh": None}


@pytest.fixture(scope="module", params=sorted(CODECS))
def ix(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Index:
    codec = CODECS[request.param]
    return build_index(Path(tmp_path_factory.mktemp("restricted-index")), codec and codec())


@pytest.fixture
def searcher(ix: Index) -> Iterator[Searcher]:
    with segmented_searcher(ix) as s:
        yield s


def live_ids(s: Searcher) -> dict[str, int]:
    """Every live document's id and docnum, read from its stored fields (not the index)."""
    reader = s.reader()
    return {
        reader.stored_fields(d)["id"]: d
        for d in range(s.doc_count_all())
        if not reader.is_deleted(d)
    }


def id_sets(ids: list[str]) -> dict[str, frozenset[str]]:
    rng = random.Random(4)
    shuffled = rng.sample(ids, len(ids))
    half, most = len(ids) // 2, len(ids) * 7 // 10
    return {
        "one": frozenset(shuffled[:1]),
        "a few": frozenset(shuffled[:5]),
        "a sixth": frozenset(shuffled[: len(ids) // 6 + 1]),  # read through the whole id map
        "half": frozenset(shuffled[:half]),
        "most (complement)": frozenset(shuffled[:most]),
        "all but one": frozenset(shuffled[1:]),
        "all": frozenset(ids),
        "empty": frozenset(),
        "unknown ids only": frozenset({"nope", "doc99999"}),
        "a few and unknown": frozenset(shuffled[:5]) | {"nope", "doc3"},  # doc3 was deleted
        "most and unknown": frozenset(shuffled[:most]) | {"nope"},
    }


def queries() -> list[str]:
    maker = QueryMaker(seed=31)
    generated = [maker.query() for _ in range(40)]
    # Fuzzy words go through Whoosh's matchers: some alone, some with other words.
    fuzzy = [f"{maker.word()}~" for _ in range(6)] + [
        f"{maker.word()}~ {maker.word()}" for _ in range(6)
    ]
    return HANDMADE + generated + fuzzy


def expected_within(full: evaluator.Ranked, docnums: set[int]) -> evaluator.Ranked:
    """The complete unrestricted ranking without the documents outside ``docnums``."""
    ranking, _, all_words = full
    kept = [(d, s) for d, s in ranking if d in docnums]
    return kept, len(kept), sum(1 for d, _ in ranking[:all_words] if d in docnums)


def assert_same(ours: Ranking, theirs: Ranking, context: object) -> None:
    assert [d for d, _ in ours] == [d for d, _ in theirs], context
    for (_, s1), (_, s2) in zip(ours, theirs, strict=True):
        assert math.isclose(s1, s2, rel_tol=1e-9), context


def test_restricted_ranking_is_the_whole_ranking_filtered(searcher: Searcher) -> None:
    builder = QueryBuilder(searcher.schema)
    ids = live_ids(searcher)
    sets = id_sets(sorted(ids))
    checked = fuzzy_checked = 0
    for text in queries():
        q = builder.parse(text)
        if q is wq.NullQuery:
            continue
        vectorised = evaluator.ranked(q, searcher, 1) is not None
        found = check_within(q, searcher, sets, ids, PAGES, vectorised=True)
        if vectorised:  # Whoosh's own matchers restricted too, for the forms it shares
            check_within(q, searcher, sets, ids, PAGES[1:3], vectorised=False)
        checked += found
        fuzzy_checked += 0 if vectorised else found
    # The sets and queries are not all empty: both rankers found documents within them.
    assert checked > 200
    assert fuzzy_checked > 20


def check_within(
    q: wq.Query,
    searcher: Searcher,
    sets: dict[str, frozenset[str]],
    ids: dict[str, int],
    pages: list[tuple[int, int]],
    *,
    vectorised: bool,
) -> int:
    """Each set's pages against the complete ranking filtered; how many sets found some."""
    # Every matching document (a top as large as the index is never cut short).
    full = _ranked(q, searcher, searcher.doc_count_all(), vectorised=vectorised)
    exact_all_words = vectorised and evaluator.ranked(q, searcher, 1) is not None
    found = 0
    for name, only in sets.items():
        restriction = restriction_for(searcher, only)
        docnums = {ids[i] for i in only if i in ids}
        expected, total, all_words = expected_within(full, docnums)
        for offset, limit in pages:
            hits, got_total, got_all = _ranked(
                q, searcher, offset + limit, vectorised=vectorised, restriction=restriction
            )
            context = (q, name, offset, limit, vectorised)
            assert got_total == total, context
            if exact_all_words or all_words < offset + limit:
                assert got_all == all_words, context
            else:  # Whoosh's count of a full top may be short: the page is within them
                assert offset + limit <= got_all <= all_words, context
            assert_same(hits[offset:], expected[offset : offset + limit], context)
        found += bool(expected)
    return found


def test_a_set_covering_most_documents_excludes_the_others(searcher: Searcher) -> None:
    ids = sorted(live_ids(searcher))
    most = restriction_for(searcher, frozenset(ids[3:]))
    assert most is not None and most.excluding
    assert sorted(most.docnums.tolist()) == sorted(live_ids(searcher)[i] for i in ids[:3])
    assert restriction_for(searcher, frozenset(ids)) is None  # nothing to leave out
    few = restriction_for(searcher, frozenset(ids[:3]))
    assert few is not None and not few.excluding and len(few.docnums) == 3
    assert restriction_for(searcher, frozenset()).empty  # type: ignore[union-attr]


def test_ids_read_from_any_segment_give_their_live_document(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = live_ids(searcher)
    restrict._SEGMENTS.clear()
    first = restrict.IdDocnums(searcher)
    looked_up = {i: first.looked_up(i) for i in ids}
    read = {i: first.read_from_segments(i) for i in ids}  # now cached by segment
    cached = {i: restrict.IdDocnums(searcher).read_from_segments(i) for i in ids}
    # Segments not in Whoosh's own format are read through their postings.
    monkeypatch.setattr(restrict, "W3TermsReader", type(None))
    generic = {i: restrict.IdDocnums(searcher).read_from_segments(i) for i in ids}
    expected = {i: (d,) for i, d in ids.items()}
    assert looked_up == read == cached == generic == expected
    assert restrict.IdDocnums(searcher).docnums_of("doc3") == ()  # deleted


def _fields(doc_id: str, text: str) -> dict[str, str]:
    return {
        "id": doc_id,
        "path": f"/x/{doc_id}.txt",
        "title": doc_id,
        "source": "",
        "date": "",
        "content": text,
    }


def test_a_commit_gives_new_docnums_never_stale_ones(tmp_path: Path) -> None:
    from app.core.search.index import SearchIndex  # noqa: PLC0415

    index = SearchIndex(tmp_path / "index")
    index.open()
    writer = index.ix.writer(codec=FlatCodec())
    for n in range(6):
        writer.add_document(**_fields(f"d{n}", "la négociation" if n % 2 else "un accord"))
    writer.commit()
    builder = index.builder
    q = builder.parse("negociation")
    only = frozenset({"d1", "d2", "d3"})
    before = _ranked(q, index.searcher(), 10, restriction=restriction_for(index.searcher(), only))
    assert len(before[0]) == before[1] == 2  # d1, d3

    writer = index.ix.writer(codec=FlatCodec())
    writer.delete_by_term("id", "d1")
    writer.update_document(**_fields("d2", "enfin la négociation"))  # a new docnum
    writer.commit(merge=False)
    s = index.searcher()
    after = _ranked(q, s, 10, restriction=restriction_for(s, only))
    stored = [s.stored_fields(d)["id"] for d, _ in after[0]]
    assert sorted(stored) == ["d2", "d3"] and after[1] == 2
    full = _ranked(q, s, 10)
    assert after[0] == [(d, score) for d, score in full[0] if d in {h for h, _ in after[0]}]


@pytest.fixture
def two_kinds(tmp_path: Path) -> Iterator[Workspace]:
    """The bundled articles and three short documents of our own."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for n, text in enumerate(["négociation avec Lavrov", "négociations longues", "un accord"]):
        (docs / f"note{n}.txt").write_text(f"Note {n}\n\n{text}", "utf-8")
    ws = Workspace(DataPaths(tmp_path / "data"), corpus_dir=CORPUS)
    ws.bring_in_bundled()
    ws.import_paths([docs])
    ws.sync_index()
    yield ws
    ws.close()


def notes_of(ws: Workspace) -> dict[str, str]:
    """Our three documents: file name -> document id."""
    return {Path(r.path).stem: r.id for r in ws.library.all() if "/docs/note" in r.path}


def names(ws: Workspace, results: SearchResults) -> set[str]:
    by_id = {i: name for name, i in notes_of(ws).items()}
    return {by_id.get(h.id, h.title) for h in results.hits}


def test_workspace_search_within_documents(two_kinds: Workspace) -> None:
    ws = two_kinds
    mine = frozenset(notes_of(ws).values())
    assert len(mine) == 3
    whole = ws.search("negociation", limit=50)
    within = ws.search("negociation", limit=50, only=mine)
    assert names(ws, within) == {"note0", "note1"}
    assert within.total == 2
    assert [(h.id, h.score, h.snippet) for h in within.hits] == [
        (h.id, h.score, h.snippet) for h in whole.hits if h.id in mine
    ]
    assert whole.total > within.total
    # A misspelt word found by its near spelling, within the set too.
    assert len(ws.search("Lavrof~").hits) > 1
    assert names(ws, ws.search("Lavrof~", only=mine)) == {"note0"}
    # Ids unknown to the index are ignored; no document at all finds nothing.
    assert ws.search("negociation", only=mine | {"gone"}).total == 2
    nothing = ws.search("negociation", only=frozenset())
    assert (nothing.total, nothing.hits, nothing.suggestion) == (0, [], None)
    # Pages go over the restricted ranking.
    second = ws.search("negociation", limit=1, offset=1, only=mine)
    assert [h.id for h in second.hits] == [within.hits[1].id] and second.total == 2


def test_workspace_search_within_sees_an_updated_document(
    two_kinds: Workspace, tmp_path: Path
) -> None:
    ws = two_kinds
    mine = frozenset(notes_of(ws).values())
    assert names(ws, ws.search("accord", only=mine)) == {"note2"}
    (tmp_path / "docs" / "note2.txt").write_text("Note 2\n\nplus rien", "utf-8")
    (tmp_path / "docs" / "note1.txt").write_text("Note 1\n\nun accord enfin", "utf-8")
    ws.import_paths([tmp_path / "docs"])
    ws.sync_index()
    assert set(notes_of(ws).values()) == mine  # the same documents, changed
    assert names(ws, ws.search("accord", only=mine)) == {"note1"}
