"""What a search looks through: the scope names, their labels, and the one used by default.

The names are written to the settings file and passed to the search thread; this is the
one place they are spelled.
"""

from __future__ import annotations

from app.core.i18n import tr_noop

# Labels are shown through tr(): the language is chosen after this module is imported.
SCOPE_LABELS = {
    "all": tr_noop("Documents & notes"),
    "documents": tr_noop("Documents"),
    "notes": tr_noop("Notes"),
}
SCOPES = tuple(SCOPE_LABELS)
DEFAULT_SCOPE = "all"
DOCUMENT_SCOPES = frozenset({"all", "documents"})
"""The scopes whose search looks through the documents."""
NOTE_SCOPES = frozenset({"all", "notes"})
"""The scopes whose search looks through the notes."""


def known_scope(name: str) -> str:
    """``name`` if it is a scope, else the default (a settings file edited by hand)."""
    return name if name in SCOPE_LABELS else DEFAULT_SCOPE
