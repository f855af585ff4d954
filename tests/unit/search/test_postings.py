"""The array view of postings agrees with Whoosh's own matchers, deletions included."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from whoosh.fields import ID, TEXT, Schema
from whoosh.index import create_in

from app.core.search.postings import GenericPostings, open_postings


def _index(tmp_path: Path):  # type: ignore[no-untyped-def]
    ix = create_in(str(tmp_path), Schema(id=ID(stored=True, unique=True), body=TEXT))
    w = ix.writer()
    for n, body in enumerate(["alpha beta alpha", "beta gamma", "alpha", "gamma gamma beta"]):
        w.add_document(id=str(n), body=body)
    w.commit()
    w = ix.writer()
    w.delete_by_term("id", "2")
    w.add_document(id="4", body="alpha delta")
    w.commit(merge=False)
    return ix


def test_postings_list_live_documents_with_their_weights(tmp_path: Path) -> None:
    ix = _index(tmp_path)
    with ix.searcher() as s:
        source = open_postings(s)
        alpha = source.postings("body", "alpha")
        ids = {
            s.stored_fields(d)["id"]: w for d, w in zip(alpha.docnums, alpha.weights, strict=True)
        }
        assert ids == {"0": 2.0, "4": 1.0}  # "2" was deleted
        assert list(alpha.docnums) == sorted(alpha.docnums)
        assert len(source.postings("body", "nowhere")) == 0
        assert source.doc_count() == 4 and source.doc_count_all() == 5
        assert int(source.live().sum()) == 4


def test_positions_and_lengths_are_those_whoosh_reads(tmp_path: Path) -> None:
    ix = _index(tmp_path)
    with ix.searcher() as s:
        source = GenericPostings(s)
        gamma = source.postings("body", "gamma")
        positions = source.positions("body", "gamma", gamma.docnums)
        by_id = {
            s.stored_fields(int(d))["id"]: list(p)
            for d, p in zip(gamma.docnums, positions, strict=True)
        }
        assert by_id == {"1": [1], "3": [0, 1]}
        lengths = source.field_lengths("body")
        for d in range(source.doc_count_all()):
            assert lengths[d] == s.reader().doc_field_length(d, "body")
        assert source.field_length_total("body") == s.field_length("body")
        # Whoosh's total (the BM25 average's numerator) still counts deleted documents.
        assert np.isclose(lengths.sum(), source.field_length_total("body"))
