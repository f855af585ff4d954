"""Carnet in French and English: the language chosen, plurals, dates, and the catalog check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import i18n
from app.core.i18n import catalog, set_language, system_language, tr, trn
from app.core.i18n.formats import long_date, number, reading_time, short_date


@pytest.fixture
def speaking() -> Iterator[None]:
    yield
    set_language("en")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_follows_the_system_as_gettext_reads_it(
    env: dict[str, str], expected: str
) -> None:
    assert system_language(env) == expected


def test_french_plurals_and_dates(speaking: None) -> None:
    assert set_language("fr") == "fr"
    assert i18n.language() == "fr"
    assert reading_time(1) == "1 min de lecture"
    assert reading_time(6) == "6 min de lecture"
    assert reading_time(0) == "moins d’une min de lecture"
    assert long_date("2022-02-01") == "1 février 2022"
    assert short_date("2022-02-01") == "1 févr. 2022"
    assert number(12345) == "12\u202f345"  # a narrow no-break space groups French digits
    assert long_date("2022-02-30") == ""  # not a day


def test_english_plurals_and_dates(speaking: None) -> None:
    assert set_language("en") == "en"
    assert reading_time(1) == "1 min read"
    assert reading_time(0) == "under 1 min read"
    assert long_date("2022-02-01") == "February 1, 2022"
    assert number(12345) == "12,345"
    # English is the source: a plural picks its form by n alone.
    assert trn("{n} thing", "{n} things", 1) == "{n} thing"
    assert trn("{n} thing", "{n} things", 0) == "{n} things"


def test_an_unknown_language_is_the_systems(
    speaking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    assert set_language(None) == "fr"
    assert set_language("xx") == "fr"
    assert tr("under 1 min read") == "moins d’une min de lecture"


def test_every_string_shown_has_its_french_and_the_compiled_catalog_is_current() -> None:
    messages, dupes = catalog.load_sources()
    assert dupes == []
    assert catalog.problems(catalog.extract(), messages) == []
    assert catalog.stale(messages) is None


def _po(folder: Path, body: str) -> None:
    header = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
    )
    (folder / "t.po").write_text(header + body, "utf-8")


def test_the_check_finds_what_is_missing_unfinished_or_badly_set(tmp_path: Path) -> None:
    _po(
        tmp_path,
        'msgid "Open"\nmsgstr "Ouvrir"\n\n'
        '#, fuzzy\nmsgid "Close"\nmsgstr "Fermer"\n\n'
        'msgid "{count} found"\nmsgstr "{nombre} trouvés"\n\n'
        'msgid "Where:"\nmsgstr "Où :"\n\n'
        'msgid "Say \\"hi\\""\nmsgstr "Dire \\"salut\\""\n\n'
        'msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} fichier"\nmsgstr[1] ""\n',
    )
    messages, _ = catalog.load_sources(tmp_path)
    found = {
        k: catalog.Found(k, ["x.py:1"])
        for k in ["Open", "Close", "{count} found", "Where:", 'Say "hi"', "Quit"]
    }
    found[("{n} file", "{n} files")] = catalog.Found(("{n} file", "{n} files"), ["x.py:2"])
    text = "\n".join(catalog.problems(found, messages))
    assert "no French for 'Quit'" in text
    assert "fuzzy" in text and "Close" in text
    assert "placeholders ['{count}']" in text
    assert "no-break space" in text
    assert "« … »" in text
    assert "'{n} file'" in text and "empty" in text
    assert "Open" not in text


def test_a_compiled_catalog_that_lags_its_sources_is_stale(tmp_path: Path) -> None:
    _po(tmp_path, 'msgid "Open"\nmsgstr "Ouvrir"\n')
    messages, _ = catalog.load_sources(tmp_path)
    mo = tmp_path / "carnet.mo"
    mo.write_bytes(catalog.compiled_bytes(messages))
    assert catalog.stale(messages, mo) is None
    _po(tmp_path, 'msgid "Open"\nmsgstr "Ouvrir…"\n')
    changed, _ = catalog.load_sources(tmp_path)
    assert catalog.stale(changed, mo) is not None
