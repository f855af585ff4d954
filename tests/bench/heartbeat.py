"""The window benchmarks' stall meter: a 5 ms timer whose longest late tick is the stall.

On a shared, loaded machine a late tick may be the scheduler's doing (the process was not
running), not the GUI thread's: each gap's CPU time on the GUI thread is kept as well, and
``longest_busy_ms`` is the most CPU the GUI thread spent between two ticks — our own work.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QElapsedTimer, QTimer

HEARTBEAT_MS = 5


class Heartbeat:
    """Ticks every ``HEARTBEAT_MS`` on the event loop; a busy GUI thread makes a tick late."""

    def __init__(self) -> None:
        self._clock = QElapsedTimer()
        self._gaps: list[float] = []
        self._busy: list[float] = []
        self._last = 0.0
        self._last_cpu = 0.0
        self._timer = QTimer()
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = self._clock.nsecsElapsed() / 1e6
        cpu = time.thread_time() * 1000  # this (the GUI) thread's CPU time only
        self._gaps.append(now - self._last)
        self._busy.append(cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu

    def start(self) -> None:
        self._clock.start()
        self._last_cpu = time.thread_time() * 1000
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def seconds(self) -> float:
        """How long since ``start``."""
        return self._clock.nsecsElapsed() / 1e9

    def longest_stall_ms(self) -> float:
        """How late the latest tick came, past its 5 ms (the first, from start, not counted)."""
        return max(max(self._gaps[1:], default=0.0) - HEARTBEAT_MS, 0.0)

    def longest_busy_ms(self) -> float:
        """The most CPU time the GUI thread spent between two ticks (the first not counted)."""
        return max(self._busy[1:], default=0.0)

    def stalls_over(self, ms: float) -> int:
        """How many ticks came more than ``ms`` late."""
        return sum(1 for gap in self._gaps[1:] if gap - HEARTBEAT_MS > ms)
