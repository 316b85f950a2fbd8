"""How to cite a page: in words, as BibTeX and as RIS, from CITATION.cff, the page's title and the data's date."""

import re

import pytest
import yaml
from conftest import ROOT

from unsigned_peace.language import LANGUAGE_ENV
from unsigned_peace.machinery.content.cite import book_citation

CFF = {"title": "A Book: its subtitle", "version": "2.1.0", "date-released": "2026-11-27",
       "authors": [{"name": "The Book's contributors"}, {"given-names": "Ada", "family-names": "Lovelace"}],
       "keywords": ["Japan", "Russia"]}


def bibtex_fields(entry: str) -> dict[str, str]:
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", entry, re.M))
    assert entry.count("{") - entry.count(r"\{") == entry.count("}") - entry.count(r"\}"), entry
    return fields


def test_a_chapter_is_cited_as_a_part_of_the_book():
    citation = book_citation(CFF, "2026-12-01", chapter="The islands")
    entry = citation.bibtex()
    assert entry.startswith("@incollection{") and entry.endswith("}\n")
    fields = bibtex_fields(entry)
    assert fields["title"] == "The islands" and fields["booktitle"] == "A Book: its subtitle"
    assert fields["author"] == "{The Book's contributors} and {Ada Lovelace}"
    assert fields["year"] == "2026" and fields["version"] == "2.1.0"
    assert fields["note"] == "Data as of 1 December 2026"
    assert citation.text() == ("The Book's contributors; Ada Lovelace (2026). “The islands”. In A Book: its subtitle. "
                               "Version 2.1.0. Data as of 1 December 2026.")


def test_a_date_that_ends_with_an_abbreviation_ends_the_reference_with_one_full_stop(monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "ru")
    citation = book_citation(CFF, "2026-12-06")
    assert citation.text().endswith(" 6 декабря 2026\u202fг.")


def test_the_root_page_is_cited_as_the_book():
    citation = book_citation(CFF, "2026-12-01")
    assert citation.bibtex().startswith("@book{")
    assert "booktitle" not in bibtex_fields(citation.bibtex())
    assert citation.ris().splitlines()[0] == "TY  - BOOK"


def test_markup_characters_in_a_title_are_escaped_for_bibtex():
    fields = bibtex_fields(book_citation(CFF, "", chapter="50% of {islands} & a_b #1").bibtex())
    assert fields["title"] == r"50\% of \{islands\} \& a\_b \#1"
    assert "note" not in fields  # no data date, no note


def test_ris_has_a_tag_per_line_from_type_to_end_of_record():
    lines = book_citation(CFF, "2026-12-01", chapter="The islands").ris().splitlines()
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
    assert lines[0] == "TY  - CHAP" and lines[-1] == "ER  - "
    assert {"TI  - The islands", "T2  - A Book: its subtitle", "AU  - Ada Lovelace", "PY  - 2026",
            "N1  - Data as of 1 December 2026", "KW  - Russia"} <= set(lines)


@pytest.mark.parametrize("field", ["title", "version", "date-released", "authors"])
def test_the_books_citation_file_has_what_a_citation_needs(field):
    assert yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")).get(field)
