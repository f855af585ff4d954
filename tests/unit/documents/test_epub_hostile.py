"""Hostile or broken EPUBs are skipped with a reason a person can act on, never read."""

from __future__ import annotations

import io
import zipfile

import pytest

from app.core.documents.epub import load_epub
from app.core.documents.loader import load_document_bytes
from app.core.errors import DocumentSkipped
from tests.unit.documents.epub_factory import SENTENCE, calibre_files, pandoc_files, zip_epub

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE package [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata/>
<manifest/><spine><itemref idref="x"/></spine><!-- &lol4; --></package>"""


def _reason(data: bytes) -> str:
    with pytest.raises(DocumentSkipped) as caught:
        load_document_bytes(data, ".epub", "livre.epub")
    assert caught.value.path == "livre.epub"
    return caught.value.reason


def _with(changes: dict[str, str | bytes | None]) -> bytes:
    """The Calibre-style book with some files replaced (or removed, with None)."""
    files = calibre_files()
    for name, content in changes.items():
        if content is None:
            del files[name]
        else:
            files[name] = content
    return zip_epub(files)


def test_not_a_zip() -> None:
    assert _reason(b"%PDF-1.4 ceci n'est pas un livre") == (
        "is not an EPUB (not a zip archive, or a damaged one)"
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    files = calibre_files()
    files["text/part0000.html"] = b"<p>" + b"a" * (30 * 1024 * 1024) + b"</p>"
    reason = _reason(zip_epub(files))
    assert reason.startswith("looks like a zip bomb ('text/part0000.html' expands")


def test_a_book_that_unpacks_beyond_the_budget_is_refused() -> None:
    data = zip_epub(calibre_files())
    with pytest.raises(DocumentSkipped) as caught:
        load_epub(data, "livre.epub", max_unpacked=2048)
    assert caught.value.reason.startswith("unpacks to more than")


def test_a_header_that_lies_about_the_size_is_caught_while_reading() -> None:
    data = bytearray(zip_epub(calibre_files()))
    # Shrink the declared size of the OPF in its central directory entry: the reader must
    # notice the data does not match rather than trust the header.
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("content.opf")
    central = bytes(data).find(b"content.opf", archive.start_dir) - 46  # its record
    assert data[central : central + 4] == b"PK\x01\x02"
    data[central + 24 : central + 28] = (info.file_size // 2).to_bytes(4, "little")
    reason = _reason(bytes(data))
    assert reason.startswith("is damaged ('content.opf' cannot be unpacked")


@pytest.mark.parametrize("name", ["../../evil.txt", "/etc/cron.d/evil", "OEBPS/../../evil"])
def test_members_with_unsafe_paths_are_refused(name: str) -> None:
    files = calibre_files()
    files[name] = "gotcha"
    assert _reason(zip_epub(files)) == f"contains a file with an unsafe path ({name!r})"


def test_a_package_pointing_outside_the_book_is_refused() -> None:
    opf = str(calibre_files()["content.opf"]).replace(
        'href="text/part0000.html"', 'href="../../../etc/passwd"'
    )
    assert _reason(_with({"content.opf": opf})) == (
        "refers to a file outside the book ('../../../etc/passwd')"
    )


def test_entity_expansion_is_refused() -> None:
    assert _reason(_with({"content.opf": LAUGHS})) == (
        "content.opf declares XML entities (refused: they can expand without end)"
    )


def test_an_external_entity_is_refused() -> None:
    container = """<?xml version="1.0"?>
<!DOCTYPE container [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>
<rootfile full-path="&xxe;" media-type="application/oebps-package+xml"/></rootfiles></container>"""
    reason = _reason(_with({"META-INF/container.xml": container}))
    assert reason == (
        "META-INF/container.xml declares XML entities (refused: they can expand without end)"
    )


def test_a_chapter_declaring_entities_is_refused() -> None:
    chapter = '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaa">]><html><p>&a;</p></html>'
    assert _reason(_with({"text/part0000.html": chapter})).startswith(
        "text/part0000.html declares XML entities"
    )


def test_deeply_nested_xml_is_refused() -> None:
    opf = '<package version="2.0">' + "<x>" * 1000 + "</x>" * 1000 + "</package>"
    assert _reason(_with({"content.opf": opf})) == "content.opf is nested more than 200 levels deep"


def test_missing_container_and_package() -> None:
    assert _reason(_with({"META-INF/container.xml": None})) == (
        "has no META-INF/container.xml (not an EPUB, or a damaged one)"
    )
    assert _reason(_with({"content.opf": None})) == "its package file content.opf is missing"


def test_malformed_package() -> None:
    reason = _reason(_with({"content.opf": "<package><metadata></package>"}))
    assert reason.startswith("content.opf is not well-formed XML (mismatched tag")


@pytest.mark.parametrize(
    "spine", ['<spine toc="ncx"></spine>', '<spine toc="ncx"/>', "<!-- no spine -->"]
)
def test_a_missing_or_empty_spine(spine: str) -> None:
    opf = str(calibre_files()["content.opf"])
    start, end = opf.index("<spine"), opf.index("</spine>") + len("</spine>")
    opf = opf[:start] + spine + opf[end:]
    assert _reason(_with({"content.opf": opf})) == (
        "has no spine (the package gives no reading order)"
    )


def test_a_spine_referring_to_missing_items() -> None:
    opf = str(calibre_files()["content.opf"]).replace('idref="id2"', 'idref="fantome"')
    assert _reason(_with({"content.opf": opf})) == (
        "its spine refers to a missing item ('fantome')"
    )
    assert _reason(_with({"text/part0001.html": None})) == (
        "the chapter text/part0001.html is missing from the archive"
    )


def test_a_book_of_pictures_only() -> None:
    files = pandoc_files()
    for name in ("EPUB/text/ch001.xhtml", "EPUB/text/ch002.xhtml"):
        files[name] = '<html><body><img src="p.jpg" alt=""/></body></html>'
    assert _reason(zip_epub(files)) == (
        "contains no readable text (only pictures, or empty chapters)"
    )


ENCRYPTION = """<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
 xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
 <enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/>
  <enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData>
</encryption>"""


def test_drm_is_named() -> None:
    encryption = ENCRYPTION.format(
        algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc", uri="text/part0000.html"
    )
    assert _reason(_with({"META-INF/encryption.xml": encryption})) == (
        "is protected by DRM (the text is encrypted)"
    )
    assert _reason(_with({"META-INF/rights.xml": "<rights/>"})) == (
        "is protected by DRM (the text is encrypted)"
    )


def test_obfuscated_fonts_are_not_drm() -> None:
    encryption = ENCRYPTION.format(
        algorithm="http://www.idpf.org/2008/embedding", uri="fonts/Libre.otf"
    )
    data = _with({"META-INF/encryption.xml": encryption})
    assert SENTENCE in load_document_bytes(data, ".epub", "livre.epub").text


def test_a_navigation_document_of_unclosed_tags_is_read_in_linear_time() -> None:
    files = pandoc_files()
    # 200,000 unclosed "<a": the stdlib HTML parser alone would rescan the file for each.
    files["EPUB/nav.xhtml"] = '<nav epub:type="toc"><ol>' + "<a" * 200_000 + "</ol></nav>"
    book = load_document_bytes(zip_epub(files), ".epub", "livre.epub")
    assert SENTENCE in book.text and book.toc == ()  # the NCX names only the title page
