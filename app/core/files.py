"""Writing files so that a crash or a full disk never leaves half a file in place."""

from __future__ import annotations

import os
from pathlib import Path

from app.core.errors import DataDirError


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` beside ``path``, flush it to disk, then swap it in."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DataDirError(f"Cannot write {path}: {exc.strerror or exc}") from exc
