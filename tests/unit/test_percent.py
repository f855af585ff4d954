"""percent(): how much of a document is read, as each language writes a percentage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.i18n import set_language
from app.core.i18n.formats import percent


@pytest.fixture
def speaking() -> Iterator[None]:
    yield
    set_language("en")


def test_french_puts_a_narrow_no_break_space_before_the_sign(speaking: None) -> None:
    set_language("fr")
    assert percent(0.42) == "42\u202f%"
    assert percent(0.0) == "0\u202f%"
    assert percent(1.0) == "100\u202f%"


def test_english_writes_it_close(speaking: None) -> None:
    set_language("en")
    assert percent(0.42) == "42%"
    assert percent(1.0) == "100%"


def test_it_rounds_down_so_100_is_only_the_whole() -> None:
    assert percent(0.996) == "99%"
    assert percent(0.999999) == "99%"
    assert percent(1.0) == "100%"


def test_out_of_range_fractions_are_clamped() -> None:
    assert percent(-0.2) == "0%"
    assert percent(1.7) == "100%"
