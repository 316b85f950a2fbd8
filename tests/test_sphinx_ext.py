"""The Sphinx extension's fixes to what the theme and pandas emit."""

import pandas as pd

from unsigned_peace.sphinx_ext import fill_empty_dataframe_headers


def test_the_blank_corner_of_a_pandas_table_is_no_longer_an_empty_header():
    frame = pd.DataFrame({"Year": [1855, 1956]}, index=pd.Index(["a", "b"]))
    html = frame.to_html()
    assert "<th></th>" in html
    fixed = fill_empty_dataframe_headers(html)
    assert "<th></th>" not in fixed and "<td></td>" in fixed
    assert fixed.count("<th>") == html.count("<th>") - 1  # the row labels in the body stay headers


def test_other_tables_are_left_alone():
    html = '<table class="docutils"><thead><tr><th></th><th>x</th></tr></thead></table>'
    assert fill_empty_dataframe_headers(html) == html
