"""``install-desktop`` and ``uninstall-desktop``: Carnet in the application menu and in
the file manager's "Open with", for the current user (``app.desktop.entry``)."""

from __future__ import annotations

import argparse
from typing import Any

from app.core.i18n import tr, trn
from app.core.i18n.formats import number


def register(sub: Any) -> None:
    p = sub.add_parser(
        "install-desktop",
        help=tr("add Carnet to the application menu and to “Open with” (this user only)"),
        description=tr(
            "Writes the desktop entry and the icons under $XDG_DATA_HOME "
            "(default ~/.local/share); uninstall-desktop removes them."
        ),
    )
    p.set_defaults(handler=cmd_install)
    p = sub.add_parser(
        "uninstall-desktop",
        help=tr("remove what install-desktop wrote"),
    )
    p.set_defaults(handler=cmd_uninstall)


def cmd_install(args: argparse.Namespace) -> int:
    from app.desktop.entry import install  # noqa: PLC0415 - only this command needs it

    done = install()
    for path in done.files:
        print(tr("Written: {path}").format(path=path))
    print(
        trn("{n} file installed.", "{n} files installed.", len(done.files)).format(
            n=number(len(done.files))
        )
    )
    _report_refreshed(done.refreshed)
    return 0


def cmd_uninstall(args: argparse.Namespace) -> int:
    from app.desktop.entry import uninstall  # noqa: PLC0415 - only this command needs it

    done = uninstall()
    for path in done.files:
        print(tr("Removed: {path}").format(path=path))
    if not done.files:
        print(tr("Nothing to remove: Carnet's desktop entry is not installed."))
    else:
        print(
            trn("{n} file removed.", "{n} files removed.", len(done.files)).format(
                n=number(len(done.files))
            )
        )
    _report_refreshed(done.refreshed)
    return 0


def _report_refreshed(tools: list[str]) -> None:
    if tools:
        print(tr("Desktop caches refreshed: {tools}").format(tools=", ".join(tools)))
