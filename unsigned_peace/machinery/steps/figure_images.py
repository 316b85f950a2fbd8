"""Static images of the book's charts, drawn from each figure's JSON in the build's own process.

The images of a chart:
- for print, a vector PDF of the plot (the PDF typesets the source line under it as text);
- for download, a PNG of the plot above a strip holding its source line, at print resolution;
- for the web page, its pictures: SVGs of the plot as a desktop shows it (PICTURE_WIDTH_PX wide) and as
  a phone shows it (the chart's phone width and layout, unsigned_peace.charts.render.Chart.phone), which
  the page shows until the reader reaches for the interactive chart, written compactly (compact_svg.py).
Kaleido draws the plots, with the plotly.js the web book ships (machinery/shared/plotly_js.py), each
build drawing what it needs (the HTML book the PNGs and SVGs, the PDF the vector images), in batches on
one headless Chromium. Each image is cached in `<build folder>/.figure-cache/` under a digest of
everything it is drawn from, so a rebuild draws only the charts whose figure, size or source line
changed. matplotlib sets the source line under a downloaded plot (in the charts' face, with a Japanese
face for what it lacks): a second browser pass for a line of text cost a third of the drawing time. An
image that comes out empty or broken, or a source line with a character no font has, stops the build
with the figure's name: the book never ships a blank figure.
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import logging
import queue
import subprocess
import sys
import tempfile
import textwrap
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from unsigned_peace.cache_keys import inputs_digest
from unsigned_peace.escape import clipped
from unsigned_peace.machinery.shared.plotly_js import PLOTLY_JS, BundleVersionError, plotly_bundle
from unsigned_peace.machinery.steps.compact_svg import SvgShapeError, compact_svg

if TYPE_CHECKING:
    import plotly.graph_objects as go

# A page's picture of a chart is laid out about as wide as a desktop's column shows it (656-804 px from a
# 1280 px to a 900 px wide window), so that its text is shown at about its own size.
PICTURE_WIDTH_PX = 720
# Laid out 800 px wide. The PNG is the image readers download from the web book (print has the vector
# PDF): at scale 2, 1600 px across, sharp on a high-density screen or a slide.
STATIC_WIDTH_PX = 800
PNG_SCALE = 2
# The source line under a downloaded image: 12 px text, wrapped to the image's width.
SOURCE_WRAP_CHARS = 115
SOURCE_LINE_PX = 17
SOURCE_PAD_PX = 16
SOURCE_TOP_PX = 6
SOURCE_LEFT_PX = 10
SOURCE_FONT_PX = 12
# The charts' face, then a Japanese one for the publishers' names it has no glyphs for.
SOURCE_FONTS = ["DejaVu Sans", "Noto Sans CJK JP"]
DRAWING_DPI = 100
# Change it to draw every image again (a change of how images are drawn, not of what they show).
DRAWING_VERSION = "7"
CACHE_FOLDER = ".figure-cache"
DRAWING_FOLDER = "drawing"
SMALLEST_IMAGE_BYTES = 500
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class FigureImageError(Exception):
    """A chart's static image could not be drawn."""


@dataclass(frozen=True)
class FigureImages:
    """The static images of one chart: what they are drawn from and where they are cached."""

    figure_json: str
    height: int
    source: str
    name: str  # the figure's label, or the chart's id: used in messages and download names
    # The form of the chart for print, where it differs from the screen's (the PDF is drawn from it).
    print_figure_json: str | None = None
    print_height: int | None = None
    # The chart as a phone shows it: the width it is laid out at and its layout there.
    phone_width: int = STATIC_WIDTH_PX
    phone_figure_json: str | None = None
    # The rows the chart draws, as CSV, offered for download beside the image; not part of the drawing.
    data_csv: str | None = None

    @property
    def digest(self) -> str:
        return inputs_digest((), DRAWING_VERSION, str(self.height), self.source, self.figure_json,
                             str(self.print_height), self.print_figure_json or "", str(self.phone_width),
                             self.phone_figure_json or "", length=20)

    def pdf(self, cache: Path) -> Path:
        return cache / f"{self.digest}.pdf"

    def png(self, cache: Path) -> Path:
        return cache / f"{self.digest}.png"

    def svg(self, cache: Path) -> Path:
        return cache / f"{self.digest}.svg"

    def phone_svg(self, cache: Path) -> Path:
        return cache / f"{self.digest}.phone.svg"

    def files(self, kind: str, cache: Path) -> list[Path]:
        """The files of one kind of image: the SVG pictures are two, a desktop's and a phone's."""
        return [self.svg(cache), self.phone_svg(cache)] if kind == "svg" else [getattr(self, kind)(cache)]


FORMATS = ("pdf", "png", "svg")
SVG_SIGNATURE = b"<svg"


def missing(charts: list[FigureImages], cache: Path, formats=FORMATS) -> list[FigureImages]:
    """The charts whose images (of `formats`) are not in the cache whole; a damaged image is removed."""
    return [chart for chart in charts
            if not all(intact(path) for kind in formats for path in chart.files(kind, cache))]


def damaged(charts: list[FigureImages], cache: Path, formats=FORMATS) -> list[str]:
    """One line for each cached image that is there but not whole (cut short by a full disk or a killed
    build): the image is removed, so it is drawn again."""
    lines = []
    for chart in charts:
        for kind in formats:
            for image in chart.files(kind, cache):
                if image.is_file() and not intact(image):
                    image.unlink(missing_ok=True)
                    lines.append(f"figure cache: the {kind.upper()} image of {chart.name} was damaged (cut short); "
                                 "drawing it again")
    return lines


# How each kind of image ends when it is whole: a PNG with its IEND chunk, a PDF with its end-of-file marker,
# an SVG with its closing tag.
IMAGE_ENDS = {".png": (PNG_SIGNATURE, b"IEND\xaeB`\x82"), ".pdf": (b"%PDF-", b"%%EOF"),
              ".svg": (SVG_SIGNATURE, b"</svg>")}


def intact(image: Path) -> bool:
    """Whether a cached image is there and whole: its signature at the start, its end marker at the end."""
    start, end = IMAGE_ENDS[image.suffix]
    try:
        size = image.stat().st_size
        with image.open("rb") as handle:
            head = handle.read(len(start))
            handle.seek(max(0, size - 1024))
            tail = handle.read()
    except OSError:
        return False
    return size >= SMALLEST_IMAGE_BYTES and head == start and end in tail


def draw(charts: list[FigureImages], cache: Path, formats=FORMATS) -> list[FigureImages]:
    """Draw the images (of the `formats` asked for) of every chart not yet in `cache`, all in one batch;
    returns the charts drawn."""
    todo = list({chart.digest: chart for chart in missing(charts, cache, formats)}.values())
    if not todo:
        return []
    cache.mkdir(parents=True, exist_ok=True)
    # Kaleido writes each image where it is told, a piece at a time: into a folder of its own, so that the
    # cache's names only ever hold whole images (a build may look at them while this process draws).
    drawing = cache / DRAWING_FOLDER
    drawing.mkdir(exist_ok=True)
    plots = [drawing / f"{chart.digest}.plot.png" for chart in todo]
    try:
        first_pass, files, scales, heights, widths = [], [], [], [], []
        if "pdf" in formats:
            first_pass += [_figure(chart.print_figure_json or chart.figure_json) for chart in todo]
            files += [chart.pdf(drawing) for chart in todo]
            scales += [1] * len(todo)
            heights += [chart.print_height or chart.height for chart in todo]
            widths += [STATIC_WIDTH_PX] * len(todo)
        if "png" in formats:
            first_pass += [_figure(chart.figure_json) for chart in todo]
            files += plots
            scales += [PNG_SCALE] * len(todo)
            heights += [chart.height for chart in todo]
            widths += [STATIC_WIDTH_PX] * len(todo)
        if "svg" in formats:
            for chart in todo:
                first_pass += [_figure(chart.figure_json), _figure(chart.phone_figure_json or chart.figure_json)]
                files += [chart.svg(drawing), chart.phone_svg(drawing)]
                scales += [1, 1]
                heights += [chart.height, chart.height]
                widths += [PICTURE_WIDTH_PX, chart.phone_width]
        _write_images(todo, first_pass, files, scale=scales, heights=heights, widths=widths)
        if "png" in formats:
            for chart, plot in zip(todo, plots):
                _check(chart, plot, PNG_SIGNATURE)
                _write_whole(chart.png(cache), with_source_strip(plot.read_bytes(), chart.source, chart.name))
        for chart in todo:
            if "pdf" in formats:
                _check(chart, chart.pdf(drawing), b"%PDF-")
            if "png" in formats:
                _check(chart, chart.png(cache), PNG_SIGNATURE)
            if "svg" in formats:
                for picture in chart.files("svg", drawing):
                    _check(chart, picture, SVG_SIGNATURE)
                    _compact(picture)
        for chart in todo:
            for kind in set(formats) - {"png"}:
                for drawn, path in zip(chart.files(kind, drawing), chart.files(kind, cache)):
                    drawn.replace(path)
    except Exception as error:
        # Nothing half-drawn stays in the cache, where a later build would take it for finished.
        for chart in todo:
            for kind in FORMATS:
                for path in (*chart.files(kind, cache), *chart.files(kind, drawing)):
                    path.unlink(missing_ok=True)
        if isinstance(error, FigureImageError):
            raise
        names = ", ".join(chart.name for chart in todo)
        raise FigureImageError(f"the static images of {names} could not be drawn: {error}") from None
    finally:
        for plot in plots:
            plot.unlink(missing_ok=True)
        if not any(drawing.iterdir()):
            drawing.rmdir()
    return todo


def _compact(picture: Path) -> None:
    """The picture in fewer bytes (compact_svg.py); one written other than the way kaleido writes is kept as
    drawn, whole and only larger."""
    try:
        picture.write_text(compact_svg(picture.read_text(encoding="utf-8")), encoding="utf-8")
    except SvgShapeError:
        pass


def _write_whole(path: Path, content: bytes) -> None:
    """A build stopped while writing leaves no half image under the name of a whole one."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(content)
    partial.replace(path)


def source_lines(source: str) -> list[str]:
    """The source line as it is set under a downloaded image: wrapped to the image's width."""
    return textwrap.wrap(source, SOURCE_WRAP_CHARS) or [""]


def strip_height(source: str) -> int:
    """The height, in layout pixels, of the strip that holds `source` under a plot."""
    return SOURCE_LINE_PX * len(source_lines(source)) + SOURCE_PAD_PX


def with_source_strip(plot_png: bytes, source: str, name: str) -> bytes:
    """The PNG `plot_png` (drawn at PNG_SCALE) above a strip holding the source line, as a new PNG.

    The plot is drawn first, on its own, then placed above the strip: nothing in the plot's layout
    (axis titles, a legend below the plot) can then overlap or clip the line. The text is set as text,
    never parsed as markup or mathematics.
    """
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    from unsigned_peace.charts.style import MUTED, PAPER

    plot = Image.open(io.BytesIO(plot_png))
    width = plot.width
    strip = strip_height(source) * PNG_SCALE
    # The strip alone is set by matplotlib (a small image); the plot is pasted above it as drawn.
    text = Figure(figsize=(width / DRAWING_DPI, strip / DRAWING_DPI), dpi=DRAWING_DPI, facecolor=PAPER)
    with warnings.catch_warnings(record=True) as problems:
        warnings.simplefilter("always")
        for number, line in enumerate(source_lines(source)):
            # Lines stand on their baselines: a Japanese glyph, taller than the Latin ones, moves none.
            baseline = strip - (SOURCE_TOP_PX + SOURCE_FONT_PX + number * SOURCE_LINE_PX) * PNG_SCALE
            text.text(SOURCE_LEFT_PX * PNG_SCALE / width, baseline / strip, line, va="baseline", ha="left",
                      fontsize=SOURCE_FONT_PX * PNG_SCALE * 72 / DRAWING_DPI, color=MUTED, family=SOURCE_FONTS,
                      parse_math=False)
        canvas = FigureCanvasAgg(text)
        canvas.draw()
    page = Image.new("RGB", (width, plot.height + strip), PAPER)
    page.paste(plot.convert("RGB"), (0, 0))
    page.paste(Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).convert("RGB"),
               (0, plot.height))
    output = io.BytesIO()
    page.save(output, format="PNG")
    missing_glyphs = [str(problem.message) for problem in problems if "missing from" in str(problem.message)]
    if missing_glyphs:
        raise FigureImageError(f"figure {name}: its source line has characters no installed font can show "
                               f"({missing_glyphs[0]}); install the fonts scripts/apt-book.txt lists")
    return output.getvalue()


def _figure(figure_json: str) -> go.Figure:
    import plotly.io as pio

    return pio.from_json(figure_json, skip_invalid=True)


def _check(chart: FigureImages, image: Path, signature: bytes) -> None:
    content = image.read_bytes() if image.is_file() else b""
    if len(content) < SMALLEST_IMAGE_BYTES or not content.startswith(signature):
        image.unlink(missing_ok=True)
        raise FigureImageError(f"figure {chart.name}: its static image ({image.suffix[1:].upper()}) came out "
                               f"{'empty' if not content else f'broken ({len(content)} bytes)'}; "
                               "the chart may be too large to draw: show fewer rows in it")


_kaleido_started = False


def start_browser() -> None:
    """Start kaleido's headless Chromium, once per process."""
    global _kaleido_started
    import kaleido

    if _kaleido_started:
        return
    # Kaleido and its browser driver log every step at INFO, which would bury the build's own output;
    # and on first use they give the root logger a console handler of their own (logistro calls
    # logging.basicConfig), which would print every other library's INFO records too. A root
    # handler already in place stops that.
    for name in ("kaleido", "choreographer", "logistro"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if not logging.getLogger().handlers:
        logging.getLogger().addHandler(logging.NullHandler())
    # One browser for the whole build: starting Chromium costs seconds each time.
    # One tab: measured on two cores, a second tab made a batch twice as slow, not faster.
    # Kaleido reloads its page, and so its plotly.js, before every image: the book's own bundle (a quarter
    # of plotly's full one, the one a reader's live chart is drawn with) took a third off the drawing's
    # CPU time. No MathJax: no chart sets mathematics, and kaleido's default fetches it from the internet.
    try:
        plotly_js = plotly_bundle()
    except BundleVersionError:  # the HTML build says what to do; the drawing goes on with plotly's own
        plotly_js = PLOTLY_JS
    kaleido.start_sync_server(n=1, silence_warnings=True, plotlyjs=str(plotly_js), mathjax=False)
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)
    _kaleido_started = True


def _write_images(charts: list[FigureImages], figures: list[go.Figure], files: list[Path], *, scale: list[float],
                  heights: list[int], widths: list[int]) -> None:
    import plotly.io as pio

    start_browser()
    if not figures:
        return
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            pio.write_images(figures, files, width=widths, height=heights, scale=scale, validate=False)
    except Exception as error:  # kaleido raises its own error types, and plain ones on a browser fault
        names = ", ".join(chart.name for chart in charts)
        raise FigureImageError(f"the static images of {names} could not be drawn: {error}") from None


# ---------------------------------------------------------------------------------------------
# A drawing process of its own: the build hands it the charts as Sphinx reads their pages, goes on, and
# waits for it at the end. Kaleido's browser then never shares the build's process (nor its lock on
# the interpreter), and a browser that hangs is stopped after DRAWING_TIMEOUT_S instead of hanging the
# build.

DRAWING_TIMEOUT_S = 600
DONE = "done"


class DrawingProcess:
    """`python -m unsigned_peace.machinery.steps.figure_images CACHE`, fed a JSON line per batch of charts."""

    def __init__(self, cache: Path):
        self.cache = cache
        self._process: subprocess.Popen | None = None
        self._said = None
        # The images handed over and not yet waited for: drawn meanwhile, so neither missing nor damaged.
        self._handed: set[tuple[str, str]] = set()

    def start(self) -> None:
        """Start the process (and its browser) now, before there is anything to draw."""
        if self._process is None:
            # A session of its own: Ctrl-C at the terminal stops the build, not this process or its browser
            # in the middle of an image; it ends when the build's end of the pipe closes.
            # What it prints besides its answers (its browser's noise as it shuts down, say) is kept aside,
            # and shown only when drawing fails: a build that succeeds prints no line of it.
            self._said = tempfile.TemporaryFile()
            self._process = subprocess.Popen([sys.executable, "-P", "-m", __name__, str(self.cache)],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._said,
                                             text=True, encoding="utf-8", start_new_session=True)

    def submit(self, charts: list[FigureImages], formats) -> list[str]:
        """Hand over the charts whose images are not in the cache whole, nor handed over already; returns a
        line for each damaged image found (and removed)."""
        charts = [chart for chart in charts if any((chart.digest, kind) not in self._handed for kind in formats)]
        repairs = damaged(charts, self.cache, formats)
        todo = missing(charts, self.cache, formats)
        if not todo:
            return repairs
        self._handed |= {(chart.digest, kind) for chart in todo for kind in formats}
        self.start()
        batch = {"charts": [dataclasses.asdict(chart) for chart in todo], "formats": list(formats)}
        self._process.stdin.write(json.dumps(batch) + "\n")
        self._process.stdin.flush()
        return repairs

    def finish(self, timeout: float = DRAWING_TIMEOUT_S) -> None:
        """Wait for every batch; raise FigureImageError with the first problem, or if drawing hangs."""
        self._handed.clear()
        if self._process is None:
            return
        process, self._process = self._process, None
        try:
            output, _ = process.communicate(DONE + "\n", timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            self._last_words()
            raise FigureImageError(f"drawing the charts' images took more than {timeout:.0f} s and was stopped; "
                                   "build again, and if it recurs, draw fewer or smaller charts") from None
        last_words = self._last_words()
        errors = [json.loads(line)["error"] for line in output.splitlines() if line.startswith("{")]
        errors = [error for error in errors if error]
        if errors:
            raise FigureImageError(errors[0])
        if process.returncode != 0:
            raise FigureImageError(f"the drawing process stopped with status {process.returncode}{last_words}")


    def _last_words(self) -> str:
        """The last line the drawing process wrote to its error output, as the end of a message."""
        said, self._said = self._said, None
        if said is None:
            return ""
        with said:
            said.seek(0)
            lines = [line.strip() for line in said.read().decode("utf-8", errors="replace").splitlines()
                     if line.strip()]
        return f": {clipped(lines[-1])}" if lines else ""

def serve(cache: Path, lines=None) -> int:
    """The drawing process's side: draw each batch read from stdin (or `lines`); report each outcome on stdout.

    A thread takes every line off the pipe as soon as it is written: a page's batch (its figures' JSON)
    can be larger than the pipe holds, and the build would otherwise wait, not reading its next page,
    until the drawing of the batch before was done.
    """
    batches: queue.Queue[str] = queue.Queue()

    def take_lines() -> None:
        for line in sys.stdin if lines is None else lines:
            batches.put(line)
        batches.put(DONE)

    threading.Thread(target=take_lines, daemon=True).start()
    # Started before the first batch arrives: a build that starts this process early (a clean build,
    # while its notebooks run) finds the browser ready.
    start_browser()
    while (line := batches.get()).strip() != DONE:
        batch = json.loads(line)
        charts = [FigureImages(**chart) for chart in batch["charts"]]
        try:
            draw(charts, cache, tuple(batch["formats"]))
            print(json.dumps({"error": None}), flush=True)
        except FigureImageError as error:
            print(json.dumps({"error": str(error)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(serve(Path(sys.argv[1])))
