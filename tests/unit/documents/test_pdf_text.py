"""The rules that turn a PDF's printed lines into reading text, on plain strings."""

from __future__ import annotations

import pytest

from app.core.documents.pdf_text import keeps_hyphen, reading_pages

BODY = [
    "Le ministre des Affaires étrangères a rencontré son homologue à Genève",
    "pour relancer les discussions sur le contrôle des armements nucléaires.",
]


CITIES = ["Genève", "Vienne", "Helsinki", "Oslo", "Istanbul"]


def _body(city: str) -> list[str]:
    """Two full lines that differ from page to page, as body text does."""
    return [BODY[0].replace("Genève", city), BODY[1].replace("nucléaires", f"à {city}")]


def _page(number: int, *lines: str) -> str:
    """A printed page: running header, body lines, page number; PDFium's CRLF lines."""
    return "\r\n".join(["Revue de presse — printemps 2024", *lines, str(number)])


def test_running_header_and_page_numbers_leave_the_text_but_pages_stay() -> None:
    pages = reading_pages([_page(n, *_body(CITIES[n])) for n in range(4)])
    assert len(pages) == 4
    assert all("Revue de presse" not in page for page in pages)
    assert pages[0] == " ".join(_body(CITIES[0]))  # the page number is gone too


def test_a_line_seen_on_few_pages_is_text_not_a_header() -> None:
    first = _page(1, "Revue de presse", *BODY)
    pages = reading_pages([first, *(_page(n, *_body(CITIES[n])) for n in (2, 3))])
    assert pages[0].startswith("Revue de presse\n\n")


def test_numbered_header_changes_number_but_is_still_a_header() -> None:
    raw = [f"Rapport annuel {n} / 12\r\n" + "\r\n".join(_body(CITIES[n])) for n in range(5)]
    assert reading_pages(raw) == [" ".join(_body(city)) for city in CITIES]


def test_pdfium_line_end_hyphen_joins_a_cut_word() -> None:
    raw = ["Les négo\x02ciations reprendront jeudi à Genève sous l’égide de l’ONU."]
    assert reading_pages(raw) == [
        "Les négociations reprendront jeudi à Genève sous l’égide de l’ONU."
    ]


def test_plain_line_end_hyphen_joins_a_cut_word() -> None:
    raw = ["Les négo-\r\nciations reprendront jeudi à Genève sous l’égide de l’ONU et de"]
    assert reading_pages(raw)[0].startswith("Les négociations reprendront")


@pytest.mark.parametrize(
    ("before", "after", "kept"),
    [
        ("les négo", "ciations", False),  # an ordinary cut
        ("le porte", "parole", True),  # a compound head
        ("l’exemple ci", "dessus", True),
        ("Jean", "Pierre", True),  # a capital after the hyphen
        ("les porte", "avions", True),
        ("en 2023", "2024", True),  # not a word: nothing to mend
    ],
)
def test_keeps_hyphen_without_evidence(before: str, after: str, kept: bool) -> None:
    assert keeps_hyphen(before, after, set(), set()) is kept


def test_the_document_own_spelling_decides_first() -> None:
    # "contre-exemple" written whole elsewhere; "contrepartie" written joined elsewhere.
    assert keeps_hyphen("un contre", "exemple", set(), {"contre-exemple"}) is True
    assert keeps_hyphen("en contre", "partie", {"contrepartie"}, set()) is False
    assert keeps_hyphen("la sous", "traitance", set(), {"sous-traitance"}) is True


def test_porte_parole_written_whole_elsewhere_survives_a_line_end() -> None:
    raw = ["Le porte-parole a parlé. Plus tard, le porte\x02parole a précisé sa pensée."]
    assert "le porte-parole a précisé" in reading_pages(raw)[0]


def test_ligatures_become_letters_and_nothing_else_is_folded() -> None:
    (page,) = reading_pages(["Une déﬁnition efﬁcace et ﬂuide, au m² près : ½ litre."])
    assert page == "Une définition efficace et fluide, au m² près : ½ litre."


def test_lines_become_paragraphs_and_short_lines_end_them() -> None:
    raw = "\r\n".join(
        [
            *BODY,
            "Fin du premier.",
            "Le second paragraphe commence ici, sur une ligne aussi longue que les autres",
            "long.",
        ]
    )
    assert reading_pages([raw]) == [
        f"{BODY[0]} {BODY[1]} Fin du premier.\n\n"
        "Le second paragraphe commence ici, sur une ligne aussi longue que les autres long."
    ]


def test_a_heading_after_a_full_sentence_stands_alone() -> None:
    raw = "\r\n".join(
        [
            BODY[0],
            "pour relancer les discussions, et tous les participants sont d’accord.",
            "2.7.8 Chargement des paquets",
            BODY[0],
            BODY[1],
        ]
    )
    paragraphs = reading_pages([raw])[0].split("\n\n")
    assert paragraphs[1] == "2.7.8 Chargement des paquets"


def test_empty_pages_stay_empty_so_numbering_holds() -> None:
    pages = reading_pages(["\r\n".join(BODY), "", "  \r\n", "\r\n".join(BODY)])
    assert pages[1:3] == ["", ""] and pages[3] == " ".join(BODY)


def test_table_of_contents_keeps_one_entry_a_line() -> None:
    entries = [
        "1.1 Bases pour la console . . . . . . . . . . . . . . . . . . . . . . . . . . 1",
        "1.1.1 L’invite de l’interpréteur de commandes . . . . . . . . . . . . . . . . 1",
        "1.1.2 Compte de l’administrateur (root) . . . . . . . . . . . . . . . . . . . . 2",
    ]
    assert reading_pages(["\r\n".join(entries)]) == ["\n\n".join(entries)]
