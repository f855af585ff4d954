"""Each query form the vectorised evaluator handles, and the forms it leaves to Whoosh."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.index import create_in
from whoosh.searching import Searcher

from app.core.search import evaluator, query
from app.core.search.evaluator_plan import AnyNode, TermNode, plan
from app.core.search.query import BoundedPrefix, QueryBuilder
from app.core.search.ranking import search_page, whoosh_ranked
from app.core.search.schema import build_schema
from app.core.workspace import Workspace

DOCS = {
    "a": ("Le chat noir", "Le chat noir dort sur le tapis.", "Le Monde"),
    "b": ("Un tapis", "Un chien noir et un chat gris jouent.", "Le Temps"),
    "c": ("Chiens", "Les chiens noirs aboient contre le chat.", "Le Monde"),
    "d": ("Négociations", "Les négociations de Genève sur le désarmement.", "La Croix"),
    "e": ("Diplomatie", "La négociatrice négocie; le chat regarde.", "Le Temps"),
}


@pytest.fixture
def searcher(tmp_path: Path) -> Iterator[Searcher]:
    ix = create_in(str(tmp_path), build_schema())
    for batch in (("a", "b", "c"), ("d", "e")):  # two segments
        w = ix.writer()
        for key in batch:
            title, text, source = DOCS[key]
            w.add_document(id=key, title=title, source=source, content=f"{title}\n\n{text}")
        w.commit(merge=False)
    with ix.searcher() as s:
        yield s


def ids(s: Searcher, text: str, upto: int = 10) -> list[str]:
    found = evaluator.ranked(QueryBuilder(s.schema).parse(text), s, upto)
    assert found is not None, f"{text!r} should be evaluated on arrays"
    return [s.stored_fields(d)["id"] for d, _ in found[0]]


def counts(s: Searcher, text: str) -> tuple[int, int]:
    found = evaluator.ranked(QueryBuilder(s.schema).parse(text), s, 10)
    assert found is not None
    return found[1], found[2]


def test_one_word_finds_its_forms_and_title_matches_rank_first(searcher: Searcher) -> None:
    assert set(ids(searcher, "chat")) == {"a", "b", "c", "e"}
    assert ids(searcher, "chat")[0] == "a"  # "chat" in the title
    assert set(ids(searcher, "negociation")) == {"d", "e"}  # négociations, négocie


def test_several_words_all_first_then_any(searcher: Searcher) -> None:
    found = ids(searcher, "chat tapis")
    assert set(found[:2]) == {"a", "b"}  # both words (b has "tapis" in its title)
    assert set(found[2:]) == {"c", "e"}
    assert counts(searcher, "chat tapis") == (4, 2)  # total, all words


def test_exclusion_removes_documents_even_a_segments_first(searcher: Searcher) -> None:
    # "a" is the first document of its segment: Whoosh's own AndNot would keep it.
    assert set(ids(searcher, "chat -tapis")) == {"c", "e"}
    assert set(ids(searcher, "chat -tapis -gris")) == {"c", "e"}
    assert ids(searcher, "chat -chat") == []


def test_fields(searcher: Searcher) -> None:
    assert ids(searcher, "title:tapis") == ["b"]
    assert set(ids(searcher, "source:monde")) == {"a", "c"}
    assert ids(searcher, "chat source:temps title:diplomatie")[0] == "e"
    assert counts(searcher, "chat source:temps title:diplomatie") == (4, 1)


def test_phrases_need_the_words_in_order_and_together(searcher: Searcher) -> None:
    assert ids(searcher, '"chat noir"') == ["a"]
    assert set(ids(searcher, '"chien noir"')) == {"b", "c"}  # chiens noirs: same stems
    assert ids(searcher, '"gris chat"') == []  # "chat gris": the order counts
    # Stop words are not counted in positions, and the title runs on into the text.
    assert set(ids(searcher, '"noir chat"')) == {"a", "b"}
    assert ids(searcher, '"noir dort sur le tapis"') == ["a"]
    assert ids(searcher, '"chat tapis"') == []  # both words, not together
    assert ids(searcher, '"chat licorne"') == []  # a word in no document


def test_prefix_searches_the_bounded_expansion(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert set(ids(searcher, "nego*")) == {"d", "e"}
    monkeypatch.setattr(query, "PREFIX_KEEP", 1)
    q = BoundedPrefix("content", "nego")
    node = plan(q, searcher.reader())
    kept = [t.decode() for t in q._btexts(searcher.reader())]
    assert len(kept) == 1
    assert node == TermNode("content", kept[0])
    monkeypatch.setattr(query, "PREFIX_KEEP", 48)
    node = plan(q, searcher.reader())
    assert isinstance(node, AnyNode) and len(node.parts) > 1


def test_ranking_matches_whoosh_with_scores(searcher: Searcher) -> None:
    builder = QueryBuilder(searcher.schema)
    for text in ("chat", "chat noir tapis", "title:chat chien", '"chat noir" gris'):
        q = builder.parse(text)
        ours = evaluator.ranked(q, searcher, 10)
        theirs = whoosh_ranked(q, searcher, 10)
        assert ours is not None
        assert ours[1:] == theirs[1:], text
        assert [d for d, _ in ours[0]] == [d for d, _ in theirs[0]], text
        assert [s for _, s in ours[0]] == pytest.approx([s for _, s in theirs[0]], rel=1e-9)


@pytest.mark.parametrize("text", ["chat~", "chat NOT tapis", "date:2020"])
def test_other_forms_are_left_to_whoosh(searcher: Searcher, text: str) -> None:
    q = QueryBuilder(searcher.schema).parse(text)
    assert q is not wq.NullQuery
    assert evaluator.ranked(q, searcher, 10) is None


def test_search_page_answers_the_same_either_way(workspace: Workspace) -> None:
    workspace.sync_index()
    index = workspace.index
    for text in ("negociation", "Interfax Whelan", '"affaires étrangères"', "nego*", "lavrof~"):
        fast, slow = (
            search_page(
                index.searcher(), index.builder, text, workspace.library, vectorised=vectorised
            )
            for vectorised in (True, False)
        )
        assert fast.total == slow.total and fast.total > 0, text
        assert [h.id for h in fast.hits] == [h.id for h in slow.hits], text
        assert [h.snippet for h in fast.hits] == [h.snippet for h in slow.hits], text
