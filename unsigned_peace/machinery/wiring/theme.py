"""Fixes to the stock theme and to myst-nb's output, at their source.

- Every page is read again when the book's own scripts, styles or templates change.
- Jupyter Book's live-code (Thebe) assets, which an offline book cannot use, are dropped.
- Notebook outputs (text from the data) are kept as written, out of reach of "smart" quotes.
- Theme components are overridden from `templates/`, and the "show code" toggle loses a label that
  contradicts its text. Both reach past public configuration: see unsigned_peace.machinery.wiring.contacts.
- `index.html` is a whole page that forwards to the first chapter.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import isurl

from unsigned_peace.cache_keys import inputs_digest
from unsigned_peace.machinery.content.page_meta import description
from unsigned_peace.machinery.content.translation import texts_of
from unsigned_peace.machinery.html.assets import STATIC
from unsigned_peace.machinery.shared.book_files import book_description

TEMPLATES = Path(__file__).parent / "templates"


def pages_after_asset_change(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    """Every page again when the book's own scripts, styles or templates changed.

    Sphinx copies static files only when it writes a page, and each page names a script with a digest
    of it (`?v=`): with no page out of date, an edited script would never reach the built book.
    """
    digest = inputs_digest(path for path in sorted([*STATIC.rglob("*"), *TEMPLATES.rglob("*")]) if path.is_file())
    if getattr(env, "up_assets_digest", None) == digest:
        return []
    env.up_assets_digest = digest
    return sorted(env.found_docs - added - removed)


def drop_thebe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Remove the live-code (Thebe) assets Jupyter Book always adds.

    Thebe runs code on a remote server, which an offline book cannot reach; its set-up script is also
    emitted twice, which throws "Identifier 'THEBE_JS_URL' has already been declared" on every page.
    """
    def is_thebe(asset) -> bool:
        return "thebe" in str(asset.filename or "") or "THEBE" in str(asset.attributes.get("body", ""))

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not is_thebe(asset)]


class OutputsAsWritten(SphinxTransform):
    """Keep the text of notebook outputs as written: no "smart" quotes in what the code printed.

    Outputs carry text from the data (tables, source lines); Sphinx's smartquotes would turn a `"` in
    a CSV cell into a curly quote and show readers something the data does not say. Runs before
    smartquotes (priority 750), which skips any node below one marked `support_smartquotes=False`.
    """


    def apply(self, **kwargs) -> None:
        for container in self.document.findall(nodes.container):
            if "cell_output" in container["classes"]:
                container["support_smartquotes"] = False


def visit_hidden_cell(self, node) -> None:
    """myst-nb's "Show code cell source" toggle, without its `aria-label="Toggle hidden content"`.

    That label overrode the visible text, so speech users could not say what they see (WCAG 2.5.3,
    axe: label-content-name-mismatch); the summary's text now names it.
    """
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n')
    # Spans, not myst-nb's paragraphs: a <summary> holds phrasing content only (the Nu HTML Checker
    # rejects a <p> there); unsigned-peace.css gives them the paragraphs' display rules.
    self.body.append(f'<span class="collapsed admonition-title">{escape(node["prompt_show"])}</span>\n')
    self.body.append(f'<span class="expanded admonition-title">{escape(node["prompt_hide"])}</span>\n')
    self.body.append("</summary>\n")


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url={target}">
<meta name="description" content="{description}" />
<title>{title}</title>{icon}
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
"""


def write_index_redirect(app: Sphinx, exception: Exception | None) -> None:
    """`index.html`, the page readers open first, as a complete page that forwards to the first chapter.

    Left alone, sphinx-external-toc writes a lone `<meta>` tag there: a page with no language and no
    title (axe: html-has-lang, document-title), and no link for a browser that does not follow it. It names
    the book's icon, as every page does: without it a browser asks the server for /favicon.ico, which a
    book served from a folder of a site does not have (a failed request in the console).
    """
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    title = app.config.html_title or app.config.project
    icon = app.config.html_favicon or ""
    if icon and not isurl(icon):
        icon = f"_static/{Path(icon).name}"  # where Sphinx copies it
    (Path(app.outdir) / "index.html").write_text(
        REDIRECT_PAGE.format(lang=escape(app.config.language or "en"), target=escape(target), title=escape(title),
                             description=escape(description(texts_of(app)(book_description(Path(app.srcdir))))),
                             icon=f'\n<link rel="icon" href="{escape(icon)}">' if icon else ""),
        encoding="utf-8")
