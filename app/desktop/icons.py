"""The PNG icon set, rendered from ``resources/carnet.svg`` for desktops that want bitmaps.

Run ``python -m app.desktop.icons`` after changing the SVG; the PNGs are committed (a
test checks each is there at its size), so installing needs no renderer.
"""

from __future__ import annotations

import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SVG = RESOURCES / "carnet.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def png_path(size: int, root: Path = RESOURCES / "icons") -> Path:
    """Where the ``size`` pixels icon lives, in the freedesktop hicolor theme's layout."""
    return root / "hicolor" / f"{size}x{size}" / "apps" / "carnet.png"


def render() -> list[Path]:
    """Render every size from the SVG (needs Qt, and a QGuiApplication)."""
    from PySide6.QtCore import Qt  # noqa: PLC0415 - only this tool needs Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: PLC0415
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for p in render():
        print(p.relative_to(RESOURCES.parent))
