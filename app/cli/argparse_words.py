"""argparse's own words (``usage:``, ``options``, its error messages) in the reader's language.

argparse looks its words up through the module-level ``_`` and ``ngettext`` it imported
from gettext, at the moment it uses them; pointing those at Carnet's catalog translates
them without a second catalog. The table below is only there so that the catalog tools
find the strings (``tr_noop``); the texts are argparse's own, ``%`` placeholders and all.
(Its one plural, "expected %s argument(s)", needs ``nargs=N``, which Carnet never uses.)
"""

from __future__ import annotations

import argparse

from app.core.i18n import tr, tr_noop, trn

ARGPARSE_WORDS = (
    tr_noop("usage: "),
    tr_noop("positional arguments"),
    tr_noop("options"),
    tr_noop("show this help message and exit"),
    tr_noop("%(prog)s: error: %(message)s\n"),
    tr_noop("argument %(argument_name)s: %(message)s"),
    tr_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    tr_noop("invalid %(type)s value: %(value)r"),
    tr_noop("the following arguments are required: %s"),
    tr_noop("unrecognized arguments: %s"),
    tr_noop("expected one argument"),
    tr_noop("expected at most one argument"),
    tr_noop("expected at least one argument"),
    tr_noop("ambiguous option: %(option)s could match %(matches)s"),
    tr_noop("not allowed with argument %s"),
    tr_noop("one of the arguments %s is required"),
    tr_noop("ignored explicit argument %r"),
    tr_noop("can't open '%(filename)s': %(error)s"),
)


def speak_argparse_in_our_language() -> None:
    """Make argparse read its words from Carnet's catalog (call before building parsers)."""
    argparse._ = tr  # type: ignore[attr-defined]
    argparse.ngettext = trn  # type: ignore[attr-defined]
