"""Help → About Carnet: the version that runs, its licence and the data directory it uses."""

from __future__ import annotations

import html
import importlib.metadata
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

import app
from app.core.i18n import tr

LICENCE = "MIT"  # pyproject.toml's licence; a name, the same in every language


def carnet_version() -> str:
    """The installed package's version, else the source tree's (run from a checkout)."""
    try:
        return importlib.metadata.version("carnet")
    except importlib.metadata.PackageNotFoundError:
        return app.__version__


def about_text(data_dir: Path) -> str:
    """The About box's text: what Carnet is, its version, licence and data directory."""
    lines = [
        "<b>Carnet</b>",
        html.escape(tr("Version {version}").format(version=carnet_version())),
        "",
        html.escape(tr("A reading notebook: read, search and annotate your documents.")),
        "",
        html.escape(tr("Free software under the {licence} licence.").format(licence=LICENCE)),
        html.escape(tr("Your library, notes and index are in: {path}").format(path=data_dir)),
    ]
    return "<br>".join(lines)


def show_about(parent: QWidget, data_dir: Path) -> None:
    QMessageBox.about(parent, tr("About Carnet"), about_text(data_dir))
