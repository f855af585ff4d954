"""Dates as Carnet stores them: a document's day ``YYYY-MM-DD``, a note's UTC timestamp.

The one place that says what a real date is, so the page reader, the text reader, the
notes and the import of notes cannot disagree.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

ISO_DAY = r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
"""A regex fragment: ``YYYY-MM-DD`` with named groups, for callers to anchor as they need."""


def calendar_day(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` when these make a real day (no 30 February), else None."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_DAY_AT_START = re.compile(rf"^\s*{ISO_DAY}")


def iso_day(value: str) -> str | None:
    """``YYYY-MM-DD`` from the start of an ISO date/datetime, None when not a real date."""
    match = _DAY_AT_START.match(value)
    if match is None:
        return None
    return calendar_day(int(match["year"]), int(match["month"]), int(match["day"]))


def parse_day(value: str) -> date | None:
    """The day a stored ``YYYY-MM-DD`` (or the start of an ISO datetime) names, else None."""
    day = iso_day(value)
    return None if day is None else date.fromisoformat(day)


def now_iso() -> str:
    """ISO 8601 UTC with microseconds: sorts as text, parses with ``parse_timestamp``."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_timestamp(value: str) -> datetime:
    """An ISO 8601 timestamp, UTC when it names no zone; ValueError when it is not one."""
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
