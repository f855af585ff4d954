"""How the window writes a count: digits grouped as the language groups them."""

from __future__ import annotations

from app.core.i18n.formats import number as _number


def number(n: int) -> str:
    """``12345`` as "12,345" in English, "12 345" in French (one definition: the core's)."""
    return _number(n)


def plural(n: int, word: str) -> str:
    """The count and an English noun: "1 note", "2 notes", "1,234 documents".

    English only: a sentence a French reader sees uses ``trn`` with the whole phrase.
    """
    return f"{number(n)} {word}{'' if n == 1 else 's'}"
