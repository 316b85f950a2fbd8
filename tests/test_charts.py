"""The chart helper and its HTML in the book: deterministic, offline, escaped."""

import json
import re
import subprocess

import plotly.graph_objects as go
import pytest

from unsigned_peace import load_data
from unsigned_peace.charts import Chart, event_timeline
from unsigned_peace.charts.mime import CHART_MIME, PLOTLY_MIME
from unsigned_peace.machinery.content.charts import (
    ChartPictures,
    chart_html,
    ebook_chart_text,
    live_chart,
    live_spec,
)

HOSTILE = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", '"><b>bold</b>']

PICTURES = ChartPictures(desktop="chart.svg", phone="chart.phone.svg", live="chart.live.js", first_on_page=True)


def small_events(titles):
    data = load_data()
    events = data.events.head(len(titles)).copy()
    events["title"] = titles
    events["summary"] = titles
    return events, data.sources


def timeline(events, sources, alt="alt text", source="Source: test."):
    return event_timeline(events, sources, alt=alt, source=source)


def html_of(chart: Chart) -> str:
    return chart_html(chart.spec(), PICTURES)


def test_same_data_gives_identical_html_and_other_data_another_id():
    events, sources = small_events(["A", "B"])
    first, second = timeline(events, sources), timeline(events.copy(), sources)
    assert html_of(first) == html_of(second)
    changed = events.assign(title=["A", "C"])
    assert timeline(changed, sources).chart_id != first.chart_id


def test_html_loads_nothing_and_runs_no_inline_code():
    events, sources = small_events(["A", "B"])
    html = html_of(timeline(events, sources))
    assert "http://" not in html and "https://" not in html
    assert re.findall(r"<script([^>]*)>", html) == []
    assert 'data-up-live="chart.live.js"' in html


def test_text_from_data_cannot_become_markup():
    events, sources = small_events(HOSTILE[:2])
    chart = timeline(events, sources, alt=HOSTILE[2])
    html, script = html_of(chart), live_chart(chart.spec()).script
    assert "<" not in script and ">" not in script
    for hostile in HOSTILE:
        assert hostile not in html
    assert 'aria-label="&quot;&gt;&lt;b&gt;bold&lt;/b&gt;"' in html
    spec = live_spec(script)
    hover_titles = [row[1] for trace in spec["figure"]["data"] for row in trace["customdata"]]
    # Plotly decodes &lt; &gt; &amp; but would show &quot; as written: quotes stay plain in its text.
    assert hover_titles == ['&lt;script&gt;alert("x")&lt;/script&gt;', "&lt;img src=x onerror=alert(1)&gt;"]


def test_data_behind_the_chart_lists_every_event():
    events, sources = small_events(["First", "Second", "Third"])
    chart = timeline(events, sources)
    assert list(chart.data["Event"]) == list(events.sort_values(["date", "event_id"])["title"])
    assert "Data behind this chart" in html_of(chart)
    assert chart.spec()["data"]["rows"][0][chart.spec()["data"]["columns"].index("Event")] == "First"


def test_a_chart_whose_data_is_a_table_on_its_page_links_to_it_instead_of_repeating_it():
    events, sources = small_events(["First", "Second", "Third"])
    chart = event_timeline(events, sources, alt="alt text", source="Source: test.", data_table='tbl-"x"')
    html, ebook = html_of(chart), ebook_chart_text(chart.spec())
    for page in (html, ebook):
        assert '<a href="#tbl-&quot;x&quot;">Data behind this chart: the table below</a>' in page
        assert "<table" not in page and "Second" not in page
    assert chart.spec()["data"]["rows"][1][1] == "Second"  # still there for the chart's data download


def test_a_timeline_that_counts_events_per_year_keeps_its_own_data_table():
    events, sources = small_events(["First", "Second", "Third"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("unsigned_peace.charts.timeline.MAX_EVENT_ROWS", 2)
        chart = event_timeline(events, sources, alt="alt text", source="Source: test.", data_table="tbl-x")
    assert "data_table" not in chart.spec()
    assert "<summary>Data behind this chart</summary>" in html_of(chart) and 'href="#tbl-x"' not in html_of(chart)


def two_bars() -> Chart:
    return Chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), alt="Two bars", source="Source: test.", height=300,
                 summary="Two bars; the second is twice the first.")


def test_the_bundle_describes_the_chart_and_draws_nothing():
    bundle = two_bars()._repr_mimebundle_()
    assert set(bundle) == {CHART_MIME, PLOTLY_MIME, "text/plain"}
    spec = bundle[CHART_MIME]
    assert spec["figure"]["data"][0]["type"] == "bar" and spec["height"] == 300
    assert spec["alt"] == "Two bars" and spec["source"] == "Source: test."
    assert bundle[PLOTLY_MIME]["data"][0]["type"] == "bar"
    assert bundle["text/plain"] == "Chart: Two bars"
    json.dumps(bundle)  # nothing but plain JSON: a notebook can store it and a build read it


def test_every_chart_has_alt_text_and_a_text_alternative_beside_it():
    figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    with pytest.raises(ValueError, match="data behind it or a one-paragraph summary"):
        Chart(figure, alt="Two bars", source="Source: test.")
    with pytest.raises(ValueError, match="alt text"):
        Chart(figure, alt=" ", source="Source: test.", summary="Two bars.")
    html = html_of(Chart(figure, alt="Two bars", source="Source: test.", summary="<b>Two</b> bars."))
    assert '<p class="up-chart-summary">&lt;b&gt;Two&lt;/b&gt; bars.</p>' in html
    assert 'role="figure" aria-label="Two bars"' in html


def test_a_long_title_ends_at_a_whole_word_in_its_row_label_and_reads_in_full_elsewhere():
    title = "Russia halts visa-free trips and simplified visits, citing Japanese sanctions over Ukraine"
    events, sources = small_events([title, "Short title"])
    chart = timeline(events, sources)
    labels = [label for trace in chart.spec()["figure"]["data"] for label in trace["y"]]
    long_label = next(label for label in labels if "Russia" in label)
    shown = long_label.split(" · ", 1)[1]
    assert shown.endswith("…") and len(shown) < len(title)
    assert title.startswith(shown[:-1]) and title[len(shown) - 1] == " "  # cut between two words
    assert title in list(chart.data["Event"])


def test_a_timeline_carries_shorter_row_labels_for_a_phone_cut_by_the_same_rule_in_row_order():
    from unsigned_peace.charts.timeline import NARROW_LABEL_CHARS

    title = "Russia halts visa-free trips and simplified visits, citing Japanese sanctions over Ukraine"
    events, sources = small_events([title, "Short title"])
    spec = timeline(events, sources).spec()
    phone = spec["phone"]["layout"]["yaxis"]
    rows, narrow = spec["figure"]["layout"]["yaxis"]["categoryarray"], phone["ticktext"]
    assert spec["phone"]["fits"] and phone["tickvals"] == rows
    assert len(narrow) == len(rows) and all(len(label) <= NARROW_LABEL_CHARS for label in narrow)
    for row, short in zip(rows, narrow):
        year, shown = short.split(" · ", 1)
        assert row.startswith(f"{year} · ")
        full = row.split(" · ", 1)[1]
        assert shown == full or (shown.endswith("…") and full.startswith(shown[:-1]) and full[len(shown) - 1] == " ")
    assert "Short title" in narrow[1] or "Short title" in narrow[0]


def test_a_timelines_first_row_is_at_the_top_of_its_plot_and_the_last_at_the_bottom():
    # plotly pads a markers' autorange by a twentieth at each end: a long timeline opened on empty rows.
    events = load_data("events", "sources")
    chart = timeline(events.events, events.sources)
    rows = chart.figure.layout.yaxis.categoryarray
    assert len(rows) > 100
    assert tuple(chart.figure.layout.yaxis.range) == (len(rows) - 0.5, -0.5)


@pytest.mark.slow
def test_a_timeline_prints_rows_closer_together_and_past_a_page_counts_each_year():
    from unsigned_peace.charts.timeline import PRINT_MAX_ROWS

    data = load_data()
    few = timeline(data.events.head(10), data.sources)
    assert few.spec()["print"]["height"] < few.height
    assert few.spec()["print"]["figure"]["data"] == few.spec()["figure"]["data"]
    many = data.events.head(PRINT_MAX_ROWS + 1)
    chart = timeline(many, data.sources)
    assert chart.spec()["print"]["figure"]["data"]
    assert {trace.type for trace in chart.print_figure.data} == {"bar"}
    assert sum(sum(trace.y) for trace in chart.print_figure.data) == len(many)
    assert {trace["type"] for trace in chart.spec()["figure"]["data"]} == {"scatter"}


def test_the_notebook_draws_the_chart_at_its_own_width_with_title_and_source_line():
    chart = Chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), alt="Two bars", source="Source: <test>.", height=300,
                  summary="Two bars.")
    chart.figure.update_layout(legend=dict(yref="container", y=1, yanchor="top"))
    drawn = chart.titled("Two bars & more")._repr_mimebundle_()[PLOTLY_MIME]
    layout = drawn["layout"]
    assert "width" not in layout and layout["autosize"] is True
    assert layout["title"]["text"] == "<b>Two bars &amp; more</b>"
    assert layout["title"]["subtitle"]["text"] == "Source: &lt;test&gt;."
    # The rows added above the plot: a legend pinned to the top of the chart moves down with the plot.
    added = layout["height"] - 300
    assert added >= 44 + 16 and layout["legend"]["y"] == pytest.approx(300 / layout["height"])
    assert drawn["config"]["displayModeBar"] == "hover"
    # The book's spec is drawn from the figure alone: its caption and page carry the title and source line.
    assert "title" not in chart.spec()["figure"]["layout"]


def css_rule(sheet: str, selector: str) -> dict[str, str]:
    """The declarations of the rule for exactly `selector` in `sheet`."""
    block = re.search(rf"(?:^|}})\s*{re.escape(selector)}\s*{{([^}}]*)}}", sheet, re.M)
    assert block, f"no rule for {selector}"
    return dict((name.strip(), value.strip()) for name, value in
                (declaration.split(":", 1) for declaration in block[1].split(";") if declaration.strip()))


def test_the_chart_card_in_the_style_sheet_has_the_charts_own_paper_ink_and_muted_colours():
    """The style sheet states the charts' colours again (CSS cannot import them): the card a chart sits on,
    its text and its source line must be the colours the charts are drawn in."""
    from matplotlib.colors import to_hex

    from unsigned_peace.charts import style
    from unsigned_peace.machinery.html.assets import STATIC

    sheet = (STATIC / "unsigned-peace.css").read_text(encoding="utf-8")
    card = css_rule(sheet, ".up-chart")
    assert to_hex(card["background"]) == to_hex(style.PAPER)
    assert to_hex(card["color"]) == to_hex(style.INK)
    small_print = css_rule(sheet, ".up-source, .up-chart .up-chart-hint, .up-chart .up-chart-sideways")
    assert to_hex(small_print["color"]) == to_hex(style.MUTED)
    assert to_hex(css_rule(sheet, 'html[data-theme="dark"] .up-chart .up-source')["color"]) == to_hex(style.MUTED)
    assert to_hex(css_rule(sheet, 'html[data-theme="dark"] .up-chart details summary')["color"]) == to_hex(style.INK)


def test_the_style_sheets_phone_width_is_the_one_the_phone_pictures_are_shown_at():
    """The style sheet states the phone's width again (CSS cannot import it): every width its media queries
    name must be the one at which a chart's phone picture shows, or a phone would get the phone picture in a
    frame laid out for a desktop, or the reverse."""
    from unsigned_peace.machinery.content.charts import PHONE_MEDIA
    from unsigned_peace.machinery.html.assets import STATIC

    sheet = (STATIC / "unsigned-peace.css").read_text(encoding="utf-8")
    widths = re.findall(r"@media[^{]*\(max-width:\s*([^)]+)\)", sheet)
    assert len(widths) >= 3
    assert set(widths) == set(re.findall(r"\(max-width:\s*([^)]+)\)", PHONE_MEDIA))


# Text that would end a string, a statement or a line in a script, if it were written into one as it is.
SCRIPT_BREAKERS = ['"]; window.upPwned = 1; //', "'); window.upPwned = 1; //", "line\u2028sep\u2029arator",
                   "</script><script>window.upPwned = 1</script>", "\\u0022; window.upPwned = 1"]


def test_the_live_charts_script_only_sets_its_spec(tmp_path):
    # Run as a browser would: the one thing the script does is to set its spec, which reads back as built.
    events, sources = small_events(SCRIPT_BREAKERS[:2])
    chart = timeline(events, sources, alt=SCRIPT_BREAKERS[2], source=SCRIPT_BREAKERS[3])
    live = live_chart(chart.spec())
    path = tmp_path / live.name
    path.write_text(live.script, encoding="utf-8")
    runner = ("const vm = require('vm'); const window = {}; vm.runInNewContext(require('fs').readFileSync("
              "process.argv[1], 'utf8'), {window}); console.log(JSON.stringify(window));")
    result = subprocess.run(["node", "-e", runner, str(path)], capture_output=True, text=True, check=True)
    window = json.loads(result.stdout)
    assert list(window) == ["upChartSpecs"] and list(window["upChartSpecs"]) == [live.name]
    assert window["upChartSpecs"][live.name] == live_spec(live.script)
    assert window["upChartSpecs"][live.name]["figure"] == json.loads(json.dumps(chart.spec()["figure"]))


def test_only_a_chart_wider_than_a_phone_says_it_scrolls_sideways_there():
    """A chart with no phone layout keeps its legible width on a phone, in a frame that scrolls sideways:
    its card says so, in a line a phone shows (hidden elsewhere); a chart that fits a phone says nothing."""
    events, sources = small_events(["A", "B"])
    fitting = timeline(events, sources)
    wide = Chart(figure=go.Figure(go.Bar(x=["a"], y=[1])), alt="bars", source="Source: test.",
                 summary="One bar.")
    assert fitting.phone()["fits"] and not wide.phone()["fits"]
    assert "up-chart-sideways" not in html_of(fitting)
    line = re.search(r'<p class="up-chart-sideways">([^<]+)</p>\s*<div class="up-chart-frame">', html_of(wide))
    assert line and "sideways" in line[1]
