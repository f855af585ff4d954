"""Carnet's command line; with no command it opens the window. Never imports Qt itself."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.cli import (
    collection_commands,
    desktop_commands,
    library_commands,
    notes_commands,
    window_commands,
)
from app.cli.argparse_words import speak_argparse_in_our_language
from app.core.errors import CarnetError
from app.core.i18n import set_language, tr
from app.core.paths import restrict_umask

COMMAND_MODULES = [
    library_commands,
    collection_commands,
    notes_commands,
    window_commands,
    desktop_commands,
]
# What a shell reports for a tool stopped by SIGPIPE (`cat big | head`): 128 + 13
# (written out: the signal module has no SIGPIPE on Windows).
EXIT_BROKEN_PIPE = 141


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carnet",
        description=tr("Carnet, a reading notebook: read, search and annotate your documents."),
        epilog=tr(
            "With no command, Carnet opens its window; given files, it opens them there "
            "(as 'open' does)."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"carnet {__version__}",
        help=tr("show the version and exit"),
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=tr(
            "where the library, index and notes live (default: $CARNET_DATA_DIR, "
            "else the user data directory)"
        ),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help=tr("log what happens"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Before anything is created: the data dir holds private notes (see restrict_umask).
    restrict_umask()
    # The system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), before any help text is
    # built; only gettext and a small .mo load here, so --help stays fast.
    set_language(None)
    speak_argparse_in_our_language()
    parser = build_parser()
    args, rest = parser.parse_known_args(with_open_for_files(parser, argv))
    import logging  # noqa: PLC0415 - here, after parsing: --help and errors skip it (~9 ms)

    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        from app.launch import launch_window  # noqa: PLC0415 - Qt is loaded only for the window

        return launch_window(args.data_dir, rest)
    if rest:
        parser.error(tr("unrecognized arguments: {arguments}").format(arguments=" ".join(rest)))
    try:
        code = int(args.handler(args))
        # Buffered output still pending would otherwise fail in the interpreter's final
        # flush, out of reach of the handler below ("Exception ignored ... BrokenPipeError").
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except CarnetError as exc:
        print(tr("carnet: {message}").format(message=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(tr("carnet: interrupted"), file=sys.stderr)
        return 130


def with_open_for_files(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> list[str]:
    """``carnet FILE...`` read as ``carnet open FILE...``: what the desktop entry runs
    (``Exec=... %F``) when a file is opened from the file manager.

    Only when the first word after the global options names something on disk and is not
    a command: ``carnet list`` stays the command even beside a file called ``list``, and
    an unknown word that is not a path still gets argparse's "invalid choice".
    """
    words = list(sys.argv[1:] if argv is None else argv)
    takes_value = {"--data-dir"}
    i = 0
    while i < len(words) and words[i].startswith("-") and words[i] != "--":
        i += 2 if words[i] in takes_value else 1
    if i >= len(words) or words[i] in _command_names(parser):
        return words
    if not (Path(words[i]).expanduser().exists() or Path(words[i]).is_symlink()):
        return words
    return [*words[:i], "open", *words[i:]]


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _reader_went_away() -> int:
    """The reader of our output closed it (``| head``): stop quietly, as Unix tools do.

    The exit code is the shell's for a tool killed by SIGPIPE, not 0: the output was not
    all delivered, and a script with ``set -o pipefail`` treats Carnet like ``cat`` or
    ``grep``. The command's ``with`` blocks have already closed the data directory; stdout
    now points at /dev/null so that the final flush at exit has nowhere to fail.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE
