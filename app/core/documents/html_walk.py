"""Walking a saved web page with the stdlib parser: its text blocks, title, meta and dates.

The parser keeps counters instead of a stack of open elements: real pages are full of
unclosed and stray tags, and a counter cannot grow with nesting depth or recurse.
Elements that a page marks as chrome (a class, id or role saying navigation, footer,
share, breadcrumb…) are left out with their content, as are paragraphs that are only a
share button's words (``structure.is_share_label``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from app.core.documents.structure import BlockKind, is_share_label

# Elements that start a new block of text: a paragraph break in the output.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "body", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "html", "legend", "li", "main", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Elements whose content is code, chrome or widgets, never the article.
SKIP_TAGS = frozenset(
    {
        "aside", "button", "canvas", "footer", "form", "iframe", "map", "math", "nav",
        "noscript", "object", "script", "select", "style", "svg", "template", "textarea",
    }
)  # fmt: skip
# Void elements never get an end tag, so they must not open a skipped region.
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)

# HTML collapses ASCII whitespace only: a no-break space (French "dit :") is kept.
_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
# Words that mark an element as the site's chrome, not the article, when they make up a
# class (or a hyphenated part of one), a role, or a whole id. Ids are matched whole: they
# are often section anchors ("_navigating_around_directories" is a chapter of a manual).
_CHROME_WORDS = (
    r"nav(?:bar|igation|header|footer|links?|menu)?|menu(?:bar)?|breadcrumbs?|footer|"
    r"share(?:bar|buttons?|links?|tools)?|sharing|social|reportbug|cookies?|banner|"
    r"sidebar|skip-?links?|masthead|contentinfo|toc"
)
_CHROME_CLASS_RE = re.compile(rf"(?:^|[\s-])(?:{_CHROME_WORDS})(?:$|[\s-])", re.IGNORECASE)
_CHROME_ID_RE = re.compile(rf"^\s*(?:site-?|page-?|main-?)?(?:{_CHROME_WORDS})\s*$", re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Stands for a table cell boundary until whitespace is collapsed, then becomes a tab.
_CELL = "\x00"
# Lists nest a few levels in real pages; deeper ones share the last counter.
_MAX_LIST_DEPTH = 32


def collapse(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _is_chrome(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if not value:
            continue
        if name in ("class", "role") and _CHROME_CLASS_RE.search(value):
            return True
        if name == "id" and _CHROME_ID_RE.match(value):
            return True
    return False


BlockParts = list[tuple[str, BlockKind | None, int]]
"""Each block's raw text, its kind (None for a plain paragraph) and its level."""


class TextExtractor(HTMLParser):
    def __init__(self, keep_chrome: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: BlockParts = []
        self._pieces: list[str] = []
        self._keep_chrome = keep_chrome
        self._skip_depth = 0
        # A chrome element by class is left by counting its own tag name only.
        self._chrome_tag: str | None = None
        self._chrome_depth = 0
        self._pre_depth = 0
        self._heading = 0  # level of the open heading, 0 outside
        self._quote_depth = 0
        self._caption_depth = 0
        self._li_depth = 0
        self._lists: list[int | None] = []  # per open list: next number (ol) or None (ul)
        self._table_depth = 0
        self._row_cells = 0  # cells seen in the open row of the outermost table
        self._marker_pending = False  # a list item's bullet is all its text so far
        self._title_parts: list[str] | None = None  # set while inside the first <title>
        self._h1_parts: list[str] | None = None  # set while inside the first <h1>
        self.title: str | None = None
        self.h1: str | None = None
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None
        self.home_title: str | None = None  # <link rel="home" title="…">: the site's name

    # -- blocks -------------------------------------------------------------------------
    def _kind(self) -> tuple[BlockKind | None, int]:
        if self._row_cells:
            return "table_row", 0
        if self._heading:
            return "heading", self._heading
        if self._pre_depth:
            return "pre", 0
        if self._li_depth:
            return "list_item", 0
        if self._caption_depth:
            return "caption", 0
        if self._quote_depth:
            return "quote", 0
        return None, 0

    def _flush(self) -> None:
        text = "".join(self._pieces)
        self._pieces = []
        self._marker_pending = False
        kind, level = self._kind()
        if self._row_cells:
            # One line per row: cells joined by tabs, empty edge cells dropped.
            cells = [collapse(cell) for cell in text.split(_CELL)]
            while cells and not cells[-1]:
                cells.pop()
            while cells and not cells[0]:
                cells.pop(0)
            if cells:
                # A one-cell row is a layout table (a "Note" box), read as a paragraph.
                row_kind: BlockKind | None = kind if len(cells) > 1 else None
                self.blocks.append(("\t".join(cells), row_kind, level))
            return
        text = text.replace(_CELL, " ")
        if self._pre_depth > 0:
            # Preformatted text keeps its spaces; only the edges are trimmed.
            lines = [line.rstrip() for line in text.split("\n")]
        else:
            lines = [collapse(line) for line in text.split("\n")]
        kept: list[str] = []
        for line in lines:
            # <br><br> reads as a paragraph break: keep one blank line, never more.
            if line or (kept and kept[-1]):
                kept.append(line)
        while kept and not kept[-1]:
            kept.pop()
        if kept:
            block = "\n".join(kept)
            # A paragraph that is only a share button's words is chrome, not content.
            if not is_share_label(block):
                self.blocks.append((block, kind, level))

    # -- parser callbacks -----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            if tag not in VOID_TAGS:
                self._skip_depth += 1
            return
        if tag == "meta":
            self._meta(attrs)
            return
        if self._chrome_tag is not None:
            if tag == self._chrome_tag and tag not in VOID_TAGS:
                self._chrome_depth += 1
            return
        if self._skip_depth:
            return
        if not self._keep_chrome and tag not in VOID_TAGS and _is_chrome(attrs):
            self._flush()
            self._chrome_tag, self._chrome_depth = tag, 1
            return
        if tag == "link" and self.home_title is None:
            values = dict(attrs)
            if (values.get("rel") or "").lower() == "home" and values.get("title"):
                self.home_title = collapse(values["title"] or "") or None
        if tag == "time" and self.time_datetime is None:
            self.time_datetime = dict(attrs).get("datetime")
        if tag == "title" and self.title is None and self._title_parts is None:
            self._title_parts = []
        elif tag == "h1" and self.h1 is None and self._h1_parts is None:
            self._h1_parts = []
        if tag == "br":
            self._pieces.append("\n")
        elif self._table_depth == 1 and tag in ("td", "th"):
            # A cell of the outermost table: part of its row's line, not a block.
            if self._row_cells:
                self._pieces.append(_CELL)
            else:
                self._flush()
            self._row_cells += 1
        elif self._row_cells:
            if tag == "tr" and self._table_depth == 1:  # the previous row was not closed
                self._flush()
                self._row_cells = 0
            else:
                # A <p> or a nested table inside a cell stays on the row's line.
                self._pieces.append(" ")
                if tag == "table":
                    self._table_depth += 1
        elif tag in BLOCK_TAGS:
            # <li><p>text</p></li>: the paragraph is the item's text, after its bullet.
            if not (self._marker_pending and tag in ("p", "div")):
                self._flush()
            self._open_block(tag)

    def _open_block(self, tag: str) -> None:
        if tag == "pre":
            self._pre_depth += 1
        elif tag in _HEADINGS:
            self._heading = _HEADINGS[tag]
        elif tag == "blockquote":
            self._quote_depth += 1
        elif tag in ("figcaption", "caption"):
            self._caption_depth += 1
        elif tag == "table":
            self._table_depth += 1
        elif tag in ("ul", "ol"):
            self._lists.append(1 if tag == "ol" else None)
            del self._lists[:-_MAX_LIST_DEPTH]
        elif tag == "li":
            self._li_depth += 1
            number = self._lists[-1] if self._lists else None
            if number is None:
                self._pieces.append("• ")
            else:
                self._pieces.append(f"{number}. ")
                self._lists[-1] = number + 1
            self._marker_pending = True

    def _close_block(self, tag: str) -> None:
        if tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
        elif tag in _HEADINGS:
            self._heading = 0
        elif tag == "blockquote" and self._quote_depth:
            self._quote_depth -= 1
        elif tag in ("figcaption", "caption") and self._caption_depth:
            self._caption_depth -= 1
        elif tag == "table" and self._table_depth:
            self._table_depth -= 1
            self._row_cells = 0
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        elif tag == "li" and self._li_depth:
            self._li_depth -= 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <svg/> or <iframe/> open nothing: treat only the start side, never the skip.
        if tag in SKIP_TAGS:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._chrome_tag is not None:
            if tag == self._chrome_tag:
                self._chrome_depth -= 1
                if self._chrome_depth == 0:
                    self._chrome_tag = None
            return
        if tag in SKIP_TAGS:
            # A stray end tag for an element that is not open is ignored, as browsers do.
            if self._skip_depth:
                self._skip_depth -= 1
            return
        if self._skip_depth:
            return
        if tag == "title" and self._title_parts is not None:
            self.title = collapse("".join(self._title_parts)) or None
            self._title_parts = None
        elif tag == "h1" and self._h1_parts is not None:
            self.h1 = collapse("".join(self._h1_parts)) or None
            self._h1_parts = None
        if self._table_depth == 1 and tag in ("td", "th"):
            return  # the row goes on
        if tag == "tr" and self._table_depth == 1:
            self._flush()
            self._row_cells = 0
        elif tag == "table" and self._table_depth > 1:
            self._table_depth -= 1
            self._pieces.append(" ")
        elif self._row_cells and tag != "table":
            self._pieces.append(" ")
        elif tag in BLOCK_TAGS:
            self._flush()
            self._close_block(tag)

    def handle_data(self, data: str) -> None:
        if self._skip_depth or self._chrome_tag is not None:
            return
        if self._title_parts is not None:
            # The <title> names the page; it is not part of the article's text.
            self._title_parts.append(data)
            return
        if self._h1_parts is not None:
            self._h1_parts.append(data)
        if self._marker_pending and data.strip():
            self._marker_pending = False
        if not self._pre_depth:
            # Source newlines are plain spaces; only <br> (a bare "\n" piece) breaks a line.
            data = _SPACE_RE.sub(" ", data)
        self._pieces.append(data)

    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name") or values.get("itemprop")
        content = values.get("content")
        if key and content:
            self.meta.setdefault(key.strip().lower(), collapse(content))

    def finish(self) -> None:
        self.close()
        if self._title_parts is not None:  # unclosed <title>
            self.title = collapse("".join(self._title_parts)) or None
        if self._h1_parts is not None:  # unclosed <h1>
            self.h1 = collapse("".join(self._h1_parts)) or None
        self._flush()


def defuse(html: str) -> str:
    """Escape every ``<`` that cannot open a markup construct, in one linear pass.

    Python 3.11's HTMLParser rescans to the end of the input for each unterminated ``<a``,
    ``<?`` or ``<![CDATA[``, which is quadratic: 200,000 of them take minutes. A tag ends
    at the first ``>``, so a ``<`` followed by another ``<`` before any ``>`` is text;
    turning it into ``&lt;`` leaves the parser only constructs it can close quickly.
    """
    out: list[str] = []
    start = 0  # html[start:lt] is copied verbatim
    next_gt = -1  # cached position of the first ">" at or after the current "<"
    next_comment_end: int | None = None  # cached "-->" position; -1 once none is left
    lt = html.find("<")
    while lt != -1:
        if html.startswith("<!--", lt):
            if next_comment_end is None or (-1 < next_comment_end < lt + 4):
                next_comment_end = html.find("-->", lt + 4)
            if next_comment_end != -1:
                # A closed comment may hold any "<"; skip over it untouched.
                lt = html.find("<", next_comment_end + 3)
                continue
        if next_gt < lt and next_gt != -2:
            found = html.find(">", lt)
            next_gt = found if found != -1 else -2  # -2: no ">" anywhere after this point
        following = html.find("<", lt + 1)
        if next_gt == -2 or (following != -1 and following < next_gt):
            out.append(html[start:lt])
            out.append("&lt;")
            start = lt + 1
        lt = following
    out.append(html[start:])
    return "".join(out)


def parse_page(html: str, keep_chrome: bool) -> TextExtractor:
    parser = TextExtractor(keep_chrome)
    parser.feed(html)
    parser.finish()
    return parser
