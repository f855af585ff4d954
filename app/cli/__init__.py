"""Carnet's command line; with no command it opens the window. Never imports Qt itself."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import library_commands, notes_commands, window_commands
from app.core.errors import CarnetError
from app.core.paths import restrict_umask

COMMAND_MODULES = [library_commands, notes_commands, window_commands]
# What a shell reports for a tool stopped by SIGPIPE (`cat big | head`): 128 + 13
# (written out: the signal module has no SIGPIPE on Windows).
EXIT_BROKEN_PIPE = 141


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carnet",
        description="Carnet, a reading notebook: read, search and annotate your documents.",
        epilog="With no command, Carnet opens its window.",
    )
    parser.add_argument("--version", action="version", version=f"carnet {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the library, index and notes live (default: $CARNET_DATA_DIR, "
        "else the user data directory)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Before anything is created: the data dir holds private notes (see restrict_umask).
    restrict_umask()
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    import logging  # noqa: PLC0415 - here, after parsing: --help and errors skip it (~9 ms)

    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        from app.launch import launch_window  # noqa: PLC0415 - Qt is loaded only for the window

        return launch_window(args.data_dir, rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        code = int(args.handler(args))
        # Buffered output still pending would otherwise fail in the interpreter's final
        # flush, out of reach of the handler below ("Exception ignored ... BrokenPipeError").
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except CarnetError as exc:
        print(f"carnet: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("carnet: interrupted", file=sys.stderr)
        return 130


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
