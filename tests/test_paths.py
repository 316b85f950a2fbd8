"""Notebooks find the data from wherever they run."""

from pathlib import Path

from unsigned_peace.paths import DATA_DIR_ENV, data_dir, project_root

ROOT = Path(__file__).resolve().parent.parent


def test_root_is_found_from_a_chapter_folder():
    assert project_root(ROOT / "chapters") == ROOT


def test_root_is_found_from_an_unrelated_folder_through_the_package(tmp_path):
    assert project_root(tmp_path) == ROOT


def test_environment_variable_points_elsewhere(tmp_path, monkeypatch):
    (tmp_path / "datapackage.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert data_dir() == tmp_path
