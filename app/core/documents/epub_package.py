"""An EPUB's package (OPF): its metadata, its files and the reading order of its chapters.

EPUB 2 and 3 share this layout: ``META-INF/container.xml`` names the OPF, whose manifest
lists the files, whose spine orders the chapters; hrefs are relative to the OPF.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import unquote

from app.core.dates import iso_day
from app.core.documents.epub_xml import children, parse_xml, text_of
from app.core.documents.epub_zip import EpubArchive, EpubRefused
from app.core.i18n import tr_noop

CONTAINER = "META-INF/container.xml"
NCX_TYPE = "application/x-dtbncx+xml"
_CHAPTER_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/xml"})
_AUTHOR_ROLES = frozenset({"aut", "author"})


@dataclass(frozen=True)
class PackageItem:
    path: str  # the member's name in the archive
    media_type: str
    properties: frozenset[str]


@dataclass(frozen=True)
class Package:
    title: str | None
    authors: tuple[str, ...]
    date: str | None  # YYYY-MM-DD
    language: str | None
    publisher: str | None
    chapters: tuple[PackageItem, ...]  # linear spine items in reading order, each once
    nav: PackageItem | None  # EPUB 3 navigation document
    ncx: PackageItem | None  # EPUB 2 table of contents


def resolve_href(base_dir: str, href: str) -> tuple[str, str]:
    """The archive name an ``href`` relative to ``base_dir`` points at, and its fragment."""
    target, _, fragment = href.partition("#")
    path = posixpath.normpath(posixpath.join(base_dir, unquote(target)))
    if path.startswith("../") or path == ".." or path.startswith("/"):
        raise EpubRefused(tr_noop("refers to a file outside the book ({href})"), href=repr(href))
    return path, unquote(fragment)


def _rootfile(archive: EpubArchive) -> str:
    if CONTAINER not in archive:
        raise EpubRefused(
            tr_noop("has no {container} (not an EPUB, or a damaged one)"), container=CONTAINER
        )
    root = parse_xml(archive.read(CONTAINER), CONTAINER)
    for element in root.iter("rootfile"):
        full_path = element.get("full-path")
        if full_path and element.get("media-type", NCX_TYPE) != NCX_TYPE:
            return resolve_href("", full_path)[0]
    raise EpubRefused(tr_noop("its {container} names no package (OPF) file"), container=CONTAINER)


def _authors(metadata: ET.Element) -> tuple[str, ...]:
    roles: dict[str, str] = {}  # EPUB 3: <meta refines="#id" property="role">aut</meta>
    for meta in children(metadata, "meta"):
        if meta.get("property") == "role" and meta.get("refines", "").startswith("#"):
            roles[meta.get("refines", "")[1:]] = text_of(meta)
    named: list[tuple[str, str | None]] = []
    for creator in children(metadata, "creator"):
        name = text_of(creator)
        if name:
            named.append((name, creator.get("role") or roles.get(creator.get("id", ""))))
    # Translators and illustrators are creators too; the authors come first when marked.
    authors = [name for name, role in named if role and role.lower() in _AUTHOR_ROLES]
    return tuple(authors or (name for name, _ in named))


def _date(metadata: ET.Element) -> str | None:
    dates = list(children(metadata, "date"))
    # EPUB 2 may list creation, publication and modification dates: publication first.
    dates.sort(key=lambda d: d.get("event", "publication") != "publication")
    return next((day for d in dates if (day := iso_day(text_of(d)))), None)


def _first(metadata: ET.Element, tag: str) -> str | None:
    return next((value for e in children(metadata, tag) if (value := text_of(e))), None)


def _cover_paths(root: ET.Element, base_dir: str) -> set[str]:
    """Pages the package calls the cover: shown as a picture, not read as text."""
    covers = set()
    for guide in children(root, "guide"):
        for reference in children(guide, "reference"):
            href = reference.get("href")
            if href and reference.get("type", "").lower() == "cover":
                covers.add(resolve_href(base_dir, href)[0])
    return covers


def read_package(archive: EpubArchive) -> Package:
    """The package of the book in ``archive``; raises ``EpubRefused`` when it has none."""
    opf_path = _rootfile(archive)
    if opf_path not in archive:
        raise EpubRefused(tr_noop("its package file {path} is missing"), path=opf_path)
    root = parse_xml(archive.read(opf_path), opf_path)
    base_dir = posixpath.dirname(opf_path)
    metadata = next(children(root, "metadata"), ET.Element("metadata"))
    items: dict[str, PackageItem] = {}
    for manifest in children(root, "manifest"):
        for element in children(manifest, "item"):
            item_id, href = element.get("id"), element.get("href")
            if item_id and href:
                items[item_id] = PackageItem(
                    resolve_href(base_dir, href)[0],
                    element.get("media-type", "").strip().lower(),
                    frozenset(element.get("properties", "").split()),
                )
    spine = next(children(root, "spine"), None)
    refs = [] if spine is None else list(children(spine, "itemref"))
    if not refs:
        raise EpubRefused(tr_noop("has no spine (the package gives no reading order)"))
    nav = next((i for i in items.values() if "nav" in i.properties), None)
    ncx = items.get(spine.get("toc", "")) if spine is not None else None
    ncx = ncx or next((i for i in items.values() if i.media_type == NCX_TYPE), None)
    skipped = _cover_paths(root, base_dir) | ({nav.path} if nav else set())
    chapters: dict[str, PackageItem] = {}  # by path: a spine that loops is read once
    for ref in refs:
        item = items.get(ref.get("idref", ""))
        if item is None:
            raise EpubRefused(
                tr_noop("its spine refers to a missing item ({item})"), item=repr(ref.get("idref"))
            )
        if item.path not in archive:
            raise EpubRefused(
                tr_noop("the chapter {path} is missing from the archive"), path=item.path
            )
        linear = ref.get("linear", "yes").strip().lower() != "no"
        if linear and item.media_type in _CHAPTER_TYPES and item.path not in skipped:
            chapters.setdefault(item.path, item)
    return Package(
        title=_first(metadata, "title"),
        authors=_authors(metadata),
        date=_date(metadata),
        language=_first(metadata, "language"),
        publisher=_first(metadata, "publisher"),
        chapters=tuple(chapters.values()),
        nav=nav if nav and nav.path in archive else None,
        ncx=ncx if ncx and ncx.path in archive else None,
    )
