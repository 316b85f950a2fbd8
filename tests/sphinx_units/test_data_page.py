"""The data page (`{data-package}`, content/downloads.py) in each language: the descriptor's words as the
data translates them (data/translations/<language>/descriptor.csv and codebooks.csv), the English as the
descriptor writes it."""

import csv
import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from tiny_projects import tiny_build

from unsigned_peace.machinery.content import downloads
from unsigned_peace.schema import descriptor as read_descriptor
from unsigned_peace.translations import descriptor_in


def data_page(tmp_path: Path, data: Path, language: str) -> str:
    """The data page built alone, in `language`, from the data folder `data`: its text, tags removed."""
    def setup(app) -> None:
        book = Path(app.srcdir)
        (book / "_config.yml").write_text("title: t\n", encoding="utf-8")
        shutil.copytree(data, book / "data")
        if (ROOT / "locale" / language).is_dir():  # the interface's words
            shutil.copytree(ROOT / "locale" / language, book / "locale" / language)
        app.add_directive("data-package", downloads.DataPackageDirective)
        app.add_node(downloads.data_download, html=downloads.HTML_VISITORS, **downloads.OTHER_VISITORS)

    (tmp_path / language).mkdir()
    built = tiny_build(tmp_path / language, {"index": "# Data\n\n```{data-package}\n```\n"}, setup, language=language,
                       exclude_patterns=["_build", "data", "locale"])
    assert "WARNING" not in built.warnings, built.warnings
    page = built.output("index.html")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page[page.index('<div class="body"'):])).split())


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_an_editions_data_page_shows_the_descriptors_words_in_its_language(tmp_path, small_data, language):
    english = read_descriptor(small_data)
    shown = descriptor_in(english, language, small_data)
    text = data_page(tmp_path, small_data, language)
    tables = [r for r in shown["resources"] if "translates" not in r]
    for table, original in zip(tables, (r for r in english["resources"] if "translates" not in r)):
        assert f"{table['title']} ¶" in text, table["name"]  # its section's heading
        assert table["description"] in text and original["description"] not in text, table["name"]
        for spec in table["schema"]["fields"]:
            assert f"{spec['title']}: {spec['description']}" in text, (table["name"], spec["name"])
    with (small_data / "translations" / language / "codebooks.csv").open(encoding="utf-8") as handle:
        kinds = [row["text"] for row in csv.DictReader(handle) if row["codebook"] == "source-kind"
                 and row["column"] == "label"]
    assert kinds and all(f" {kind} " in text for kind in kinds)


def test_the_english_data_page_shows_the_descriptor_as_written(tmp_path, small_data):
    english = read_descriptor(small_data)
    text = data_page(tmp_path, small_data, "en")
    for table in (r for r in english["resources"] if "translates" not in r):
        assert table["description"] in text
        for spec in table["schema"]["fields"]:
            assert f"{spec['title']}: {spec['description']}" in text, (table["name"], spec["name"])


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_translation_tables_are_listed_together_each_file_once(tmp_path, small_data, language):
    descriptor = read_descriptor(small_data)
    translation_tables = [r for r in descriptor["resources"] if "translates" in r]
    text = data_page(tmp_path, small_data, language)
    for table in translation_tables:
        assert text.count(f" {table['path']} ") == 1, table["path"]  # its download link, in the one table
        assert table["title"] not in text and table["description"] not in text
    tables = [r for r in descriptor["resources"] if "translates" not in r]
    for table in tables:
        assert text.count(f" {table['path']} ") >= 2, table["path"]  # in the files' table and its section
    # Headings and captions: the page's, the files', the sources' kinds, each table's section and its fields,
    # and one section with one table for every translation table.
    assert text.count(" ¶") == 3 + 2 * len(tables) + 2
