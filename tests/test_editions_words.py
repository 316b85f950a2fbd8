"""The words a notebook's code writes, and the domain's last English leftovers, in the edition's language.

Every caption, alt text, chart title and column name written in a chapter's code cell goes through the
domain's catalog; the agreements' statuses are codebook labels; lists, a legal text's full stop, the map's
place names and the date axes follow the edition's language. Expectations are read from the data, the
catalogs' source (the notebooks) and Babel (CLDR), never copied from the output."""

import ast
import csv
import json
import re
from datetime import date

import pandas as pd
import pytest
from babel.dates import format_skeleton, get_month_names
from conftest import DATA, ROOT

from unsigned_peace import load_data, messages
from unsigned_peace.charts.date_axes import (
    DAY_SKELETONS,
    MONTH_SKELETONS,
    d3_format,
    date_tick_formats,
    month_ticks,
)
from unsigned_peace.language import LANGUAGE_ENV
from unsigned_peace.legal import ends_sentence, instrument_cell
from unsigned_peace.prose import and_list, separated
from unsigned_peace.schema import field_codebook

NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
STATUS_FIELDS = ("signed", "ratified_by_japan", "ratified_by_russia_or_ussr", "in_force", "japan_relies_on_it",
                 "russia_relies_on_it")


def code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(number, "".join(cell["source"])) for number, cell in enumerate(cells, start=1)
            if cell["cell_type"] == "code"]


def calls_of(tree, names):
    """The literal first arguments of calls to `names` in a parsed cell."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
                and node.args and isinstance(node.args[0], ast.Constant)):
            yield node.func.id, node.args[0].value


# The notebooks' words -------------------------------------------------------------------------------


def test_every_message_a_notebook_writes_is_in_the_catalogs_template():
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in messages.template() if m.id}
    found = [text for path in NOTEBOOKS for _number, code in code_cells(path)
             for _name, text in calls_of(ast.parse(code), {"_", "ngettext"})]
    assert found, "the notebooks write their captions through _"
    assert set(found) <= template


def test_no_notebook_cell_binds_the_name_of_the_translation_function():
    # `for _, row in ...` in a cell would leave `_` a tuple's item, and the next caption would fail.
    for path in NOTEBOOKS:
        for number, code in code_cells(path):
            for node in ast.walk(ast.parse(code)):
                assert not (isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)), (
                    f"{path.name}, cell {number} binds _")


def test_no_caption_or_alt_text_is_left_as_a_plain_string_in_a_notebook():
    for path in NOTEBOOKS:
        for number, code in code_cells(path):
            for node in ast.walk(ast.parse(code)):
                if isinstance(node, ast.keyword) and node.arg in ("caption", "alt", "source", "where", "value_name"):
                    plain = isinstance(node.value, (ast.Constant, ast.JoinedStr)) or (
                        isinstance(node.value, ast.BinOp) and any(isinstance(side, (ast.Constant, ast.JoinedStr))
                                                                  for side in (node.value.left, node.value.right)))
                    assert not plain, f"{path.name}, cell {number}: {node.arg}= is written in English only"
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "titled"):
                    assert not isinstance(node.args[0], ast.Constant), f"{path.name}, cell {number}: a bare title"


def test_each_notebook_message_is_translated_in_both_editions():
    wanted = {text for path in NOTEBOOKS for _number, code in code_cells(path)
              for _name, text in calls_of(ast.parse(code), {"_", "ngettext"})}
    for language in ("ja", "ru"):
        catalog = messages.read_catalog(messages.catalog_path(language))
        done = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog
                if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))}
        assert wanted <= done, sorted(wanted - done)[:5]


# The agreements' statuses ----------------------------------------------------------------------------


def codebook_rows(language):
    with (DATA / "translations" / language / "codebooks.csv").open(encoding="utf-8") as handle:
        return {(row["codebook"], row["value"]): row["text"] for row in csv.DictReader(handle)
                if row["column"] == "label"}


def test_the_agreements_statuses_read_as_the_data_writes_them_in_english(monkeypatch):
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    agreements = load_data("agreements").agreements
    for column in STATUS_FIELDS:
        book = field_codebook("agreements", column)
        assert all(book[value].label == value for value in agreements[column])


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_the_agreements_statuses_are_labelled_in_the_editions_language(monkeypatch, language):
    monkeypatch.setenv(LANGUAGE_ENV, language)
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in descriptor["resources"] if r["name"] == "agreements" for f in r["schema"]["fields"]}
    rows = codebook_rows(language)
    for column in STATUS_FIELDS:
        book = field_codebook("agreements", column)
        for value in fields[column]["constraints"]["enum"]:
            translation = rows[(fields[column]["codebook"], value)]
            assert translation and book[value].label == translation
            assert not re.search(r"[A-Za-z]", translation), f"{column}={value} reads {translation!r}"


# Lists, full stops, names ----------------------------------------------------------------------------


def test_lists_are_joined_as_the_english_always_joined_them(monkeypatch):
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    names = ["Kunashir", "Shikotan", "the Habomai Islands"]
    assert and_list(names) == ", ".join(names[:-1]) + " and " + names[-1]
    assert and_list(names[:1]) == names[0] and and_list([]) == ""
    assert separated(names) == ", ".join(names)


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_lists_are_joined_by_the_editions_own_words(monkeypatch, language):
    monkeypatch.setenv(LANGUAGE_ENV, language)
    names = ["A", "B", "C"]
    separator = messages.pgettext("between the items of a list", ", ")
    joined = and_list(names)
    assert joined.startswith("A" + separator + "B") and joined.endswith("C")
    assert " and " not in joined


@pytest.mark.parametrize("text, ends", [
    ('"The border lies here."', True), ('"The border lies here"', False), ('"... as a whole?")', True),
    ("「…を放棄する。」）", True), ("「…を放棄する」", False),
    ("«… не допускаются».", True), ("«… не допускаются»", False),
])
def test_a_sentence_end_is_read_in_any_of_the_books_languages(text, ends):
    assert ends_sentence(text) is ends


def test_a_japanese_rendering_that_ends_its_sentence_takes_no_second_full_stop(monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "ja")
    instrument = pd.Series({"name": "国連憲章", "date": pd.Timestamp("1945-06-26"), "provision": "第107条",
                            "agreement_id": "", "text": "Nothing shall invalidate.", "language": "en",
                            "text_en": "何ものも無効にしない。", "source_id": "s-text", "note": ""})
    sources = pd.DataFrame({"source_id": ["s-text"], "publisher": ["Archive"]})
    cell = instrument_cell(instrument, pd.DataFrame({"agreement_id": []}), sources)
    stop = messages.pgettext("the end of a sentence", ".")
    assert "何ものも無効にしない。" in cell
    assert not re.search(r"[。.][」』\"”)）]+" + re.escape(stop), cell), cell


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_the_maps_data_names_hokkaido_in_the_editions_language_and_then_in_the_other_two(monkeypatch, language):
    monkeypatch.setenv(LANGUAGE_ENV, language)
    from unsigned_peace.charts.island_map import LANDS, island_map
    from unsigned_peace.map_history import map_steps

    data = load_data("coastline_points", "map_lines", "islands", "map_steps", "map_places", "map_distances",
                     "administration", "events", "sources")
    steps = map_steps(data.map_steps, data.administration, data.events, LANDS)
    chart = island_map(data.coastline_points, data.map_lines, data.islands, steps, data.map_places,
                       data.map_distances, data.sources, alt="alt", source="Source: test.")
    hokkaido = data.map_places.set_index("place_id").loc["hokkaido"]
    drawn, shows = chart.data.columns[:2]
    name = str(hokkaido[f"name_{language}"]).split(" (")[0]
    # The place's row (the land's own row is its bare name, or its code in English).
    row = chart.data[chart.data[drawn].str.contains(name, regex=False) & (chart.data[drawn] != name)]
    assert len(row) == 1
    others = {"en": hokkaido["name_en"], "ru": hokkaido["name_ru"], "ja": hokkaido["name_ja"]}
    shown = row[shows].iloc[0]
    assert all((name in shown) == (code != language) for code, name in others.items())
    lands = set(chart.data[drawn])
    if language != "en":
        assert not lands & set(LANDS), "a land shows by its code"


# Date axes -------------------------------------------------------------------------------------------


def d3_apply(format_string, day):
    """A d3 time format (the fields CLDR's numeric patterns use) applied to a day."""
    fields = {"%Y": f"{day.year}", "%m": f"{day.month:02d}", "%-m": f"{day.month}", "%d": f"{day.day:02d}",
              "%-d": f"{day.day}", "%%": "%"}
    return re.sub(r"%-?[A-Za-z%]", lambda match: fields[match.group(0)], format_string)


def test_english_date_axes_keep_plotlys_own_ticks():
    assert date_tick_formats("en") == []
    assert month_ticks(pd.Timestamp("1945-08-01"), pd.Timestamp("1946-03-01"), 2, language="en") == {}


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_date_ticks_write_months_and_days_as_the_language_does_with_numbers(language):
    stops = {tuple(stop["dtickrange"]): stop["value"] for stop in date_tick_formats(language)}
    assert stops[("M12", None)] == "%Y"
    day = date(1945, 8, 9)
    month_text = d3_apply(stops[("M1", "M12")], day)
    day_text = d3_apply(stops[(None, "M1")], day)
    assert month_text in {format_skeleton(skeleton, day, locale=language) for skeleton in MONTH_SKELETONS}
    assert day_text in {format_skeleton(skeleton, day, locale=language) for skeleton in DAY_SKELETONS}
    assert not re.search(r"[^\W\d_]{2,}", month_text.replace("年", "").replace("月", "").replace("日", ""))


def test_a_pattern_that_names_the_month_is_not_used():
    assert d3_format("LLL y г.") is None
    assert d3_format("y年M月d日") == "%Y年%-m月%-d日"
    assert d3_format("dd.MM.y") == "%d.%m.%Y"


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_a_short_windows_month_ticks_name_the_months_in_the_language(monkeypatch, language):
    monkeypatch.setenv(LANGUAGE_ENV, language)
    ticks = month_ticks(pd.Timestamp("1945-08-01"), pd.Timestamp("1946-03-01"), 2)
    # Every other month from January, as plotly places a tick every "M2": September 1945 to March 1946.
    wanted = [date(1945, 9, 1), date(1945, 11, 1), date(1946, 1, 1), date(1946, 3, 1)]
    assert ticks["tickvals"] == [day.isoformat() for day in wanted]
    names = get_month_names("abbreviated", context="stand-alone", locale=language)
    for text, day in zip(ticks["ticktext"], wanted):
        assert names[day.month] in text and str(day.year) in text


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_the_close_ups_data_names_each_place_first_in_the_editions_language(monkeypatch, language):
    monkeypatch.setenv(LANGUAGE_ENV, language)
    from unsigned_peace.charts.island_map import habomai_map

    data = load_data("coastline_points", "map_places", "map_distances", "sources")
    chart = habomai_map(data.coastline_points, data.map_places, data.map_distances, data.sources, alt="alt",
                        source="Source: test.")
    shown = data.map_places[data.map_places["kind"] != "island"]
    others = [code for code in ("en", "ja", "ru") if code != language]
    assert list(chart.data.iloc[:, 0]) == list(shown[f"name_{language}"])
    assert [list(chart.data.iloc[:, n]) for n in (1, 2)] == [list(shown[f"name_{code}"]) for code in others]
