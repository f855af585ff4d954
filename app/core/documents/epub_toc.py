"""An EPUB's own table of contents: the EPUB 3 ``nav`` (epub:type="toc") or the EPUB 2 NCX.

Entries name a chapter file (and perhaps a fragment in it); the loader turns them into
offsets once it knows where each chapter starts in the book's text.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser

from app.core.documents.epub_package import resolve_href
from app.core.documents.epub_xml import children, parse_xml, text_of
from app.core.documents.epub_zip import EpubRefused
from app.core.documents.html_walk import defuse

MAX_ENTRIES = 5_000  # more than any real book; a contents of millions is an attack


@dataclass(frozen=True)
class TocTarget:
    title: str
    level: int  # 1 = top
    path: str  # the chapter's name in the archive
    fragment: str  # "" when the entry points at the chapter itself


class _NavParser(HTMLParser):
    """Collects the links of the ``<nav epub:type="toc">``, with their list depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, int, str]] = []  # title, level, href
        self._nav_depth = 0  # nesting of <nav> inside the toc nav (0: outside it)
        self._lists = 0
        self._href: str | None = None
        self._words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav":
            types = (dict(attrs).get("epub:type") or "").split()
            if self._nav_depth or "toc" in types:
                self._nav_depth += 1
        elif not self._nav_depth:
            return
        elif tag == "ol":
            self._lists += 1
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._words = []

    def handle_endtag(self, tag: str) -> None:
        if not self._nav_depth:
            return
        if tag == "nav":
            self._nav_depth -= 1
        elif tag == "ol":
            self._lists = max(self._lists - 1, 0)
        elif tag == "a" and self._href is not None:
            title = " ".join(" ".join(self._words).split())
            if self._href and title and len(self.links) < MAX_ENTRIES:
                self.links.append((title, max(self._lists, 1), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._words.append(data)


def _target(title: str, level: int, base: str, href: str) -> TocTarget | None:
    try:
        path, fragment = resolve_href(base, href)
    except EpubRefused:
        return None  # a link out of the book is no part of its contents
    return TocTarget(title, level, path, fragment)


def nav_targets(data: bytes, nav_path: str) -> list[TocTarget]:
    """The contents listed in the EPUB 3 navigation document ``nav_path``."""
    parser = _NavParser()
    # defuse: unclosed "<a" would make the parser rescan the rest of the file each time.
    parser.feed(defuse(data.decode("utf-8", errors="replace")))
    parser.close()
    base = posixpath.dirname(nav_path)
    found = (_target(title, level, base, href) for title, level, href in parser.links)
    return [target for target in found if target]


def _walk_ncx(parent: ET.Element, level: int, base: str, targets: list[TocTarget]) -> None:
    for point in children(parent, "navPoint"):
        if len(targets) >= MAX_ENTRIES:
            return
        label = next(children(point, "navLabel"), None)
        content = next(children(point, "content"), None)
        title = text_of(label) if label is not None else ""
        src = content.get("src") if content is not None else None
        if title and src and (target := _target(title, level, base, src)):
            targets.append(target)
        _walk_ncx(point, level + 1, base, targets)


def ncx_targets(data: bytes, ncx_path: str) -> list[TocTarget]:
    """The contents listed in the EPUB 2 NCX ``ncx_path``."""
    root = parse_xml(data, ncx_path)
    targets: list[TocTarget] = []
    for nav_map in children(root, "navMap"):
        _walk_ncx(nav_map, 1, posixpath.dirname(ncx_path), targets)
    return targets
