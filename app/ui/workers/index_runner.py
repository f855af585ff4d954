"""Runs the indexing child process (``app.index_worker``) and turns its messages into signals.

The child's lines are decoded by ``app.core.index_messages``; the signals carry the typed
records (``IndexProgress`` fields, ``IndexReport``).
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from app.core.i18n import language, tr
from app.core.index_jobs import IndexJob, encode_job
from app.core.index_messages import (
    IndexFailed,
    IndexProgress,
    IndexReport,
    MalformedMessage,
    decode,
)

log = logging.getLogger(__name__)


class IndexRunner(QObject):
    """One indexing job at a time; later jobs wait their turn (one writer per index).

    A job is a one-shot child process, except a watched folder's change: that goes to a
    child kept waiting for jobs (``--serve``, started by ``warm_up``), which spares the
    second Python takes to start and import. Both are never at work at once.
    """

    progress = Signal(object)  # IndexProgress
    finished = Signal(object)  # IndexReport: what the job did
    failed = Signal(str)  # a message for the user
    busyChanged = Signal(bool)

    def __init__(self, data_dir: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._queue: deque[IndexJob] = deque()
        self._proc: QProcess | None = None  # the process running the current job
        self._server: QProcess | None = None  # the child waiting for watched-folder jobs
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
        watched: list[str] | None = None,
    ) -> None:
        job = IndexJob(bundled, refresh, rebuild, tuple(paths or ()), tuple(watched or ()))
        last = self._queue[-1] if self._queue else None
        if last is not None and _watched_only(job) and _watched_only(last):
            # Changes seen while a job runs wait as one job, however many saves they were.
            folders = tuple(sorted({*last.watched, *job.watched}))
            self._queue[-1] = IndexJob(watched=folders)
        else:
            self._queue.append(job)
        if self._proc is None:
            self._next()

    def warm_up(self) -> None:
        """Start the waiting child now, so the first watched change finds it ready."""
        if self._server is None:
            server = self._child(self._server_gone, self._server_error)
            self._server = server
            server.start(
                sys.executable, ["-m", "app.index_worker", "--data-dir", self._data_dir, "--serve"]
            )

    def _next(self) -> None:
        if not self._queue:
            self.busyChanged.emit(False)
            return
        job = self._queue.popleft()
        self._buffer, self._reported = b"", False
        self.busyChanged.emit(True)
        if _watched_only(job):
            self.warm_up()
            assert self._server is not None
            self._proc = self._server
            self._server.write(encode_job(job).encode("utf-8"))
            return
        proc = self._child(self._done, self._error)
        self._proc = proc
        proc.start(sys.executable, ["-m", "app.index_worker", *_arguments(self._data_dir, job)])

    def _child(self, finished: Callable[..., None], error: Callable[..., None]) -> QProcess:
        """An indexing process, not started: its lines go to ``_read``."""
        proc = QProcess(self)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        proc.setProcessEnvironment(_child_environment())
        proc.readyReadStandardOutput.connect(self._read)
        proc.finished.connect(finished)
        proc.errorOccurred.connect(error)
        return proc

    def _read(self) -> None:
        sender = self.sender()
        if not isinstance(sender, QProcess) or sender is not self._proc:
            if isinstance(sender, QProcess):
                sender.readAllStandardOutput()  # the waiting child says nothing between jobs
            return
        self._buffer += bytes(sender.readAllStandardOutput().data())
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
                self._served()
            case IndexFailed(text):
                self._reported = True
                self.failed.emit(text)
                self._served()

    def _served(self) -> None:
        """The waiting child ends a job with its report: the next job can go."""
        if self._server is not None and self._proc is self._server:
            self._proc = None
            self._next()

    def _done(self, code: int, status: QProcess.ExitStatus) -> None:
        proc = self._proc
        if proc is not None:
            self._read_from(proc)
            if not self._reported:
                self.failed.emit(_stopped(proc, code))
            proc.deleteLater()
        self._proc = None
        self._next()

    def _read_from(self, proc: QProcess) -> None:
        self._buffer += bytes(proc.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip():
                self._handle(line)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._proc is not None:
            self.failed.emit(tr("Could not start the indexing process."))
            self._proc.deleteLater()
            self._proc = None
            self._next()

    def _server_gone(self, code: int, status: QProcess.ExitStatus) -> None:
        """The waiting child died: its job (if any) failed; the next one starts another."""
        server = self._server
        self._server = None
        if server is None:
            return
        if self._proc is server:
            self._proc = None
            self._read_from(server)
            if not self._reported:
                self.failed.emit(_stopped(server, code))
            self._next()
        server.deleteLater()

    def _server_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._server is not None:
            server, self._server = self._server, None
            server.deleteLater()
            if self._proc is server:
                self._proc = None
                self.failed.emit(tr("Could not start the indexing process."))
                self._next()

    def stop(self) -> None:
        """On quit: ask a running job to cancel (SIGTERM), and kill it only if it won't.

        Quitting must not wait for a long import; what it had done is kept and the
        library's journal makes the next start finish the rest.
        """
        self._queue.clear()
        server, self._server = self._server, None
        if server is not None:
            server.finished.disconnect(self._server_gone)
            server.closeWriteChannel()  # no more jobs: it leaves once the current one is done
            _end(server)
        proc, self._proc = self._proc, None
        if proc is not None and proc is not server:
            proc.finished.disconnect(self._done)
            _end(proc)


def _end(proc: QProcess) -> None:
    proc.terminate()
    if not proc.waitForFinished(5_000):
        proc.kill()
        proc.waitForFinished(1_000)


def _watched_only(job: IndexJob) -> bool:
    return bool(job.watched) and job == IndexJob(watched=job.watched)


def _arguments(data_dir: str, job: IndexJob) -> list[str]:
    args = ["--data-dir", data_dir]
    args += ["--rebuild"] if job.rebuild else []
    args += ["--bundled"] if job.bundled else []
    args += ["--refresh"] if job.refresh else []
    for folder in job.watched:
        args += ["--watched", folder]
    args += ["--", *job.paths] if job.paths else []
    return args


def _stopped(proc: QProcess, code: int) -> str:
    err = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace")
    tail = err.strip().splitlines()[-1:] or [tr("exit code {code}").format(code=code)]
    return tr("Indexing stopped unexpectedly ({why}).").format(why=tail[0])


def _child_environment() -> QProcessEnvironment:
    """The system's environment, speaking the window's language (View → Language may
    differ from the system's): the child's messages are shown as they come."""
    env = QProcessEnvironment.systemEnvironment()
    env.insert("LANGUAGE", language())
    return env
