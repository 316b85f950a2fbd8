"""The lean style sheets are made again only when the pages name other classes, ids or elements."""

from pathlib import Path

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

    from unsigned_peace.machinery.html.lean_assets import FirstScreen, _critical_in

    document = BeautifulSoup(page, "html.parser")
    names = {f".{name}" for element in document.find_all(class_=True) for name in element["class"]}
    return _critical_in(css, FirstScreen(document), names)


def test_the_critical_rules_are_those_the_page_at_rest_shows():
    css = """/* the theme */ .card { color: red } .card:hover { color: blue } .toast { color: green }
             html[data-theme=dark] .card::before { content: "x" } .card::-webkit-scrollbar { width: 0 }
             @media (min-width: 960px) { .card > p { margin: 0 } .toast { margin: 0 } }
             @media print { .card { color: black } } @keyframes spin { to { color: red } }"""
    kept = critical(css, '<html><body><div class="card"><p>Visits were suspended.</p></div></body></html>')
    assert kept == ('.card{color: red}html[data-theme=dark] .card::before{content: "x"}'
                    "@media (min-width: 960px){.card > p{margin: 0}}")


def test_critical_rules_keep_only_the_custom_properties_they_read():
    from unsigned_peace.machinery.html.lean_assets import _without_unread_properties

    css = "html{--a: red; --b: var(--c); --c: 1px; --unused: 0}.x{color: var(--a); margin: var(--b)}"
    kept = "html{--a: red; --b: var(--c); --c: 1px; }.x{color: var(--a); margin: var(--b)}"
    assert _without_unread_properties(css, "") == kept


def test_the_first_screen_is_the_page_less_its_article_past_the_opening():
    from unsigned_peace.machinery.html.lean_assets import FIRST_SCREEN_CHARACTERS, first_screen

    page = ('<header class="bd-header">Book</header><article class="bd-article"><h1>Title</h1>'
            + "<p class='later'>x</p>" * FIRST_SCREEN_CHARACTERS + '</article><nav class="toc"></nav>'
            '<script type="application/json">{"layout": 1}</script>')
    screen = first_screen(page)
    assert len(screen) < FIRST_SCREEN_CHARACTERS + 200
    assert screen.startswith('<header class="bd-header">') and '<nav class="toc"></nav>' in screen
    assert "layout" not in screen


def test_each_page_gets_the_critical_rules_with_addresses_from_where_it_is(tmp_path):
    from unsigned_peace.machinery.html.lean_assets import inline_critical_rules

    (tmp_path / "chapters").mkdir()
    pages = [write(tmp_path, "index.html", "<head><style data-up-critical></style></head>"),
             write(tmp_path, "chapters/a.html", "<head><style data-up-critical>old</style></head>")]
    inline_critical_rules(tmp_path, pages, "@font-face{src: url(_static/a.woff2)}")
    head = "<head><style data-up-critical>@font-face{{src: url({}_static/a.woff2)}}</style></head>"
    assert pages[0].read_text() == head.format("") and pages[1].read_text() == head.format("../")


def test_the_critical_rules_are_made_again_only_when_the_markup_changes_shape():
    from unsigned_peace.machinery.html.lean_assets import markup_shape

    page = '<p class="note" id="a" title="{}">Visits were {}.</p>'
    assert markup_shape(page.format("1", "suspended")) == markup_shape(page.format("2", "ended")) \
        == '<p class="note" id="a"></p>'


def test_an_unread_custom_property_goes_and_a_read_one_stays_whole_with_a_data_address_in_quotes():
    from unsigned_peace.machinery.html.lean_assets import _without_unread_properties

    icon = """url("data:image/svg+xml;charset=utf-8,%3Csvg viewBox='0 0 30 30'%3E%3C/svg%3E")"""
    css = f".a{{--icon:{icon};--unused:1px;background:var(--icon)}}"
    assert _without_unread_properties(css, "") == f".a{{--icon:{icon};background:var(--icon)}}"
