"""Help → About Carnet: the version that runs and the data directory it uses."""

from __future__ import annotations

import html
import importlib.metadata
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

import app


def carnet_version() -> str:
    """The installed package's version, else the source tree's (run from a checkout)."""
    try:
        return importlib.metadata.version("carnet")
    except importlib.metadata.PackageNotFoundError:
        return app.__version__


def show_about(parent: QWidget, data_dir: Path) -> None:
    QMessageBox.about(
        parent,
        "About Carnet",
        f"<b>Carnet</b><br>Version {html.escape(carnet_version())}<br><br>"
        "A reading notebook: read, search and annotate your documents."
        f"<br><br>Data: {html.escape(str(data_dir))}",
    )
