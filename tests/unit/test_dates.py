"""The one definition of a real date: a document's day and a note's timestamp."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.core.dates import calendar_day, iso_day, now_iso, parse_day, parse_timestamp
from app.core.documents.metadata import derive_metadata


def test_a_day_is_read_from_the_start_of_an_iso_date_or_datetime() -> None:
    assert iso_day("2024-02-29T00:00Z") == "2024-02-29"
    assert iso_day(" 2022-07-31") == "2022-07-31"
    assert iso_day("pas une date") is None
    assert iso_day("le 2022-07-31") is None  # only at the start, as page metadata has it


@pytest.mark.parametrize("value", ["2022-02-30", "2023-02-29", "2022-13-01", "2022-00-10"])
def test_a_day_that_is_not_on_the_calendar_is_none(value: str) -> None:
    assert iso_day(value) is None
    assert parse_day(value) is None
    year, month, day = map(int, value.split("-"))
    assert calendar_day(year, month, day) is None


def test_the_reader_and_the_text_reader_agree_on_a_day() -> None:
    assert parse_day("2024-02-29") == date(2024, 2, 29)
    assert derive_metadata("Titre\n\nPublié le 2024-02-29 à Genève.\n").date == "2024-02-29"
    assert derive_metadata("Titre\n\nPublié le 2023-02-29 à Genève.\n").date is None


def test_a_timestamp_round_trips_and_sorts_as_text() -> None:
    first, second = now_iso(), now_iso()
    assert first <= second
    assert parse_timestamp(first) <= parse_timestamp(second)
    assert parse_timestamp(first).tzinfo is not None
    assert parse_timestamp("2024-01-01T10:00:00") == datetime(2024, 1, 1, 10, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_timestamp("hier")
