"""The package files of an EPUB (container, OPF, NCX) parsed as XML that cannot explode.

Expat is driven directly so that a document declaring entities is refused outright (the
"billion laughs" and external-entity attacks both need a declaration), DTDs are never
fetched, and nesting is bounded; elements and attributes keep their local names only.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import NoReturn
from xml.parsers import expat

from app.core.documents.epub_zip import EpubRefused
from app.core.i18n import tr_noop

MAX_DEPTH = 200
ENTITIES_REFUSED = tr_noop("{what} declares XML entities (refused: they can expand without end)")


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def parse_xml(data: bytes, what: str) -> ET.Element:
    """The root element of ``data`` (the file ``what``); raises ``EpubRefused``."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def refuse_entities(*_: object) -> NoReturn:
        raise EpubRefused(ENTITIES_REFUSED, what=what)

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise EpubRefused(
                tr_noop("{what} is nested more than {depth} levels deep"),
                what=what,
                depth=MAX_DEPTH,
            )
        builder.start(_local(name), {_local(k): v for k, v in attrs.items()})

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(_local(name))

    parser.EntityDeclHandler = refuse_entities
    parser.UnparsedEntityDeclHandler = refuse_entities
    parser.ExternalEntityRefHandler = refuse_entities
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise EpubRefused(
            tr_noop("{what} is not well-formed XML ({error})"), what=what, error=str(error)
        ) from error
    return builder.close()


def children(element: ET.Element, tag: str) -> Iterator[ET.Element]:
    """Direct children of ``element`` named ``tag`` (local name)."""
    return (child for child in element if child.tag == tag)


def text_of(element: ET.Element) -> str:
    """All the text inside ``element``, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())
