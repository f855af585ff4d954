"""Turn the bytes of a text file into clean Unicode, whatever encoding an old file used.

Offsets of notes point into the text this module returns, so every loader goes through it
(or through ``normalise_text``) to get the same newlines and the same Unicode form.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from app.core.errors import DocumentSkipped
from app.core.i18n import tr_noop
from app.core.wording import Wording

# A NUL in the first few KB is the classic, cheap sign of a binary file (images, archives,
# office documents); text encodings without NULs never produce one there.
BINARY_SNIFF_BYTES = 8 * 1024
# Above this share of control characters the "text" is noise a reader cannot use.
MAX_CONTROL_RATIO = 0.10
# ...but a handful of stray controls in a short note is damage to clean, not a binary file.
MIN_CONTROLS_FOR_BINARY = 8

BINARY_REASON = tr_noop("looks like a binary file, not text")

# BOMs, longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_ENCODING_LABELS = {
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
}


def _cp1252_table() -> dict[int, str]:
    """Map the Latin-1 code points 0x80-0x9F to what Windows-1252 puts there.

    Decoding as Latin-1 then translating gives cp1252 for the 27 bytes it defines and plain
    Latin-1 for the five it leaves undefined, without a global codec error handler.
    """
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252_OVER_LATIN1 = _cp1252_table()

# C0 controls and DEL, minus \t and \n which text legitimately uses (\r is handled first).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Vertical tab and form feed separate lines or pages: dropping them would glue words.
_LINE_BREAK_CONTROLS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def normalise_text(text: str) -> str:
    """\\n newlines, no C0 controls but \\n and \\t, NFC: the form note offsets refer to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL_RE.search(text):  # rare: skip two full passes over clean text
        text = _CONTROL_RE.sub("", text.translate(_LINE_BREAK_CONTROLS))
    # NFC so that "é" typed or pasted matches "é" in a file saved decomposed (macOS).
    return unicodedata.normalize("NFC", text)


def _looks_binary(text: str) -> bool:
    sample = text[:BINARY_SNIFF_BYTES]
    controls = len(_CONTROL_RE.findall(sample))
    return controls >= MIN_CONTROLS_FOR_BINARY and controls / len(sample) > MAX_CONTROL_RATIO


def _decode_with_bom(data: bytes, name: str) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError:
                # A BOM is a deliberate statement about the encoding; a file that
                # contradicts it is damaged rather than in some other encoding.
                label = _ENCODING_LABELS[encoding]
                damaged = tr_noop("starts like {label} text but is damaged (invalid {label} bytes)")
                raise DocumentSkipped(name, Wording(damaged, {"label": label})) from None
    return None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode ``data`` (the content of the file ``name``) to normalised text.

    UTF-8/16/32 with a BOM, UTF-8 without, else Windows-1252 with Latin-1 for its undefined
    bytes. Raises ``DocumentSkipped`` when the bytes are not text.
    """
    text = _decode_with_bom(data, name)
    if text is None:
        if b"\x00" in data[:BINARY_SNIFF_BYTES]:
            raise DocumentSkipped(name, Wording(BINARY_REASON))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Not UTF-8: almost always an old Windows or Latin-1 file in French corpora.
            text = data.decode("latin-1").translate(_CP1252_OVER_LATIN1)
    if _looks_binary(text):
        raise DocumentSkipped(name, Wording(BINARY_REASON))
    return normalise_text(text)
