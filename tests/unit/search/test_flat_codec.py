"""Carnet's flat codec: Whoosh answers the same on it as on W3, and its arrays are Whoosh's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from whoosh import qparser
from whoosh.codec import default_codec
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index, create_in

from app.core.search import flat_postings
from app.core.search.analysis import query_term
from app.core.search.flat_codec import FlatCodec
from app.core.search.flat_postings import FlatPostings
from app.core.search.postings import GenericPostings, open_postings
from app.core.search.schema import build_schema
from tests.unit.search.flat_corpus import build

QUERIES = [
    "accord",
    "rare17",
    "accord paix",
    "accord -guerre",
    '"accord paix"',
    '"route chemin voyage"',
    "rare1*",
    "négo*",
    "rivere~",
    "title:titre",
    "accord OR cœur",
]


def _answers(ix: Index) -> list[list[tuple[str, float]]]:
    parser = qparser.QueryParser("content", ix.schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    with ix.searcher() as s:
        out = []
        for q in QUERIES:
            hits = s.search(parser.parse(q), limit=None)
            out.append([(h["id"], round(h.score, 9)) for h in hits])
        return out


def _assert_same_postings(ix: Index) -> int:
    """Flat and generic sources agree on every term; returns how many were compared."""
    compared = 0
    with ix.searcher() as s:
        flat, generic = FlatPostings(s), GenericPostings(s)
        assert np.array_equal(flat.live(), generic.live())
        for field in ("title", "content"):
            assert np.array_equal(
                flat.field_lengths(field), np.nan_to_num(generic.field_lengths(field))
            )
            for text in s.reader().field_terms(field):
                a, b = flat.postings(field, text), generic.postings(field, text)
                assert np.array_equal(a.docnums, b.docnums), text
                assert np.array_equal(a.weights, b.weights), text
                assert a.weights.dtype == np.float64 and a.docnums.dtype == np.int64
                pa = flat.positions(field, text, a.docnums)
                pb = generic.positions(field, text, b.docnums)
                assert [p.tolist() for p in pa] == [p.tolist() for p in pb], text
                compared += 1
    return compared


def test_whoosh_answers_the_same_on_flat_and_w3_segments(tmp_path: Path) -> None:
    w3 = build(tmp_path / "w3", default_codec())
    flat = build(tmp_path / "flat", FlatCodec())
    assert all(isinstance(seg.codec(), FlatCodec) for seg in flat._segments())
    expected = _answers(w3)
    assert all(expected[:6]) and expected[QUERIES.index("rivere~")]  # the queries find things
    assert _answers(flat) == expected


def test_flat_arrays_are_what_whoosh_matchers_read(tmp_path: Path) -> None:
    ix = build(tmp_path / "flat", FlatCodec())
    assert len(ix._segments()) == 4
    assert _assert_same_postings(ix) > 600
    with ix.searcher() as s:
        assert isinstance(open_postings(s), FlatPostings)
        accord = open_postings(s).postings("content", "accord")
        stored = {s.stored_fields(int(d))["id"] for d in accord.docnums}
        assert "d0" not in stored and "d7" in stored  # deleted, updated


def test_merging_flat_segments_keeps_every_posting(tmp_path: Path) -> None:
    indexes = {
        "w3": build(tmp_path / "w3", default_codec()),
        "flat": build(tmp_path / "flat", FlatCodec()),
    }
    for name, ix in indexes.items():
        ix.writer(codec=FlatCodec() if name == "flat" else default_codec()).commit(optimize=True)
        assert len(ix._segments()) == 1
    assert isinstance(indexes["flat"]._segments()[0].codec(), FlatCodec)
    assert _answers(indexes["flat"]) == _answers(indexes["w3"])
    _assert_same_postings(indexes["flat"])


def test_an_index_with_older_segments_is_read_the_generic_way(tmp_path: Path) -> None:
    ix = build(tmp_path / "w3", default_codec())
    with ix.searcher() as s:
        assert isinstance(open_postings(s), GenericPostings)
    w = ix.writer(codec=FlatCodec())
    w.add_document(id="new", title="Nouveau", content="accord")
    w.commit(merge=False)
    with ix.searcher() as s:
        assert isinstance(open_postings(s), GenericPostings)  # mixed: W3 and flat
    ix.writer(codec=FlatCodec()).commit(optimize=True)  # merging reads W3 through matchers
    with ix.searcher() as s:
        source = open_postings(s)
        assert isinstance(source, FlatPostings)
        assert "new" in {
            s.stored_fields(int(d))["id"] for d in source.postings("content", "accord").docnums
        }
    _assert_same_postings(ix)


def test_add_term_postings_writes_what_the_per_posting_calls_write() -> None:
    storage = RamStorage()
    codec = FlatCodec(blocksize=4)  # several blocks from a few postings
    schema = build_schema()
    segment = codec.new_segment(storage, "MAIN")
    writer = codec.field_writer(storage, segment)
    fieldobj = schema["content"]
    docs = [0, 3, 4, 9, 10, 11, 17, 30, 31]
    weights = [float(1 + d % 3) for d in docs]
    values = [fieldobj.format.encode(list(range(int(w)))) for w in weights]
    lengths = [5 + d for d in docs]
    writer.start_field("content", fieldobj)
    writer.add_term_postings(b"alpha", docs, weights, values, lengths)
    writer.start_term(b"beta")
    for args in zip(docs, weights, values, lengths, strict=True):
        writer.add(*args)
    writer.finish_term()
    writer.finish_field()
    writer.close()
    segment.set_doc_count(32)
    terms = codec.terms_reader(storage, segment)
    info_a = terms.term_info("content", b"alpha")
    info_b = terms.term_info("content", b"beta")
    stats = (
        "weight",
        "doc_frequency",
        "min_length",
        "max_length",
        "max_weight",
        "min_id",
        "max_id",
    )
    assert [getattr(info_a, s)() for s in stats] == [getattr(info_b, s)() for s in stats]
    assert (info_a.doc_frequency(), info_a.max_weight(), info_a.max_id()) == (9, 3.0, 31)
    for text in (b"alpha", b"beta"):
        m = terms.matcher("content", text, fieldobj.format)
        seen = []
        while m.is_active():
            seen.append((m.id(), m.weight(), m.value()))
            m.next()
        assert seen == list(zip(docs, weights, values, strict=True))
        m = terms.matcher("content", text, fieldobj.format)
        m.skip_to(12)  # past two blocks
        assert (m.id(), m.value_as("positions")) == (17, [0, 1, 2])
    terms.close()


@pytest.mark.parametrize("blocksize", [1, 128])
def test_matchers_skip_and_score_like_w3(tmp_path: Path, blocksize: int) -> None:
    w3 = build(tmp_path / "w3", default_codec())
    flat = build(tmp_path / "flat", FlatCodec(blocksize=blocksize))
    assert _answers(flat) == _answers(w3)


@pytest.mark.parametrize("one_read", [True, False])
def test_positions_of_some_documents_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_read: bool
) -> None:
    monkeypatch.setattr(flat_postings, "SPAN_SLACK", 10**9 if one_read else -(10**9))
    ix = build(tmp_path / "flat", FlatCodec())
    with ix.searcher() as s:
        flat, generic = FlatPostings(s), GenericPostings(s)
        for word in ("accord", "paix", "voyage"):
            text = query_term(word)
            docs = flat.postings("content", text).docnums
            some = docs[::3]  # across every segment, gaps between them
            assert len(some) > 10
            got = [p.tolist() for p in flat.positions("content", text, some)]
            assert got == [p.tolist() for p in generic.positions("content", text, some)]
            assert all(got)
            # End to end in one array: for some documents (a gather) and for all of them
            # (each segment's values taken whole).
            for wanted in (some, docs):
                joined = flat.joined_positions("content", text, wanted)
                expected = generic.positions("content", text, wanted)
                assert joined.counts.tolist() == [len(p) for p in expected]
                assert joined.positions.tolist() == [x for p in expected for x in p.tolist()]
        with pytest.raises(KeyError):  # a document without the term is the caller's error
            accord = flat.postings("content", query_term("accord")).docnums
            flat.positions("content", "rare1", accord[:1])


def test_an_empty_index_reads_as_no_postings(tmp_path: Path) -> None:
    ix = create_in(str(tmp_path), build_schema())
    ix.writer(codec=FlatCodec()).commit()  # nothing added: no segment
    with ix.searcher() as s:
        source = open_postings(s)
        assert len(source.postings("content", "accord")) == 0
        assert source.doc_count() == 0 and len(source.field_lengths("content")) == 0
