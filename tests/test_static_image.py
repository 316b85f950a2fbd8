"""The printed twin of a chart: the plot above a strip holding the whole source line."""

import base64

import plotly.graph_objects as go

from unsigned_peace.charts.render import SOURCE_WRAP_CHARS, STATIC_SCALE, Chart, with_source_strip

PNG = b"\x89PNG\r\n\x1a\nfake"


def test_the_plot_fills_the_top_and_the_source_sits_in_a_strip_below_it():
    figure, total = with_source_strip(PNG, "Source: a short line.", 400)
    image = figure.layout.images[0]
    assert image.source == "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")
    assert (image.x, image.y, image.sizex, image.sizey) == (0, 1, 1, 1)
    assert figure.layout.margin.b == total - 400 and figure.layout.margin.t == 0
    note = figure.layout.annotations[0]
    assert note.text == "Source: a short line." and note.y == 0 and note.yanchor == "top"


def test_a_long_source_line_is_wrapped_and_the_strip_grows_with_it():
    long_source = "Sources: " + "; ".join(f"Publisher number {i}" for i in range(40)) + "."
    figure, total = with_source_strip(PNG, long_source, 400)
    lines = figure.layout.annotations[0].text.split("<br>")
    assert len(lines) > 2 and all(len(line) <= SOURCE_WRAP_CHARS for line in lines)
    assert " ".join(lines) == long_source
    _, short_total = with_source_strip(PNG, "Source: x.", 400)
    assert total > short_total


def test_the_source_line_is_text_not_markup_and_keeps_its_quotes():
    figure, _ = with_source_strip(PNG, 'Source: "The World and Japan" <b>bold</b> & co.', 300)
    assert figure.layout.annotations[0].text == 'Source: "The World and Japan" &lt;b&gt;bold&lt;/b&gt; &amp; co.'


def test_the_printed_image_is_taller_than_the_plot_by_the_strip():
    chart = Chart(go.Figure(go.Bar(x=["a"], y=[1])), alt="A bar", source="Source: test.",
                  summary="One bar.", height=300)
    png = chart.png()
    height = int.from_bytes(png[20:24], "big")
    _, total = with_source_strip(PNG, "Source: test.", 300)
    assert height == round(total * STATIC_SCALE)
