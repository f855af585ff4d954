"""The whole window's colours (lists, panels, menus, dialogs) from the reading theme.

One theme table (``app.ui.themes``) colours both the page and the window around it, so
a dark theme never leaves light lists beside a dark page.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from app.ui.reader.render import palette_for
from app.ui.themes import Theme, mix

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def window_palette(theme: Theme) -> QPalette:
    """The page's palette (``palette_for``) with panels in the theme's panel colour."""
    shade = "#000000" if not theme.dark else "#ffffff"
    disabled = mix(theme.text, theme.background, 0.55)
    palette = palette_for(theme, QPalette())
    colors = {
        Role.Window: theme.panel,
        Role.AlternateBase: mix(theme.background, theme.panel, 0.7),
        Role.BrightText: theme.title,
        Role.LinkVisited: theme.link,
        Role.ToolTipBase: theme.panel,
        Role.ToolTipText: theme.text,
        # Bevels and frames of the style: lighter and darker steps of the panel.
        Role.Light: mix(theme.panel, "#ffffff", 0.6 if not theme.dark else 0.12),
        Role.Midlight: mix(theme.panel, "#ffffff", 0.3 if not theme.dark else 0.06),
        Role.Dark: mix(theme.border, shade, 0.25),
        Role.Shadow: mix(theme.border, "#000000", 0.6),
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(disabled))
    palette.setColor(Group.Inactive, Role.Highlight, QColor(mix(theme.selection, theme.panel, 0.3)))
    return palette
