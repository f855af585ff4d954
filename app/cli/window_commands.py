"""``open``: open the window on documents or files, handing over to a window already open."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.core.i18n import tr


def register(sub: Any) -> None:
    p = sub.add_parser(
        "open",
        help=tr("open the window on a document (by id) or import files and folders into it"),
        description=tr(
            "If Carnet is already open on this data directory, that window comes "
            "to the front and does it; no second window is started."
        ),
    )
    p.add_argument("items", nargs="*", metavar="DOC_ID|PATH")
    p.set_defaults(handler=cmd_open)


def split_items(items: list[str]) -> tuple[list[str], list[str]]:
    """(document ids, absolute paths): what exists on disk is a path, anything else an id."""
    ids: list[str] = []
    paths: list[str] = []
    for item in items:
        path = Path(item).expanduser()
        if path.exists() or path.is_symlink():
            # Absolute now: the window that imports it may run in another directory.
            paths.append(str(path.absolute()))
        else:
            ids.append(item)
    return ids, paths


def cmd_open(args: argparse.Namespace) -> int:
    from app.launch import launch_window  # noqa: PLC0415 - Qt is loaded only for the window

    ids, paths = split_items(args.items)
    return launch_window(args.data_dir, [], ids, paths)
