"""An EPUB 2 or 3 book loaded as one text: its chapters in reading order, its contents.

Each chapter goes through the same HTML-to-text as a saved web page; chapters are joined
with a blank line and their structure shifted to where they land. Only the standard
library is used (EbookLib is AGPL); hostile archives are refused by ``epub_zip`` and
``epub_xml`` with a reason, in bounded time and memory.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.core.documents.epub_package import Package, read_package
from app.core.documents.epub_toc import TocTarget, nav_targets, ncx_targets
from app.core.documents.epub_xml import ENTITIES_REFUSED, children, parse_xml
from app.core.documents.epub_zip import EpubArchive, EpubRefused
from app.core.documents.html_text import html_to_text
from app.core.documents.loader import LoadedDocument
from app.core.documents.metadata import count_words, derive_metadata, reading_minutes
from app.core.documents.structure import Block, mark_repeats
from app.core.documents.textload import decode_bytes, normalise_text
from app.core.documents.toc import TocEntry
from app.core.errors import DocumentSkipped
from app.core.i18n import tr_noop

ENCRYPTION = "META-INF/encryption.xml"
RIGHTS = "META-INF/rights.xml"  # Adobe ADEPT's licence
# Fonts scrambled so they cannot be lifted from the book: the text itself is readable.
_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)
_ENTITY_DECL_RE = re.compile(r"<!ENTITY", re.IGNORECASE)
_ROOT_RE = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Chapter:
    start: int
    end: int


def _refuse_drm(archive: EpubArchive) -> None:
    if RIGHTS in archive:
        raise EpubRefused(tr_noop("is protected by DRM (the text is encrypted)"))
    if ENCRYPTION not in archive:
        return
    root = parse_xml(archive.read(ENCRYPTION), ENCRYPTION)
    for data in root.iter("EncryptedData"):
        method = next(children(data, "EncryptionMethod"), None)
        if method is None or method.get("Algorithm") not in _FONT_OBFUSCATION:
            raise EpubRefused(tr_noop("is protected by DRM (the text is encrypted)"))


def _chapter_html(archive: EpubArchive, path: str, name: str) -> str:
    html = decode_bytes(archive.read(path), name)
    root = _ROOT_RE.search(html)
    prolog = html[: root.start()] if root else html
    # The HTML parser would not expand them, but a chapter that declares entities is
    # built to attack XML readers, and its text would show the raw references.
    if _ENTITY_DECL_RE.search(prolog):
        raise EpubRefused(ENTITIES_REFUSED, what=path)
    return html


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _names_heading(heading: str, wanted: str) -> bool:
    """The heading is the entry's title, perhaps after a section number ("2.1. Titre")."""
    key = _key(heading)
    return key == wanted or (key.endswith(" " + wanted) and key[0].isdigit())


def _toc(
    targets: list[TocTarget], chapters: dict[str, _Chapter], text: str, blocks: list[Block]
) -> tuple[TocEntry, ...]:
    """Entries at their chapter's start, or at their own heading inside it when it has one."""
    headings = [b for b in blocks if b.kind in ("heading", "title_repeat")]
    heading_starts = [b.start for b in headings]
    # Some tools (Sphinx) drop the folder from contents links; a unique file name is enough.
    names = Counter(posixpath.basename(path) for path in chapters)
    by_name = {
        posixpath.basename(p): c for p, c in chapters.items() if names[posixpath.basename(p)] == 1
    }
    entries = []
    for target in targets:
        chapter = chapters.get(target.path) or by_name.get(posixpath.basename(target.path))
        if chapter is None:
            continue  # the cover, or a page left out of the reading order
        offset = chapter.start
        if target.fragment:
            first = bisect.bisect_left(heading_starts, chapter.start)
            last = bisect.bisect_left(heading_starts, chapter.end)
            wanted = _key(target.title)
            match = next(
                (
                    b.start
                    for b in headings[first:last]
                    if _names_heading(text[b.start : b.end], wanted)
                ),
                None,
            )
            offset = match if match is not None else _line_at(text, target.title, chapter)
        entries.append(TocEntry(target.title, target.level, offset))
    return tuple(entries)


def _line_at(text: str, title: str, chapter: _Chapter) -> int:
    """Where a line of the chapter starts with ``title`` (a heading not marked as one)."""
    at = text.find(title, chapter.start, chapter.end)
    while at != -1:
        after = at + len(title)
        line_start = at == chapter.start or text[at - 1] == "\n"
        if line_start and (after == chapter.end or text[after] == "\n"):
            return at
        at = text.find(title, at + 1, chapter.end)
    return chapter.start


def _book_targets(
    archive: EpubArchive, package: Package, chapters: dict[str, _Chapter]
) -> list[TocTarget]:
    """The EPUB 3 nav, or the NCX when more of its links land in the book (some tools
    write a nav whose links are broken and an NCX that works, or only an NCX)."""
    found: list[list[TocTarget]] = []
    if package.nav is not None:
        found.append(nav_targets(archive.read(package.nav.path), package.nav.path))
    if package.ncx is not None:
        found.append(ncx_targets(archive.read(package.ncx.path), package.ncx.path))
    names = {posixpath.basename(path) for path in chapters}
    landing = [sum(posixpath.basename(t.path) in names for t in targets) for targets in found]
    return found[landing.index(max(landing))] if found else []


def _read_book(data: bytes, name: str, max_unpacked: int) -> LoadedDocument:
    archive = EpubArchive(data, max_unpacked)
    _refuse_drm(archive)
    package = read_package(archive)
    parts: list[str] = []
    blocks: list[Block] = []
    chapters: dict[str, _Chapter] = {}
    waiting: list[str] = []  # chapters with no text (a picture): they lead to the next one
    offset = 0
    for item in package.chapters:
        content = html_to_text(_chapter_html(archive, item.path, name))
        if not content.text.strip():
            waiting.append(item.path)
            continue
        if parts:
            offset += 2  # the blank line between chapters
        chapter = _Chapter(offset, offset + len(content.text))
        for path in [*waiting, item.path]:
            chapters[path] = chapter
        waiting = []
        blocks.extend(
            Block(b.start + offset, b.end + offset, b.kind, b.level) for b in content.blocks
        )
        parts.append(content.text)
        offset = chapter.end
    text = "\n\n".join(parts)
    if not text.strip():
        raise EpubRefused(tr_noop("contains no readable text (only pictures, or empty chapters)"))
    meta = derive_metadata(text, fallback_title=Path(name).stem, guess_site=False)
    title = normalise_text(package.title) if package.title else meta.title
    words = count_words(text)
    return LoadedDocument(
        text=text,
        title=title,
        source=normalise_text(package.publisher) if package.publisher else None,
        date=package.date,
        words=words,
        reading_minutes=reading_minutes(words),
        blocks=mark_repeats(text, tuple(blocks), title),
        format="epub",
        author=normalise_text(", ".join(package.authors)) if package.authors else None,
        language=package.language,
        pages=None,
        toc=_toc(_book_targets(archive, package, chapters), chapters, text, blocks),
    )


def load_epub(data: bytes, name: str, max_unpacked: int) -> LoadedDocument:
    """The book in ``data`` (the file ``name``), unpacking at most ``max_unpacked`` bytes.

    Raises ``DocumentSkipped(name, reason)`` for anything that is not a readable book.
    """
    try:
        return _read_book(data, name, max_unpacked)
    except EpubRefused as refused:
        raise DocumentSkipped(name, refused.wording) from refused
