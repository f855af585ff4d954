"""Main-content extraction: Carnet's own HTML parser against well-kept extractors.

Usage::

    python -m tests.bench.extract [--limit N] DIR_OR_FILE...

Each ``.html``/``.htm`` page (at most ``--limit`` per directory, spread over it) goes through
every extractor that is installed; one that is not is reported as such:

- ``carnet``: ``app.core.documents.html_text.html_to_text`` (stdlib parser, chrome dropped by
  class/id/role, the whole page kept if nothing is left);
- ``carnet-whole``: the same parser keeping everything, i.e. the page's whole text;
- ``trafilatura`` (Apache-2.0 since 1.8): ``trafilatura.extract`` with tables;
- ``readability``: readability-lxml (Apache-2.0) picks the main node, Carnet's parser
  turns that HTML into text (the design that would keep Carnet's structure);
- ``justext`` (BSD): paragraphs not classified as boilerplate, French stop list.

Measures, per extractor: mean and largest time per page (``time.perf_counter`` around
the call), words kept, *prose kept*: the share of the words of the page's ``<p>``
elements found in the output (a reference no extractor defines: prose paragraphs are the
body in these manuals), and *chrome pages*: pages whose output still holds one of the
navigation or footer strings below. Times include nothing but the call.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from app.core.documents.html_text import html_to_text
from app.core.documents.html_walk import TextExtractor, defuse, parse_page

CHROME_MARKERS = (
    "Report a bug in GIMP",
    "Report a documentation error",
    "Précédent",
    "Suivant",
    "Niveau supérieur",
    "Partagez",
)
_WORD_RE = re.compile(r"\w+")

Extractor = Callable[[str], str]


def _words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD_RE.findall(text))


class _ProseWords(HTMLParser):
    """Words inside <p> elements: the reference for 'body kept'."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def prose_words(html: str) -> Counter[str]:
    parser = _ProseWords()
    parser.feed(html)
    parser.close()
    return _words("".join(parser.parts))


def _carnet(html: str) -> str:
    return html_to_text(html).text


def _carnet_whole(html: str) -> str:
    parser: TextExtractor = parse_page(defuse(html), keep_chrome=True)
    return "\n\n".join(text for text, _kind, _level in parser.blocks)


def available_extractors() -> tuple[dict[str, Extractor], dict[str, str]]:
    """Extractors that can run here, and why the others cannot."""
    found: dict[str, Extractor] = {"carnet": _carnet, "carnet-whole": _carnet_whole}
    missing: dict[str, str] = {}
    try:
        import trafilatura  # noqa: PLC0415 - optional, measured only when installed

        def _trafilatura(html: str) -> str:
            return trafilatura.extract(html, include_tables=True, include_comments=False) or ""

        found["trafilatura"] = _trafilatura
    except ImportError as exc:
        missing["trafilatura"] = str(exc)
    try:
        from readability import Document  # noqa: PLC0415

        def _readability(html: str) -> str:
            return html_to_text(Document(html).summary(html_partial=True)).text

        found["readability"] = _readability
    except ImportError as exc:
        missing["readability"] = str(exc)
    try:
        import justext  # noqa: PLC0415

        stoplist = justext.get_stoplist("French")

        def _justext(html: str) -> str:
            paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8")
            return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

        found["justext"] = _justext
    except ImportError as exc:
        missing["justext"] = str(exc)
    return found, missing


def pages(targets: list[Path], limit: int | None) -> list[Path]:
    out: list[Path] = []
    for target in targets:
        if target.is_file():
            out.append(target)
            continue
        found = sorted(p for p in target.rglob("*") if p.suffix.lower() in (".html", ".htm"))
        # Evenly spread over the folder, so one manual's section does not stand for all.
        out += found[:: max(1, len(found) // limit)][:limit] if limit else found
    return out


def measure(files: list[Path], extractors: dict[str, Extractor]) -> list[dict[str, object]]:
    htmls = [(f, f.read_text("utf-8", errors="replace")) for f in files]
    references = [prose_words(html) for _, html in htmls]
    rows: list[dict[str, object]] = []
    for name, extract in extractors.items():
        times: list[float] = []
        kept_words = prose_total = prose_kept = chrome_pages = errors = 0
        slowest = (0.0, "")
        for (path, html), reference in zip(htmls, references, strict=True):
            start = time.perf_counter()
            try:
                text = extract(html)
            except Exception as exc:  # noqa: BLE001 - a failing extractor is a figure too
                print(f"{name}: {path.name}: {exc!r}", file=sys.stderr)
                errors += 1
                text = ""
            elapsed = (time.perf_counter() - start) * 1000
            times.append(elapsed)
            slowest = max(slowest, (elapsed, path.name))
            words = _words(text)
            kept_words += sum(words.values())
            prose_total += sum(reference.values())
            prose_kept += sum((reference & words).values())
            chrome_pages += any(marker in text for marker in CHROME_MARKERS)
        rows.append(
            {
                "extractor": name,
                "pages": len(htmls),
                "mean_ms": statistics.fmean(times) if times else 0.0,
                "max_ms": slowest[0],
                "max_page": slowest[1],
                "words": kept_words,
                "prose_kept": prose_kept / prose_total if prose_total else 1.0,
                "chrome_pages": chrome_pages,
                "errors": errors,
            }
        )
    return rows


def print_table(rows: list[dict[str, object]]) -> None:
    print(
        "| extractor | pages | ms/page | largest (ms, page) | words kept | prose kept "
        "| pages with chrome | errors |"
    )
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['extractor']} | {r['pages']} | {r['mean_ms']:.1f} "
            f"| {r['max_ms']:.0f} ({r['max_page']}) | {r['words']:,} "
            f"| {float(str(r['prose_kept'])):.1%} | {r['chrome_pages']} | {r['errors']} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.extract", description=__doc__)
    parser.add_argument("targets", nargs="+", type=Path, help="HTML files or folders")
    parser.add_argument("--limit", type=int, default=None, help="pages per folder at most")
    args = parser.parse_args(argv)
    files = pages(args.targets, args.limit)
    if not files:
        print("No .html pages found.", file=sys.stderr)
        return 1
    extractors, missing = available_extractors()
    for name, why in missing.items():
        print(f"{name}: not installed ({why})", file=sys.stderr)
    print_table(measure(files, extractors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
