"""What a translated edition needs of every page as it is read (Sphinx's gettext and its Locale transform).

- Notebook outputs are not translated: they are made in the edition's language when its notebooks run (the
  domain writes them, from `UNSIGNED_PEACE_LANGUAGE`), so no message of theirs is extracted into the pages'
  catalogs, nor replaced by a translation. A figure's caption, written in the notebook beside its code, is
  the page's own text: it stays translatable.
- Inline values (`{eval}`) resolve in a translated paragraph as in the English one. Sphinx parses a
  translation in a document of its own, without the notebook's glued values (myst-nb keeps them with the
  page's renderer, and only while the page is parsed); the `{eval}` role keeps the renderer for the page
  being read and finds it there when it meets a translated paragraph (content/inline_values.py).
- A published edition's page with a message its catalog does not translate (missing, empty or fuzzy) is a
  warning, which fails the book's build (`-W`): no English left where a translation should be.
- The edition's language reaches the domain, as the contract between them says, through
  `UNSIGNED_PEACE_LANGUAGE`: set for the build's own process from the configuration's `language` (what the
  domain writes while Sphinx runs, dates for instance) and for the notebooks' kernels (steps/execution.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx import addnodes, locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from unsigned_peace.cache_keys import inputs_digest
from unsigned_peace.escape import clipped
from unsigned_peace.language import LANGUAGE_ENV, LANGUAGES, SOURCE_LANGUAGE
from unsigned_peace.machinery.shared.interface import Texts, interface_texts
from unsigned_peace.machinery.shared.translations import INTERFACE_DOMAIN, catalog_path, published_editions

logger = logging.getLogger(__name__)

OUTPUT = "cell_code_output"  # myst-nb's `nb_element` of a code cell's outputs
# Where the page's glued values wait for a translated paragraph's {eval}: Sphinx's temporary data of the page
# being read (content/inline_values.py).
PAGE_RENDERER = "unsigned_peace_nb_renderer"


def edition_language(config: Config) -> str:
    return config.language if config.language in LANGUAGES else SOURCE_LANGUAGE


def set_edition_language(app: Sphinx, config: Config) -> None:
    """The edition's language for the domain, and the editions the pages link to.

    Every build says its language (English included), so that a variable left in the shell cannot make an
    English build's notebooks write Japanese.
    """
    os.environ[LANGUAGE_ENV] = edition_language(config)
    config.unsigned_peace_editions = list(published_editions())


def texts_of(app: Sphinx) -> Texts:
    """The interface's words in the language of the edition being built."""
    return interface_texts(Path(app.srcdir), edition_language(app.config))


def in_caption(node: nodes.Node) -> bool:
    parent = node
    while parent is not None:
        if isinstance(parent, (nodes.caption, nodes.legend)):
            return True
        if isinstance(parent, nodes.container) and parent.get("nb_element") == OUTPUT:
            return False
        parent = parent.parent
    return False


class OutputsUntranslated(SphinxTransform):
    """Notebook outputs are no messages: their text is marked untranslatable, a figure's caption aside."""

    def apply(self, **kwargs) -> None:
        for output in self.document.findall(lambda node: isinstance(node, nodes.container)
                                            and node.get("nb_element") == OUTPUT):
            for node in output.findall(nodes.TextElement):
                if not in_caption(node):
                    node["translatable"] = False


class TocCaptionsTranslated(SphinxTransform):
    """The parts' captions and entries of the tables of contents, translated from the page's catalog.

    Sphinx's Locale transform (priority 20) translates a page's toctrees, but Jupyter Book's come later:
    sphinx-external-toc inserts them from `_toc.yml` at priority 100, so this runs just after it. The
    gettext builder extracts their captions into the page's catalog like any other message.
    """

    def apply(self, **kwargs) -> None:
        if edition_language(self.config) == SOURCE_LANGUAGE:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        folders = [str(Path(self.env.srcdir, folder)) for folder in self.config.locale_dirs]
        catalog, found = locale.init(folders, self.config.language, domain)
        if not found:
            return
        for toctree in self.document.findall(addnodes.toctree):
            for message in toctree.extract_original_messages():
                translated = catalog.gettext(message)
                if translated != message:
                    toctree.apply_translated_message(message, translated)


UNTRANSLATED_SHOWN = 70


def untranslated(node: nodes.Element, message: str) -> bool:
    """Whether Sphinx's Locale transform left the message in English."""
    if isinstance(node, addnodes.toctree):  # its caption and titles are replaced in place, with no mark
        return node.get("caption") == message or any(title == message for title, _doc in node["entries"])
    return node.get("translated") is False


def check_translated(app: Sphinx, doctree: nodes.document) -> None:
    """In a published edition, every message of the page translated: one warning (which fails the book's
    `-W` build) per message its catalog leaves untranslated or fuzzy, or one for a page with no catalog."""
    language = edition_language(app.config)
    if language == SOURCE_LANGUAGE or language not in (app.config.unsigned_peace_editions or []):
        return
    docname = app.env.docname
    catalog = catalog_path(Path(app.srcdir), language, docname_to_domain(docname, app.config.gettext_compact))
    shown = catalog.relative_to(Path(app.srcdir)).as_posix() if catalog.is_relative_to(app.srcdir) else catalog
    found = list(extract_messages(doctree))
    if found and not any("translated" in node for node, _message in found
                         if not isinstance(node, addnodes.translatable)):
        logger.warning(f"{shown}: no catalog for this page (published editions translate every page): run "
                       "python -m unsigned_peace catalogs, then translate it", location=docname,
                       type="unsigned_peace", subtype="translation")
        return
    for node, message in found:
        if untranslated(node, message):
            logger.warning(f'{shown}: "{clipped(" ".join(message.split()), UNTRANSLATED_SHOWN)}" has no translation '
                           "(missing, empty or fuzzy): translate it, or run python -m unsigned_peace catalogs if "
                           "the English changed", location=node, type="unsigned_peace", subtype="translation")


def pages_after_interface_change(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    """Every page of a translated edition again when its interface catalog changed: the words the machinery
    adds to a page as it is read (a chart's hint, the filter's labels) come from it."""
    language = edition_language(app.config)
    if language == SOURCE_LANGUAGE:
        return []
    catalog = catalog_path(Path(app.srcdir), language, INTERFACE_DOMAIN)
    digest = inputs_digest([catalog]) if catalog.is_file() else ""
    if getattr(env, "up_interface_digest", None) == digest:
        return []
    env.up_interface_digest = digest
    return sorted(env.found_docs - added - removed)
