"""The desktop entry: installed for the user under XDG_DATA_HOME, valid, and removed again."""

from __future__ import annotations

import configparser
import shlex
import shutil
import struct
import subprocess
from pathlib import Path

from app.core.documents.formats import SUPPORTED_SUFFIXES
from app.desktop import entry
from app.desktop.icons import SIZES, png_path


def _read(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(path.read_text("utf-8"))
    return parser["Desktop Entry"]


def test_the_entry_installs_validates_and_uninstalls(tmp_path: Path) -> None:
    home = tmp_path / "share with space"
    python = str(tmp_path / "my venv" / "bin" / "python")
    done = entry.install(home, python=python)
    desktop = home / "applications" / "carnet.desktop"
    assert desktop in done.files
    validator = shutil.which("desktop-file-validate")
    if validator:
        run = subprocess.run([validator, str(desktop)], check=False, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    section = _read(desktop)
    assert section["Type"] == "Application" and section["Name"] == "Carnet"
    assert section["GenericName[fr]"] == "Carnet de lecture"
    argv = shlex.split(section["Exec"])
    assert argv == [python, str(entry.MAIN), "%F"]
    assert Path(argv[1]).name == "main.py" and Path(argv[1]).exists()
    assert section["Icon"] == "carnet"
    mimes = set(section["MimeType"].strip(";").split(";"))
    assert {"text/plain", "text/markdown", "text/html", "application/pdf"} <= mimes
    assert "application/epub+zip" in mimes and ".epub" in SUPPORTED_SUFFIXES
    for size in SIZES:
        png = png_path(size, home / "icons")
        width, height = struct.unpack(">II", png.read_bytes()[16:24])  # the IHDR chunk
        assert (width, height) == (size, size)
    assert (home / "icons/hicolor/scalable/apps/carnet.svg").exists()

    gone = entry.uninstall(home)
    assert desktop in gone.files
    assert not desktop.exists()
    assert not list((home / "icons").rglob("carnet.*"))


def test_uninstall_leaves_an_entry_that_is_not_carnets(tmp_path: Path) -> None:
    apps = tmp_path / "applications"
    apps.mkdir()
    foreign = apps / "carnet.desktop"
    foreign.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n", "utf-8")
    assert foreign not in entry.uninstall(tmp_path).files
    assert foreign.exists()


def test_the_data_home_is_the_xdg_one_when_absolute(tmp_path: Path) -> None:
    assert entry.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert entry.data_home({"XDG_DATA_HOME": "relative/path"}) == Path.home() / ".local/share"
    assert entry.data_home({}) == Path.home() / ".local/share"


def test_the_committed_icons_are_there_at_every_size() -> None:
    for size in SIZES:
        width, height = struct.unpack(">II", png_path(size).read_bytes()[16:24])
        assert (width, height) == (size, size)
