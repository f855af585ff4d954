"""Structure marks: repeats of the headline and of earlier paragraphs, Markdown headings."""

from __future__ import annotations

from app.core.documents.structure import (
    Block,
    blocks_from_json,
    blocks_to_json,
    mark_repeats,
    markdown_blocks,
)


def marked(text: str, title: str, blocks: tuple[Block, ...] = ()) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in mark_repeats(text, blocks, title)]


def test_the_headline_repeated_first_in_the_body_is_marked() -> None:
    text = "Partagez\n\nLe titre du jour\n\nUn chapeau.\n\nLe titre du jour\n\nLe corps."
    assert marked(text, "Le titre du jour") == [
        ("chrome", "Partagez"),
        ("title_repeat", "Le titre du jour"),
        ("duplicate", "Le titre du jour"),
    ]


def test_a_caption_printed_twice_is_a_duplicate_short_echoes_are_not() -> None:
    caption = "Sergueï Lavrov, ministre russe. (Photo par A. B./AFP)"
    text = f"Titre\n\n{caption}\n\n{caption}\n\nOui\n\nOui\n\nFin de l'article."
    assert marked(text, "Autre titre") == [("duplicate", caption)]


def test_repeated_table_rows_and_list_items_are_content() -> None:
    text = "un deux trois quatre\n\nun deux trois quatre"
    rows = (Block(0, 20, "table_row"), Block(22, 42, "table_row"))
    assert marked(text, "Titre", rows) == [("table_row", text[:20]), ("table_row", text[:20])]


def test_markdown_headings_keep_their_hashes_and_the_title_heading_is_a_repeat() -> None:
    text = "# Le titre\nIntro.\n\n## Partie 1\n\nTexte.\n"
    blocks = markdown_blocks(text)
    assert [(b.level, text[b.start : b.end]) for b in blocks] == [
        (1, "# Le titre"),
        (2, "## Partie 1"),
    ]
    assert marked(text, "Le titre", blocks) == [
        ("title_repeat", "# Le titre"),
        ("heading", "## Partie 1"),
    ]


def test_blocks_round_trip_through_json_and_damage_is_dropped() -> None:
    blocks = (Block(0, 4, "heading", 2), Block(6, 9, "duplicate"))
    assert blocks_from_json(blocks_to_json(blocks), 9) == blocks
    assert blocks_from_json(blocks_to_json(blocks), 5) == (Block(0, 4, "heading", 2),)
    assert blocks_from_json("{not json", 9) == ()


def test_a_sentence_repeated_far_apart_and_a_heading_after_a_contents_list_stay() -> None:
    heading = "1.1. Les bases du système de fichiers Unix et ses outils"
    sentence = "Essayez, par exemple, ce qui suit dans un terminal ouvert :"
    filler = "\n\n".join(f"Paragraphe numéro {n}." for n in range(8))
    text = f"Titre\n\n{heading}\n\n{sentence}\n\n{heading}\n\n{filler}\n\n{sentence}\n\nFin."
    start = text.index(heading, 10)
    blocks = (Block(start, start + len(heading), "heading", 2),)
    assert marked(text, "Autre titre", blocks) == [("heading", heading)]


def test_repeated_steps_of_a_plain_text_list_stay() -> None:
    step = "1. Choose packages listed on the command line and their dependencies"
    text = f"Titre\n\n* Installer :\n\n   {step}\n\n* Supprimer :\n\n   {step}\n\n{step}\n"
    assert marked(text, "Autre titre") == []


def test_share_buttons_are_chrome_but_prose_about_sharing_is_not() -> None:
    invite = "Vous aimer cet article ? Partagez-le avec un ami !"
    prose = "Il conclut : partagez-le avec vos proches, car chacun doit pouvoir lire ce texte."
    path = "la documentation dans /usr/share/doc/nom_paquet"
    text = f"Titre\n\nPartagez\n\nCorps.\n\n{path}\n\n{prose}\n\n{invite}"
    assert marked(text, "Autre titre") == [("chrome", "Partagez"), ("chrome", invite)]
