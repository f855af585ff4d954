"""Every path Carnet uses comes from here: the appdirs data dir, overridable for tests and users."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import appdirs

from app.core.errors import DataDirError
from app.core.files import create_private_file
from app.core.i18n import tr

APP_NAME = "Carnet"
DATA_DIR_ENV = "CARNET_DATA_DIR"
# Files Carnet creates are the reader's private notes and reading list: owner-only.
PRIVATE_UMASK = 0o077


def restrict_umask() -> int:
    """Make every file this process creates owner-only; returns the previous umask.

    Called once at process start (command line, window, index worker): SQLite creates
    -wal/-shm files and Whoosh its segments with the umask's default modes, and neither
    lets us pass a mode, so the umask is the one place that covers them all.
    """
    return os.umask(PRIVATE_UMASK)


def default_data_dir() -> Path:
    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins, then ``$CARNET_DATA_DIR``, then the platform's user data dir."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def bundled_corpus_dir() -> Path:
    """The articles shipped with Carnet, at the top of the source tree."""
    return Path(__file__).resolve().parents[2] / "corpus"


@dataclass(frozen=True)
class DataPaths:
    """The layout of one data directory."""

    root: Path

    @property
    def library_db(self) -> Path:
        return self.root / "library.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def notes_db(self) -> Path:
        return self.root / "notes.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.ini"

    def ensure(self) -> None:
        """Create the data dir owner-only (it holds private notes).

        The library database is created here too, owner-only, so it is private even in a
        process that never called ``restrict_umask`` (SQLite gives -wal/-shm the mode of
        their database file). The index folder is recreated by the index on every rebuild,
        so only the umask and this 0700 folder protect it. An existing folder chosen with
        --data-dir is left as it is: its mode is the user's to set.
        """
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.access(self.root, os.W_OK):
                create_private_file(self.library_db)
        except OSError as exc:
            message = tr(
                "Cannot create the data directory {path}: {error}. "
                "Choose another with --data-dir or ${variable}."
            )
            raise DataDirError(
                message.format(path=self.root, error=exc.strerror or exc, variable=DATA_DIR_ENV)
            ) from exc

    def is_writable(self) -> bool:
        return os.access(self.root, os.W_OK)

    @classmethod
    def from_override(cls, override: str | os.PathLike[str] | None = None) -> DataPaths:
        return cls(resolve_data_dir(override))
