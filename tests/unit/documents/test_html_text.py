"""html_to_text: readable blocks, dropped chrome, metadata, and bounded work on hostile input."""

from __future__ import annotations

import time

from app.core.documents.html_text import html_to_text

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
    assert content.text == "• a\n\n• b\n\nc"


def test_pre_keeps_its_spacing() -> None:
    content = html_to_text("<p>avant</p><pre>  x = 1\n    y = 2\n</pre><p>après</p>")
    assert content.text == "avant\n\n  x = 1\n    y = 2\n\naprès"


def test_malformed_html_unclosed_and_stray_tags() -> None:
    html = "<div><p>un <b>gras<p>deux</i></span></div></div></nav><li>trois"
    content = html_to_text(html)
    assert content.text == "un gras\n\ndeux\n\n• trois"


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


# -- structure ----------------------------------------------------------------------------


def shown(html: str) -> list[tuple[str, str, int]]:
    content = html_to_text(html)
    return [(b.kind, content.text[b.start : b.end], b.level) for b in content.blocks]


def test_headings_are_blocks_with_their_level() -> None:
    html = "<h1>Zoom</h1><p>La loupe.</p><h4>5.4.1. Accès à l’outil</h4><p>Par le menu.</p>"
    assert shown(html) == [("heading", "Zoom", 1), ("heading", "5.4.1. Accès à l’outil", 4)]


def test_list_items_get_bullets_or_numbers() -> None:
    html = "<ul><li>un</li><li>deux</li></ul><ol><li>premier</li><li>second</li></ol>"
    assert html_to_text(html).text == "• un\n\n• deux\n\n1. premier\n\n2. second"
    assert [kind for kind, _, _ in shown(html)] == ["list_item"] * 4


def test_a_table_row_is_one_line_with_tab_separated_cells() -> None:
    html = (
        "<table><caption>Tableau 2.1. Outils</caption>"
        "<tr><th>paquet</th><th>description</th></tr>"
        "<tr><td><p>aptitude</p></td><td>gestionnaire <b>de</b> paquets</td></tr></table>"
    )
    assert shown(html) == [
        ("caption", "Tableau 2.1. Outils", 0),
        ("table_row", "paquet\tdescription", 0),
        ("table_row", "aptitude\tgestionnaire de paquets", 0),
    ]


def test_quotes_pre_and_figcaptions_are_marked() -> None:
    html = (
        "<blockquote><p>Une citation.</p></blockquote><pre>$ ls\n</pre>"
        "<figure><img src=x><figcaption>Une photo.</figcaption></figure>"
    )
    assert shown(html) == [
        ("quote", "Une citation.", 0),
        ("pre", "$ ls", 0),
        ("caption", "Une photo.", 0),
    ]


# An excerpt of a GIMP help page (gimp-tool-zoom.html): a DocBook page whose navigation
# header and footer are tables inside classed divs.
GIMP_PAGE = """<html><head><title>5.4. Zoom</title>
<link rel="home" href="index.html" title="GNU Image Manipulation Program" />
</head><body>
<div class="navheader"><table summary="Navigation header">
<tr><th colspan="3" align="center">5.4. Zoom</th></tr>
<tr><td><a accesskey="p" href="p.html"><img src="prev.png" alt="Précédent" /></a></td>
<th width="60%" align="center">5. Autres</th></tr></table><hr /></div>
<div class="sect2"><h3 class="title">5.4. Zoom</h3>
<p>La Loupe effectue un zoom avant ou arrière sur l’image.</p></div>
<div class="navfooter"><hr /><table summary="Navigation footer">
<tr><td><a href="p.html">5.3. Pipette à couleurs</a></td>
<td><a href="n.html">5.5. Mesure</a></td></tr>
</table>
<a href="https://gitlab.gnome.org/GNOME/gimp/issues" class="reportbug">Report a bug in GIMP</a>
<a href="https://gitlab.gnome.org/GNOME/gimp-help/issues" class="reportbug">
Report a documentation error</a></div>
</body></html>"""


def test_navigation_and_footer_blocks_are_dropped() -> None:
    content = html_to_text(GIMP_PAGE)
    assert content.text == "5.4. Zoom\n\nLa Loupe effectue un zoom avant ou arrière sur l’image."
    assert content.site_name == "GNU Image Manipulation Program"


def test_chrome_by_class_id_or_role() -> None:
    html = (
        '<div id="breadcrumbs">Accueil › Monde</div><ul class="share-buttons"><li>Facebook</li>'
        '</ul><div role="navigation">Menu</div><div class="menu-principal">Rubriques</div>'
        "<p>Le texte.</p><p>Partagez</p><div class='site-footer'>Mentions légales</div>"
        '<div class="canvas-unavailable">Reste là.</div>'
    )
    assert html_to_text(html).text == "Le texte.\n\nReste là."


def test_a_page_that_is_all_chrome_keeps_its_whole_text() -> None:
    # Never lose the document: when nothing would be left, the whole page is kept.
    html = '<div class="navigation"><p>Sommaire</p><p>Chapitre 1</p></div>'
    assert html_to_text(html).text == "Sommaire\n\nChapitre 1"


def test_author_meta_is_the_source_when_no_site_name() -> None:
    html = '<head><meta name="author" content="Osamu Aoki"></head><p>Texte.</p>'
    assert html_to_text(html).site_name == "Osamu Aoki"


def test_a_nested_table_stays_inside_its_cell() -> None:
    html = (
        "<table><tr><td>a</td><td><table><tr><td>b</td><td>c</td></tr></table></td></tr>"
        "<tr><td>d<td>e</table><p>fin</p>"
    )
    assert html_to_text(html).text == "a\tb c\n\nd\te\n\nfin"


def test_a_list_item_holding_a_paragraph_keeps_its_bullet_on_its_text() -> None:
    # DocBook (the Debian reference, GIMP help) wraps every item's text in a <p>.
    html = '<ul><li class="listitem"><p>apt(8) pour tout</p></li><li><p>aptitude</p></li></ul>'
    assert shown(html) == [("list_item", "• apt(8) pour tout", 0), ("list_item", "• aptitude", 0)]


def test_a_one_cell_layout_table_reads_as_paragraphs() -> None:
    html = "<table><tr><td>Note</td></tr><tr><td>Ce chapitre suppose…</td></tr></table>"
    content = html_to_text(html)
    assert content.text == "Note\n\nCe chapitre suppose…" and content.blocks == ()


def test_a_section_whose_anchor_mentions_navigating_is_content() -> None:
    # Debian reference, chapter 9: a whole section was lost to a too eager id match.
    html = (
        '<div class="section" id="_navigating_around_directories"><h3>9.1.1. Naviguer</h3>'
        '<p>Le texte de la section.</p></div><div id="navigation">Menu</div>'
        '<div class="social-links">Suivez-nous</div>'
    )
    assert html_to_text(html).text == "9.1.1. Naviguer\n\nLe texte de la section."


def test_share_button_words_are_dropped_but_prose_about_sharing_is_kept() -> None:
    # The same test as the reading view's (structure.is_share_label), so no page keeps one.
    prose = "Il conclut : partagez-le avec vos proches, car chacun doit pouvoir lire ce texte."
    html = f"<p>Le texte.</p><p>Partager sur Facebook</p><p>Share this</p><p>{prose}</p>"
    assert html_to_text(html).text == f"Le texte.\n\n{prose}"
