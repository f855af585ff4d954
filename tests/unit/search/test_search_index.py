"""Searching the bundled corpus as a French reader would, and an index that heals itself."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.errors import IndexBusyError
from app.core.paths import DataPaths
from app.core.search import index_writer
from app.core.search.analysis import fold
from app.core.search.index import STAMP_FILE
from app.core.workspace import Workspace
from tests.conftest import CORPUS

HOSTILE_QUERIES = [
    '"unbalanced',
    "((",
    "))",
    "(blinken",
    "AND",
    "OR OR",
    "NOT",
    "-",
    "+",
    "*",
    "**",
    "a*b",
    "?",
    "~",
    "blinken~~~3",
    "title:",
    "field:",
    "source:",
    ":",
    "[a TO",
    "{}",
    "^",
    "blinken^",
    "\x00\x01\x7f",
    "\u200b",
    "x" * 5000,
    "négociation " * 1000,
    "'",
    "l'",
    "date:2022",
]


def ids_of_docs_containing(ws: Workspace, folded_fragment: str) -> set[str]:
    """An oracle independent of the index: a plain substring test on folded text."""
    return {
        r.id for r in ws.library.all() if folded_fragment in fold(ws.library.text(r.id).lower())
    }


def result_ids(ws: Workspace, query: str, limit: int = 50) -> list[str]:
    return [h.id for h in ws.search(query, limit).hits]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("negociation", "negoci"),
        ("négociations", "negoci"),
        ("Geneve", "geneve"),
        ("diplomatie", "diplomat"),
        ("Interfax", "interfax"),
        ("Biélorussie", "bielorussie"),
    ],
)
def test_finds_every_article_with_the_word_in_any_form(
    workspace: Workspace, query: str, fragment: str
) -> None:
    expected = ids_of_docs_containing(workspace, fragment)
    assert expected, "the oracle must find something for the test to mean anything"
    assert set(result_ids(workspace, query)) == expected


def test_results_carry_metadata_and_marked_snippets(workspace: Workspace) -> None:
    results = workspace.search("negociation")
    assert results.total == len(results.hits) > 0
    for hit in results.hits:
        assert hit.title and hit.path.endswith(".txt") and hit.score > 0
        marked = re.findall(r"<b>(.*?)</b>", hit.snippet)
        assert marked and all(fold(m.lower()).startswith("negoci") for m in marked)


def test_snippets_are_html_escaped(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Titre\n\n<script>alert(1)</script> la négociation & co", "utf-8")
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=CORPUS) as ws:
        ws.import_paths([docs])
        ws.sync_index()
        snippet = ws.search("negociation").hits[0].snippet
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet and "&amp;" in snippet
    assert "<b>négociation</b>" in snippet


def test_title_matches_rank_first(workspace: Workspace) -> None:
    hits = workspace.search("téléphoné").hits
    assert hits[0].title.startswith("Antony Blinken et Sergueï Lavrov se sont téléphoné")


def test_documents_with_all_words_come_first(workspace: Workspace) -> None:
    both = ids_of_docs_containing(workspace, "interfax") & ids_of_docs_containing(
        workspace, "whelan"
    )
    either = ids_of_docs_containing(workspace, "interfax") | ids_of_docs_containing(
        workspace, "whelan"
    )
    ids = result_ids(workspace, "Interfax Whelan")
    assert set(ids) == either
    assert set(ids[: len(both)]) == both


def test_phrases_respect_word_order(workspace: Workspace) -> None:
    assert result_ids(workspace, '"contrôle des armes nucléaires"')
    assert not result_ids(workspace, '"nucléaires armes contrôle"')


def test_prefix_finds_inflections(workspace: Workspace) -> None:
    assert set(result_ids(workspace, "nego*")) >= ids_of_docs_containing(workspace, "negoci")
    assert set(result_ids(workspace, "Négo*")) == set(result_ids(workspace, "nego*"))


def test_exclusion_and_fields(workspace: Workspace) -> None:
    with_geneve = ids_of_docs_containing(workspace, "geneve")
    ids = set(result_ids(workspace, "Lavrov -Genève"))
    assert ids and ids.isdisjoint(with_geneve)
    assert len(result_ids(workspace, "source:watson")) == 1
    assert set(result_ids(workspace, "title:diplomatie")) == {
        r.id for r in workspace.library.all() if "diplomatie" in r.title.lower()
    }


def test_hyphenated_words_are_not_exclusions(workspace: Workspace) -> None:
    assert set(result_ids(workspace, "États-Unis")) == ids_of_docs_containing(
        workspace, "etats-unis"
    )


def test_fuzzy_and_did_you_mean(workspace: Workspace) -> None:
    assert set(result_ids(workspace, "Lavrof~")) == ids_of_docs_containing(workspace, "lavrov")
    results = workspace.search("Lavrof")
    assert results.total == 0
    assert results.suggestion == "lavrov"
    assert workspace.search("Lavrov").suggestion is None


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_raise(workspace: Workspace, query: str) -> None:
    results = workspace.search(query, limit=10)
    # A well-formed answer: a full page (or every match), real documents, printable as JSON.
    assert len(results.hits) == min(results.total, 10)
    assert {h.id for h in results.hits} <= {r.id for r in workspace.library.all()}
    assert json.loads(json.dumps(results.to_json()))["total"] == results.total


def test_related_documents_and_key_terms(workspace: Workspace) -> None:
    doc = next(r for r in workspace.library.all() if r.source == "watson")
    related = workspace.index.more_like(doc.id, workspace.library)
    assert related and doc.id not in {h.id for h in related}
    terms = workspace.index.key_terms(doc.id, workspace.library, 8)
    assert len(terms) == 8
    text = workspace.library.text(doc.id).lower()
    assert all(t in text for t in terms)  # real words of the text, not stems


# ---- keeping the index in step with the library ---------------------------------------


def test_a_changed_document_is_the_only_one_reindexed(tmp_path: Path, corpus_copy: Path) -> None:
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=CORPUS) as ws:
        ws.import_paths([corpus_copy])
        assert ws.sync_index().indexed == 5
        target = corpus_copy / "la-diplomatie-n-est-pas-morte.txt"
        target.write_text(target.read_text("utf-8") + "\nZanzibar est cité.\n", "utf-8")
        report = ws.import_paths([corpus_copy])
        assert len(report.updated) == 1 and report.unchanged == 4
        assert ws.sync_index().indexed == 1
        assert len(result_ids(ws, "zanzibar")) == 1
        target.unlink()
        assert len(ws.import_paths([corpus_copy]).removed) == 1
        assert ws.sync_index().removed == 1
        assert result_ids(ws, "zanzibar") == []
        assert ws.index.doc_count() == 4


def test_an_interrupted_update_is_finished_on_next_open(tmp_path: Path, corpus_copy: Path) -> None:
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.import_paths([corpus_copy])  # imported, but the process "dies" before indexing
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.sync_index()
        assert len(result_ids(ws, "Interfax")) == 1


def test_deleted_index_is_rebuilt(tmp_path: Path) -> None:
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        ws.sync_index()
    shutil.rmtree(data.index_dir)
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.sync_index()
        assert ws.index.doc_count() == 5
        assert result_ids(ws, "negociation")


@pytest.mark.parametrize("damage", ["truncate_toc", "garble_toc", "stamp"])
def test_damaged_or_outdated_index_is_rebuilt_with_a_message(tmp_path: Path, damage: str) -> None:
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        ws.sync_index()
    if damage == "stamp":
        (data.index_dir / STAMP_FILE).write_text('{"version": "0.0"}', "utf-8")
    else:
        toc = next(data.index_dir.glob("*.toc"))
        raw = toc.read_bytes()
        toc.write_bytes(raw[: len(raw) // 2] if damage == "truncate_toc" else b"\x80garbage" * 40)
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.sync_index()
        assert ws.messages and "rebuild" in ws.messages[0]
        assert ws.index.doc_count() == 5
        assert result_ids(ws, "Geneve")


def test_garbled_segment_is_rebuilt_at_search_time(tmp_path: Path) -> None:
    data = DataPaths(tmp_path / "data")
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.bring_in_bundled()
        ws.sync_index()
    for seg in data.index_dir.glob("*.seg"):
        seg.write_bytes(b"\x00" * seg.stat().st_size)
    with Workspace(data, corpus_dir=CORPUS) as ws:
        ws.sync_index()
        assert set(result_ids(ws, "negociation")) == ids_of_docs_containing(ws, "negoci")


def test_a_locked_index_defers_the_update_but_search_still_works(
    workspace: Workspace, tmp_path: Path
) -> None:
    # New texts: a copy of the bundled articles would be duplicates, with nothing to index.
    folder = tmp_path / "new"
    folder.mkdir()
    for n in range(5):
        (folder / f"fiche-{n}.txt").write_text(f"Fiche {n}\n\nLe tournesol {n} pousse.\n", "utf-8")
    holder = workspace.index.ix.writer()
    try:
        workspace.import_paths([folder])
        with pytest.raises(IndexBusyError, match="later"):
            workspace.index.update(workspace.library, lock_timeout=0.1)
        assert result_ids(workspace, "negociation")
    finally:
        holder.cancel()
    assert workspace.index.update(workspace.library).indexed == 5


def test_the_multiprocess_writer_indexes_the_same_as_the_plain_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["negociation", '"contrôle des armes"', "Lavrov -Genève", "nego*", "title:russie"]
    answers = []
    for parallel_min in (10_000, 1):
        monkeypatch.setattr(index_writer, "PARALLEL_MIN", parallel_min)
        with Workspace(DataPaths(tmp_path / f"data{parallel_min}"), corpus_dir=CORPUS) as ws:
            ws.bring_in_bundled()
            ws.sync_index()
            answers.append([sorted(result_ids(ws, q)) for q in queries])
    assert answers[0] == answers[1] and all(answers[0])


# ---- paging: the window loads more results as one scrolls --------------------------------


@pytest.fixture
def many(tmp_path: Path) -> Iterator[Workspace]:
    """A library of 30 documents where 'alpha' and 'beta' appear with varied frequencies."""
    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(30):
        words = ["alpha"] * (i % 7 + 1) + (["beta"] * (i % 4) if i % 3 else [])
        filler = " ".join(f"mot{j}" for j in range(i * 3 % 40 + 5))
        (docs / f"doc{i:02}.txt").write_text(
            f"Document {i}\n\n{' '.join(words)} {filler}\n", "utf-8"
        )
    ws = Workspace(DataPaths(tmp_path / "data"), corpus_dir=tmp_path / "none")
    ws.import_paths([docs])
    ws.sync_index()
    yield ws
    ws.close()


@pytest.mark.parametrize("query", ["alpha", "beta", "alpha beta", "beta alpha*", "mot12 beta"])
def test_pages_concatenate_to_the_same_ranking_with_a_stable_total(
    many: Workspace, query: str
) -> None:
    whole = many.search(query, limit=1000)
    assert whole.total == len(whole.hits) > 3
    paged: list[str] = []
    for offset in range(0, whole.total + 4, 4):
        page = many.search(query, limit=4, offset=offset)
        assert page.total == whole.total
        assert len(page.hits) == min(4, max(0, whole.total - offset))
        paged += [h.id for h in page.hits]
    assert paged == [h.id for h in whole.hits]


def test_total_counts_every_matching_document_not_the_page(many: Workspace) -> None:
    with_beta = {r.id for r in many.library.all() if "beta" in many.library.text(r.id).split()}
    assert many.search("beta", limit=2).total == len(with_beta) > 2
    # Several words: documents with all of them first, then those with any; total counts all.
    assert many.search("alpha beta", limit=2).total == 30


# ---- "did you mean": only when the suggestion is a real improvement ---------------------


@pytest.mark.parametrize("query", ["zorglub wibble", "wibble", "Lavrof zorglub", "xq"])
def test_nonsense_gets_no_suggestion(workspace: Workspace, query: str) -> None:
    # 'zorglub wibble' once became 'zorglub will': a word left without hits, another
    # replaced by a far, frequent one; 'xq' became 'xi'.
    assert workspace.search(query).suggestion is None


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("Genevve", "genève"),  # not 'geneva', also in the library but farther
        ("negotiation", "négociation"),
        ("Lavrof", "lavrov"),
        ("title:diplomatiie", "title:diplomatie"),  # not 'times:diplomatie'
    ],
)
def test_a_typo_of_a_library_word_gets_a_suggestion_that_finds_it(
    workspace: Workspace, typo: str, expected: str
) -> None:
    results = workspace.search(typo)
    assert results.total == 0
    assert results.suggestion == expected
    assert workspace.search(results.suggestion).total > 0


def test_a_suggestion_corrects_every_word_without_hits(workspace: Workspace) -> None:
    results = workspace.search("Genevve Lavrof")
    assert results.suggestion == "genève lavrov"
    assert workspace.search(results.suggestion).total > results.total
    # An excluded word is not a word the reader wants found: it is left as typed.
    assert workspace.search("Lavrof -zorglub").suggestion == "lavrov -zorglub"


def test_a_suggestion_that_finds_all_the_words_is_offered(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Paquets\n\nInstaller un paquet Debian avec apt.", "utf-8")
    (docs / "b.txt").write_text("Cadeaux\n\nUn paquet rouge sous le sapin.", "utf-8")
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=tmp_path / "none") as ws:
        ws.import_paths([docs])
        ws.sync_index()
        results = ws.search("paquet debain")
        # Both documents have 'paquet', none has both words: 'debian' makes it better.
        assert results.total == 2
        assert results.suggestion == "paquet debian"
        assert ws.search("paquet debian").hits[0].path.endswith("a.txt")


def test_total_forgets_removed_documents(many: Workspace) -> None:
    before = many.search("alpha beta", limit=1).total
    gone = next(Path(r.path) for r in many.library.all() if r.path.endswith("doc05.txt"))
    gone.unlink()
    assert many.import_paths([gone.parent]).removed
    many.sync_index()
    assert many.search("alpha beta", limit=1).total == before - 1
