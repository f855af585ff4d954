"""Creating the QApplication and the main window."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.core.errors import CarnetError
from app.core.paths import DataPaths
from app.ui.main_window import MainWindow

ICON = Path(__file__).resolve().parents[2] / "resources" / "carnet.svg"


def make_application(qt_args: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(["carnet", *qt_args])
    app.setApplicationName("Carnet")
    app.setApplicationDisplayName("Carnet")
    app.setOrganizationName("Carnet")
    app.setDesktopFileName("carnet")
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    return app


def run(data_dir: str | None, qt_args: list[str]) -> int:
    app = make_application(qt_args)
    # Ctrl+C in the terminal closes the window properly (notes flushed) instead of dying.
    signal.signal(signal.SIGINT, lambda *_: app.closeAllWindows())
    try:
        window = MainWindow(DataPaths.from_override(data_dir))
    except CarnetError as exc:
        print(f"carnet: {exc}", file=sys.stderr)
        return 1
    window.show()
    return int(app.exec())
