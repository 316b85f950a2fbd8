"""The lean style sheets are made again only when the pages name other classes, ids or elements."""

from pathlib import Path

import pytest

from unsigned_peace.machinery.html.lean_assets import used_words


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_new_text_on_a_page_keeps_the_words_that_selectors_could_name(tmp_path):
    sheet = write(tmp_path, "theme.css", ".card { color: red } #note, table td.wide { margin: 0 }")
    before = used_words([write(tmp_path, "a.html", '<div class="card">Visits were suspended.</div>')], [sheet])
    after = used_words([write(tmp_path, "a.html", '<div class="card">Visits were ended in 2022.</div>')], [sheet])
    assert before == after == "card"


def test_a_page_that_names_another_class_or_element_changes_them(tmp_path):
    sheet = write(tmp_path, "theme.css", ".card { color: red } table td.wide { margin: 0 }")
    plain = used_words([write(tmp_path, "a.html", '<div class="card">x</div>')], [sheet])
    widened = used_words([write(tmp_path, "a.html", '<div class="card wide"><table><td>x</td></table></div>')],
                         [sheet])
    assert plain != widened and set(widened.split()) == {"card", "wide", "table", "td"}


def critical(css: str, page: str) -> str:
    from bs4 import BeautifulSoup

    from unsigned_peace.machinery.html.lean_assets import PageElements, _critical_in

    document = BeautifulSoup(page, "html.parser")
    names = {f".{name}" for element in document.find_all(class_=True) for name in element["class"]}
    return _critical_in(css, PageElements(document), names)


def test_the_critical_rules_are_those_the_page_at_rest_shows():
    css = """/* the theme */ .card { color: red } .card:hover { color: blue } .toast { color: green }
             html[data-theme=dark] .card::before { content: "x" } .card::-webkit-scrollbar { width: 0 }
             @media (min-width: 960px) { .card > p { margin: 0 } .toast { margin: 0 } }
             @media print { .card { color: black } } @keyframes spin { to { color: red } }"""
    kept = critical(css, '<html><body><div class="card"><p>Visits were suspended.</p></div></body></html>')
    assert kept == ('.card{color: red}html[data-theme=dark] .card::before{content: "x"}'
                    "@media (min-width: 960px){.card > p{margin: 0}}")


def test_a_tables_rows_are_matched_inside_the_body_a_browser_gives_them():
    from bs4 import BeautifulSoup

    from unsigned_peace.machinery.html.lean_assets import _with_table_bodies

    document = BeautifulSoup('<table class="indextable"><tr><td><ul><li>a</li></ul></td></tr></table>', "html.parser")
    _with_table_bodies(document)
    assert document.select_one("table.indextable > tbody > tr > td > ul") is not None


def test_a_class_named_only_inside_not_need_not_be_on_the_page():
    css = "kbd:not(.compound) { border: 1px solid } .absent kbd { margin: 0 } kbd:is(.absent) { margin: 1px }"
    assert critical(css, '<span class="search"><kbd class="modifier">Ctrl</kbd></span>') == \
        "kbd:not(.compound){border: 1px solid}"


def test_a_transition_a_browser_drops_for_its_quoted_time_is_left_out_of_the_critical_rules(tmp_path):
    from unsigned_peace.machinery.html.lean_assets import _critical_for

    (tmp_path / "_static").mkdir()
    sheet = write(tmp_path, "_static/theme.css",
                  '.item:not(.squeeze){transition:opacity .4s linear,visibility 0s linear "0s"}'
                  '.label:not(.squeeze){color:red;transition:visibility 0s linear "0s";margin:0}'
                  ".item{transition:opacity .4s linear}")
    page = '<div class="item"></div><p class="label"></p>'
    assert _critical_for(tmp_path, [sheet], page) == \
        ".label:not(.squeeze){color:red;margin:0}.item{transition:opacity .4s linear}"


def test_critical_rules_keep_only_the_custom_properties_they_read():
    from unsigned_peace.machinery.html.lean_assets import _without_unread_properties

    css = "html{--a: red; --b: var(--c); --c: 1px; --unused: 0}.x{color: var(--a); margin: var(--b)}"
    kept = "html{--a: red; --b: var(--c); --c: 1px; }.x{color: var(--a); margin: var(--b)}"
    assert _without_unread_properties(css, "") == kept


def test_the_markup_matched_is_the_whole_page_less_its_scripts_text():
    from unsigned_peace.machinery.html.lean_assets import without_script_text

    page = ('<header class="bd-header">Book</header><article class="bd-article"><h1>Title</h1>'
            + "<p class='later'>x</p>" * 5000 + '</article><nav class="toc"></nav>'
            '<script type="application/json">{"layout": 1}</script>')
    shown = without_script_text(page)
    assert shown.count("<p class='later'>x</p>") == 5000 and '<nav class="toc"></nav>' in shown
    assert "layout" not in shown and shown.endswith('<script type="application/json"></script>')


def test_rules_for_the_end_of_a_long_page_are_critical_too():
    """A rule that only the last element of a long chapter uses is among the critical rules: without it that
    element would be laid out one way before the sheets arrive and another way after."""
    css = ".intro { margin: 0 } .sources { font-size: 0.85em } .unused { margin: 1px }"
    page = '<article><p class="intro">x</p>' + "<p>text</p>" * 3000 + '<p class="sources">y</p></article>'
    assert critical(css, page) == ".intro{margin: 0}.sources{font-size: 0.85em}"


def test_each_page_gets_its_critical_rules_with_addresses_from_where_it_is(tmp_path):
    from unsigned_peace.machinery.html.lean_assets import inline_critical_rules

    (tmp_path / "chapters").mkdir()
    pages = [write(tmp_path, "index.html", "<head><style data-up-critical></style></head>"),
             write(tmp_path, "chapters/a.html", "<head><style data-up-critical>old</style></head>")]
    inline_critical_rules(tmp_path, {pages[0]: "@font-face{src: url(_static/a.woff2)}",
                                     pages[1]: ".a{background: url(_static/b.png)}"})
    assert pages[0].read_text() == "<head><style data-up-critical>@font-face{src: url(_static/a.woff2)}</style></head>"
    assert pages[1].read_text() == "<head><style data-up-critical>.a{background: url(../_static/b.png)}</style></head>"


def test_a_page_gets_the_rules_it_uses_and_not_those_only_another_page_uses(tmp_path, monkeypatch):
    from unsigned_peace.machinery.html import lean_assets

    monkeypatch.setattr(lean_assets, "purge_available", lambda: True)
    (tmp_path / "_static").mkdir()
    write(tmp_path, "_static/book.css", ".chart { margin: 0 } .entry { margin: 1px } .page { margin: 2px }")
    head = '<head><link rel="stylesheet" href="_static/book.css"><style data-up-critical></style></head>'
    chapter = write(tmp_path, "chapter.html", f'{head}<body class="page"><div class="chart"></div></body>')
    references = write(tmp_path, "references.html", f'{head}<body class="page"><p class="entry"></p></body>')
    cache = tmp_path / "cache"
    made = lean_assets.critical_rules(tmp_path, [chapter, references], cache)
    assert made == {chapter: ".chart{margin: 0}.page{margin: 2px}", references: ".entry{margin: 1px}.page{margin: 2px}"}
    # A row of text added changes no kind of element: the rules come from the cache, nothing is matched.
    chapter.write_text(chapter.read_text().replace("</body>", '<div class="chart">More.</div></body>'))
    monkeypatch.setattr(lean_assets, "_critical_for", lambda *args: pytest.fail("matched again"))
    assert lean_assets.critical_rules(tmp_path, [chapter, references], cache) == made


def test_the_critical_rules_are_made_again_only_when_the_kinds_of_element_change():
    from unsigned_peace.machinery.html.lean_assets import markup_kinds

    row = '<tr class="row"><td class="up-date" title="{}">{}</td></tr>'
    table = "<table>{}</table>"
    two_rows = table.format(row.format("1", "1956") + row.format("2", "1993"))
    three_rows = table.format(row.format("1", "1956") + row.format("2", "1993") + row.format("3", "2001"))
    assert markup_kinds(two_rows) == markup_kinds(three_rows)
    assert markup_kinds(two_rows) != markup_kinds(two_rows.replace('class="row"', 'class="row wide"'))


def test_of_alike_siblings_the_first_two_and_last_two_stay_and_odd_even_first_and_last_are_still_told_apart():
    from bs4 import BeautifulSoup

    from unsigned_peace.machinery.html.lean_assets import PageElements, _critical_in, _drop_repeats

    rows = "".join(f'<tr><td class="n">{number}</td></tr>' for number in range(40))
    page = f'<table><tr class="head"><th>n</th></tr>{rows}</table><p class="note">a</p><p class="note">b</p>'
    css = ("tr:nth-child(odd) td { color: red } tr:nth-child(even) td { color: blue } tr:last-child td { margin: 0 }"
           " tr:nth-child(12) td { margin: 1px } .note + .note { margin: 0 }")
    document = BeautifulSoup(page, "html.parser")
    _drop_repeats(document)
    assert [td.text for td in document.select("td")] == ["0", "1", "38", "39"]
    assert len(document.select("p.note")) == 2
    kept = _critical_in(css, PageElements(document), {".n", ".head", ".note"})
    # A rule for one row in the middle of a run is lost: that row is then laid out again when the sheets
    # arrive, as every row was before the critical rules covered whole pages.
    assert kept == ("tr:nth-child(odd) td{color: red}tr:nth-child(even) td{color: blue}"
                    "tr:last-child td{margin: 0}.note + .note{margin: 0}")


def test_a_selector_is_asked_of_the_elements_it_could_match_and_answers_as_on_every_element():
    from bs4 import BeautifulSoup

    from unsigned_peace.machinery.html.lean_assets import PageElements

    page = ('<div class="admonition"><p class="admonition-title">Note</p><p>a</p></div>'
            + '<section><p class="lead">x</p><ul><li><p>y</p></li></ul></section>' * 50
            + '<ol><li><p>first</p></li></ol><h2 class="up">t</h2><span>s</span>')
    document = BeautifulSoup(page, "html.parser")
    elements = PageElements(document)
    selectors = [".admonition p.admonition-title ~ *", ".admonition-title + p", ".admonition > :last-child",
                 "section .lead", "ul p", "ol li > p:first-child", ".up ~ span", ".up + p", ".lead ~ span",
                 "section ul li p.lead", ":not(li) > ol > li:first-child > :first-child", "h2.up ~ *", "* ~ ol"]
    for selector in selectors:
        assert elements.matched(selector) == (document.select_one(selector) is not None), selector
def test_an_unread_custom_property_goes_and_a_read_one_stays_whole_with_a_data_address_in_quotes():
    from unsigned_peace.machinery.html.lean_assets import _without_unread_properties

    icon = """url("data:image/svg+xml;charset=utf-8,%3Csvg viewBox='0 0 30 30'%3E%3C/svg%3E")"""
    css = f".a{{--icon:{icon};--unused:1px;background:var(--icon)}}"
    assert _without_unread_properties(css, "") == f".a{{--icon:{icon};background:var(--icon)}}"


def test_each_icons_box_is_as_wide_as_its_glyph_in_every_theme_font_that_draws_it():
    """An icon's box keeps its glyph's width while the font is still on its way: sized by a fallback glyph,
    the header's buttons grew when the font came and the header's row moved."""
    import re

    import pydata_sphinx_theme
    from fontTools.ttLib import TTFont

    from unsigned_peace.machinery.html.lean_assets import OWN_SHEETS

    assert "icons.css" in OWN_SHEETS
    icons = (Path(__file__).parents[1] / "unsigned_peace/machinery/html/static/icons.css").read_text(encoding="utf-8")
    drawn = re.findall(r"\.(fa-[a-z-]+) \{([^}]*)\} \.\1::before \{ content: \"\\(f[0-9a-f]{3})\"; \}", icons)
    assert drawn and len(drawn) == icons.count("content:")
    fonts = [TTFont(path) for path in sorted(Path(pydata_sphinx_theme.__file__).parent.rglob("fa-*.woff2"))]
    assert fonts
    for name, rest, code in drawn:
        width = re.fullmatch(r" width: ([0-9.]+)em; ", rest)
        assert width, f"{name} gives no width"
        widths = {font["hmtx"][font.getBestCmap()[int(code, 16)]][0] / font["head"].unitsPerEm
                  for font in fonts if int(code, 16) in font.getBestCmap()}
        assert widths == {float(width[1])}, name
