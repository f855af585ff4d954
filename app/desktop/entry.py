"""Install Carnet's desktop entry and icons for the current user, and take them away again.

Under ``$XDG_DATA_HOME`` (``~/.local/share`` by default), as the freedesktop specifications
say: ``applications/carnet.desktop`` (the application menu, and "Open with" for the file
types Carnet reads) and ``icons/hicolor/*/apps/carnet.{png,svg}``. The entry starts this
checkout's ``main.py`` with the Python that runs this code, so a virtual environment keeps
working from the menu. Nothing is written outside those paths; uninstalling removes only
what installing wrote (the entry is recognised by its ``X-Carnet-Entry`` key).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from app.desktop.icons import RESOURCES, SIZES, SVG, png_path

DESKTOP_ID = "carnet"
MAIN = RESOURCES.parent / "main.py"
MIME_TYPES = (
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    "text/html",
    "application/xhtml+xml",
    "application/pdf",
    "application/epub+zip",
)
"""The types of ``app.core.documents.formats.SUPPORTED_SUFFIXES``, as the desktop names them."""


def data_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when unset or not absolute (the spec's rule)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def _quote(arg: str) -> str:
    """An Exec argument, quoted as the Desktop Entry spec says when it needs to be."""
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'


def entry_text(python: str | None = None, main: Path = MAIN) -> str:
    """The ``.desktop`` file: English with its French beside it (the desktop picks)."""
    exec_line = " ".join(_quote(a) for a in (python or sys.executable, str(main))) + " %F"
    # Exec's %-sequences: a literal % in a path must be doubled.
    exec_line = exec_line.replace("%", "%%").replace("%%F", "%F")
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",  # what desktop-file-validate in Debian 12 knows
            "Name=Carnet",
            "GenericName=Reading Notebook",
            "GenericName[fr]=Carnet de lecture",
            "Comment=Read, search and annotate your documents",
            "Comment[fr]=Lire, chercher et annoter vos documents",
            "Keywords=notes;highlights;reading;search;PDF;EPUB;",
            "Keywords[fr]=notes;surlignage;lecture;recherche;PDF;EPUB;",
            f"Exec={exec_line}",
            f"Icon={DESKTOP_ID}",
            "Terminal=false",
            "Categories=Office;Viewer;",
            f"MimeType={';'.join(MIME_TYPES)};",
            f"StartupWMClass={DESKTOP_ID}",
            "StartupNotify=true",
            "X-Carnet-Entry=true",
            "",
        ]
    )


@dataclass
class Installed:
    """What ``install``/``uninstall`` wrote or removed, for the user to see."""

    files: list[Path] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    """Desktop caches refreshed (those whose tools are installed)."""


def _targets(home: Path) -> list[tuple[Path, Path | None]]:
    """(installed path, source file) pairs; the entry's source is None (it is generated)."""
    icons = home / "icons" / "hicolor"
    pairs: list[tuple[Path, Path | None]] = [
        (home / "applications" / f"{DESKTOP_ID}.desktop", None),
        (icons / "scalable" / "apps" / f"{DESKTOP_ID}.svg", SVG),
    ]
    pairs += [(png_path(size, home / "icons"), png_path(size)) for size in SIZES]
    return pairs


def install(home: Path | None = None, python: str | None = None) -> Installed:
    """Write the entry and icons under ``home`` (the XDG data directory)."""
    home = home or data_home()
    done = Installed()
    for target, source in _targets(home):
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            tmp = target.with_suffix(".desktop.tmp")
            tmp.write_text(entry_text(python), "utf-8")
            tmp.replace(target)  # a menu never sees half an entry
        else:
            shutil.copyfile(source, target)
        done.files.append(target)
    done.refreshed = _refresh(home)
    return done


def uninstall(home: Path | None = None) -> Installed:
    """Remove what ``install`` wrote; an entry that is not Carnet's is left alone."""
    home = home or data_home()
    done = Installed()
    for target, _source in _targets(home):
        if not target.exists():
            continue
        if target.suffix == ".desktop" and "X-Carnet-Entry=true" not in target.read_text(
            "utf-8", errors="replace"
        ):
            continue
        target.unlink()
        done.files.append(target)
    done.refreshed = _refresh(home)
    return done


def _refresh(home: Path) -> list[str]:
    """Tell the desktop's caches, when their tools exist; their absence is not an error."""
    done = []
    for tool, flags, arg in (
        ("update-desktop-database", ["-q"], home / "applications"),
        # -t: a user's hicolor folder has no index.theme of its own.
        ("gtk-update-icon-cache", ["-q", "-t", "-f"], home / "icons" / "hicolor"),
    ):
        exe = shutil.which(tool)
        if exe is None or not arg.exists():
            continue
        try:
            subprocess.run([exe, *flags, str(arg)], check=False, timeout=20, capture_output=True)
            done.append(tool)
        except (OSError, subprocess.TimeoutExpired):
            continue
    return done
