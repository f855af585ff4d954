"""File → Export Notes: ask where, then write every note as Markdown or as a JSON backup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow

from app.core.errors import CarnetError
from app.core.files import write_text_atomic
from app.core.i18n import tr, trn
from app.core.i18n.formats import number
from app.core.workspace import Workspace
from app.ui.errors import show_error

EXPORTED_MS = 8000


def export_notes(
    window: QMainWindow, workspace: Workspace, fmt: str, flush: Callable[[], object]
) -> None:
    """Ask for a file and export to it; ``fmt`` is "md" or "json".

    ``flush`` saves what is still being typed, so the export has it.
    """
    suffix = "md" if fmt == "md" else "json"
    path, _ = QFileDialog.getSaveFileName(
        window,
        tr("Export notes"),
        str(Path.home() / f"carnet-notes.{suffix}"),
        tr("Markdown (*.md)") if fmt == "md" else tr("JSON (*.json)"),
    )
    if not path:
        return
    flush()
    try:
        text, count = workspace.export_notes(fmt)
        write_text_atomic(Path(path), text)
    except CarnetError as exc:
        show_error(window, exc)
        return
    done = trn("{n} note exported to {path}", "{n} notes exported to {path}", count)
    window.statusBar().showMessage(done.format(n=number(count), path=path), EXPORTED_MS)
