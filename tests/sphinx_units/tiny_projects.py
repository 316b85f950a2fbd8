"""Small Sphinx projects for the units of the book's extension: a page or two and the one role or transform
under test, built in about a second with `sphinx.testing`, where the whole book takes minutes.

A tiny project does not load the book's extension, whose set-up checks the book's data: each test
registers only the unit it tests, a transform with the priority the extension's table gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import nbformat
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from unsigned_peace.machinery.wiring import extension


@dataclass
class TinyBuild:
    outdir: Path
    warnings: str

    def output(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


def add_transform(app: SphinxTestApp, transform: type) -> None:
    """Register a transform as the book's extension does, from its row of the extension's table."""
    extension.add_transform(app, next(step for step in extension.TRANSFORMS if step.transform is transform))


def notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    made = nbformat.v4.new_notebook(cells=list(cells))
    made.metadata.update(kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"},
                         language_info={"name": "python"})
    return made


def tiny_build(folder: Path, pages: dict[str, str | nbformat.NotebookNode], setup, *, builder: str = "html",
               extensions: tuple[str, ...] = ("myst_parser",), **conf) -> TinyBuild:
    """Build pages ({name: Markdown text or notebook}, "index" the root) in `folder`, with `setup(app)` run
    before the build; Sphinx's warnings are returned, not raised."""
    source = folder / "source"
    source.mkdir()
    # A source_suffix of the project's own: Sphinx adds each extension's suffixes to the setting's value, and its
    # default is one dictionary shared by every project of the process (`.md` would keep the parser of the first
    # project that mapped it, myst-parser's or myst-nb's).
    settings = {"project": "tiny", "extensions": list(extensions), "exclude_patterns": ["_build"],
                "source_suffix": {".rst": "restructuredtext"}, **conf}
    (source / "conf.py").write_text("".join(f"{key} = {value!r}\n" for key, value in settings.items()),
                                    encoding="utf-8")
    for name, page in pages.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page, str):
            (source / f"{name}.md").write_text(page, encoding="utf-8")
        else:
            nbformat.write(page, source / f"{name}.ipynb")
    warnings = StringIO()
    app = SphinxTestApp(builder, srcdir=source, status=StringIO(), warning=warnings)
    try:
        setup(app)
        app.build()
    finally:
        app.cleanup()  # the roles and directives registered go with the project
    return TinyBuild(Path(app.outdir), strip_colors(warnings.getvalue()))
