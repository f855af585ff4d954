"""Carnet's words in the reader's language: one gettext catalog for the core, the command
line and the window.

One system for all three, because the core's error messages end up in the window's
dialogs and the command line's output: a Qt catalog for the window and a gettext one for
the rest would split one sentence across two tools and two checks. Qt's own dialogs and
buttons are translated by Qt's shipped ``qtbase_*.qm`` (see ``app.ui.language``).

Usage: ``tr("Open")``, ``trn("{n} document", "{n} documents", n).format(n=...)``;
``tr_noop("…")`` marks a string translated later (a table of labels built at import).
The language is chosen once at start (``set_language``); the window restarts to change it.
English is the source language: an English session reads the strings as written.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "carnet"
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ("en", "fr")
"""What Carnet speaks; English is the source."""

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def system_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The language the system asks for, as gettext reads it (``LANGUAGE``, ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``, first set wins), among those Carnet speaks; else English."""
    env = os.environ if environ is None else environ
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE is a list: fr:en
            code = part.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                return "en"
        return "en"
    return "en"


def set_language(code: str | None) -> str:
    """Speak ``code`` (``"fr"``, ``"en"``), or the system's language when None or unknown.

    Returns the language now spoken. A missing catalog falls back to English.
    """
    global _translation, _language  # noqa: PLW0603 - one language per process
    chosen = code if code in LANGUAGES else system_language()
    if chosen == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(
            DOMAIN, str(LOCALE_DIR), languages=[chosen], fallback=True
        )
    found = chosen == "en" or isinstance(_translation, gettext.GNUTranslations)
    _language = chosen if found else "en"
    return _language


def language() -> str:
    """The language being spoken: ``"en"`` or ``"fr"``."""
    return _language


def tr(message: str) -> str:
    """``message`` in the current language."""
    return _translation.gettext(message)


def trn(singular: str, plural: str, n: int) -> str:
    """The form of the message for ``n`` (French: 0 and 1 take the singular)."""
    return _translation.ngettext(singular, plural, n)


def tr_noop(message: str) -> str:
    """Marks ``message`` for the catalog without translating it now."""
    return message
