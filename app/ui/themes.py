"""Reading themes: colours for the page, the header and every kind of mark.

Pure data and colour arithmetic (no Qt) so contrast can be checked in tests: every mark
colour must keep the theme's text readable on it (WCAG AA, 4.5:1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.i18n import tr_noop
from app.ui.notes.colours import DEFAULT_NOTE_COLOUR
from app.ui.notes.colours import NOTE_COLOURS as _NOTE_COLORS

THEME_NAMES = ("light", "sepia", "dark")
SYSTEM = "system"  # light or dark, as the desktop's colour scheme says
THEME_CHOICES = (SYSTEM, *THEME_NAMES)  # the View → Theme menu and the settings
# The View → Theme menu's words, shown through tr() (the language is chosen after import).
THEME_LABELS = {
    SYSTEM: tr_noop("Follow &System"),
    "light": tr_noop("&Light"),
    "sepia": tr_noop("S&epia"),
    "dark": tr_noop("&Dark"),
}
MIN_CONTRAST = 4.5
# The red of warnings (a note not saved, a passage lost): dark on light pages and panels,
# light on dark ones, so it keeps MIN_CONTRAST in every theme (a test checks).
WARNING_ON_LIGHT = "#b3261e"
WARNING_ON_DARK = "#ff8a80"
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    background: str
    text: str
    title: str
    muted: str  # the source/date line, the empty state
    link: str
    selection: str
    panel: str  # the find bar
    border: str
    accent: str  # underline of the current note
    hit: str  # search hits from the index
    hit_current: str
    find: str  # find-in-document matches
    find_current: str
    # Base colours of note highlights by name; softened against the background when drawn.
    note_colors: dict[str, str] = field(default_factory=dict)
    note_default: str = DEFAULT_NOTE_COLOUR


THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        dark=False,
        background="#fcfcfa",
        text="#1f1f1f",
        title="#111111",
        muted="#5f5f5f",
        link="#1a5fb4",
        selection="#b4d5fe",
        panel="#f0f0ec",
        border="#d4d4ce",
        accent="#b8860b",
        hit="#ffd8a8",
        hit_current="#ff922b",
        find="#c5ebf3",
        find_current="#3bc9db",
        note_colors=_NOTE_COLORS,
    ),
    "sepia": Theme(
        name="sepia",
        dark=False,
        background="#f5ecd9",
        text="#3a2e22",
        title="#2a2016",
        muted="#6e5e4a",
        link="#7d3c0f",
        selection="#dcc59c",
        panel="#ebe0c8",
        border="#cdbd9c",
        accent="#8a5a12",
        hit="#f2c48d",
        hit_current="#e8903f",
        find="#c9dcc3",
        find_current="#86b97c",
        note_colors=_NOTE_COLORS,
    ),
    "dark": Theme(
        name="dark",
        dark=True,
        background="#1d1e20",
        text="#e3e0d9",
        title="#f4f1ea",
        muted="#a19d95",
        link="#8ab4f8",
        selection="#2f4f7a",
        panel="#26282b",
        border="#3a3d41",
        accent="#e0b84f",
        hit="#5c3a14",
        hit_current="#8a4a10",
        find="#1d4652",
        find_current="#1b6574",
        note_colors=_NOTE_COLORS,
    ),
}


def warning_text(dark: bool) -> str:
    """The warning red for text on a dark (``dark``) or light background."""
    return WARNING_ON_DARK if dark else WARNING_ON_LIGHT


def parse_hex(color: str) -> tuple[int, int, int]:
    m = _HEX.match(color)
    if not m:
        raise ValueError(f"not a #rgb or #rrggbb colour: {color!r}")
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def mix(a: str, b: str, t: float) -> str:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    ra, rb = parse_hex(a), parse_hex(b)
    return to_hex(x + (y - x) * t for x, y in zip(ra, rb, strict=True))


def luminance(color: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parse_hex(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mark_color(theme: Theme, base: str, strength: float) -> str:
    """``base`` blended into the page by ``strength``, backed off until text stays readable.

    A note's colour is the user's (any hex); blending keeps it soft on a light page and
    dark enough under light text on a dark one.
    """
    t = strength
    color = mix(theme.background, base, t)
    while t > 0 and contrast(color, theme.text) < MIN_CONTRAST:
        t = round(t - 0.05, 2)
        color = mix(theme.background, base, max(t, 0))
    return color


def note_base_color(theme: Theme, color: str | None) -> str | None:
    """The hex base of a note colour name or hex; None when unknown (caller resolves it)."""
    if not color:
        return theme.note_colors[theme.note_default]
    if color.lower() in theme.note_colors:
        return theme.note_colors[color.lower()]
    return color if _HEX.match(color) else None


def note_strengths(theme: Theme) -> tuple[float, float]:
    """Blend strengths of a note highlight: (normal, current)."""
    return (0.28, 0.7) if theme.dark else (0.5, 0.9)
