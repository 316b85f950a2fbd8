"""Notebooks find the data from wherever they run."""

from pathlib import Path

import pytest

from unsigned_peace.paths import DATA_DIR_ENV, data_dir, project_root
from unsigned_peace.problems import BookNotFoundError

ROOT = Path(__file__).resolve().parent.parent


def test_root_is_found_from_a_chapter_folder():
    assert project_root(ROOT / "chapters") == ROOT


def test_no_book_above_an_unrelated_folder_is_one_line_not_the_installed_checkout(tmp_path):
    with pytest.raises(BookNotFoundError) as raised:
        project_root(tmp_path)
    assert str(raised.value) == (f"{tmp_path}: neither this folder nor any above it holds _config.yml, so there is "
                                 "no book here to read the data of: run the command inside a copy of the book")


def test_environment_variable_points_elsewhere(tmp_path, monkeypatch):
    (tmp_path / "datapackage.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert data_dir() == tmp_path
