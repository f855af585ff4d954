"""The window benchmarks' stall meter: a 5 ms timer whose longest late tick is the stall."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer

HEARTBEAT_MS = 5


class Heartbeat:
    """Ticks every ``HEARTBEAT_MS`` on the event loop; a busy GUI thread makes a tick late."""

    def __init__(self) -> None:
        self._clock = QElapsedTimer()
        self._gaps: list[float] = []
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = self._clock.nsecsElapsed() / 1e6
        self._gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def seconds(self) -> float:
        """How long since ``start``."""
        return self._clock.nsecsElapsed() / 1e9

    def longest_stall_ms(self) -> float:
        """How late the latest tick came, past its 5 ms (the first, from start, not counted)."""
        return max(max(self._gaps[1:], default=0.0) - HEARTBEAT_MS, 0.0)
