""""Cite this chapter": each page of the HTML book says how to cite it, and offers the citation as
BibTeX and RIS files, all generated from `CITATION.cff` (the book's title, authors, version and
release date), the page's own title and the date of the data.

The book's root page is cited as the book; every other page as a chapter in it. The files are written
to `_static/cite/<page>.bib` and `.ris` as each page is written, and the block is added after the
page's own content. HTML only: the PDF is cited as the book; the EPUB, which holds no downloads, gives the
reference in words.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from unsigned_peace.machinery.content.translation import texts_of
from unsigned_peace.machinery.shared.book_files import citation_file
from unsigned_peace.machinery.shared.data_dates import data_date, long_date
from unsigned_peace.machinery.shared.editions import is_website
from unsigned_peace.machinery.shared.interface import N_, Texts, english, fill
from unsigned_peace.paths import data_dir
from unsigned_peace.schema import descriptor as read_descriptor

CITE_STATIC = "_static/cite"
CITE_CHAPTER = N_("Cite this chapter")
CITE_BOOK = N_("Cite this book")
DOWNLOAD_CITATION = N_("Download the citation:")
# Translators: the reference in words to a chapter of the book: its title in quotation marks, then the book's.
IN_BOOK = N_("“{chapter}”. In {book}")
VERSION = N_("Version {version}")
DATA_AS_OF = N_("Data as of {date}")
# Characters BibTeX would read as markup, written as its own escapes.
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                  "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


@dataclass(frozen=True)
class Citation:
    """One page of the book (or the book itself, when `chapter` is empty), as a reference."""

    book_title: str
    authors: tuple[str, ...]
    version: str
    released: str  # YYYY-MM-DD
    data_date: str  # YYYY-MM-DD
    chapter: str = ""
    key: str = "unsigned-peace"
    keywords: tuple[str, ...] = ()

    @property
    def year(self) -> str:
        return self.released[:4]

    def data_note(self, texts: Texts = english) -> str:
        """"Data as of 6 December 2026", in the edition's language."""
        return fill(texts(DATA_AS_OF), date=long_date(self.data_date))

    def text(self, texts: Texts = english) -> str:
        """The reference in words, as a reader would copy it (its words in the edition's language, `texts`)."""
        authors = "; ".join(self.authors)
        where = (fill(texts(IN_BOOK), chapter=self.chapter, book=self.book_title) if self.chapter
                 else self.book_title)
        parts = [f"{authors} ({self.year}). {where}",
                 fill(texts(VERSION), version=self.version) if self.version else "",
                 self.data_note(texts) if self.data_date else ""]
        # Each part a sentence of its own; one that ends with an abbreviation's full stop ("6 декабря 2026 г.")
        # takes no second one.
        return " ".join(part if part.endswith(".") else part + "." for part in parts if part)

    def bibtex(self, texts: Texts = english) -> str:
        """The citation as BibTeX (its note in the edition's language, `texts`)."""
        # Braces around each author keep a body's name whole (BibTeX would split it into first and last names).
        fields = {"author": " and ".join("{" + bibtex_text(a) + "}" for a in self.authors)}
        if self.chapter:
            fields |= {"title": bibtex_text(self.chapter), "booktitle": bibtex_text(self.book_title)}
        else:
            fields["title"] = bibtex_text(self.book_title)
        fields |= {"year": self.year, "date": self.released, "version": bibtex_text(self.version),
                   "note": bibtex_text(self.data_note(texts)) if self.data_date else "",
                   "keywords": bibtex_text(", ".join(self.keywords))}
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
        return f"@{'incollection' if self.chapter else 'book'}{{{self.key},\n{body}\n}}\n"

    def ris(self, texts: Texts = english) -> str:
        """The citation as RIS (its note in the edition's language, `texts`)."""
        lines = [("TY", "CHAP" if self.chapter else "BOOK")]
        lines += [("AU", author) for author in self.authors]
        lines += [("TI", self.chapter), ("T2", self.book_title)] if self.chapter else [("TI", self.book_title)]
        lines += [("PY", self.year), ("DA", self.released.replace("-", "/")), ("ET", self.version)]
        if self.data_date:
            lines.append(("N1", self.data_note(texts)))
        lines += [("KW", keyword) for keyword in self.keywords]
        lines.append(("ER", ""))
        kept = [(tag, " ".join(value.split())) for tag, value in lines if value or tag == "ER"]
        return "".join(f"{tag}  - {value}\n" for tag, value in kept)


def bibtex_text(text: str) -> str:
    return re.sub(r"[\\{}%&#_$~^]", lambda match: BIBTEX_ESCAPES[match.group(0)], " ".join(str(text).split()))


def book_citation(cff: dict, data_as_of: str, chapter: str = "", key: str = "unsigned-peace") -> Citation:
    """The citation CITATION.cff describes, for the book or for one of its chapters."""
    authors = tuple(author.get("name") or " ".join(filter(None, (author.get("given-names"),
                                                                  author.get("family-names"))))
                    for author in cff.get("authors", []))
    return Citation(book_title=str(cff.get("title", "")), authors=authors, version=str(cff.get("version", "")),
                    released=str(cff.get("date-released", "")), data_date=data_as_of, chapter=chapter, key=key,
                    keywords=tuple(str(k) for k in cff.get("keywords", [])))


def cite_block(citation: Citation, bib_href: str | None, ris_href: str | None, texts: Texts = english) -> str:
    """The block after a page's content; without the files' addresses, the reference in words alone."""
    heading = texts(CITE_CHAPTER if citation.chapter else CITE_BOOK)
    files = (f'<p class="up-cite-files">{html.escape(texts(DOWNLOAD_CITATION))} '
             f'<a href="{html.escape(bib_href)}" download>BibTeX</a>'
             f' · <a href="{html.escape(ris_href)}" download>RIS</a></p>') if bib_href and ris_href else ""
    return (f'<div class="up-cite"><p class="up-cite-heading">{html.escape(heading)}</p>'
            f'<p class="up-cite-text">{html.escape(citation.text(texts))}</p>{files}</div>')


def data_date_of(app: Sphinx) -> str:
    if not hasattr(app, "up_data_date"):
        folder = data_dir(Path(app.srcdir))
        try:
            app.up_data_date = data_date(folder, read_descriptor(folder))
        except (OSError, ValueError):
            app.up_data_date = ""
    return app.up_data_date


def add_citation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """After the page's content, how to cite it; beside the page, its citation as BibTeX and RIS."""
    cff = citation_file(Path(app.srcdir))
    if doctree is None or not cff or pagename not in app.env.titles or "body" not in context:
        return
    root = pagename == app.config.root_doc
    title = "" if root else app.env.titles[pagename].astext()
    stem = Path(pagename).name
    texts = texts_of(app)
    citation = book_citation(cff, data_date_of(app), chapter=title,
                             key="unsigned-peace" if root else f"unsigned-peace-{stem}")
    # In a translated edition the book is cited by its title in that edition's language, and its contributors (an
    # author that is a body) by the name that edition gives them; a person's name has no translation and stays.
    citation = replace(citation, book_title=texts(" ".join(citation.book_title.split())),
                       authors=tuple(texts(" ".join(author.split())) for author in citation.authors))
    if not is_website(app.builder):
        context["body"] += cite_block(citation, None, None, texts)
        return
    folder = Path(app.outdir) / CITE_STATIC
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.bib").write_text(citation.bibtex(texts), encoding="utf-8")
    (folder / f"{stem}.ris").write_text(citation.ris(texts), encoding="utf-8")
    page = app.builder.get_target_uri(pagename)
    context["body"] += cite_block(citation, relative_uri(page, f"{CITE_STATIC}/{stem}.bib"),
                                  relative_uri(page, f"{CITE_STATIC}/{stem}.ris"), texts)
