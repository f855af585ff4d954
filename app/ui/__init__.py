"""Carnet's window: thin Qt models, widgets and workers over app.core."""

from app.ui.pyside_fixes import make_bools_immortal

# Before any Qt signal is emitted from Python (see pyside_fixes).
make_bools_immortal()
