"""derive_metadata: the bundled corpus exactly, and the general rules on made-up pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.documents.metadata import derive_metadata

CORPUS = Path(__file__).parents[3] / "corpus"

EXPECTED = [
    (
        "le-message-de-blinken-a-lavrov.txt",
        "Le message de Blinken à Lavrov",
        "Le blogue de Richard Hétu",
        None,
    ),
    (
        "premiere-rencontre-surprise-au-g20.txt",
        "Guerre russo-ukrainienne, première rencontre surprise au G20 entre Blinken et Lavrov "
        'mais Moscou se retient : "Pas de négociations"',
        None,
        None,
    ),
    (
        "blinken-et-lavrov-se-sont-telephone.txt",
        "Antony Blinken et Sergueï Lavrov se sont téléphoné pour régler la crise",
        "watson",
        "2022-02-01",
    ),
    (
        "la-diplomatie-n-est-pas-morte.txt",
        "\"La diplomatie n'est pas morte\" : au milieu d'une crise qui s'aggrave, Blinken se "
        "prépare à rencontrer son homologue russe",
        "CNSNews.com",
        None,
    ),
    (
        "la-russie-recoit-la-demande-des-etats-unis.txt",
        "La Russie reçoit la demande des États-Unis et envisage une date pour les entretiens "
        "Lavrov-Blinken",
        None,
        "2022-07-31",
    ),
]


@pytest.mark.parametrize(("name", "title", "source", "date"), EXPECTED)
def test_bundled_corpus(name: str, title: str, source: str | None, date: str | None) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    meta = derive_metadata(text, fallback_title=Path(name).stem)
    assert meta.title == title
    assert meta.source == source
    assert meta.date == date
    assert meta.words > 400
    assert meta.reading_minutes == max(1, round(meta.words / 230))


# -- title ----------------------------------------------------------------------------------


def test_labels_and_buttons_above_the_headline_are_skipped() -> None:
    text = "Menu\nPartagez\nTitre réel de l'article\n\nLe corps de l'article commence ici."
    assert derive_metadata(text).title == "Titre réel de l'article"


def test_captions_and_credits_are_not_titles() -> None:
    text = (
        "Monde\n"
        "FILE - President greets a minister before their meeting, Friday.\n"
        "Le ministre à Genève. (Photo par Jean Dupont/AFP)\n"
        "Une vue de la ville.Image: sda\n"
        "La vraie manchette de la page\n"
        "Texte."
    )
    assert derive_metadata(text).title == "La vraie manchette de la page"


def test_comment_count_line_gives_the_headline() -> None:
    text = (
        "Mon petit blogue politique\n"
        "Un slogan sans intérêt pour le titre\n"
        "Le billet du jour commence ainsi, avec une phrase assez longue.\n"
        "12 réflexions sur “Un titre de billet”\n"
        "En savoir plus sur Mon petit blogue politique\n"
    )
    meta = derive_metadata(text)
    assert meta.title == "Un titre de billet"
    assert meta.source == "Mon petit blogue politique"


def test_section_prefix_is_dropped_when_the_headline_is_repeated() -> None:
    text = "Économie : Les prix montent encore.\n\nLes prix montent encore.\n\nCorps."
    assert derive_metadata(text).title == "Les prix montent encore"


def test_colon_in_a_real_headline_is_kept() -> None:
    text = "Blinken à Lavrov : pas de négociations\n\nCorps de l'article, assez long."
    assert derive_metadata(text).title == "Blinken à Lavrov : pas de négociations"


def test_trailing_period_is_stripped_but_ellipsis_kept() -> None:
    assert derive_metadata("Un titre qui finit par un point.\nx").title == (
        "Un titre qui finit par un point"
    )
    assert derive_metadata("Un titre qui reste en suspens...\nx").title == (
        "Un titre qui reste en suspens..."
    )


def test_long_first_line_is_truncated_at_a_word_boundary() -> None:
    text = "mot " * 100
    title = derive_metadata(text).title
    assert len(title) <= 121
    assert title.endswith("mot…")


def test_fallback_title_when_no_line_fits() -> None:
    assert derive_metadata("Menu\nAccueil\n\n", fallback_title="mon-fichier").title == (
        "mon-fichier"
    )
    assert derive_metadata("", fallback_title="vide").title == "vide"


# -- source ---------------------------------------------------------------------------------


def test_domain_dateline_gives_the_source() -> None:
    text = "Un titre d'article ici\n\n(Exemple.fr) – Le gouvernement a annoncé mardi."
    assert derive_metadata(text).source == "Exemple.fr"


@pytest.mark.parametrize(
    ("line", "source"),
    [("Vidéo : TV5 Monde", "TV5 Monde"), ("Source : AFP", "AFP"), ("Video: watson", "watson")],
)
def test_credit_lines_give_the_source(line: str, source: str) -> None:
    text = f"Un titre d'article ici\n\nDu texte.\n{line}\nFin."
    assert derive_metadata(text).source == source


def test_credit_line_without_a_name_or_with_a_sentence_is_ignored() -> None:
    assert derive_metadata("Un titre d'article ici\nSource\n").source is None
    text = "Un titre d'article ici\nSource : le ministère a dit. Puis il est parti en voyage.\n"
    assert derive_metadata(text).source is None


def test_one_word_label_repeated_later_is_not_a_site() -> None:
    text = "International\nUn titre d'article ici\nPlus de «International»\n"
    meta = derive_metadata(text)
    assert meta.source is None
    assert meta.title == "Un titre d'article ici"


def test_short_first_line_repeated_inside_a_later_line_is_the_site() -> None:
    text = (
        "La Gazette du Plateau\nLe vrai titre de la nouvelle\nTexte.\n© La Gazette du Plateau 2024"
    )
    meta = derive_metadata(text)
    assert meta.source == "La Gazette du Plateau"
    assert meta.title == "Le vrai titre de la nouvelle"


def test_no_source_when_none_is_shown() -> None:
    assert derive_metadata("Un titre d'article ici\n\nDu texte sans signature.").source is None


# -- date -----------------------------------------------------------------------------------


def test_published_line_wins_over_earlier_dates() -> None:
    text = "Titre de la nouvelle\nLe 3 mars 2021 déjà.\n01/02/2020\nPublié le 31.7.2022\n"
    assert derive_metadata(text).date == "2022-07-31"


def test_updated_line_is_used_when_there_is_no_published_line() -> None:
    text = "Titre de la nouvelle\nle 3 mars 2021\nMis à jour le 5 avril 2022 à 10 h\n"
    assert derive_metadata(text).date == "2022-04-05"


def test_numeric_date_wins_over_written_date() -> None:
    text = "Titre de la nouvelle\nà Genève, le 21 janvier 2022.\n01.02.2022, 18:4102.02.2022\n"
    assert derive_metadata(text).date == "2022-02-01"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("21 janvier 2022", "2022-01-21"),
        ("1er mars 2023", "2023-03-01"),
        ("jeudi 23 Décembre 2021", "2021-12-23"),
        ("15 aout 2020", "2020-08-15"),
        ("07/03/2019", "2019-03-07"),
        ("2020-05-06", "2020-05-06"),
    ],
)
def test_date_formats(written: str, iso: str) -> None:
    assert derive_metadata(f"Titre de la nouvelle\nÉcrit le {written}.\n").date == iso


def test_impossible_dates_are_skipped() -> None:
    text = "Titre de la nouvelle\n31.02.2022 puis 30 février 2021 puis 2 mai 2020\n"
    assert derive_metadata(text).date == "2020-05-02"


def test_no_date() -> None:
    assert derive_metadata("Titre de la nouvelle\nle 24 février, en 2022, à 10:39").date is None


# -- length ---------------------------------------------------------------------------------


def test_words_and_reading_minutes() -> None:
    meta = derive_metadata("L’été d'après, 2024 !")
    assert meta.words == 5  # L, été, d, après, 2024: \w+ splits at apostrophes
    assert meta.reading_minutes == 1
    long = derive_metadata("mot " * 1000)
    assert long.words == 1000
    assert long.reading_minutes == 4


# -- real material: a book, a manual (excerpts of /usr/share/doc pages) -------------------

# The first lines of the Debian reference as plain text (debian-reference.fr.txt).
BOOK_HEAD = """Référence Debian

                             Osamu Aoki

Copyright © 2013-2021 Osamu Aoki

    Ce guide de référence Debian (version 2.100) (2023-02-04 11:59:01
    UTC) est destiné à procurer un large aperçu du système Debian en
    tant que guide de l’utilisateur d’un système installé.

Résumé

Ce livre est libre ; vous pouvez le redistribuer et le modifier.
"""
# Deep in its chapter 2, a date that is the subject of a sentence, not the book's date.
BOOK_BODY = (
    "\n\nChapitre 2. Gestion des paquets Debian\n\n"
    + "Les paquets se gèrent avec apt et ses outils.\n\n" * 20
    + "Depuis la publication de Lenny (le 24.03.2007), le dépôt a changé de forme.\n"
)


def test_a_book_whose_first_line_is_its_title() -> None:
    meta = derive_metadata(BOOK_HEAD + BOOK_BODY, fallback_title="book")
    assert meta.title == "Référence Debian"


def test_a_date_in_the_body_is_not_the_documents_date() -> None:
    assert derive_metadata(BOOK_HEAD + BOOK_BODY).date is None
    gimp = (
        "1. Historique\n\nGIMP 1.0 fut publié.\n\n"
        + "Un paragraphe du manuel.\n\n" * 20
        + "La version 1.0 sortit le 1998-06-05 après de longs mois.\n"
    )
    assert derive_metadata(gimp).date is None


def test_a_dateline_or_byline_near_the_top_is_the_date() -> None:
    byline = "Titre de la nouvelle\nPar Jeanne Martin, le 3 mars 2022 à 10 h\n\nLe corps."
    assert derive_metadata(byline).date == "2022-03-03"
    dateline = "Titre de la nouvelle\n\n12/05/2021\n\nLe corps du texte."
    assert derive_metadata(dateline).date == "2021-05-12"


def test_a_date_inside_a_sentence_near_the_top_is_not_the_date() -> None:
    text = "Titre de la nouvelle\n\nLe traité, signé à Genève le 3 mars 2021, a tenu un an.\n"
    assert derive_metadata(text).date is None


def test_a_published_line_far_down_is_not_read() -> None:
    text = "Titre de la nouvelle\n\n" + "Un paragraphe.\n\n" * 40 + "Publié le 3 mars 2021\n"
    assert derive_metadata(text).date is None


# Openings of real documents beyond the articles, as their text reaches the heuristics.
REAL_OPENINGS = [
    # GIMP 2.10 French help page, its text (HTML manual, numbered heading first).
    (
        "13.10.\u00a0Rendre raccordable\n\n13.10.1.\u00a0Généralités\n\n"
        "Figure\u00a017.312.\u00a0Un exemple de Rendre raccordable.\n\nOriginal\n\n"
        "Après application du filtre\n\nCe filtre modifie l’image pour la rendre raccordable.",
        "13.10.\u00a0Rendre raccordable",
    ),
    # Debian reference, chapter 2 as HTML text: a labelled chapter heading, then a note.
    (
        "Chapitre\u00a02.\u00a0Gestion des paquets Debian\n\nNote\n\n"
        "Ce chapitre a été écrit en supposant que le nom de code de la dernière version "
        "stable est Bullseye .",
        "Chapitre\u00a02.\u00a0Gestion des paquets Debian",
    ),
]


@pytest.mark.parametrize(("text", "title"), REAL_OPENINGS)
def test_titles_of_real_manual_openings(text: str, title: str) -> None:
    assert derive_metadata(text, "fallback", guess_site=False).title == " ".join(title.split())
