"""EPUB files built in the tests, laid out the way two real tools write them.

``calibre_epub2``: EPUB 2 as Calibre converts a book (content.opf and toc.ncx at the
root, chapters under text/, a cover page named by the guide, ``opf:role``).
``pandoc_epub3``: EPUB 3 as Pandoc writes one (everything under EPUB/, nav.xhtml with
fragment links, a non-linear title page, creator roles as ``refines`` metadata).
"""

from __future__ import annotations

import io
import zipfile

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title}</title></head>
<body>{body}</body>
</html>"""

CHAPTER_ONE = "Chapitre premier : Le départ"
CHAPTER_TWO = "Chapitre II : L’arrivée à Genève"
SENTENCE = "« Où êtes-vous, Mme Lefèvre ? » demanda-t-il, tandis que l’été s’achevait."
SECOND_SECTION = "Une négociation difficile"


def zip_epub(files: dict[str, str | bytes], *, mimetype: bool = True) -> bytes:
    """The bytes of a zip holding ``files`` (mimetype first and stored, as EPUB asks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if mimetype:
            archive.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def calibre_files() -> dict[str, str | bytes]:
    opf = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="uuid_id" version="2.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>Le Voyage à Genève</dc:title>
    <dc:creator opf:file-as="Lefèvre, Marie" opf:role="aut">Marie Lefèvre</dc:creator>
    <dc:creator opf:role="trl">Paul Martin</dc:creator>
    <dc:date opf:event="modification">2020-01-02</dc:date>
    <dc:date>2019-03-14T23:00:00+00:00</dc:date>
    <dc:language>fr</dc:language>
    <dc:publisher>Éditions du Lac</dc:publisher>
    <meta name="calibre:timestamp" content="2019-03-15T10:00:00+00:00"/>
    <meta name="cover" content="cover"/>
  </metadata>
  <manifest>
    <item href="titlepage.xhtml" id="titlepage" media-type="application/xhtml+xml"/>
    <item href="text/part0000.html" id="id1" media-type="application/xhtml+xml"/>
    <item href="text/part0001.html" id="id2" media-type="application/xhtml+xml"/>
    <item href="images/cover.jpg" id="cover" media-type="image/jpeg"/>
    <item href="stylesheet.css" id="css" media-type="text/css"/>
    <item href="toc.ncx" id="ncx" media-type="application/x-dtbncx+xml"/>
  </manifest>
  <spine toc="ncx">
    <itemref idref="titlepage"/>
    <itemref idref="id1"/>
    <itemref idref="id2"/>
  </spine>
  <guide><reference href="titlepage.xhtml" title="Cover" type="cover"/></guide>
</package>"""
    ncx = f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="fr">
  <head><meta content="uuid" name="dtb:uid"/><meta content="2" name="dtb:depth"/></head>
  <docTitle><text>Le Voyage à Genève</text></docTitle>
  <navMap>
    <navPoint id="n1" playOrder="1"><navLabel><text>{CHAPTER_ONE}</text></navLabel>
      <content src="text/part0000.html"/></navPoint>
    <navPoint id="n2" playOrder="2"><navLabel><text>{CHAPTER_TWO}</text></navLabel>
      <content src="text/part0001.html"/>
      <navPoint id="n3" playOrder="3"><navLabel><text>{SECOND_SECTION}</text></navLabel>
        <content src="text/part0001.html#sec2"/></navPoint>
    </navPoint>
  </navMap>
</ncx>"""
    cover = XHTML.format(
        title="Couverture",
        body='<div><img src="images/cover.jpg" alt="Couverture du livre"/></div>',
    )
    part0 = XHTML.format(
        title="Partie 1",
        body=f'<h2 class="calibre1">{CHAPTER_ONE}</h2><p class="calibre2">{SENTENCE}</p>'
        "<p>Le train quitta Lyon à l’aube.</p>",
    )
    part1 = XHTML.format(
        title="Partie 2",
        body=f"<h2>{CHAPTER_TWO}</h2><p>La ville était calme.</p>"
        f'<h3 id="sec2">{SECOND_SECTION}</h3><p>Les diplomates parlèrent jusqu’au soir.</p>',
    )
    return {
        "META-INF/container.xml": CONTAINER.format(opf="content.opf"),
        "content.opf": opf,
        "toc.ncx": ncx,
        "titlepage.xhtml": cover,
        "text/part0000.html": part0,
        "text/part0001.html": part1,
        "images/cover.jpg": b"\xff\xd8\xff\xe0" + bytes(200),
        "stylesheet.css": ".calibre1 { font-weight: bold }",
    }


def pandoc_files() -> dict[str, str | bytes]:
    opf = """<?xml version="1.0" encoding="UTF-8"?>
<package version="3.0" xmlns="http://www.idpf.org/2007/opf" unique-identifier="epub-id-1">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier id="epub-id-1">urn:uuid:0b4e2a6e-1d8c-4e6f-9a51-3c2f4a1b7e90</dc:identifier>
    <dc:title id="epub-title-1">Carnets de l’été</dc:title>
    <dc:date id="epub-date">2021-06-01</dc:date>
    <dc:language>fr-FR</dc:language>
    <dc:creator id="epub-creator-1">Jeanne Durand</dc:creator>
    <meta refines="#epub-creator-1" property="role" scheme="marc:relators">aut</meta>
    <dc:creator id="epub-creator-2">Luc Bernard</dc:creator>
    <meta refines="#epub-creator-2" property="role" scheme="marc:relators">ill</meta>
    <meta property="dcterms:modified">2021-06-02T08:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml" />
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav" />
    <item id="stylesheet1" href="styles/stylesheet1.css" media-type="text/css" />
    <item id="title_page_xhtml" href="text/title_page.xhtml" media-type="application/xhtml+xml" />
    <item id="ch001_xhtml" href="text/ch001.xhtml" media-type="application/xhtml+xml" />
    <item id="ch002_xhtml" href="text/ch002.xhtml" media-type="application/xhtml+xml" />
  </manifest>
  <spine toc="ncx">
    <itemref idref="title_page_xhtml" linear="no" />
    <itemref idref="nav" />
    <itemref idref="ch001_xhtml" />
    <itemref idref="ch002_xhtml" />
  </spine>
</package>"""
    nav = XHTML.format(
        title="Carnets de l’été",
        body=f"""<nav epub:type="toc" id="toc"><h1 id="toc-title">Sommaire</h1><ol class="toc">
<li id="toc-li-1"><a href="text/ch001.xhtml">{CHAPTER_ONE}</a></li>
<li id="toc-li-2"><a href="text/ch002.xhtml#chapitre-ii">{CHAPTER_TWO}</a>
<ol><li><a href="text/ch002.xhtml#une-n%C3%A9gociation">{SECOND_SECTION}</a></li></ol></li>
</ol></nav>
<nav epub:type="landmarks" hidden="hidden"><ol><li>
<a href="text/title_page.xhtml" epub:type="titlepage">Page de titre</a>
</li></ol></nav>""",
    )
    ncx = """<?xml version="1.0" encoding="UTF-8"?>
<ncx version="2005-1" xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>
<navPoint id="navPoint-0"><navLabel><text>Carnets de l’été</text></navLabel>
<content src="text/title_page.xhtml" /></navPoint></navMap></ncx>"""
    title_page = XHTML.format(
        title="Carnets de l’été",
        body='<section epub:type="titlepage"><h1 class="title">Carnets de l’été</h1>'
        '<p class="author">Jeanne Durand</p></section>',
    )
    ch1 = XHTML.format(
        title="Chapitre premier",
        body=f'<section id="chapitre-premier" class="level1"><h1>{CHAPTER_ONE}</h1>'
        f"<p>{SENTENCE}</p><p>Le train quitta Lyon à l’aube.</p></section>",
    )
    ch2 = XHTML.format(
        title="Chapitre II",
        body=f'<section id="chapitre-ii" class="level1"><h1>{CHAPTER_TWO}</h1>'
        "<p>La ville était calme.</p>"
        f'<section id="une-négociation" class="level2"><h2>{SECOND_SECTION}</h2>'
        "<p>Les diplomates parlèrent jusqu’au soir.</p></section></section>",
    )
    return {
        "META-INF/container.xml": CONTAINER.format(opf="EPUB/content.opf"),
        "EPUB/content.opf": opf,
        "EPUB/nav.xhtml": nav,
        "EPUB/toc.ncx": ncx,
        "EPUB/styles/stylesheet1.css": "body { margin: 5% }",
        "EPUB/text/title_page.xhtml": title_page,
        "EPUB/text/ch001.xhtml": ch1,
        "EPUB/text/ch002.xhtml": ch2,
    }
