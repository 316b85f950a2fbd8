"""The book's cover map, e-book cover and icon, drawn with matplotlib from the coastlines in the data.

A static drawing, printed and shown at small sizes, with nothing to hover: matplotlib's job, not the
interactive charts'. From `data/coastline_points.csv` (the outlines the book's map uses) it draws the
disputed islands beside Hokkaido and Urup:
- `cover.pdf`, vector, for the PDF's title page;
- `icon.png` (the favicon and the logo of every HTML page) and `icon.svg`;
- for the EPUB, its cover: a portrait PNG with the title, the subtitle, the map, the authors and the
  date of the data (`draw_ebook_cover`, drawn by EPUB builds only).
They are drawn at the start of each build into `<build folder>/.cover/`, only when the coastlines,
the islands table, this module or the cover's words changed.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from unsigned_peace.cache_keys import Stamp, inputs_digest
from unsigned_peace.machinery.content.translation import texts_of
from unsigned_peace.machinery.shared.interface import N_
from unsigned_peace.paths import data_dir

FOLDER = ".cover"
INPUTS = ("coastline_points.csv", "islands.csv")
COVER_TOLERANCE_KM = 0.3
ICON_PX = 180
COVER_LATEX_NAME = "up-cover.pdf"
ICON_ALT = N_("The Unsigned Peace: the disputed islands")
EBOOK_COVER_NAME = "up-cover.png"
# Longitudes and latitudes the cover map shows: the four islands, Hokkaido's east and Urup.
COVER_BOX = (144.6, 150.9, 42.9, 46.5)


def map_inputs_digest(folder: Path, *words: str) -> str:
    """The key of a drawing of the map: this module, the data it is drawn from, and any words drawn with it."""
    return inputs_digest([Path(__file__), *(folder / name for name in INPUTS)], *words)


def draw(data_folder: Path, target: Path) -> dict[str, Path]:
    """Draw the cover and icon into `target` unless they are there for the same inputs; returns their paths."""
    files = {"cover": target / "cover.pdf", "icon": target / "icon.png", "icon_svg": target / "icon.svg"}
    stamp = Stamp(target / "inputs.sha256")
    digest = map_inputs_digest(data_folder)
    if stamp.holds(digest) and all(path.is_file() for path in files.values()):
        return files
    import matplotlib

    from unsigned_peace.charts.style import COVER_SEA  # it loads plotly: only when the cover is drawn

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    target.mkdir(parents=True, exist_ok=True)
    # Deterministic files: the same data gives the same bytes.
    metadata = {"pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
                "svg": {"Date": None, "Creator": None}}
    plt.rcParams["svg.hashsalt"] = "unsigned-peace"
    islands = Islands.read(data_folder)
    for key, size, box, line in (("cover", (6.0, 4.2), COVER_BOX, 0.4),
                                 ("icon", (2.0, 2.0), (145.3, 149.1, 43.2, 45.7), 0.0)):
        figure, axes = plt.subplots(figsize=size)
        islands.draw(axes, box, line)
        figure.patch.set_facecolor(COVER_SEA)
        figure.subplots_adjust(0, 0, 1, 1)
        if key == "cover":
            figure.savefig(files["cover"], metadata=metadata["pdf"])
        else:
            figure.savefig(files["icon"], dpi=ICON_PX / size[0])
            figure.savefig(files["icon_svg"], metadata=metadata["svg"])
        plt.close(figure)
    stamp.record(digest)
    return files


# The e-book's cover: 1200 × 1800 px, the 2:3 page most e-book stores ask for.
EBOOK_COVER_INCHES = (6.0, 9.0)
EBOOK_COVER_DPI = 200


@dataclass(frozen=True)
class Islands:
    """The outlines of the land on the map, and which of them are disputed."""

    shapes: list  # (land, longitudes, latitudes) of each outline
    disputed: set

    @classmethod
    def read(cls, data_folder: Path) -> Islands:
        import pandas as pd

        from unsigned_peace.coastlines import land_polygons, simplify
        from unsigned_peace.islands import disputed_islands

        # A map a few inches wide shows nothing finer than a few hundred metres: the full-resolution outlines,
        # simplified to that, draw the same picture in a fraction of the time and bytes.
        shapes = [(shape.land, *zip(*simplify(list(zip(shape.lon, shape.lat)), COVER_TOLERANCE_KM)))
                  for shape in land_polygons(pd.read_csv(data_folder / "coastline_points.csv"))]
        return cls(shapes, set(disputed_islands(pd.read_csv(data_folder / "islands.csv"))["island_id"]))

    def draw(self, axes, box: tuple[float, float, float, float], line: float) -> None:
        from unsigned_peace.charts.style import COVER_DISPUTED, COVER_OTHER_LAND
        for land, lon, lat in self.shapes:
            axes.fill(lon, lat, color=COVER_DISPUTED if land in self.disputed else COVER_OTHER_LAND, linewidth=line,
                      edgecolor="white")
        axes.set_xlim(box[0], box[1])
        axes.set_ylim(box[2], box[3])
        axes.set_aspect(1 / 0.72)  # about 1 / cos(44°): degrees of longitude are shorter this far north
        axes.axis("off")


@dataclass(frozen=True)
class CoverWords:
    title: str
    subtitle: str
    authors: str
    date_line: str  # "Data as of 30 November 2026"


def draw_ebook_cover(data_folder: Path, target: Path, words: CoverWords) -> Path:
    """The EPUB's cover, `EBOOK_COVER_NAME` in `target`, unless it is there for the same inputs and words.

    The folder holds the cover alone (the EPUB build ships it whole); the stamp of its inputs sits beside it.
    """
    import matplotlib

    from unsigned_peace.charts.style import COVER_SEA, INK, MUTED

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    cover = target / EBOOK_COVER_NAME
    stamp = Stamp(target.parent / f"{target.name}.sha256")
    digest = map_inputs_digest(data_folder, repr(words))
    if cover.is_file() and stamp.holds(digest):
        return cover
    target.mkdir(parents=True, exist_ok=True)
    figure = plt.figure(figsize=EBOOK_COVER_INCHES)
    figure.patch.set_facecolor(COVER_SEA)
    text = {"ha": "center", "va": "top", "family": "DejaVu Sans", "linespacing": 1.35}
    figure.text(0.5, 0.92, textwrap.fill(words.title, 20), fontsize=32, weight="bold", color=INK, **text)
    figure.text(0.5, 0.80, textwrap.fill(words.subtitle, 36), fontsize=15, color=MUTED, **text)
    Islands.read(data_folder).draw(figure.add_axes((0.06, 0.24, 0.88, 0.42)), COVER_BOX, 0.4)
    figure.text(0.5, 0.15, words.authors, fontsize=14, color=INK, **text)
    figure.text(0.5, 0.10, words.date_line, fontsize=12, color=MUTED, **text)
    figure.savefig(cover, dpi=EBOOK_COVER_DPI, metadata={"Software": None})
    plt.close(figure)
    stamp.record(digest)
    return cover


def use_cover(app: Sphinx, config: Config) -> None:
    """Draw the cover and icon, then make them the pages' favicon and logo and the PDF's title-page map."""
    files = draw(data_dir(Path(app.srcdir)), Path(app.outdir).parent / FOLDER)
    config.html_favicon = str(files["icon"])
    if not config.html_logo:
        config.html_logo = str(files["icon"])
    options = dict(config.html_theme_options or {})
    options.setdefault("logo", {})
    options["logo"] = {**options["logo"], "alt_text": texts_of(app)(ICON_ALT)}
    config.html_theme_options = options
    latex_copy = Path(app.outdir).parent / FOLDER / COVER_LATEX_NAME
    if not latex_copy.is_file() or latex_copy.read_bytes() != files["cover"].read_bytes():
        latex_copy.write_bytes(files["cover"].read_bytes())
    config.latex_additional_files = [*config.latex_additional_files, str(latex_copy)]
