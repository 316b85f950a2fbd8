"""The administration chart: one bar per period, lanes without gaps, the present drawn to today, text escaped."""

import html
import itertools
import re
from datetime import date

import pandas as pd
import pytest

from unsigned_peace import load_data
from unsigned_peace.charts import administration_chart
from unsigned_peace.charts.administration import HOVER_WRAP, ONE_DAY, STATE_COLOURS, administration_bars
from unsigned_peace.machinery.content.charts import ChartPictures, chart_html, live_chart, live_spec

HOSTILE = '<img src=x onerror=alert(1)>'
UNTIL = pd.Timestamp("2026-11-27")

PICTURES = ChartPictures(desktop="chart.svg", phone="chart.phone.svg", live="chart.live.js", first_on_page=True)


@pytest.fixture(scope="module")
def data():
    return load_data()


def chart(data, periods=None, islands=None, **options):
    options.setdefault("until", UNTIL)
    return administration_chart(periods if periods is not None else data.administration,
                                islands if islands is not None else data.islands, data.sources,
                                alt="Who administered each island", source="Source: test.", **options)


def overview_traces(figure):
    return [t for t in figure.data if t.type == "bar" and t.xaxis == "x" and t.y != (None,)]


def test_one_bar_per_period_in_the_overview(data):
    traces = overview_traces(chart(data).figure)
    assert sum(len(t.y) for t in traces) == len(data.administration)
    lanes = [lane for t in traces for lane in t.y]
    expected = data.administration["island_id"].map(data.islands.set_index("island_id")["name_en"])
    assert sorted(lanes) == sorted(expected)


def test_bars_of_each_island_meet_with_no_gap_or_overlap(data):
    bars = administration_bars(data.administration, data.islands, data.sources, UNTIL)
    for island_id in data.islands["island_id"]:
        lane = [b for b in bars if b.island_id == island_id]
        assert lane, island_id
        assert all(b.end > b.start for b in lane)
        for before, after in itertools.pairwise(lane):
            assert before.end == after.start, (island_id, before.state, after.state)


def test_drawn_bar_spans_match_the_inclusive_periods(data):
    figure = chart(data).figure
    periods = data.administration.dropna(subset=["end_date"])
    drawn = {(lane, base): width for t in overview_traces(figure) for lane, base, width in zip(t.y, t.base, t.x)}
    names = data.islands.set_index("island_id")["name_en"]
    for row in periods.itertuples():
        width = drawn[(names[row.island_id], row.start_date.strftime("%Y-%m-%d"))]
        assert pd.Timedelta(milliseconds=width) == row.end_date + ONE_DAY - row.start_date


def test_current_period_runs_to_the_given_day_and_to_today_by_default(data):
    bars = administration_bars(data.administration, data.islands, data.sources, UNTIL)
    open_starts = set(data.administration.loc[data.administration["end_date"].isna(), "start_date"])
    current = [b for b in bars if b.start in open_starts]
    assert current and all(b.end == UNTIL for b in current)
    assert all("today" in b.hover for b in current)
    by_default = administration_bars(data.administration, data.islands, data.sources)
    assert max(b.end for b in by_default) == pd.Timestamp(date.today())
    assert chart(data).data["To"].eq("today").sum() == len(current)


def test_each_bar_is_coloured_by_its_state_and_occupations_are_hatched(data):
    for trace in overview_traces(chart(data).figure):
        assert trace.marker.color == STATE_COLOURS[trace.legendgroup]
        hatched = trace.marker.pattern.shape not in ("", None)
        bases = [re.search(r"Basis: ([^<]*)", h).group(1) for h in trace.hovertext]
        assert all(("occupation" in basis.lower()) == hatched for basis in bases)
    occupation_rows = data.administration["basis"].str.contains("occupation", case=False).sum()
    bars = administration_bars(data.administration, data.islands, data.sources, UNTIL)
    assert sum(b.occupation for b in bars) == occupation_rows > 0


def test_hover_gives_period_basis_and_sources(data):
    bars = administration_bars(data.administration, data.islands, data.sources, UNTIL)
    habomai_occupation = next(b for b in bars if b.island_id == "habomai" and b.occupation)
    assert "3 September 1945 – 1 February 1946" in habomai_occupation.hover
    assert "Basis: Soviet occupation" in habomai_occupation.hover
    assert "Sources: " in habomai_occupation.hover and "Kyodo" in habomai_occupation.hover


def test_no_tooltip_line_is_longer_than_the_wrap_width(data):
    """A tooltip does not wrap: a longer line (a bar's many sources) would run out of the chart."""
    bars = administration_bars(data.administration, data.islands, data.sources, UNTIL)
    lines = [html.unescape(re.sub(r"<[^>]+>", "", line)) for bar in bars for line in bar.hover.split("<br>")]
    assert max(len(line) for line in lines) <= HOVER_WRAP
    assert any(len(bar.cited) > HOVER_WRAP for bar in bars), "no bar with sources long enough to wrap"


def test_detail_panel_holds_only_the_periods_in_its_window(data):
    figure = chart(data).figure
    detail = [t for t in figure.data if t.type == "bar" and t.xaxis == "x2"]
    window_start, window_end = pd.Timestamp("1945-08-01"), pd.Timestamp("1946-03-01")
    bars = administration_bars(data.administration, data.islands, data.sources, UNTIL)
    inside = [b for b in bars if b.start < window_end and b.end > window_start]
    assert sum(len(t.y) for t in detail) == len(inside)
    assert len(chart(data, detail=None).figure.data) == len(overview_traces(chart(data, detail=None).figure)) + 1


def test_text_from_the_data_is_escaped(data):
    islands = data.islands.copy()
    islands.loc[islands["island_id"] == "iturup", "name_en"] = HOSTILE
    periods = data.administration.copy()
    periods.loc[0, "basis"] = HOSTILE
    periods.loc[0, "note"] = HOSTILE
    drawn = chart(data, periods=periods, islands=islands).spec()
    html, script = chart_html(drawn, PICTURES), live_chart(drawn).script
    assert "<img src=x" not in html and "<img" not in script
    figure = live_spec(script)["figure"]
    hovers = [h for t in figure["data"] if t.get("hovertext") for h in t["hovertext"]]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in h for h in hovers)
    assert not any("<img" in h for h in hovers)
    assert "&lt;img src=x onerror=alert(1)&gt;" in [y for t in figure["data"] if t.get("y") for y in t["y"]]


def test_a_period_ending_before_it_starts_is_refused(data):
    periods = data.administration.copy()
    periods.loc[0, "end_date"] = periods.loc[0, "start_date"] - pd.Timedelta(days=2)
    with pytest.raises(ValueError, match="ends before it starts"):
        administration_bars(periods, data.islands, data.sources, UNTIL)


def test_data_behind_the_chart_lists_every_period_with_its_sources(data):
    table = chart(data).data
    assert len(table) == len(data.administration)
    assert table["Sources"].str.len().gt(0).all()


def test_only_a_bar_long_enough_for_its_states_name_carries_it(data):
    from unsigned_peace.charts.administration import YEARS_PER_LABEL_COLUMN

    year_ms = pd.Timedelta(days=365.25) / pd.Timedelta(milliseconds=1)
    shown, left_bare = 0, 0
    for trace in overview_traces(chart(data).figure):
        for length_ms, text in zip(trace.x, trace.text):
            long_enough = length_ms / year_ms >= YEARS_PER_LABEL_COLUMN * len(trace.name)
            assert (text == trace.name) == long_enough and (text == "") == (not long_enough)
            shown, left_bare = shown + long_enough, left_bare + (not long_enough)
    assert shown and left_bare  # Urup's twenty years of the Russian Empire are left bare
