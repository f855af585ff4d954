"""How the window writes a count: thousands apart by a narrow space, the noun agreeing."""

from __future__ import annotations


def number(n: int) -> str:
    """``12345`` as "12 345" (a narrow no-break space, read alike in French and English)."""
    return f"{n:,}".replace(",", "\u202f")


def plural(n: int, word: str) -> str:
    """The count and its noun: "1 note", "2 notes", "1 234 documents"."""
    return f"{number(n)} {word}{'' if n == 1 else 's'}"
