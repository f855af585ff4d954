"""Dates, numbers and reading times in the form of the language being spoken.

Babel (BSD-3) carries the Unicode CLDR's month names, date patterns, digit grouping and
plural rules for every locale: "1 février 2022" and "12 345" in French, "February 1, 2022"
and "12,345" in English, without the system having the locale installed.
"""

from __future__ import annotations

from datetime import date

from app.core.dates import parse_day
from app.core.i18n import language, tr, trn

_LOCALES = {"en": "en", "fr": "fr"}


def _locale() -> str:
    return _LOCALES.get(language(), "en")


def long_date(value: str | date | None) -> str:
    """A day written out: ``1 février 2022``; "" when ``value`` is not a real day."""
    day = parse_day(value) if isinstance(value, str) else value
    if day is None:
        return ""
    from babel.dates import format_date  # noqa: PLC0415 - its locale data loads on first use

    return str(format_date(day, format="long", locale=_locale()))


def short_date(value: str | date | None) -> str:
    """A day in a list's width: ``1 févr. 2022``; "" when ``value`` is not a real day."""
    day = parse_day(value) if isinstance(value, str) else value
    if day is None:
        return ""
    from babel.dates import format_date  # noqa: PLC0415

    return str(format_date(day, format="medium", locale=_locale()))


def number(value: int) -> str:
    """``12 345`` in French, ``12,345`` in English."""
    if -1000 < value < 1000:
        # No grouping below a thousand in either language: the digits as they are, without
        # loading Babel and its locale data (~60 ms, a third of a command-line search).
        return str(value)
    from babel.numbers import format_decimal  # noqa: PLC0415

    return str(format_decimal(value, locale=_locale()))


def reading_time(minutes: int) -> str:
    """``6 min read`` / ``6 min de lecture``; under a minute says so."""
    if minutes < 1:
        return tr("under 1 min read")
    return trn("{n} min read", "{n} min read", minutes).format(n=number(minutes))


def percent(fraction: float) -> str:
    """``42 %`` in French (a narrow no-break space before %), ``42%`` in English.

    Rounded down, so ``100 %`` means all of it: 99.6 % read is not yet the end.
    """
    whole = max(0, min(100, int(fraction * 100)))
    # Through the catalog, not Babel: CLDR's French puts a wide no-break space there, and
    # a percentage is never large enough to need Babel's grouping (number() covers it).
    return tr("{n}%").format(n=number(whole))
