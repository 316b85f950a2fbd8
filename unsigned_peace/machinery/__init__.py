"""The book's machinery: how the domain's data, charts and tables become an HTML book, a PDF and an EPUB.

Everything that knows about Sphinx, docutils, myst-nb, the theme, notebook execution, LaTeX or the built
site lives here; the domain (`unsigned_peace` outside this folder) never imports it. The machinery is in
parts, one job each; `PARTS` says what each part may import of the others, and tests/test_layers.py holds
the code to it:

- `shared`: the book's own files and dates, read without Sphinx (`_config.yml`, `CITATION.cff`, the data's date), and
  which plotly.js the book ships and draws its static images with.
- `steps`: build steps outside Sphinx: the data check, notebook execution and its cache, the notebooks'
  refresh and stripping, the charts' static images.
- `checks`: checks of what a build made: links of the HTML book, the PDF's layout, EPUBCheck.
- `content`: what every builder's pages hold besides the notebooks' prose: charts, the chronology's filter,
  row anchors, numbered references, inline values, data downloads, page descriptions, citations, figure
  exports, the cover, and the one model of a table's column widths (which print converts to LaTeX).
- `html`: the web book's own assets, lean style sheets and fonts, critical rules, the plotly.js bundle.
- `pdf`: the LaTeX build: title page, book structure, print tables, short captions.
- `epub`: the EPUB builder and what the e-book's pages need.
- `wiring`: the Sphinx extension: the one table of every handler and transform with its priority
  (wiring/extension.py), the build steps hooked into Sphinx, the theme's fixes and templates, and every
  contact with another package's internals (wiring/contacts.py).
- `commands`: the command line (`python -m unsigned_peace ...`) and JupyterLab.

Build steps, checks and the shared part import no Sphinx or docutils; the HTML and PDF parts do not
import each other.
"""

# What each part may import of the others (besides the domain, and itself).
PARTS: dict[str, set[str]] = {
    "shared": set(),
    "steps": {"shared"},
    "checks": {"shared"},
    "content": {"shared", "steps"},
    "html": {"shared", "steps", "checks", "content"},
    "pdf": {"shared", "steps", "checks", "content"},
    "epub": {"shared", "steps", "checks", "content", "pdf"},
    "wiring": {"shared", "steps", "checks", "content", "html", "pdf", "epub"},
    "commands": {"shared", "steps", "checks", "pdf"},
}
# Parts that run outside Sphinx, so import none of it.
WITHOUT_SPHINX = {"shared", "steps", "checks"}
