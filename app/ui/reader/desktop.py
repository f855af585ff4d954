"""What the reader takes from the desktop it runs on: the web browser for a clicked link,
and the colour scheme the "system" theme follows."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from app.ui.themes import THEMES, Theme


def open_link(url: QUrl) -> None:
    """Open a clicked link in the browser: http and https only, never files or others."""
    if url.scheme().lower() in ("http", "https") and url.host():
        QDesktopServices.openUrl(url)


def system_theme() -> Theme:
    """The theme "system" draws: dark with a dark desktop scheme, else light."""
    scheme = QGuiApplication.styleHints().colorScheme()
    return THEMES["dark" if scheme == Qt.ColorScheme.Dark else "light"]
