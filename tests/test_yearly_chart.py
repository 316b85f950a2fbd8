"""Counts per year: unknown years are marked as unknown, never drawn as zero."""

import pandas as pd
import pytest

from unsigned_peace import load_data
from unsigned_peace.charts.yearly import UNKNOWN_TEXT, year_table, yearly_counts


def frame():
    return pd.DataFrame({
        "year": [2000, 2001, 2003],
        "count": pd.array([3, pd.NA, 0], dtype="Int64"),
        "note": ["three", "unknown that year", "none at all"],
    })


def traces(chart):
    known, unknown = chart.figure.data
    return known, unknown


def test_known_counts_are_bars_and_a_known_zero_is_a_bar_labelled_zero():
    known, _ = traces(yearly_counts(frame(), "count", first_year=2000, last_year=2003, value_name="Meetings",
                                    alt="alt", source="Source: test."))
    assert list(known.x) == [2000, 2003]
    assert list(known.y) == [3, 0]
    assert list(known.text) == [3, 0]


def test_empty_cells_and_missing_years_are_marked_unknown_not_zero():
    chart = yearly_counts(frame(), "count", first_year=1999, last_year=2003, value_name="Meetings",
                          alt="alt", source="Source: test.")
    known, unknown = traces(chart)
    assert list(unknown.x) == [1999, 2001, 2002]
    assert not set(unknown.x) & set(known.x)
    assert all(height > 3 for height in unknown.y)  # a band over the whole plot, not a short bar
    assert unknown.name == f"Meetings: {UNKNOWN_TEXT}"
    assert list(chart.data["Meetings"]) == [UNKNOWN_TEXT, "3", UNKNOWN_TEXT, UNKNOWN_TEXT, "0"]


def test_hover_gives_the_year_the_value_and_the_years_note():
    chart = yearly_counts(frame(), "count", first_year=2000, last_year=2003, value_name="Meetings",
                          alt="alt", source="Source: test.")
    known, unknown = traces(chart)
    assert known.customdata[0] == "<b>2000</b><br>Meetings: 3<br>three"
    assert unknown.customdata[0] == f"<b>2001</b><br>Meetings: {UNKNOWN_TEXT}<br>unknown that year"
    assert "No entry for this year" in unknown.customdata[1]


def test_year_table_covers_every_year_of_the_range_once():
    table = year_table(frame(), "count", first_year=1998, last_year=2004)
    assert list(table["year"]) == list(range(1998, 2005))
    assert list(table["known"]) == [False, False, True, False, False, True, False]


def test_leader_meetings_in_the_book_data_are_known_only_where_verified():
    contacts = load_data().contacts
    table = year_table(contacts, "leader_meetings", first_year=1991, last_year=2022)
    known_years = set(table.loc[table["known"], "year"])
    assert known_years == set(contacts.loc[contacts["leader_meetings"].notna(), "year"])
    assert 2020 not in known_years  # no verified count: the data leaves the cell empty


@pytest.mark.parametrize("hostile", ["<script>x</script>", "<b onmouseover=1>"])
def test_notes_cannot_become_markup(hostile):
    data = frame().assign(note=[hostile] * 3)
    chart = yearly_counts(data, "count", first_year=2000, last_year=2003, value_name="Meetings",
                          alt="alt", source="Source: test.")
    for trace in chart.figure.data:
        for text in trace.customdata:
            assert "<script" not in text and "<b onmouseover" not in text


def test_a_span_of_known_years_only_draws_no_unknown_band_nor_its_legend_entry():
    chart = yearly_counts(frame(), "count", first_year=2000, last_year=2000, value_name="Meetings",
                          alt="alt", source="Source: test.")
    assert [trace.name for trace in chart.figure.data] == ["Meetings"]


@pytest.mark.parametrize("last_year", [2010, 2020])
def test_on_a_phone_the_chart_fits_and_labels_fewer_years(last_year):
    chart = yearly_counts(frame(), "count", first_year=2000, last_year=last_year, value_name="Meetings",
                          alt="alt", source="Source: test.")
    phone = chart.spec()["phone"]
    assert phone["fits"] and phone["layout"]["xaxis"]["dtick"] > chart.figure.layout.xaxis.dtick
