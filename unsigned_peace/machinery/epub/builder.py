"""Sphinx's EPUB 3 builder, with what the book's e-book needs beyond it.

- The table of contents (nav.xhtml) in the book's parts: each caption of `_toc.yml` heads its chapters,
  numbered as in the book, each with its sections. Sphinx's own lists the chapters alone, unnumbered,
  and links them from the wrong folder when the root page sits in one (chapters/intro).
- In content.opf, the date of the data as the publication's date (Sphinx writes the build's) and the
  accessibility metadata of EPUB Accessibility 1.1 (access modes, features, hazards, a summary), which
  Sphinx's template has no place for.
- `lang` on every page's `<html>`, so that a reading system speaks it in the book's language.
- Only the static files its pages use: Sphinx copies into `_static` every theme's and extension's file
  (copy buttons, toggles, the web book's icons and style sheets) and packs all it finds there.

Registered under Sphinx's own builder name, "epub" (unsigned_peace.machinery.epub.ebook).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.epub3 import Epub3Builder, NavPoint
from sphinx.errors import SphinxError
from sphinx.util.fileutil import copy_asset_file

from unsigned_peace.machinery.content.cite import data_date_of

# Every chart is a picture with alt text, beside its data as a table and a summary: read as text, nothing is lost.
ACCESSIBILITY = [
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessModeSufficient", "textual,visual"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "longDescription"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityHazard", "none"),
    ("schema:accessibilitySummary",
     "Text with headings in reading order and a table of contents in parts, chapters and sections. Every chart "
     "is a picture with alternative text, followed by its source, a summary and the data it draws as a table. "
     "No script, sound or flashing content; text and tables reflow with the reader's settings."),
]
DC_DATE = re.compile(r"<dc:date>[^<]*</dc:date>")
# Where a page or a style sheet names another file.
FILE_LINK = re.compile(r"""(?:href|src)="([^"#?]+)|url\(\s*["']?([^"')#?]+)""")


class EbookMetadataError(SphinxError):
    category = "EPUB metadata error"


class BookEpubBuilder(Epub3Builder):
    """The EPUB builder the book builds with (see the module docstring)."""

    @property
    def html_tag(self) -> str:
        lang = html.escape(self.config.epub_language)
        return (f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
                f'lang="{lang}" xml:lang="{lang}">')

    def build_navigation_doc(self) -> None:
        copy_asset_file(str(Path(self.template_dir, "nav.xhtml.jinja")), self.outdir,
                        self.navigation_doc_metadata(self.book_contents()))
        if "nav.xhtml" not in self.files:
            self.files.append("nav.xhtml")

    def book_contents(self) -> list[NavPoint]:
        """The root page, then each table of contents of it: under its caption (a part), or its chapters alone."""
        root = self.config.root_doc
        contents = [NavPoint(html.escape(self.env.titles[root].astext()), self.page_uri(root), [])]
        for toctree in self.env.get_doctree(root).findall(addnodes.toctree):
            chapters = [self.chapter(docname) for _title, docname in toctree["entries"]]
            if toctree.get("caption") and chapters:
                contents.append(NavPoint(html.escape(toctree["caption"]), chapters[0].refuri, chapters))
            else:
                contents += chapters
        return contents

    def chapter(self, docname: str) -> NavPoint:
        """A chapter, numbered as the book numbers it, with its sections."""
        numbers = self.env.toc_secnumbers.get(docname, {})
        sections = []
        for reference in self.top_sections(docname):
            anchor = reference["anchorname"]
            sections.append(NavPoint(numbered(reference.astext(), numbers.get(anchor)),
                                     self.page_uri(docname) + html.escape(self.fix_fragment("", anchor)), []))
        return NavPoint(numbered(self.env.titles[docname].astext(), numbers.get("")), self.page_uri(docname),
                        sections)

    def top_sections(self, docname: str) -> list[nodes.reference]:
        """The references to a page's sections one level below its title (Sphinx's table of the page)."""
        title_item = next(iter(self.env.tocs[docname].findall(nodes.list_item)), None)
        if title_item is None:
            return []
        below = next((child for child in title_item.children if isinstance(child, nodes.bullet_list)), None)
        if below is None:
            return []
        return [next(iter(item.findall(nodes.reference))) for item in below.children
                if isinstance(item, nodes.list_item)]

    def page_uri(self, docname: str) -> str:
        return html.escape(docname + self.out_suffix)

    def remove_unused_static_files(self) -> None:
        """Leave out of `_static` what no page, nor a style sheet a page uses, nor the cover names."""
        out = Path(self.outdir)
        used = {(out / self.config.epub_cover[0]).resolve()} if self.config.epub_cover else set()
        to_read = sorted(out.rglob(f"*{self.out_suffix}"))
        while to_read:
            source = to_read.pop()
            for match in FILE_LINK.finditer(source.read_text(encoding="utf-8", errors="replace")):
                link = match.group(1) or match.group(2)
                if ":" in link:  # another site, or a reading system's own resource (res:///)
                    continue
                target = (source.parent / link).resolve()
                if target not in used:
                    used.add(target)
                    if target.suffix == ".css" and target.is_file():
                        to_read.append(target)
        for file in sorted((out / "_static").rglob("*")):
            if file.is_file() and file.resolve() not in used:
                file.unlink()

    def toc_metadata(self, level: int, navpoints: list) -> dict:
        """toc.ncx for EPUB 2 reading systems, naming the publication by its identifier, as content.opf
        does (Sphinx names it by the XML id of that identifier, which EPUBCheck rejects)."""
        return {**super().toc_metadata(level, navpoints), "uid": html.escape(self.config.epub_identifier)}

    def build_content(self) -> None:
        self.remove_unused_static_files()
        super().build_content()
        opf = Path(self.outdir, "content.opf")
        opf.write_text(with_book_metadata(opf.read_text(encoding="utf-8"), data_date_of(self.app)), encoding="utf-8")


def numbered(title: str, number: tuple[int, ...] | None) -> str:
    text = f"{'.'.join(map(str, number))}. {title}" if number else title
    return html.escape(text)


def with_book_metadata(opf: str, data_date: str) -> str:
    """content.opf with the data's date as the publication's and the accessibility metadata."""
    if len(DC_DATE.findall(opf)) != 1 or opf.count("</metadata>") != 1:
        raise EbookMetadataError("content.opf is not laid out as Sphinx 7.4 writes it (one <dc:date>, one "
                                 "</metadata>): check unsigned_peace/machinery/epub/builder.py against this Sphinx")
    if data_date:
        opf = DC_DATE.sub(f"<dc:date>{html.escape(data_date)}</dc:date>", opf)
    metas = "".join(f'\n    <meta property="{name}">{html.escape(value)}</meta>' for name, value in ACCESSIBILITY)
    return opf.replace("</metadata>", metas.strip() + "\n  </metadata>")
