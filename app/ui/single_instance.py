"""One window per data directory: a second ``python main.py`` hands its request to the first.

Two windows on one data directory would race each other's autosaves and index updates,
so the first instance holds a lock and listens on a local socket; a later one finds the
lock taken, sends what it was asked to do (open a document, import paths) and exits.

Names are derived from the data directory (and the user), so different data
directories run side by side. The socket is owner-only (``UserAccessOption``): another
user on the machine cannot drive the window.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

# The first instance may still be starting (lock taken, server not yet listening).
CONNECT_TIMEOUT_S = 5.0
CONNECT_RETRY_S = 0.05
REPLY_TIMEOUT_MS = 5000
MAX_REQUEST_BYTES = 1 << 20  # a request is a few paths: anything bigger is not ours
ACK = b"ok\n"


@dataclass(frozen=True)
class Request:
    """What a second instance asks the first to do."""

    open: list[str] = field(default_factory=list)  # document ids
    paths: list[str] = field(default_factory=list)  # absolute paths to import

    def to_bytes(self) -> bytes:
        return json.dumps({"open": self.open, "paths": self.paths}).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, data: bytes) -> Request | None:
        """The request in ``data``, or None for anything malformed (never raises)."""
        try:
            raw: Any = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not isinstance(raw, dict):
            return None
        opened, paths = raw.get("open", []), raw.get("paths", [])
        if not (isinstance(opened, list) and all(isinstance(x, str) for x in opened)):
            return None
        if not (isinstance(paths, list) and all(isinstance(x, str) for x in paths)):
            return None
        return cls(open=opened, paths=paths)


def instance_key(data_dir: Path) -> str:
    """A short name for this user's data directory (same path -> same key)."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    digest = hashlib.sha256(f"{uid}:{data_dir.resolve()}".encode()).hexdigest()
    return f"carnet-{digest[:24]}"


class SingleInstance(QObject):
    """Call ``claim()``: True when this process is the first and now serves requests."""

    requested = Signal(object)  # Request

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = instance_key(data_dir)
        # In the temp dir, not the data dir: a read-only data dir must still get one window.
        self._lock = QLockFile(str(Path(QDir.tempPath()) / f"{self.key}.lock"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def claim(self) -> bool:
        """Take the lock and listen; False when another instance holds them."""
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            # No temp dir to lock in: serve anyway rather than refuse to open.
            log.warning("single-instance lock unavailable: %s", self._lock.error())
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the lock, so a socket left under this name is a crashed instance's.
        QLocalServer.removeServer(self.key)
        if not server.listen(self.key):
            log.warning("cannot listen on %s: %s", self.key, server.errorString())
            return True
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _accept(self) -> None:
        assert self._server is not None
        while (sock := self._server.nextPendingConnection()) is not None:
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if sock not in self._buffers:
            return
        data = self._buffers[sock] + bytes(sock.readAll().data())
        if len(data) > MAX_REQUEST_BYTES:
            sock.abort()
            self._forget(sock)
            return
        if b"\n" not in data:
            self._buffers[sock] = data
            return
        line = data.split(b"\n", 1)[0]
        del self._buffers[sock]
        request = Request.from_bytes(line)
        if request is not None:
            sock.write(ACK)
            sock.flush()
            self.requested.emit(request)
        sock.disconnectFromServer()

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()


def hand_over(data_dir: Path, request: Request) -> bool:
    """Send ``request`` to the instance serving ``data_dir``; True once it acknowledged."""
    key = instance_key(data_dir)
    deadline = time.monotonic() + CONNECT_TIMEOUT_S
    while True:
        sock = QLocalSocket()
        sock.connectToServer(key)
        if sock.waitForConnected(int(CONNECT_TIMEOUT_S * 1000)):
            break
        if time.monotonic() >= deadline:
            return False
        # Refused at once: the first instance holds the lock but is not listening yet.
        time.sleep(CONNECT_RETRY_S)
    sock.write(request.to_bytes())
    sock.flush()
    reply = b""
    while ACK not in reply and sock.waitForReadyRead(REPLY_TIMEOUT_MS):
        reply += bytes(sock.readAll().data())
    sock.abort()
    return ACK in reply
