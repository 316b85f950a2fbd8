"""Under each chart's figure, links to download its image and the rows it draws (`FigureDownloadLinks`)."""

import base64
import re

from tiny_projects import add_transform, tiny_build

from unsigned_peace.machinery.content.charts import charts_by_doc
from unsigned_peace.machinery.content.exports import FigureDownloadLinks
from unsigned_peace.machinery.steps.figure_images import FigureImages

# A PNG of one pixel: the figures' picture.
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAA"
                         "AABJRU5ErkJggg==")
PAGE = "chapters/charts"


def figure(label: str, caption: str) -> str:
    return f"```{{figure}} picture.png\n:name: {label}\n\n{caption}\n```\n\n"


def charts(app) -> None:
    """The tiny project's charts, as the book's chart renderer records them while it reads a notebook."""
    (app.srcdir / "chapters" / "picture.png").write_bytes(PIXEL)

    def record(app, docname, source) -> None:
        if docname == PAGE:
            charts_by_doc(app.env)[docname] = [
                FigureImages(figure_json="{}", height=400, source="", name="fig-with-data", data_csv="year,events\n"),
                FigureImages(figure_json="{}", height=400, source="", name="fig-without-data"),
            ]

    app.connect("source-read", record)
    add_transform(app, FigureDownloadLinks)


def build(tmp_path, builder: str = "html"):
    return tiny_build(tmp_path, {
        "index": f"# Book\n\n```{{toctree}}\n{PAGE}\n```\n",
        PAGE: "# Charts\n\n" + figure("fig-with-data", "A chart and its rows.")
              + figure("fig-without-data", "A chart with no rows to offer.")
              + figure("fig-a-picture", "A picture that is no chart."),
    }, charts, builder=builder)


def test_a_charts_figure_links_its_image_and_its_rows_from_the_pages_folder(tmp_path):
    built = build(tmp_path)
    assert built.warnings == ""
    figures = dict(re.findall(r'<figure[^>]* id="([^"]+)">(.*?)</figure>', built.output(f"{PAGE}.html"), re.S))
    assert ('<p class="up-figure-download"><a href="../_static/figures/fig-with-data.png" '
            'download="fig-with-data.png">Download this figure (PNG)</a> · '
            '<a href="../_static/figures/fig-with-data.csv" download="fig-with-data.csv">its data (CSV)</a></p>'
            ) in figures["fig-with-data"]
    # A chart without rows offers its image alone; a figure that is no chart offers nothing.
    assert ('<p class="up-figure-download"><a href="../_static/figures/fig-without-data.png" '
            'download="fig-without-data.png">Download this figure (PNG)</a></p>') in figures["fig-without-data"]
    assert "up-figure-download" not in figures["fig-a-picture"]
    assert sum(text.count("up-figure-download") for text in figures.values()) == 2


def test_print_gets_no_download_links(tmp_path):
    built = build(tmp_path, "latex")
    tex = "".join(path.read_text(encoding="utf-8") for path in built.outdir.glob("*.tex"))
    assert "fig-with-data" in tex and "Download this figure" not in tex
