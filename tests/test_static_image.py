"""The static images of a chart, drawn in the build's own process: a PDF for print, a PNG to download."""

import base64
import re

import plotly.graph_objects as go
import pytest

from unsigned_peace.charts import Chart
from unsigned_peace.machinery.figure_images import (
    PNG_SCALE,
    SOURCE_WRAP_CHARS,
    FigureImageError,
    FigureImages,
    draw,
    with_source_strip,
)

PNG = b"\x89PNG\r\n\x1a\nfake"


def images_of(chart: Chart, name: str = "fig-test") -> FigureImages:
    return FigureImages(figure_json=chart.figure_json(), height=chart.height, source=chart.source, name=name)


def one_bar(**layout) -> Chart:
    chart = Chart(go.Figure(go.Bar(x=["a"], y=[1])), alt="A bar", source="Source: test.", summary="One bar.",
                  height=300)
    chart.figure.update_layout(**layout)
    return chart


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


def test_each_chart_is_drawn_once_as_a_vector_pdf_and_a_png_with_its_source_strip(tmp_path):
    images = images_of(one_bar())
    assert draw([images, images], tmp_path) == [images]
    pdf, png = images.pdf(tmp_path).read_bytes(), images.png(tmp_path).read_bytes()
    assert pdf.startswith(b"%PDF-") and not re.search(rb"/Subtype\s*/Image", pdf)  # vector: no raster inside
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    _, total = with_source_strip(PNG, "Source: test.", 300)
    assert int.from_bytes(png[20:24], "big") == round(total * PNG_SCALE)
    assert draw([images], tmp_path) == []  # cached: nothing drawn again
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([images.pdf(tmp_path).name, images.png(tmp_path).name])


def test_another_figure_or_source_line_is_another_image():
    first = images_of(one_bar())
    assert images_of(one_bar(title="Other")).digest != first.digest
    other_source = FigureImages(first.figure_json, first.height, "Source: another.", first.name)
    assert other_source.digest != first.digest


def test_an_image_that_comes_out_broken_stops_with_the_figures_name(tmp_path, monkeypatch):
    import unsigned_peace.machinery.figure_images as figure_images

    def three_bytes(charts, figures, files, **options):
        for file in files:
            file.write_bytes(b"\x89PN")

    monkeypatch.setattr(figure_images, "_write_images", three_bytes)
    with pytest.raises(FigureImageError, match=r"figure fig-broken: its static image .* broken \(3 bytes\)"):
        draw([images_of(one_bar(), "fig-broken")], tmp_path)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.png"))


def test_a_build_draws_only_the_kind_it_needs(tmp_path):
    images = images_of(one_bar(title="png only"))
    assert draw([images], tmp_path, formats=("png",)) == [images]
    assert images.png(tmp_path).is_file() and not images.pdf(tmp_path).exists()
    assert draw([images], tmp_path, formats=("pdf",)) == [images]
    assert images.pdf(tmp_path).read_bytes().startswith(b"%PDF-")


def test_the_drawing_process_names_a_chart_it_cannot_draw(tmp_path):
    from unsigned_peace.machinery.figure_images import DrawingProcess

    good = images_of(one_bar(title="drawn by the process"), "fig-good")
    bad = FigureImages(figure_json="{not a figure", height=300, source="Source: test.", name="fig-impossible")
    process = DrawingProcess(tmp_path)
    process.submit([good], ("png",))
    process.submit([bad], ("png",))
    with pytest.raises(FigureImageError, match="fig-impossible"):
        process.finish()
    assert good.png(tmp_path).is_file() and not bad.png(tmp_path).exists()


def test_a_drawing_process_that_takes_too_long_is_stopped(tmp_path):
    from unsigned_peace.machinery.figure_images import DrawingProcess

    process = DrawingProcess(tmp_path)
    process.submit([images_of(one_bar(title="slow"))], ("pdf",))
    with pytest.raises(FigureImageError, match="took more than 0 s and was stopped"):
        process.finish(timeout=0.01)
