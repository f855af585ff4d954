"""An EPUB's zip archive read in bounded memory, by member name only.

A hostile book may be a zip bomb or name members ``../../etc/x``: sizes are checked from
the central directory and again while reading (a header can lie), and members are only
ever read into memory by name, never extracted, so no path can reach the filesystem.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from app.core.i18n import tr_noop
from app.core.wording import Wording

MAX_MEMBERS = 10_000
# Text and markup compress 3-10x, images hardly; beyond this a member is built to explode.
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024  # tiny members may compress absurdly well (blank pages)
_UNSAFE_NAME_RE = re.compile(r"(^|[/\\])\.\.([/\\]|$)|^[/\\]|^[A-Za-z]:")


class EpubRefused(Exception):
    """The book cannot be read; ``wording`` says why, for ``DocumentSkipped``."""

    def __init__(self, template: str, **values: str | int | Wording) -> None:
        self.wording = Wording(template, values)
        self.reason = self.wording.english()
        super().__init__(self.reason)


def _megabytes(size: int) -> Wording:
    return Wording(tr_noop("{size} MB"), {"size": round(size / (1024 * 1024))})


class EpubArchive:
    """The members of an EPUB held in ``data``, read at most ``max_unpacked`` bytes in all."""

    def __init__(self, data: bytes, max_unpacked: int) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
            raise EpubRefused(
                tr_noop("is not an EPUB (not a zip archive, or a damaged one)")
            ) from error
        if len(infos) > MAX_MEMBERS:
            raise EpubRefused(
                tr_noop("has too many files inside ({count}; a book has far fewer)"),
                count=len(infos),
            )
        self._max_unpacked = max_unpacked
        self._read = 0
        self._infos: dict[str, zipfile.ZipInfo] = {}
        declared = 0
        for info in infos:
            if _UNSAFE_NAME_RE.search(info.filename):
                raise EpubRefused(
                    tr_noop("contains a file with an unsafe path ({name})"),
                    name=repr(info.filename),
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
                raise EpubRefused(
                    tr_noop("looks like a zip bomb ({name} expands {ratio} times)"),
                    name=repr(info.filename),
                    ratio=round(ratio),
                )
            declared += info.file_size
            self._infos[info.filename] = info
        if declared > max_unpacked:
            raise self._too_big()

    def _too_big(self) -> EpubRefused:
        limit = _megabytes(self._max_unpacked)
        return EpubRefused(tr_noop("unpacks to more than {size} (a zip bomb?)"), size=limit)

    def __contains__(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """The member ``name``, counted against the archive's budget; KeyError if absent."""
        info = self._infos[name]
        if info.flag_bits & 0x1:
            raise EpubRefused(tr_noop("is encrypted ({name} needs a password)"), name=repr(name))
        budget = self._max_unpacked - self._read
        try:
            with self._zip.open(info) as member:
                # Never trust the header alone: read one byte past what is left.
                data = member.read(budget + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise EpubRefused(
                tr_noop("is damaged ({name} cannot be unpacked: {error})"),
                name=repr(name),
                error=str(error),
            ) from error
        except NotImplementedError as error:
            raise EpubRefused(
                tr_noop("uses a compression Carnet cannot read ({name})"), name=repr(name)
            ) from error
        self._read += len(data)
        if self._read > self._max_unpacked:
            raise self._too_big()
        return data
