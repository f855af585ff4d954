"""The translation catalog's tools: find the strings, check the French, compile it.

Usage::

    python -m app.core.i18n.catalog check      # CI: fails on anything untranslated
    python -m app.core.i18n.catalog update     # adds new strings (untranslated) to new.po
    python -m app.core.i18n.catalog compile    # writes LC_MESSAGES/carnet.mo

The French sources are the ``app/locale/fr/*.po`` files (one per area of the program, so
that work on one area does not touch another's file); ``compile`` merges them into the one
``carnet.mo`` gettext reads, which is committed. ``check`` fails when a string shown to the
user (``tr``, ``trn``, ``tr_noop`` in ``app/`` and ``main.py``) has no French, when a
translation is marked fuzzy, loses or invents a ``{placeholder}``, breaks French
typography, or when the committed ``carnet.mo`` differs from its sources.
"""

from __future__ import annotations

import argparse
import gettext
import io
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from app.core.i18n import DOMAIN, LOCALE_DIR

ROOT = LOCALE_DIR.parent.parent
KEYWORDS = {"tr": None, "trn": (1, 2), "tr_noop": None}
FRENCH = LOCALE_DIR / "fr"
COMPILED = FRENCH / "LC_MESSAGES" / f"{DOMAIN}.mo"
NEW_FILE = FRENCH / "new.po"

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# French typography: a (narrow) no-break space before : ; ? ! and inside « ».
_SPACE_BEFORE_PUNCT = re.compile(r" [:;?!]")
_STRAIGHT_QUOTE = re.compile(r'"')

MsgId = str | tuple[str, str]
_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
FRENCH_PLURALS = "nplurals=2; plural=(n > 1);"


@dataclass
class Found:
    """A string of the source, and where it is."""

    id: MsgId
    places: list[str] = field(default_factory=list)


def extract(root: Path = ROOT) -> dict[MsgId, Found]:
    """Every string the program shows, by msgid (a (singular, plural) pair for plurals)."""
    found: dict[MsgId, Found] = {}

    def add(path: str, lineno: int, message: str | tuple[str, ...]) -> None:
        key: MsgId = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, Found(key)).places.append(f"{path}:{lineno}")

    for path, lineno, message, _comments, _context in extract_from_dir(
        root / "app", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        add(f"app/{path}", lineno, message)
    for lineno, message, _comments, _context in extract_from_file(
        "python", root / "main.py", keywords=KEYWORDS
    ):
        add("main.py", lineno, message)
    return found


def load_sources(folder: Path = FRENCH) -> tuple[dict[MsgId, Message], list[str]]:
    """The French translations of every ``*.po`` in ``folder``; problems with duplicates."""
    messages: dict[MsgId, Message] = {}
    problems: list[str] = []
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale="fr")
        for message in catalog:
            if not message.id:
                continue  # the header
            key: MsgId = message.id if isinstance(message.id, str) else tuple(message.id[:2])  # type: ignore[assignment]
            if key in messages and messages[key].string != message.string:
                problems.append(f"{po.name}: {key!r} is translated differently in another file")
            messages[key] = message
    return messages, problems


def _forms(message: Message) -> list[str]:
    value = message.string
    if isinstance(value, str):
        return [value]
    return list(value or ())


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def problems(found: dict[MsgId, Found], messages: dict[MsgId, Message]) -> list[str]:
    """What stops the French catalog from being complete and right."""
    out: list[str] = []
    for key, where in sorted(found.items(), key=lambda kv: str(kv[0])):
        place = where.places[0]
        message = messages.get(key)
        if message is None:
            out.append(f"{place}: no French for {key!r}")
            continue
        forms = _forms(message)
        if not isinstance(key, str) and len(forms) != 2:
            out.append(f"{place}: {key!r} needs two French forms (1 and several)")
            continue
        if any(not f for f in forms):
            out.append(f"{place}: the French of {key!r} is empty")
            continue
        if message.fuzzy:
            out.append(f"{place}: the French of {key!r} is marked fuzzy (unfinished)")
        source = key if isinstance(key, str) else key[1]
        wanted = _placeholders(source)
        for form in forms:
            if _placeholders(form) != wanted:
                out.append(f"{place}: {form!r} does not keep the placeholders {sorted(wanted)}")
            if _SPACE_BEFORE_PUNCT.search(form):
                out.append(f"{place}: {form!r}: a no-break space goes before : ; ? ! in French")
            if _STRAIGHT_QUOTE.search(form):
                out.append(f'{place}: {form!r}: French quotes are « … », not "…"')
    return out


def unused(found: dict[MsgId, Found], messages: dict[MsgId, Message]) -> list[MsgId]:
    return sorted((k for k in messages if k not in found), key=str)


def _catalog(messages: dict[MsgId, Message]) -> Catalog:
    catalog = Catalog(locale="fr", domain=DOMAIN, project="Carnet", fuzzy=False)
    # Fixed header dates: the same sources always compile to the same bytes.
    catalog.creation_date = catalog.revision_date = _FIXED_DATE
    # gettext's rule for French (0 and 1 singular); Babel's CLDR rule has a third form
    # ("many", for millions) that translators and gettext tools do not expect.
    catalog.mime_headers = [("Plural-Forms", FRENCH_PLURALS)]
    for key, message in sorted(messages.items(), key=lambda kv: str(kv[0])):
        catalog.add(key, message.string, flags=[f for f in message.flags if f != "fuzzy"])
    return catalog


def compiled_bytes(messages: dict[MsgId, Message]) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, _catalog(messages), use_fuzzy=False)
    return buffer.getvalue()


def stale(messages: dict[MsgId, Message], compiled: Path = COMPILED) -> str | None:
    """Why the committed ``.mo`` does not say what the sources say, or None."""
    try:
        with compiled.open("rb") as handle:
            committed = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    except OSError:
        return f"{compiled} is missing: run python -m app.core.i18n.catalog compile"
    fresh = gettext.GNUTranslations(io.BytesIO(compiled_bytes(messages)))._catalog  # type: ignore[attr-defined]
    committed = {k: v for k, v in committed.items() if k != ""}
    fresh = {k: v for k, v in fresh.items() if k != ""}
    if committed != fresh:
        return (
            f"{compiled} differs from the .po sources: run python -m app.core.i18n.catalog compile"
        )
    return None


def compile_catalog(compiled: Path = COMPILED) -> int:
    messages, dupes = load_sources()
    compiled.parent.mkdir(parents=True, exist_ok=True)
    compiled.write_bytes(compiled_bytes(messages))
    for line in dupes:
        print(line, file=sys.stderr)
    return len(messages)


def update(into: Path = NEW_FILE) -> int:
    """Append the strings no ``.po`` has yet to ``into``, untranslated."""
    found = extract()
    messages, _ = load_sources()
    missing = [f for k, f in found.items() if k not in messages]
    if not missing:
        return 0
    if into.exists():
        with into.open("rb") as handle:
            catalog = read_po(handle, locale="fr")
    else:
        catalog = Catalog(locale="fr", domain=DOMAIN, project="Carnet")
    for f in missing:
        catalog.add(f.id, "" if isinstance(f.id, str) else ("", ""), locations=[])
        catalog[f.id].auto_comments = list(f.places[:3])
    with into.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)
    return len(missing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.core.i18n.catalog")
    parser.add_argument("command", choices=("check", "update", "compile"))
    args = parser.parse_args(argv)
    if args.command == "compile":
        print(f"{compile_catalog()} French strings written to {COMPILED.relative_to(ROOT)}")
        return 0
    if args.command == "update":
        print(f"{update()} new strings added to {NEW_FILE.relative_to(ROOT)}")
        return 0
    found = extract()
    messages, dupes = load_sources()
    bad = dupes + problems(found, messages)
    why = stale(messages)
    if why:
        bad.append(why)
    for line in bad:
        print(line)
    left = unused(found, messages)
    if left:
        print(f"({len(left)} translations no longer used, e.g. {left[0]!r})")
    print(f"{len(found)} strings, {len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
