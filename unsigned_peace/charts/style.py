"""The book's one chart style: a plotly template, the colours given to each kind of event, the maps'
colours (the island map's, the administration chart's and the cover's: the same land, the same colour),
and how labels are set: wrapped, and on a phone smaller and, past the lines they have, shortened."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from unsigned_peace.escape import for_plotly
from unsigned_peace.text_width import wrap, wrap_within

HOUSE_TEMPLATE = "unsigned_peace"
# The Japanese face is named, not left to the system's fallback: a browser that looks for a face for each
# Japanese label took three times as long to lay out the Japanese timeline's picture (a label a row) on
# a slowed phone, and drew the same pixels.
FONT_FAMILY = "Noto Sans, DejaVu Sans, Noto Sans CJK JP, Helvetica, Arial, sans-serif"
INK = "#1f2933"
GRID = "#d9dee3"
# A chart drawn to fit a phone's screen (`Chart.phone_layout`) sets its labels, ticks and legend in this
# size: the smallest that stays legible at a phone's reading distance, so the data keep most of the width.
PHONE_FONT_PX = 11
# A legend entry wraps at this many columns, on every screen: the longest then fits a phone's width on two
# or three lines in that size.
LEGEND_CHARS = 46
# Source lines and notes: quieter than the ink, still AA contrast on white.
MUTED = "#52606d"
# Opaque white paper keeps charts legible when the book is read in dark mode.
PAPER = "white"

# Okabe–Ito colours: told apart by readers with the common forms of colour blindness.
BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE = "#0072B2", "#E69F00", "#009E73", "#CC79A7"
SKY_BLUE, VERMILION, YELLOW, BLACK = "#56B4E9", "#D55E00", "#F0E442", "#000000"
OKABE_ITO = [BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILION, YELLOW, BLACK]

# Who administered the islands, on the map and in the administration chart alike.
STATE_COLOURS = {
    "Russian Empire": REDDISH_PURPLE,
    "Japan": VERMILION,
    "Soviet Union": BLUE,
    "Russia": SKY_BLUE,
}
# Military occupation, before the decree that annexed the islands: hatching over the state's colour.
OCCUPATION_HATCHING = dict(shape="/", fillmode="overlay", fgcolor="white", size=7, solidity=0.35)
NO_HATCHING = dict(shape="")
# The legend's sample of the hatching, on a neutral grey: it stands for every state's occupation.
OCCUPATION_SAMPLE = "#7b8794"

# The maps: the sea, the coastline, the grid of longitudes and latitudes, Hokkaido (Japan's throughout,
# out of the dispute), the frame of each small printed map, and the measured distances.
MAP_SEA = "#eaf2f8"
MAP_COAST = "#4d5b66"
MAP_GRID = "#d4dde4"
HOKKAIDO_FILL = "#d9d2c3"
MAP_EDGE = "#9aa5b1"
DISTANCE_INK = "#B3261E"
# The cover and icon: the disputed islands stand out from the land around them, on white.
COVER_DISPUTED = BLUE
COVER_OTHER_LAND = MAP_EDGE
COVER_SEA = "#ffffff"

CATEGORY_COLOURS = {
    "treaty": "#0072B2",
    "declaration": "#56B4E9",
    "summit": "#009E73",
    "negotiation": "#8FB996",
    "military": "#D55E00",
    "administrative": "#E69F00",
    "legislation": "#CC79A7",
    "statement": "#7F6A93",
    "exchange": "#B8860B",
    "commemoration": "#4D4D4D",
}


def wrap_label(text: str, width: int, lines: int | None = None) -> str:
    """Escape a label for plotly and break it onto lines of at most `width` columns (unsigned_peace.text_width);
    given `lines`, onto at most that many, shortened to fit (the whole label is in the hover and the data)."""
    wrapped = wrap(str(text), width) if lines is None else wrap_within(str(text), width, lines)
    return "<br>".join(for_plotly(line) for line in wrapped) or for_plotly(text)


def phone_category_labels(categories: list[str], labels: list[str]) -> dict:
    """An axis of categories as a phone shows it (`Chart.phone_layout`): each category under a shorter
    label (plotly markup, escaped), in PHONE_FONT_PX; the categories themselves, which the traces and
    the hover name, stay as they are."""
    return dict(tickmode="array", tickvals=list(categories), ticktext=list(labels), tickfont=dict(size=PHONE_FONT_PX))


def _house_template() -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            font=dict(family=FONT_FAMILY, size=14, color=INK),
            paper_bgcolor=PAPER,
            plot_bgcolor=PAPER,
            colorway=OKABE_ITO,
            margin=dict(l=10, r=20, t=30, b=40),
            hoverlabel=dict(bgcolor="white", font=dict(family=FONT_FAMILY, size=13, color=INK)),
            xaxis=dict(showgrid=True, gridcolor=GRID, zeroline=False, linecolor=INK, ticks="outside", automargin=True,
                       title_standoff=8),
            yaxis=dict(showgrid=False, zeroline=False, automargin=True),
            legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, title_text=""),
        )
    )


pio.templates[HOUSE_TEMPLATE] = _house_template()
