"""The Sphinx extension's fixes to what the theme and pandas emit."""

import pandas as pd

from unsigned_peace.machinery.sphinx_ext import fill_empty_dataframe_headers


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


def test_the_book_ships_the_partial_plotly_bundle_of_the_expected_version():
    from unsigned_peace.machinery.sphinx_ext import PLOTLY_JS, _plotly_js_version, plotly_bundle

    bundle = plotly_bundle()
    assert bundle != PLOTLY_JS, "the partial bundle is missing: scripts/setup.sh builds it"
    assert _plotly_js_version(bundle) == _plotly_js_version(PLOTLY_JS)
    assert bundle.stat().st_size < PLOTLY_JS.stat().st_size / 4


def test_a_partial_bundle_of_another_version_stops_the_build(tmp_path):
    import pytest
    from sphinx.errors import SphinxError

    from unsigned_peace.machinery.sphinx_ext import PARTIAL_BUNDLE, PLOTLY_JS, plotly_bundle

    bundle = tmp_path / PARTIAL_BUNDLE
    bundle.parent.mkdir(parents=True)
    bundle.write_text("/** plotly.js (the book's partial bundle: scatter, bar, heatmap) v0.0.1 */\nvar Plotly;\n")
    with pytest.raises(SphinxError, match=r"plotly\.js 0\.0\.1"):
        plotly_bundle(tmp_path)
    assert plotly_bundle(tmp_path / "elsewhere") == PLOTLY_JS
