"""Starting the window: check that Qt can open one here, and say what to install if not.

Qt's xcb plugin aborts with "Could not load the Qt platform plugin" when a system library
is missing; we look first (``ldd`` on the plugin) and name the Debian/Ubuntu packages.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from app.core.i18n import tr

# sonames Qt's xcb plugin needs -> the Debian/Ubuntu package that ships them
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def _qt_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def missing_xcb_libraries() -> list[str]:
    """sonames the xcb platform plugin needs and cannot find (empty when unsure)."""
    qt = _qt_dir()
    ldd = shutil.which("ldd")
    if qt is None or ldd is None:
        return []
    candidates = [qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("lib/libQt6XcbQpa.so*")]
    missing: set[str] = set()
    for lib in candidates:
        if not lib.exists():
            continue
        try:
            out = subprocess.run(
                [ldd, str(lib)], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        missing.update(_NOT_FOUND.findall(out))
    return sorted(missing)


def display_problem(env: dict[str, str] | None = None) -> str | None:
    """Why a window cannot open here, with what to do; None when it should open."""
    env = dict(os.environ) if env is None else env
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, vnc…: Qt knows what it is doing
    if not platform and env.get("WAYLAND_DISPLAY"):
        return None
    if not env.get("DISPLAY"):
        return tr(
            "Carnet cannot open its window: there is no display (DISPLAY is not set).\n"
            "Run it in a desktop session, or under Xvfb: {xvfb_command}\n"
            "The command line works without a display: {help_command}"
        ).format(
            xvfb_command='xvfb-run -s "-screen 0 1400x900x24" python main.py',
            help_command="python main.py --help",
        )
    missing = missing_xcb_libraries()
    if not missing:
        return None
    packages = sorted({XCB_PACKAGES.get(name, name) for name in missing})
    return tr(
        "Carnet cannot open its window: Qt’s X11 (xcb) plugin needs system libraries "
        "that are missing: {libraries}.\n"
        "Install them with:\n    {apt_command}\n"
        "(on Fedora: {dnf_command})\n"
        "The command line works without them: {help_command}"
    ).format(
        libraries=", ".join(missing),
        apt_command=f"sudo apt-get install -y {' '.join(packages)}",
        dnf_command="sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms",
        help_command="python main.py --help",
    )


def launch_window(
    data_dir: str | None,
    qt_args: list[str],
    open_ids: Sequence[str] = (),
    import_paths: Sequence[str] = (),
) -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 3
    from app.ui.application import run  # noqa: PLC0415 - Qt is imported only here

    return run(data_dir, qt_args, open_ids, import_paths)
