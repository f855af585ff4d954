"""Guess title, source and date of a scraped article from its text alone.

Text copied from news pages keeps the page's chrome around the article: section labels and
share buttons above the headline, photo captions, the site's name in a footer. The rules
below look for the signals such pages leave rather than trusting the first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.dates import ISO_DAY, calendar_day

WORDS_PER_MINUTE = 230
# Headlines in the wild stay under this; a longer first line is a paragraph to shorten.
MAX_HEADLINE_CHARS = 160
TRUNCATED_TITLE_CHARS = 120
# Only the top of a page holds the headline and the chrome above it.
HEAD_LINES = 15
# A date counts only near the top (a dateline, a byline, "Publié le"): one deeper down is
# something the text talks about.
DATE_HEAD_LINES = 30
# A dateline is the date and a few words ("Le", "jeudi", "Écrit le"); more is a sentence.
MAX_DATELINE_WORDS = 4
MAX_BYLINE_WORDS = 12
# A site name or credit is a few words at most; longer is a sentence.
MAX_NAME_WORDS = 8
MAX_CREDIT_WORDS = 5

_WORD_RE = re.compile(r"\w+")
_LETTER_WORD_RE = re.compile(r"[^\W\d_]+")

# WordPress comment header: "24 réflexions sur “Headline”" (closing quote often lost).
_COMMENTS_ON_RE = re.compile(
    r"^\d+\s+(?:réflexions?|commentaires?|réponses?|thoughts?|comments?|responses?)\s+"
    r"(?:sur|à propos de|au sujet de|on|to)\s+[“\"«]\s*(?P<title>.+?)\s*[”\"»]?\s*$",
    re.IGNORECASE,
)
# Photo captions and credits that pages put between the label and the headline.
_CAPTION_RE = re.compile(
    r"\((?:photo|image|crédit|credit)s?\b|^(?:photo|image|crédit|credit)s?\s*:|"
    r"\bimage\s*:|^file\s*[-–—]|getty images|©|^(?:ap|afp|reuters|keystone)\s*/",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"^(?:par|by)\s+\S", re.IGNORECASE)
_MORE_ABOUT_RE = re.compile(r"^en savoir plus sur\s+(?P<name>.+?)\s*[.:!]?$", re.IGNORECASE)
# "(CNSNews.com) – Text": a wire-style dateline naming the publishing domain.
_DOMAIN_DATELINE_RE = re.compile(r"^\(\s*(?P<name>(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})\s*\)\s*[-–—]")
_CREDIT_RE = re.compile(
    r"^(?:source|sources|vidéo|video|via)\s*:\s*(?P<name>.+?)\s*$", re.IGNORECASE
)

_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(_MONTHS)
_WRITTEN_DATE_RE = re.compile(
    rf"(?<!\w)(?P<day>1er|\d{{1,2}})\s+(?P<month>{_MONTH_ALT})\s+(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# d.m.yyyy, dd/mm/yyyy, d-m-yyyy; the lookbehind refuses "18:4102.02.2022" run-ons.
_NUMERIC_DATE_RE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
)
_ISO_DATE_RE = re.compile(rf"(?<!\d){ISO_DAY}(?!\d)")
_PUBLISHED_RES = (
    re.compile(r"\bpublié(?:e)?\s+le\b(?P<rest>.{0,60})", re.IGNORECASE),
    re.compile(r"\b(?:mis à jour|mise à jour|modifié)\s+le\b(?P<rest>.{0,60})", re.IGNORECASE),
)


@dataclass(frozen=True)
class Metadata:
    title: str
    source: str | None
    date: str | None  # ISO YYYY-MM-DD
    words: int
    reading_minutes: int


def _clean(line: str) -> str:
    # str.split() splits on exactly what \s matches (checked over every code point), 4x faster.
    return " ".join(line.split())


def _letter_words(line: str) -> int:
    return len(_LETTER_WORD_RE.findall(line))


def _strip_period(text: str) -> str:
    # One final period closes a sentence-style headline; "..." and "…" are kept on purpose.
    if text.endswith(".") and not text.endswith(".."):
        return text[:-1].rstrip()
    return text


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return f"{cut}…"


# -- site name ------------------------------------------------------------------------------


def _site_from_first_line(lines: list[str], headline: str | None) -> str | None:
    """A short first line that reappears inside a later line is the site's name.

    ("Le blogue de Richard Hétu" ... "En savoir plus sur Le blogue de Richard Hétu".) A
    repeated headline comes back as a line of its own, so only longer lines count.
    """
    if not lines:
        return None
    first = lines[0]
    words = _letter_words(first)
    if words <= 2 or words > MAX_NAME_WORDS or first[-1] in ".!?:" or first == headline:
        return None
    for later in lines[1:]:
        if first in later and later != first and _comments_on(later) is None:
            return first
    return None


def _comments_on(line: str) -> str | None:
    match = _COMMENTS_ON_RE.match(line)
    return _strip_period(match["title"]) if match else None


def _short_name(name: str, max_words: int) -> str | None:
    name = name.strip().strip('«»"“”').strip()
    if not name or _letter_words(name) > max_words or len(name) > 60:
        return None
    return name


def _derive_source(lines: list[str], headline: str | None, guess_site: bool) -> str | None:
    for line in lines:
        match = _MORE_ABOUT_RE.match(line)
        if match and (name := _short_name(match["name"], MAX_NAME_WORDS)):
            return name
    site = _site_from_first_line(lines, headline) if guess_site else None
    if site:
        return site
    for line in lines:
        match = _DOMAIN_DATELINE_RE.match(line)
        if match:
            return match["name"]
    for line in lines:
        match = _CREDIT_RE.match(line)
        name = _short_name(match["name"], MAX_CREDIT_WORDS) if match else None
        # A credit is a name, not the start of a sentence.
        if name and not re.search(r"[.!?]\s", name):
            return name
    return None


# -- title ----------------------------------------------------------------------------------


def _is_chrome(line: str, site: str | None, *, alone: bool = False) -> bool:
    """Lines a page puts above its headline: labels, buttons, captions, bylines, dates.

    ``alone``: the first line of the text, a paragraph of its own. Two words there are a
    title ("Référence Debian"), where a page's one-word label ("Partagez") is not.
    """
    if line == site:
        return True
    words = _letter_words(line)
    if words < 2 or (words == 2 and not alone):
        return True
    return bool(
        _CAPTION_RE.search(line)
        or (_BYLINE_RE.match(line) and _letter_words(line) <= 6)
        or any(regex.search(line) for regex in _PUBLISHED_RES)
    )


def _unlabel(candidate: str, later_lines: set[str]) -> str:
    """Turn "Section : Headline." into "Headline" when the page repeats the headline on its own."""
    _label, found, rest = candidate.partition(" : ")
    if found and _letter_words(rest) >= 3 and _strip_period(rest) in later_lines:
        return rest
    return candidate


def _first_line_alone(text: str) -> bool:
    """Whether the first non-blank line of ``text`` is followed by a blank line (or nothing)."""
    rest = text.lstrip().split("\n", 2)
    return len(rest) < 2 or not rest[1].strip()


def _derive_title(lines: list[str], fallback: str, first_alone: bool) -> str:
    for line in lines:
        title = _comments_on(line)
        if title:
            return title
    # The site check needs a headline to rule out; none is known yet at this point.
    site = _site_from_first_line(lines, None)
    for index, line in enumerate(lines[:HEAD_LINES]):
        if _is_chrome(line, site, alone=first_alone and index == 0):
            continue
        later = {_strip_period(other) for other in lines[index + 1 :]}
        title = _strip_period(_unlabel(line, later))
        if len(title) > MAX_HEADLINE_CHARS:
            title = _truncate(title, TRUNCATED_TITLE_CHARS)
        return title
    return fallback.strip()


# -- date -----------------------------------------------------------------------------------


def _valid(year: int, month: int, day: int) -> str | None:
    # Years outside this range are page numbers or references, not publication dates.
    if not 1800 <= year <= 2200:
        return None
    return calendar_day(year, month, day)


def _first_numeric(text: str) -> str | None:
    for match in _NUMERIC_DATE_RE.finditer(text):
        found = _valid(int(match["year"]), int(match["month"]), int(match["day"]))
        if found:
            return found
    for match in _ISO_DATE_RE.finditer(text):
        found = _valid(int(match["year"]), int(match["month"]), int(match["day"]))
        if found:
            return found
    return None


def _first_written(text: str) -> str | None:
    for match in _WRITTEN_DATE_RE.finditer(text):
        day = 1 if match["day"].lower() == "1er" else int(match["day"])
        month = _MONTHS[match["month"].lower()]
        found = _valid(int(match["year"]), month, day)
        if found:
            return found
    return None


def _without_dates(line: str) -> str:
    for regex in (_WRITTEN_DATE_RE, _NUMERIC_DATE_RE, _ISO_DATE_RE):
        line = regex.sub(" ", line)
    return line


def _is_dateline(line: str) -> bool:
    """A line that is a date with a few words around it, or a short byline with a date."""
    rest = _letter_words(_without_dates(line))
    if _BYLINE_RE.match(line):
        return rest <= MAX_BYLINE_WORDS
    return rest <= MAX_DATELINE_WORDS


def _derive_date(lines: list[str]) -> str | None:
    """The publication date shown near the top, never a date the text merely mentions."""
    head = lines[:DATE_HEAD_LINES]
    for regex in _PUBLISHED_RES:
        for line in head:
            for match in regex.finditer(line):
                rest = match["rest"]
                found = _first_numeric(rest) or _first_written(rest)
                if found:
                    return found
    datelines = "\n".join(line for line in head if _is_dateline(line))
    return _first_numeric(datelines) or _first_written(datelines)


# -- entry point ----------------------------------------------------------------------------


def count_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))


def derive_metadata(text: str, fallback_title: str = "", *, guess_site: bool = True) -> Metadata:
    """Title, source, date and length of ``text``; ``fallback_title`` when no line fits.

    ``guess_site=False`` for the text of a web page: its markup states the site when there
    is one, and a heading repeated in a manual page is not a site's name.
    """
    lines = [cleaned for raw in text.split("\n") if (cleaned := _clean(raw))]
    title = _derive_title(lines, fallback_title, _first_line_alone(text))
    words = count_words(text)
    return Metadata(
        title=title,
        source=_derive_source(lines, title, guess_site),
        date=_derive_date(lines),
        words=words,
        reading_minutes=reading_minutes(words),
    )
