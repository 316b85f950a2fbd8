"""The chart helper: deterministic, offline, escaped, with a static twin for the PDF."""

import json
import re

import plotly.graph_objects as go
import pytest

from unsigned_peace import load_data
from unsigned_peace.charts import Chart, event_timeline
from unsigned_peace.charts.render import STATIC_IMAGES_ENV

HOSTILE = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", '"><b>bold</b>']


def small_events(titles):
    data = load_data()
    events = data.events.head(len(titles)).copy()
    events["title"] = titles
    events["summary"] = titles
    return events, data.sources


def timeline(events, sources, alt="alt text"):
    return event_timeline(events, sources, alt=alt, source="Source: test.")


def test_same_data_gives_identical_html_and_other_data_another_id():
    events, sources = small_events(["A", "B"])
    first, second = timeline(events, sources), timeline(events.copy(), sources)
    assert first.html() == second.html()
    changed = events.assign(title=["A", "C"])
    assert timeline(changed, sources).chart_id != first.chart_id


def test_html_loads_nothing_and_runs_no_inline_code():
    events, sources = small_events(["A", "B"])
    html = timeline(events, sources).html()
    assert "http://" not in html and "https://" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts == [' type="application/json" class="up-chart-spec"']


def test_text_from_data_cannot_become_markup():
    events, sources = small_events(HOSTILE[:2])
    chart = timeline(events, sources, alt=HOSTILE[2])
    html = chart.html()
    spec_text = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert "<" not in spec_text and ">" not in spec_text
    outside_spec = html.replace(spec_text, "")
    for hostile in HOSTILE:
        assert hostile not in outside_spec
    assert 'aria-label="&quot;&gt;&lt;b&gt;bold&lt;/b&gt;"' in html
    spec = json.loads(spec_text)
    hover_titles = [row[1] for trace in spec["figure"]["data"] for row in trace["customdata"]]
    # Plotly decodes &lt; &gt; &amp; but would show &quot; as written: quotes stay plain in its text.
    assert hover_titles == ['&lt;script&gt;alert("x")&lt;/script&gt;', "&lt;img src=x onerror=alert(1)&gt;"]


def test_data_behind_the_chart_lists_every_event():
    events, sources = small_events(["First", "Second", "Third"])
    chart = timeline(events, sources)
    assert list(chart.data["Event"]) == list(events.sort_values(["date", "event_id"])["title"])
    assert "Data behind this chart" in chart.html()


def two_bars() -> Chart:
    return Chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), alt="Two bars", source="Source: test.", height=300,
                 summary="Two bars; the second is twice the first.")


def test_bundle_offers_html_for_the_book_png_for_the_pdf_and_json_for_jupyterlab(monkeypatch):
    monkeypatch.delenv(STATIC_IMAGES_ENV, raising=False)
    bundle = two_bars()._repr_mimebundle_()
    assert bundle["image/png"][:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(bundle["image/png"][16:20], "big")
    assert width >= 1800
    assert bundle["application/vnd.plotly.v1+json"]["data"][0]["type"] == "bar"
    assert "Two bars" in bundle["text/plain"]


def test_with_static_images_off_the_bundle_has_everything_but_the_png(monkeypatch):
    monkeypatch.setenv(STATIC_IMAGES_ENV, "off")
    chart = two_bars()
    bundle = chart._repr_mimebundle_()
    assert "image/png" not in bundle
    assert chart._png is None
    assert bundle["text/html"] == chart.html() and "Two bars" in bundle["text/plain"]


def test_every_chart_has_alt_text_and_a_text_alternative_beside_it():
    figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    with pytest.raises(ValueError, match="data behind it or a one-paragraph summary"):
        Chart(figure, alt="Two bars", source="Source: test.")
    with pytest.raises(ValueError, match="alt text"):
        Chart(figure, alt=" ", source="Source: test.", summary="Two bars.")
    html = Chart(figure, alt="Two bars", source="Source: test.", summary="<b>Two</b> bars.").html()
    assert '<p class="up-chart-summary">&lt;b&gt;Two&lt;/b&gt; bars.</p>' in html
    assert 'role="figure" aria-label="Two bars"' in html
