"""The one table of note highlight colours, shared by the page and the note cards.

Plain data (no Qt) so the reading themes can import it too. A note stores a colour name
from here, ``None`` (the default colour) or any other CSS name or ``#rgb`` it was given.
"""

from __future__ import annotations

from app.core.i18n import tr_noop

NOTE_COLOURS: dict[str, str] = {
    "yellow": "#ffd43b",
    "green": "#69db7c",
    "blue": "#74c0fc",
    "pink": "#f783ac",
    "red": "#ff6b6b",
    "orange": "#ffa94d",
    "purple": "#b197fc",
    "gray": "#adb5bd",
    "grey": "#adb5bd",
}
DEFAULT_NOTE_COLOUR = "yellow"
"""What a highlight without a colour of its own is drawn in, on the page and on its card."""

SWATCHES: tuple[str, ...] = ("yellow", "green", "blue", "pink")
"""The colours the note editor offers (besides the default)."""

SWATCH_NAMES: dict[str | None, str] = {
    None: tr_noop("none"),
    "yellow": tr_noop("yellow"),
    "green": tr_noop("green"),
    "blue": tr_noop("blue"),
    "pink": tr_noop("pink"),
}
"""What the editor's swatches are called to the reader (``tr`` them where shown); the
stored names above are data and stay English."""
