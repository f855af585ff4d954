"""A long document's result shows where in it the words are: passages with page and offset."""

from __future__ import annotations

from pathlib import Path

from app.core.documents.toc import TocEntry
from app.core.search.analysis import query_terms
from app.core.search.passages import LONG_DOCUMENT_WORDS, position_marks, word_span
from app.core.search.result_passages import placed_passages
from app.core.workspace import Workspace

FILLER = (
    "Le chapitre décrit la configuration ordinaire du système et les réglages usuels "
    "que chacun applique sans y penser, avec des exemples simples et des remarques. "
)


def make_book(chapters: int, special: dict[int, str]) -> str:
    """A Markdown book of ordinary text, with ``special`` sentences in some chapters."""
    out = []
    for n in range(1, chapters + 1):
        body = FILLER * 12
        if n in special:
            body = FILLER * 6 + special[n] + " " + FILLER * 6
        out.append(f"# Chapitre {n}\n\n{body}\n")
    return "\n".join(out)


def import_text(ws: Workspace, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    report = ws.import_paths([path])
    ws.sync_index()
    return report.added[0].id


def test_a_book_result_shows_its_best_passages_with_sections(
    workspace: Workspace, tmp_path: Path
) -> None:
    book = make_book(
        60,
        {
            7: "Le pare-feu filtre un paquet.",
            23: "Le pare-feu filtre chaque paquet entrant et le pare-feu journalise.",
            41: "Un paquet suffit.",
        },
    )
    doc_id = import_text(workspace, tmp_path / "livre.md", book)
    assert workspace.library.get(doc_id).words >= LONG_DOCUMENT_WORDS

    hit = next(h for h in workspace.search("pare-feu paquet").hits if h.id == doc_id)
    data = hit.to_json()

    sections = [p["section"] for p in data["passages"]]
    assert sections[:2] == ["Chapitre 23", "Chapitre 7"]  # both words, more hits first
    assert "Chapitre 41" in sections
    assert [p["page"] for p in data["passages"]] == [None] * 3  # not a paged text
    text = workspace.library.text(doc_id)
    for passage in data["passages"]:
        word = text[passage["offset"] : passage["offset"] + 8].lower()
        assert word.startswith(("pare", "paquet")), word
        assert "<b>" in passage["snippet"]
    assert (data["section"], data["offset"]) == (sections[0], data["passages"][0]["offset"])
    assert data["snippet"] == data["passages"][0]["snippet"]


def test_a_short_document_keeps_its_one_snippet(workspace: Workspace) -> None:
    data = workspace.search("blinken").hits[0].to_json()
    assert set(data) >= {"kind", "id", "title", "path", "source", "date", "score", "snippet"}
    assert len(data["passages"]) == 1
    assert data["passages"][0]["snippet"] == data["snippet"]
    assert data["page"] is None and data["section"] is None
    text = workspace.library.text(data["id"])
    assert text[data["offset"] :].lower().startswith("blinken")


def test_marks_map_every_indexed_position_back_to_its_word() -> None:
    # Stop words take no position; a word's variants share one: the mapping must agree.
    content = "Titre\n\n" + " ".join(f"le mot{n} et la {n} d’une l’Ukraine" for n in range(900))
    marks = position_marks(content)
    assert len(marks) > 3
    # "Titre" is the first kept word: token 0.
    for pos, expected in enumerate(("Titre", "mot0", "0", "Ukraine", "mot1")):
        span = word_span(content, marks, pos)
        assert span is not None
        assert content[span[0] : span[1]] == expected
    far = word_span(content, marks, 1 + 3 * 850)  # after the title, three words a round
    assert far is not None and content[far[0] : far[1]] == "mot850"


def test_a_passage_of_a_paged_text_names_its_page_and_section() -> None:
    pages = [FILLER * 3, FILLER + "Le routeur filtre. " + FILLER, FILLER * 2 + "Un routeur."]
    text = "\f".join(pages)
    first = text.index("routeur")
    second = text.index("routeur", first + 1)
    toc = (TocEntry("Réseau", 1, 0), TocEntry("Filtrage", 2, text.index("\f") + 1))
    spans = [(second, second + 7), (first, first + 7)]

    passages = placed_passages(text, spans, query_terms("routeur"), toc)

    assert [(p.page, p.section, p.offset) for p in passages] == [
        (3, "Filtrage", second),
        (2, "Filtrage", first),
    ]
    assert [p.place for p in passages] == ["p. 3", "p. 2"]
    assert all("<b>routeur</b>" in p.snippet for p in passages)
    assert passages[0].snippet.startswith("…") and not passages[0].snippet.endswith("…")
