"""Carnet's command line; with no command it opens the window. Never imports Qt itself."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import library_commands, notes_commands, window_commands
from app.core.errors import CarnetError
from app.core.paths import restrict_umask

log = logging.getLogger(__name__)

COMMAND_MODULES = [library_commands, notes_commands, window_commands]


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
        return int(args.handler(args))
    except CarnetError as exc:
        print(f"carnet: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("carnet: interrupted", file=sys.stderr)
        return 130
