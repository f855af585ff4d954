"""Hook for the window's own measures (to be written by whoever owns the GUI benchmark).

The table already has their rows; they print "not measured" while this returns None.
"""

from __future__ import annotations

from pathlib import Path


def measure_window(size_dir: Path) -> dict[str, float] | None:
    """Window measures on the library in ``size_dir`` (see ``tests.bench.generate``).

    It will measure, in a fresh process with the Qt window (offscreen or on a display):

    - ``startup_ms``: time from process start to the main window shown and usable, with a
      10,000-document library already imported and indexed;
    - ``longest_stall_ms``: the longest stall of the GUI event loop (e.g. a 10 ms
      ``QTimer`` heartbeat, the largest gap between two ticks) while 2,000 documents are
      imported and indexed in the background.

    Returns None for now: nothing is measured yet.
    """
    return None
