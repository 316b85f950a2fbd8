"""The Sphinx extension: the plotly.js it ships, and the theme and myst-nb parts it overrides."""

from pathlib import Path


def test_the_book_ships_the_partial_plotly_bundle_of_the_expected_version():
    from unsigned_peace.machinery.html.assets import plotly_bundle
    from unsigned_peace.machinery.shared.plotly_js import PLOTLY_JS, plotly_js_version

    bundle = plotly_bundle()
    assert bundle != PLOTLY_JS, "the partial bundle is missing: scripts/setup.sh builds it"
    assert plotly_js_version(bundle) == plotly_js_version(PLOTLY_JS)
    assert bundle.stat().st_size < PLOTLY_JS.stat().st_size / 4


def test_a_partial_bundle_of_another_version_stops_the_build(tmp_path):
    import pytest
    from sphinx.errors import SphinxError

    from unsigned_peace.machinery.html.assets import plotly_bundle
    from unsigned_peace.machinery.shared.plotly_js import PARTIAL_BUNDLE, PLOTLY_JS

    bundle = tmp_path / PARTIAL_BUNDLE
    bundle.parent.mkdir(parents=True)
    bundle.write_text("/** plotly.js (the book's partial bundle: scatter, bar, heatmap) v0.0.1 */\nvar Plotly;\n")
    with pytest.raises(SphinxError, match=r"plotly\.js 0\.0\.1"):
        plotly_bundle(tmp_path)
    assert plotly_bundle(tmp_path / "elsewhere") == PLOTLY_JS


# What the book's overrides replace, as the pinned versions ship it (sha256, first 16 hex digits).
# A new theme or myst-nb release that changes one fails here: compare it with the book's copy in
# unsigned_peace/machinery/wiring/templates (or visit_hidden_cell) before updating the digest.
THEME_ORIGINALS = {
    "components/search-button-field.html": "518dda81dd8cd06a",
    "components/theme-switcher.html": "a68d37b2ca353382",
    "layout.html": "fe5c35806042db60",
}


def test_the_theme_templates_the_book_overrides_are_still_the_ones_it_copied():
    import hashlib

    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    found = {name: hashlib.sha256((theme / name).read_bytes()).hexdigest()[:16] for name in THEME_ORIGINALS}
    assert found == THEME_ORIGINALS


def test_the_themes_print_contents_label_is_still_the_english_text_the_layout_replaces():
    """sphinx-book-theme writes its printed contents' navigation labelled "Page" in English, not through _(); the
    book's layout replaces that text in the block's output with the edition's word. A theme that writes it
    otherwise fails here (the replacement would silently do nothing)."""
    import re

    import sphinx_book_theme

    theirs = Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme" / "layout.html"
    block = re.search(r"{% block docs_body %}(.*?){% endblock %}", theirs.read_text(encoding="utf-8"), re.S)
    from unsigned_peace.machinery.wiring import theme as wiring

    ours = (Path(wiring.__file__).parent / "templates" / "layout.html").read_text(encoding="utf-8")
    replaced = re.search(r"{%- block docs_body %}.*?super\(\)\|replace\('([^']+)'", ours, re.S).group(1)
    assert block and block.group(1).count(replaced) == 1


def test_the_theme_macros_the_layout_leaves_out_are_font_awesome_and_preloads_of_scripts_it_loads_at_the_end():
    """The book's layout calls the theme's generated macros for its style sheets and its scripts, and leaves
    out head_js_preload: a theme whose head_js_preload loads more than that fails here."""
    import re

    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    macros = (theme / "static" / "webpack-macros.html").read_text(encoding="utf-8")
    bodies = dict(re.findall(r"{% macro (\w+)\(\) %}(.*?){% endmacro %}", macros, re.S))
    assert set(bodies) == {"head_pre_assets", "head_js_preload", "body_post"}

    def named(body: str) -> list[str]:
        return re.findall(r"(?:src|href)=\"\{\{ pathto\('([^']+)', 1\) \}\}", body)

    font_awesome, *preloaded = named(bodies["head_js_preload"])
    assert font_awesome == "_static/scripts/fontawesome.js"
    assert preloaded and preloaded == named(bodies["body_post"])
    # The layout fetches the scripts of body_post after the first screen by rewriting this form of their tags.
    assert bodies["body_post"].count("<script defer src=") == len(preloaded)
    assert 'rel="preload"' in bodies["head_js_preload"]


def test_sphinxs_page_assets_are_still_objects_the_book_reads_and_rebuilds_deferred():
    """The scripts and style sheets Sphinx hands `html-page-context` are of private classes: the book reads
    their `filename` and `attributes` (to drop Thebe's) and makes each script again, deferred."""
    from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

    from unsigned_peace.machinery.html.lean_assets import defer_scripts
    from unsigned_peace.machinery.wiring.theme import drop_thebe

    context = {"script_files": [_JavaScript("_static/documentation_options.js", priority=200),
                                _JavaScript("_static/a.js", priority=200), _JavaScript("_static/thebe.js"),
                                _JavaScript(None, body="const THEBE_JS_URL = 1;"),
                                _JavaScript(None, body="DOCUMENTATION_OPTIONS.pagename = 'page';")],
               "css_files": [_CascadingStyleSheet("_static/thebe.css"), _CascadingStyleSheet("_static/b.css")]}
    drop_thebe(None, "page", "page.html", context, None)
    defer_scripts(None, "page", "page.html", context, None)
    assert [(type(script), script.filename, script.priority, script.attributes)
            for script in context["script_files"]] == [
        (_JavaScript, "_static/documentation_options.js", 200, {"defer": "defer"}),
        (_JavaScript, None, 200, {"body": "DOCUMENTATION_OPTIONS.pagename = 'page';", "type": "module"}),
        (_JavaScript, "_static/a.js", 200, {"defer": "defer"})]
    assert [sheet.filename for sheet in context["css_files"]] == ["_static/b.css"]


def test_myst_nbs_code_toggle_is_still_the_one_the_book_replaces():
    import inspect

    from myst_nb import sphinx_ as myst_nb_sphinx

    source = inspect.getsource(myst_nb_sphinx.visit_HideCellInput)
    # The label the book drops, and the attributes its own visitor reads.
    assert 'aria-label="Toggle hidden content"' in source
    assert 'node["prompt_show"]' in source and 'node["prompt_hide"]' in source
    assert myst_nb_sphinx.HideCodeCellNode.__name__ == "HideCodeCellNode"


def test_the_extension_and_its_parts_load_no_pandas_plotly_or_frictionless():
    """A rebuild that changes nothing starts Sphinx and the extension only: the domain's heavy libraries
    (about 0.2 s each to import) stay out of it."""
    import subprocess
    import sys

    code = ("import sys, unsigned_peace.machinery.wiring.extension\n"
            "print(sorted({'pandas', 'plotly.graph_objects', 'frictionless'} & set(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_a_sentence_ending_with_a_values_abbreviation_ends_once_and_code_is_left_as_written():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from unsigned_peace.machinery.content.substitutions import OneFullStop

    document = new_document("page", get_default_settings(Parser))
    prose = nodes.paragraph("", "", nodes.Text("дата последнего события — 20 февраля 2026 г.. Далее..."))
    code = nodes.paragraph("", "", nodes.literal("", "range(1..3)"))
    document += [prose, code]
    OneFullStop(document).run()
    assert prose.astext() == "дата последнего события — 20 февраля 2026 г. Далее..."
    assert code.astext() == "range(1..3)"


def test_the_bundle_carries_plotlys_japanese_and_russian_words():
    from unsigned_peace.machinery.html.assets import plotly_bundle

    text = plotly_bundle().read_text(encoding="utf-8")
    # The toolbar's "Autoscale" in each locale registered (esbuild writes other characters as escapes).
    for word in ("自動ズーム", "Автоматическое шкалирование"):
        escaped = "".join(c if c.isascii() else "\\u" + format(ord(c), "04X") for c in word)
        assert f'Autoscale:"{escaped}"' in text
