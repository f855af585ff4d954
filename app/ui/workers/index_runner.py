"""Runs the indexing child process (``app.index_worker``) and turns its messages into signals.

The child's lines are decoded by ``app.core.index_messages``; the signals carry the typed
records (``IndexProgress`` fields, ``IndexReport``).
"""

from __future__ import annotations

import logging
import sys
from collections import deque

from PySide6.QtCore import QObject, QProcess, Signal

from app.core.index_messages import (
    IndexFailed,
    IndexProgress,
    IndexReport,
    MalformedMessage,
    decode,
)

log = logging.getLogger(__name__)


class IndexRunner(QObject):
    """One indexing job at a time; later jobs wait their turn (one writer per index)."""

    progress = Signal(object)  # IndexProgress
    finished = Signal(object)  # IndexReport: what the job did
    failed = Signal(str)  # a message for the user
    busyChanged = Signal(bool)

    def __init__(self, data_dir: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._queue: deque[list[str]] = deque()
        self._proc: QProcess | None = None
        self._buffer = b""
        self._reported = False

    def is_busy(self) -> bool:
        return self._proc is not None

    def start(
        self,
        *,
        bundled: bool = False,
        refresh: bool = False,
        rebuild: bool = False,
        paths: list[str] | None = None,
    ) -> None:
        args = ["--data-dir", self._data_dir]
        args += ["--rebuild"] if rebuild else []
        args += ["--bundled"] if bundled else []
        args += ["--refresh"] if refresh else []
        args += ["--", *paths] if paths else []
        self._queue.append(args)
        if self._proc is None:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self.busyChanged.emit(False)
            return
        args = self._queue.popleft()
        proc = QProcess(self)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        proc.readyReadStandardOutput.connect(self._read)
        proc.finished.connect(self._done)
        proc.errorOccurred.connect(self._error)
        self._proc, self._buffer, self._reported = proc, b"", False
        self.busyChanged.emit(True)
        proc.start(sys.executable, ["-m", "app.index_worker", *args])

    def _read(self) -> None:
        assert self._proc is not None
        self._buffer += bytes(self._proc.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip():
                self._handle(line)

    def _handle(self, line: bytes) -> None:
        try:
            message = decode(line)
        except MalformedMessage as exc:
            # Not ours (a library printing on stdout?): the job goes on; the log says what.
            log.warning("index worker sent a line that is not a message: %s", exc)
            return
        match message:
            case IndexProgress():
                self.progress.emit(message)
            case IndexReport():
                self._reported = True
                self.finished.emit(message)
            case IndexFailed(text):
                self._reported = True
                self.failed.emit(text)

    def _done(self, code: int, status: QProcess.ExitStatus) -> None:
        proc = self._proc
        if proc is not None:
            self._read()
            if not self._reported:
                err = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace")
                tail = err.strip().splitlines()[-1:] or [f"exit code {code}"]
                self.failed.emit(f"Indexing stopped unexpectedly ({tail[0]}).")
            proc.deleteLater()
        self._proc = None
        self._next()

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._proc is not None:
            self.failed.emit("Could not start the indexing process.")
            self._proc.deleteLater()
            self._proc = None
            self._next()

    def stop(self) -> None:
        """On quit: ask a running job to cancel (SIGTERM), and kill it only if it won't.

        Quitting must not wait for a long import; what it had done is kept and the
        library's journal makes the next start finish the rest.
        """
        self._queue.clear()
        proc = self._proc
        if proc is None:
            return
        proc.finished.disconnect(self._done)
        proc.terminate()
        if not proc.waitForFinished(5_000):
            proc.kill()
            proc.waitForFinished(1_000)
        self._proc = None
