"""The web book's editions side by side: each page links to itself in the other languages, and the book's
scripts speak the edition's language.

Once a translated edition is published (`PUBLISHED_EDITIONS`), every page of every edition carries:
- a language switcher in the article's header (templates/up-languages.html): a list of plain links, one per
  edition, each named in its own language and marked with its `lang` and `hreflang`, the current one with
  `aria-current`; plain relative links, so it works from a folder opened with no server and with scripts off;
- in its head, when the book says where it is published (`html_baseurl`), `<link rel="alternate" hreflang>`
  to the same page in every edition at that address, and `x-default` to the English one. Those links are for
  search engines, which read only absolute addresses (Lighthouse marks relative ones invalid); a book read
  from a folder or an intranet has no such address, and its readers have the switcher.
While none is published, pages are as they were: no switcher, no links.

The book's scripts read their words through `upText("...")`; a translated edition writes their translations
into `_static/unsigned-peace-texts.js` (`window.upTexts`, a script file, which a page opened from a folder can
load where it could not fetch a JSON file), loaded before them on the pages that use them.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from unsigned_peace.escape import script_json
from unsigned_peace.language import SOURCE_LANGUAGE
from unsigned_peace.machinery.content.filters import FILTER_MARKER
from unsigned_peace.machinery.content.translation import edition_language, texts_of
from unsigned_peace.machinery.html.assets import CHART_MARKER
from unsigned_peace.machinery.shared.editions import is_website
from unsigned_peace.machinery.shared.interface import N_, translations
from unsigned_peace.machinery.shared.translations import (
    INTERFACE_DOMAIN,
    catalog_path,
    edition_href,
    language_name,
)

SWITCHER = "up-languages.html"
TEXTS_SCRIPT = "unsigned-peace-texts.js"
SWITCHER_LABEL = N_("Language")
# The theme's default article header (sphinx-book-theme): its buttons.
HEADER_END = ["article-header-buttons.html"]


def editions_of(config: Config) -> list[str]:
    """Every edition a page links to, English first; none while no translation is published."""
    published = list(config.unsigned_peace_editions or [])
    return [SOURCE_LANGUAGE, *published] if published else []


def use_language_switcher(app: Sphinx, config: Config) -> None:
    """The switcher in the article's header, before the theme's buttons, once an edition is published."""
    if not editions_of(config):
        return
    options = dict(config.html_theme_options or {})
    header = list(options.get("article_header_end") or HEADER_END)
    if SWITCHER not in header:
        options["article_header_end"] = [SWITCHER, *header]
    config.html_theme_options = options


def add_edition_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    languages = editions_of(app.config)
    if not languages or not is_website(app.builder):
        return
    here = edition_language(app.config)
    page = app.builder.get_target_uri(pagename)
    base = (app.config.html_baseurl or "").rstrip("/")
    editions, alternates = [], []
    for language in languages:
        editions.append({"language": language, "name": language_name(language),
                         "href": edition_href(page, here, language), "current": language == here})
        if base:
            alternates.append({"language": language,
                               "href": f"{base}/{'' if language == SOURCE_LANGUAGE else language + '/'}{page}"})
    context["up_editions"] = editions
    context["up_alternates"] = alternates
    context["up_languages_label"] = texts_of(app)(SWITCHER_LABEL)


def texts_for_scripts(app: Sphinx) -> dict[str, str]:
    """The translations of the scripts' words (the interface's messages found in the book's .js files)."""
    return translations(catalog_path(Path(app.srcdir), edition_language(app.config), INTERFACE_DOMAIN), suffix=".js")


def add_texts_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Before the book's scripts run on a page of a translated edition, their words in its language."""
    if edition_language(app.config) == SOURCE_LANGUAGE or not is_website(app.builder):
        return
    body = context.get("body", "")
    if CHART_MARKER in body or FILTER_MARKER in body:
        app.add_js_file(TEXTS_SCRIPT, loading_method="defer", priority=400)


def write_texts_script(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or edition_language(app.config) == SOURCE_LANGUAGE or not is_website(app.builder):
        return
    target = Path(app.outdir) / "_static" / TEXTS_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    text = ("// The book's scripts' words in this edition's language (unsigned_peace/machinery/html/translations.py).\n"
            f"window.upTexts = {script_json(texts_for_scripts(app))};\n")
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
