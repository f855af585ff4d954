"""html_to_text: readable blocks, dropped chrome, metadata, and bounded work on hostile input."""

from __future__ import annotations

import time

from app.core.html_text import html_to_text, iso_date

ARTICLE = """<!DOCTYPE html>
<html><head>
<title>Le message de Blinken | Le Blogue</title>
<meta property="og:site_name" content="Le Blogue">
<meta property="article:published_time" content="2023-03-02T10:39:00+01:00">
<style>p { color: red }</style>
<script>var x = "<p>pas du texte</p>";</script>
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article>
<h1>Le message   de Blinken</h1>
<p>Premier   paragraphe,
sur deux lignes.</p>
<p>Second <b>paragraphe</b> avec <a href="#">un lien</a>.</p>
<button>Partagez</button>
</article>
<footer>© Le Blogue 2023</footer>
</body></html>
"""


def test_paragraphs_and_headings_are_separate_blocks() -> None:
    content = html_to_text(ARTICLE)
    assert content.text == (
        "Le message de Blinken\n\n"
        "Premier paragraphe, sur deux lignes.\n\n"
        "Second paragraphe avec un lien."
    )


def test_metadata_from_head() -> None:
    content = html_to_text(ARTICLE)
    assert content.title == "Le message de Blinken"
    assert content.site_name == "Le Blogue"
    assert content.date == "2023-03-02"


def test_script_style_and_chrome_are_dropped() -> None:
    html = (
        "<p>garde</p><script>alert('non')</script><style>.x{}</style>"
        "<noscript>active JS</noscript><template><p>modèle</p></template>"
        "<svg><title>icône</title><text>svg</text></svg><iframe>cadre</iframe>"
        "<nav>menu</nav><aside>à lire aussi</aside><form>champ<button>OK</button></form>"
        "<footer>pied</footer><p>aussi</p>"
    )
    content = html_to_text(html)
    assert content.text == "garde\n\naussi"
    assert content.title is None  # the <title> of an <svg> is not the page's


def test_entities_are_decoded() -> None:
    content = html_to_text("<p>L&rsquo;&eacute;t&eacute; &amp; l&#8217;hiver &#233; &lt;b&gt;</p>")
    assert content.text == "L’été & l’hiver é <b>"


def test_br_is_a_line_break_and_double_br_a_blank_line() -> None:
    content = html_to_text("<p>un<br>deux<br/><br/>trois</p>")
    assert content.text == "un\ndeux\n\ntrois"


def test_lists_and_table_rows_are_blocks() -> None:
    content = html_to_text("<ul><li>a</li><li>b</li></ul><table><tr><td>c</td></tr></table>")
    assert content.text == "a\n\nb\n\nc"


def test_pre_keeps_its_spacing() -> None:
    content = html_to_text("<p>avant</p><pre>  x = 1\n    y = 2\n</pre><p>après</p>")
    assert content.text == "avant\n\n  x = 1\n    y = 2\n\naprès"


def test_malformed_html_unclosed_and_stray_tags() -> None:
    html = "<div><p>un <b>gras<p>deux</i></span></div></div></nav><li>trois"
    content = html_to_text(html)
    assert content.text == "un gras\n\ndeux\n\ntrois"


def test_unclosed_script_swallows_only_its_own_content() -> None:
    assert html_to_text("<p>texte</p><script>var a = 1;").text == "texte"


def test_lone_angle_brackets_are_text() -> None:
    assert html_to_text("<p>a < b et c > d</p>").text == "a < b et c > d"


def test_title_suffix_matching_site_name_is_removed() -> None:
    html = (
        '<head><meta property="og:site_name" content="watson">'
        "<title>Blinken et Lavrov se sont téléphoné - watson</title></head><p>x</p>"
    )
    assert html_to_text(html).title == "Blinken et Lavrov se sont téléphoné"


def test_title_suffix_is_kept_when_it_is_not_the_site() -> None:
    html = "<title>Guerre - la suite</title><p>x</p>"
    assert html_to_text(html).title == "Guerre - la suite"


def test_h1_is_preferred_when_the_title_adds_the_site() -> None:
    html = "<title>Vrai titre · Rubrique · Journal</title><h1>Vrai titre</h1><p>x</p>"
    assert html_to_text(html).title == "Vrai titre"


def test_h1_alone_gives_the_title_and_a_logo_h1_does_not() -> None:
    assert html_to_text("<h1>Seul titre</h1><p>x</p>").title == "Seul titre"
    html = (
        '<meta name="application-name" content="Journal"><h1>Journal</h1>'
        "<title>Le vrai titre | Journal</title><p>x</p>"
    )
    content = html_to_text(html)
    assert content.site_name == "Journal"
    assert content.title == "Le vrai titre"


def test_time_element_gives_the_date() -> None:
    html = '<p>Publié <time datetime="2022-07-31T08:00">dimanche</time></p>'
    assert html_to_text(html).date == "2022-07-31"


def test_invalid_dates_are_ignored() -> None:
    html = '<meta property="article:published_time" content="2022-02-30"><p>x</p>'
    assert html_to_text(html).date is None
    assert iso_date("pas une date") is None
    assert iso_date("2024-02-29T00:00Z") == "2024-02-29"


def test_no_metadata_gives_none() -> None:
    content = html_to_text("<p>texte</p>")
    assert (content.title, content.site_name, content.date) == (None, None, None)


def test_deep_nesting_finishes_quickly() -> None:
    depth = 10_000
    html = "<div><span>" * depth + "fond" + "</span></div>" * depth
    start = time.perf_counter()
    content = html_to_text(html)
    assert time.perf_counter() - start < 3
    assert content.text == "fond"


def test_deep_unclosed_nesting_finishes_quickly() -> None:
    start = time.perf_counter()
    content = html_to_text("<blockquote><p>" * 10_000 + "fond")
    assert time.perf_counter() - start < 3
    assert content.text == "fond"


def test_a_million_entities_finish_quickly() -> None:
    start = time.perf_counter()
    content = html_to_text("<p>" + "&eacute;" * 1_000_000 + "</p>")
    assert time.perf_counter() - start < 5
    assert content.text == "é" * 1_000_000


def test_unterminated_tags_do_not_go_quadratic() -> None:
    # The stdlib parser rescans to the end for each of these without the linear pre-pass.
    for hostile in ("<a" * 100_000, "<?" * 100_000, "<![CDATA[" * 50_000, "</b" * 100_000):
        start = time.perf_counter()
        content = html_to_text("<p>début</p>" + hostile)
        assert time.perf_counter() - start < 3, hostile[:10]
        assert content.text.startswith("début")


def test_comments_are_dropped_even_with_markup_inside() -> None:
    assert html_to_text("<p>a</p><!-- <p>caché</p> --><p>b</p>").text == "a\n\nb"


def test_no_break_spaces_are_kept() -> None:
    assert (
        html_to_text("<p>Il a dit&nbsp;: «\xa0oui\xa0»</p>").text == "Il a dit\xa0: «\xa0oui\xa0»"
    )
