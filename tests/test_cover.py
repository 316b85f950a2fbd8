"""The cover map and icon, drawn with matplotlib from the coastlines: vector for print, redrawn only when
their data changes, and used as every page's favicon and logo."""

import re

import pytest
from conftest import DATA, set_cell

from unsigned_peace.machinery.content.cover import draw


def test_the_cover_is_vector_and_the_icon_small_and_both_drawn_once(tmp_path, whole_data_copy):
    files = draw(DATA, tmp_path)
    pdf = files["cover"].read_bytes()
    assert pdf.startswith(b"%PDF-") and not re.search(rb"/Subtype\s*/Image", pdf)
    png = files["icon"].read_bytes()
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") <= 200
    assert files["icon_svg"].read_text(encoding="utf-8").lstrip().startswith("<?xml")
    modified = {name: path.stat().st_mtime_ns for name, path in files.items()}
    assert {name: path.stat().st_mtime_ns for name, path in draw(DATA, tmp_path).items()} == modified
    set_cell(whole_data_copy / "coastline_points.csv", 1, "lon", "145.0")
    redrawn = draw(whole_data_copy, tmp_path)
    assert redrawn["cover"].read_bytes() != pdf


@pytest.mark.slow
def test_the_same_data_draws_the_same_bytes(tmp_path):
    first = draw(DATA, tmp_path / "a")
    second = draw(DATA, tmp_path / "b")
    assert all(first[name].read_bytes() == second[name].read_bytes() for name in first)


def test_every_page_has_the_books_icon_and_the_pdf_prints_the_cover(built_html):
    page = (built_html / "chapters" / "01-article.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="icon" href="\.\./_static/icon\.png"', page)
    assert 'alt="The Unsigned Peace: the disputed islands"' in page
    assert (built_html / "_static" / "icon.png").is_file()
