"""A translated edition's pages: what is extracted for translators, what is translated, and how an edition
links to the others (content/translation.py, content/inline_values.py, html/translations.py).
"""

import re
from pathlib import Path

import nbformat
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from test_inline_values import CLAIMS_TOTAL, POPULATION, glued
from tiny_projects import add_transform, notebook, tiny_build

from unsigned_peace.machinery.content import translation
from unsigned_peace.machinery.content.inline_values import eval_role
from unsigned_peace.machinery.html import translations as html_translations
from unsigned_peace.machinery.wiring import extension
from unsigned_peace.machinery.wiring.theme import TEMPLATES

PROSE = "There are {eval}`claims_total` claims; Kunashir has {eval}`f\"{population['kunashir']:,}\"` people."
CAPTION = "The claims, one row each."


def chapter(prose: str = PROSE) -> nbformat.NotebookNode:
    """A chapter whose code glues two values and shows a table under a figure caption, then prose."""
    code = nbformat.v4.new_code_cell("glue(...)", outputs=[
        glued("claims_total", CLAIMS_TOTAL),
        *(glued(f"population['{island}']", people) for island, people in POPULATION.items()),
    ])
    table = nbformat.v4.new_code_cell("Table(...)", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/markdown": "| Claim | Verdict |\n| --- | --- |\n| Output row words | accurate |\n",
                              "text/plain": "<Table>"})])
    table.metadata["mystnb"] = {"figure": {"caption": CAPTION, "name": "fig-claims"}}
    return notebook(nbformat.v4.new_markdown_cell("# Counts"), code, table, nbformat.v4.new_markdown_cell(prose))


def write_catalog(folder: Path, language: str, domain: str, translations: dict[str, str], fuzzy=()) -> None:
    catalog = Catalog(locale=language)
    for message, translated in translations.items():
        catalog.add(message, translated, flags=("fuzzy",) if message in fuzzy else ())
    path = folder / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def edition_setup(language: str, catalogs: dict[str, dict[str, str]], published=(), fuzzy=()):
    """The units a translated edition's pages need, with the page catalogs written into the tiny project."""
    def setup(app) -> None:
        for domain, translations in catalogs.items():
            write_catalog(Path(app.srcdir), language, domain, translations, fuzzy)
        app.add_role("eval", eval_role, override=True)
        add_transform(app, translation.OutputsUntranslated)
        app.add_config_value("unsigned_peace_editions", [], "html")
        app.config.unsigned_peace_editions = list(published)
        connect(app, translation.check_translated)
    return setup


def build_edition(tmp_path, language: str, catalogs: dict, pages=None, **options):
    pages = pages or {"index": chapter()}
    return tiny_build(tmp_path, pages, edition_setup(language, catalogs, **options), extensions=("myst_nb",),
                      nb_execution_mode="off", nb_render_markdown_format="myst", language=language,
                      locale_dirs=["locale"], gettext_compact=False)


def page_text(built, name: str = "index") -> str:
    # Spaces folded, but not the no-break space a Russian number is grouped with.
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", "", built.output(f"{name}.html")))


def test_the_catalog_has_the_prose_and_the_captions_but_no_notebook_output(tmp_path):
    built = tiny_build(tmp_path, {"index": chapter()},
                       lambda app: add_transform(app, translation.OutputsUntranslated),
                       builder="gettext", extensions=("myst_nb",), nb_execution_mode="off", gettext_compact=False)
    with (built.outdir / "index.pot").open("rb") as handle:
        messages = {message.id for message in read_po(handle) if message.id}
    # The prose as written (its inline values as the translator sees them), the heading and the caption.
    assert messages == {"Counts", PROSE, CAPTION}


RU_PROSE = "Претензий {eval}`claims_total`; на Кунашире {eval}`f\"{population['kunashir']:,}\"` жителей."


@pytest.mark.parametrize(("language", "prose", "expected"), [
    ("ru", RU_PROSE, f"Претензий {CLAIMS_TOTAL}; на Кунашире 8\u00a0600 жителей."),
    ("ja", "主張は{eval}`claims_total`件、国後島の人口は{eval}`f\"{population['kunashir']:,}\"`人。",
     f"主張は{CLAIMS_TOTAL}件、国後島の人口は8,600人。"),
])
def test_a_translated_paragraph_shows_the_glued_values_written_as_its_language_writes_numbers(
        tmp_path, language, prose, expected):
    built = build_edition(tmp_path, language, {"index": {PROSE: prose, "Counts": "Counts (translated)",
                                                         CAPTION: "Caption (translated)"}})
    assert built.warnings == ""
    text = page_text(built)
    assert expected in text
    assert "Kunashir has" not in text and "Caption (translated)" in text
    # The notebook's output is the kernel's, whatever the catalog says.
    assert "Output row words" in text


def test_a_published_edition_names_every_message_it_leaves_in_english(tmp_path):
    heading_only = {"Counts": "Счёт", PROSE: RU_PROSE}
    built = build_edition(tmp_path, "ru", {"index": heading_only}, fuzzy={PROSE}, published=["ru"])
    lines = [line for line in built.warnings.splitlines() if "WARNING" in line]
    assert len(lines) == 2, built.warnings
    fuzzy, missing = sorted(lines, key=lambda line: "There are" not in line)
    assert "locale/ru/LC_MESSAGES/index.po" in fuzzy and '"There are {eval}`claims_total` claims' in fuzzy
    assert "has no translation (missing, empty or fuzzy)" in fuzzy and "python -m unsigned_peace catalogs" in fuzzy
    assert f'"{CAPTION}"' in missing


def test_a_draft_edition_leaves_untranslated_messages_in_english_without_a_warning(tmp_path):
    built = build_edition(tmp_path, "ru", {"index": {"Counts": "Счёт"}})
    assert built.warnings == ""
    assert "Счёт" in page_text(built) and "There are 23 claims" in page_text(built)


def test_a_published_edition_without_a_page_catalog_says_so(tmp_path):
    built = build_edition(tmp_path, "ja", {}, pages={"index": "# Book\n\nSome words to translate.\n"},
                          published=["ja"])
    assert "locale/ja/LC_MESSAGES/index.po: no catalog for this page" in built.warnings


def connect(app, handler) -> None:
    """Connect a handler as the book's extension does, with the priority its table gives it."""
    on = next(on for on in extension.HANDLERS if on.handler is handler)
    app.connect(on.event, on.handler, priority=on.priority)


def switcher_setup(language: str):
    def setup(app) -> None:
        app.add_config_value("unsigned_peace_editions", [], "html")
        app.config.unsigned_peace_editions = ["ja", "ru"]
        connect(app, html_translations.add_edition_links)
    return setup


def switcher_build(tmp_path, language: str, **conf):
    return tiny_build(tmp_path, {"index": "# Book\n\n```{toctree}\nchapters/one\n```\n",
                                 "chapters/one": "# One\n\nA chapter.\n"},
                      switcher_setup(language), extensions=("myst_nb",), language=language,
                      html_theme="sphinx_book_theme",
                      templates_path=[str(TEMPLATES)],
                      html_theme_options={"article_header_end": ["up-languages.html", "article-header-buttons.html"]},
                      **conf)


ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>')


def test_every_page_links_to_itself_in_each_edition_with_its_language_and_a_default(tmp_path):
    built = switcher_build(tmp_path, "ja", html_baseurl="https://example.org/book/")
    page = built.output("chapters/one.html")
    assert re.search(r'<html lang="ja"', page)
    assert ALTERNATE.findall(page) == [
        ("en", "https://example.org/book/chapters/one.html"), ("x-default", "https://example.org/book/chapters/one.html"),
        ("ja", "https://example.org/book/ja/chapters/one.html"), ("ru", "https://example.org/book/ru/chapters/one.html")]
    switcher = re.search(r'<nav class="up-languages" aria-label="([^"]+)">(.*?)</nav>', page, re.S)
    assert switcher and switcher[1] == "Language"
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)"( aria-current="page")?>([^<]+)</a>',
                       switcher[2])
    assert links == [("../../chapters/one.html", "en", "en", "", "English"),
                     ("one.html", "ja", "ja", ' aria-current="page"', "日本語"),
                     ("../../ru/chapters/one.html", "ru", "ru", "", "Русский")]


def test_the_english_root_page_links_down_into_the_editions_folders(tmp_path):
    page = switcher_build(tmp_path, "en").output("index.html")
    switcher = re.search(r'<nav class="up-languages" aria-label="[^"]+">(.*?)</nav>', page, re.S)
    assert re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', switcher[1]) == [
        ("index.html", "en"), ("ja/index.html", "ja"), ("ru/index.html", "ru")]


def test_without_a_published_address_a_page_names_its_editions_for_readers_but_not_for_search_engines(tmp_path):
    """Search engines read only absolute alternates; a book read from a folder has no address to give them."""
    page = switcher_build(tmp_path, "ja").output("chapters/one.html")
    assert ALTERNATE.findall(page) == [] and 'rel="alternate"' not in page
    assert '<a href="../../ru/chapters/one.html" hreflang="ru" lang="ru">' in page


def test_without_a_published_edition_a_page_has_no_switcher_and_no_alternates(tmp_path):
    def setup(app) -> None:
        app.add_config_value("unsigned_peace_editions", [], "html")
        connect(app, html_translations.add_edition_links)

    built = tiny_build(tmp_path, {"index": "# Book\n"}, setup, extensions=("myst_nb",), html_theme="sphinx_book_theme",
                       templates_path=[str(TEMPLATES)])
    page = built.output("index.html")
    assert "up-languages" not in page and 'rel="alternate"' not in page
