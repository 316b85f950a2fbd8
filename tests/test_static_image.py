"""The static images of a chart, drawn in the build's own process: a PDF for print, a PNG to download, and
the SVG pictures a page shows (a desktop's and a phone's)."""

import json
import re
import subprocess
import types

import plotly.graph_objects as go
import pytest

from unsigned_peace.charts import Chart
from unsigned_peace.charts.render import PHONE_WIDTH_PX
from unsigned_peace.machinery.content.charts import phone_figure
from unsigned_peace.machinery.steps.figure_images import (
    PICTURE_WIDTH_PX,
    PNG_SCALE,
    SOURCE_LINE_PX,
    SOURCE_PAD_PX,
    SOURCE_WRAP_CHARS,
    FigureImageError,
    FigureImages,
    draw,
    source_lines,
    strip_height,
    with_source_strip,
)


def images_of(chart: Chart, name: str = "fig-test") -> FigureImages:
    return FigureImages(figure_json=chart.figure_json(), height=chart.height, source=chart.source, name=name)


def one_bar(**layout) -> Chart:
    chart = Chart(go.Figure(go.Bar(x=["a"], y=[1])), alt="A bar", source="Source: test.", summary="One bar.",
                  height=300)
    chart.figure.update_layout(**layout)
    return chart


def plot_png(width: int = 400, height: int = 200, colour=(0, 114, 178)) -> bytes:
    """A stand-in for kaleido's drawing of a plot: a PNG of one colour."""
    import io

    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(output, format="PNG")
    return output.getvalue()


def pixels(png: bytes):
    import io

    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB")


def test_the_plot_fills_the_top_and_the_source_sits_in_a_strip_below_it():
    image = pixels(with_source_strip(plot_png(), "Source: a short line.", "fig-test"))
    assert image.size == (400, 200 + strip_height("Source: a short line.") * PNG_SCALE)
    assert {image.getpixel((x, y)) for x in (0, 199, 399) for y in (0, 100, 199)} == {(0, 114, 178)}
    strip = image.crop((0, 200, 400, image.height))
    colours = {colour for _, colour in strip.getcolors(maxcolors=100_000)}
    assert (255, 255, 255) in colours and len(colours) > 2, "the strip holds no text"
    assert (0, 114, 178) not in colours, "the plot runs into the strip"


def test_a_long_source_line_is_wrapped_and_the_strip_grows_with_it():
    long_source = "Sources: " + "; ".join(f"Publisher number {i}" for i in range(40)) + "."
    lines = source_lines(long_source)
    assert len(lines) > 2 and all(len(line) <= SOURCE_WRAP_CHARS for line in lines)
    assert " ".join(lines) == long_source
    tall = pixels(with_source_strip(plot_png(1600), long_source, "fig-test"))
    short = pixels(with_source_strip(plot_png(1600), "Source: x.", "fig-test"))
    assert tall.height - short.height == (len(lines) - 1) * SOURCE_LINE_PX * PNG_SCALE
    last_line = tall.crop((0, tall.height - (SOURCE_LINE_PX + SOURCE_PAD_PX) * PNG_SCALE, 1600, tall.height))
    assert len(last_line.getcolors(maxcolors=100_000)) > 2, "the last line is not drawn"


def inked_width(png: bytes, below: int) -> int:
    """How wide the text drawn under the first `below` rows of the image is, in pixels."""
    from PIL import ImageChops

    strip = pixels(png).crop((0, below, pixels(png).width, pixels(png).height))
    box = ImageChops.invert(strip).getbbox()
    return box[2] - box[0]


def test_the_source_line_is_set_as_written_in_any_of_the_books_scripts():
    """Dollar signs are not mathematics, tags not markup; Japanese publishers' names have their glyphs
    (a missing glyph would be a warning, which the test session makes an error)."""
    written = 'Source: "The World and Japan" <b>bold</b> & co; 北方領土データ, Итуруп.'
    assert inked_width(with_source_strip(plot_png(1600), written, "fig-test"), 200) > 0
    # As mathematics, "$5 or $6" would lose its dollar signs and spaces and come out narrower than "5 or 6".
    dollars = inked_width(with_source_strip(plot_png(), "$5 or $6", "fig-test"), 200)
    assert dollars > inked_width(with_source_strip(plot_png(), "5 or 6", "fig-test"), 200)


def test_a_character_no_font_has_stops_the_drawing_with_the_figures_name(monkeypatch):
    import unsigned_peace.machinery.steps.figure_images as figure_images

    monkeypatch.setattr(figure_images, "SOURCE_FONTS", ["DejaVu Sans"])
    with pytest.raises(FigureImageError, match=r"figure fig-japanese: its source line has characters no .*font"):
        with_source_strip(plot_png(), "Source: 北方領土データ.", "fig-japanese")


@pytest.mark.slow
def test_each_chart_is_drawn_once_as_a_vector_pdf_and_a_png_with_its_source_strip(tmp_path):
    images = images_of(one_bar())
    assert draw([images, images], tmp_path) == [images]
    pdf, png = images.pdf(tmp_path).read_bytes(), images.png(tmp_path).read_bytes()
    assert pdf.startswith(b"%PDF-") and not re.search(rb"/Subtype\s*/Image", pdf)  # vector: no raster inside
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == 800 * PNG_SCALE
    assert int.from_bytes(png[20:24], "big") == (300 + strip_height("Source: test.")) * PNG_SCALE
    assert draw([images], tmp_path) == []  # cached: nothing drawn again
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        path.name for kind in ("pdf", "png", "svg") for path in images.files(kind, tmp_path))


def test_a_charts_pictures_are_svgs_as_a_desktop_and_as_a_phone_lay_it_out(tmp_path):
    chart = one_bar(title="Wide")
    chart.phone_layout = {"title": {"text": "Phone"}}
    spec = chart.spec()
    images = FigureImages(figure_json=chart.figure_json(), height=chart.height, source=chart.source, name="fig-svg",
                          phone_width=spec["phone"]["width"],
                          phone_figure_json=json.dumps(phone_figure(spec["figure"], spec["phone"])))
    draw([images], tmp_path, ("svg",))
    desktop, phone = images.svg(tmp_path).read_text(encoding="utf-8"), images.phone_svg(tmp_path).read_text("utf-8")
    assert re.match(rf'<svg [^>]*width="{PICTURE_WIDTH_PX}" height="300"', desktop) and ">Wide<" in desktop
    assert re.match(rf'<svg [^>]*width="{PHONE_WIDTH_PX}" height="300"', phone) and ">Phone<" in phone
    # Written compactly (test_compact_svg.py): each look once, as a class rule.
    assert "<style>" in desktop and "style=" not in desktop and "style=" not in phone


def test_another_figure_or_source_line_is_another_image():
    first = images_of(one_bar())
    assert images_of(one_bar(title="Other")).digest != first.digest
    other_source = FigureImages(first.figure_json, first.height, "Source: another.", first.name)
    assert other_source.digest != first.digest


def test_an_image_that_comes_out_broken_stops_with_the_figures_name(tmp_path, monkeypatch):
    import unsigned_peace.machinery.steps.figure_images as figure_images

    def three_bytes(charts, figures, files, **options):
        for file in files:
            file.write_bytes(b"\x89PN")

    monkeypatch.setattr(figure_images, "_write_images", three_bytes)
    with pytest.raises(FigureImageError, match=r"figure fig-broken: its static image .* broken \(3 bytes\)"):
        draw([images_of(one_bar(), "fig-broken")], tmp_path)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.png"))


@pytest.mark.slow
def test_a_build_draws_only_the_kind_it_needs(tmp_path):
    images = images_of(one_bar(title="png only"))
    assert draw([images], tmp_path, formats=("png",)) == [images]
    assert images.png(tmp_path).is_file() and not images.pdf(tmp_path).exists()
    assert draw([images], tmp_path, formats=("pdf",)) == [images]
    assert images.pdf(tmp_path).read_bytes().startswith(b"%PDF-")


@pytest.mark.slow
def test_the_drawing_process_names_a_chart_it_cannot_draw(tmp_path):
    from unsigned_peace.machinery.steps.figure_images import DrawingProcess

    good = images_of(one_bar(title="drawn by the process"), "fig-good")
    bad = FigureImages(figure_json="{not a figure", height=300, source="Source: test.", name="fig-impossible")
    process = DrawingProcess(tmp_path)
    process.submit([good], ("png",))
    process.submit([bad], ("png",))
    with pytest.raises(FigureImageError, match="fig-impossible"):
        process.finish()
    assert good.png(tmp_path).is_file() and not bad.png(tmp_path).exists()


def test_a_drawing_process_that_takes_too_long_is_stopped(tmp_path):
    from unsigned_peace.machinery.steps.figure_images import DrawingProcess

    process = DrawingProcess(tmp_path)
    process.submit([images_of(one_bar(title="slow"))], ("pdf",))
    with pytest.raises(FigureImageError, match="took more than 0 s and was stopped"):
        process.finish(timeout=0.01)


def test_the_drawing_process_takes_every_batch_off_the_pipe_while_it_draws(tmp_path, monkeypatch, capsys):
    """The build writes a page's batch and goes on reading the next page: it must never wait for the
    drawing of an earlier batch because the pipe between them is full."""
    import json
    import threading

    import unsigned_peace.machinery.steps.figure_images as figure_images

    all_taken = threading.Event()

    def lines():
        for number in range(3):
            yield json.dumps({"charts": [], "formats": ["png"], "number": number}) + "\n"
        all_taken.set()
        yield figure_images.DONE + "\n"

    drawn = []

    def slow_draw(charts, cache, formats):
        # The first batch is still being drawn when the last line is written.
        assert all_taken.wait(timeout=60), "the lines waited for the drawing"
        drawn.append(formats)

    monkeypatch.setattr(figure_images, "draw", slow_draw)
    assert figure_images.serve(tmp_path, lines()) == 0
    assert len(drawn) == 3
    assert capsys.readouterr().out.count('"error": null') == 3


def test_the_cache_names_only_whole_images_while_kaleido_draws(tmp_path, monkeypatch):
    """Kaleido writes an image a piece at a time; a build looking at the cache meanwhile (its next page's
    charts) must never find one half-written under the name of a finished image."""
    import unsigned_peace.machinery.steps.figure_images as figure_images

    images = images_of(one_bar(title="drawn elsewhere"))
    written_to = []

    def whole_images_elsewhere(charts, figures, files, **options):
        for file in files:
            written_to.append(file)
            assert not any(path.exists() for kind in figure_images.FORMATS for path in images.files(kind, tmp_path))
            signature = {".pdf": b"%PDF-", ".svg": b"<svg"}.get(file.suffix, figure_images.PNG_SIGNATURE)
            file.write_bytes(signature + b" " * figure_images.SMALLEST_IMAGE_BYTES)

    monkeypatch.setattr(figure_images, "_write_images", whole_images_elsewhere)
    monkeypatch.setattr(figure_images, "with_source_strip", lambda plot, source, name: plot)
    draw([images], tmp_path)
    finished = {path for kind in figure_images.FORMATS for path in images.files(kind, tmp_path)}
    assert written_to and not finished & set(written_to)
    assert all(path.is_file() for path in finished)


class RecordingPipe:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines.append(text)

    def flush(self) -> None:
        pass


def test_charts_handed_to_the_drawing_process_are_not_handed_again_nor_called_damaged(tmp_path, monkeypatch):
    """A build hands over each page's charts, then every chart once more at its end: one still being drawn
    (its image not there yet, or being written) is neither drawn twice nor reported damaged."""
    import unsigned_peace.machinery.steps.figure_images as figure_images

    pipe = RecordingPipe()

    class Started:
        returncode = 0

        def __init__(self, *args, **kwargs) -> None:
            self.stdin = pipe

        def communicate(self, last_line, timeout):
            return "", None

    # The drawing module's own name for subprocess, not subprocess.Popen itself: a browser another test
    # started may still be starting in a thread of this process, and it must get a real process.
    monkeypatch.setattr(figure_images, "subprocess", types.SimpleNamespace(
        Popen=Started, PIPE=subprocess.PIPE, TimeoutExpired=subprocess.TimeoutExpired))
    first, second = images_of(one_bar(title="first"), "fig-first"), images_of(one_bar(title="second"), "fig-second")
    process = figure_images.DrawingProcess(tmp_path)
    assert process.submit([first], ("svg",)) == []
    first.svg(tmp_path).write_bytes(b"<svg")  # as if it were being written now
    assert process.submit([first, second], ("svg",)) == []
    assert first.svg(tmp_path).exists()
    batches = [json.loads(line) for line in pipe.lines]
    assert [[chart["name"] for chart in batch["charts"]] for batch in batches] == [["fig-first"], ["fig-second"]]
    process.finish()
