"""Notebooks are fingerprinted on the data they read, so a CSV edit re-runs exactly those notebooks."""

import shutil

import nbformat
import pytest

from conftest import DATA, set_cell
from unsigned_peace.machinery.execution import fingerprint, tables_read

RESOURCES = {"events", "sources", "claims", "islands"}


def notebook_with(*sources):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    return notebook


def test_tables_named_in_code_are_read_plus_sources():
    notebook = notebook_with("data = load_data()", "x = data.claims['verdict']\ny = data.tables['islands']")
    assert tables_read(notebook, RESOURCES) == {"claims", "islands", "sources"}


def test_a_notebook_naming_no_table_depends_on_all():
    assert tables_read(notebook_with("bibliography(load_data().sources)"), RESOURCES) == RESOURCES


@pytest.fixture
def notebook_and_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = tmp_path / "chapter.ipynb"
    nbformat.write(notebook_with("data = load_data()", "data.claims"), path)
    return path, data


def test_fingerprint_changes_with_the_tables_a_notebook_reads(notebook_and_data):
    path, data = notebook_and_data
    before = fingerprint(path, data)
    set_cell(data / "claims.csv", 1, "reason", "changed")
    assert fingerprint(path, data) != before


def test_fingerprint_ignores_tables_a_notebook_does_not_read(notebook_and_data):
    path, data = notebook_and_data
    before = fingerprint(path, data)
    set_cell(data / "contacts.csv", 1, "note", "changed")
    assert fingerprint(path, data) == before
