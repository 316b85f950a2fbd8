"""A map of the islands drawn from the book's own coastline data: no map tiles, no topojson from a CDN.

Land polygons are plotly `Scatter` traces filled with `fill="toself"` on plain longitude/latitude
axes. One degree of longitude is shorter than one of latitude by cos(latitude), so the y axis is
scaled by 1 / cos(mean latitude): an equirectangular projection centred on the map, true to shape
within a few per cent between its top and bottom edges. Plotly widens whichever axis range it must
to keep that ratio, so the frame given is the least the map shows.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from unsigned_peace.charts.render import Chart
from unsigned_peace.coastlines import LandPolygon, land_polygons
from unsigned_peace.dates import format_date
from unsigned_peace.escape import for_html
from unsigned_peace.sources import publishers_of

WATER = "#eaf2f8"
COAST = "#4d5b66"
LINE_INK = "#1f2933"
MAP_FRAME = {"lon": (144.0, 150.8), "lat": (42.95, 46.45)}
KM_PER_DEGREE = 111.32
SCALE_BAR_KM = 50
LINE_LABEL_WRAP = 20


@dataclass(frozen=True)
class LandStyle:
    legend: str
    colour: str
    rank: int


# How each land is drawn; the disputed islands are split by what the 1956 Joint Declaration says.
NAMED_IN_1956 = LandStyle("Disputed: named in 1956", "#E69F00", 1)
NOT_NAMED_IN_1956 = LandStyle("Disputed: not named in 1956", "#009E73", 2)
OTHER_LAND = LandStyle("Not disputed by either government", "#cfc8b8", 3)
LINES_RANK = 10

# Where each island's label sits relative to the middle of its largest polygon: (dx, dy) in degrees,
# then which side of that point the text starts from. Chosen so no label covers land.
LABEL_PLACEMENT = {
    "iturup": ((0.40, -0.38), "left"),
    "kunashir": ((-0.35, 0.55), "center"),
    "shikotan": ((0.30, -0.12), "left"),
    "habomai": ((0.05, -0.22), "left"),
    "urup": ((0.05, -0.48), "center"),
}
SEA_LABELS = [("Sea of Okhotsk", 146.6, 45.45), ("Pacific Ocean", 149.7, 43.95)]
HOKKAIDO_LABEL = ("Hokkaido", 144.45, 43.55)


def island_map(coastlines: pd.DataFrame, lines: pd.DataFrame, islands: pd.DataFrame,
               agreements: pd.DataFrame, sources: pd.DataFrame, named_in_1956: list[str], *, alt: str, source: str,
               height: int = 560) -> Chart:
    """Map of the islands: land coloured by group, both names on each island, and the agreements' lines.

    `lines` are rows of map_lines.csv; `named_in_1956` the ids of the islands the 1956 Joint
    Declaration promises to transfer.
    """
    shapes = land_polygons(coastlines)
    figure = go.Figure()
    shown_in_legend: set[str] = set()
    for shape in shapes:
        style = land_style(shape.land, islands, named_in_1956)
        figure.add_trace(go.Scatter(
            x=shape.lon, y=shape.lat, mode="lines", fill="toself", fillcolor=style.colour,
            line=dict(color=COAST, width=0.8), name=style.legend, legendgroup=style.legend,
            showlegend=style.legend not in shown_in_legend, legendrank=style.rank, hoverinfo="skip",
        ))
        shown_in_legend.add(style.legend)

    _add_agreement_lines(figure, lines, agreements)
    anchors = label_anchors(shapes)
    _add_island_labels(figure, islands, anchors)
    _add_hover_points(figure, islands, anchors)
    _add_context_labels(figure)
    _add_scale_bar(figure)

    mean_lat = sum(MAP_FRAME["lat"]) / 2
    figure.update_layout(
        xaxis=dict(range=list(MAP_FRAME["lon"]), ticksuffix="°E", showgrid=True, zeroline=False,
                   dtick=1, mirror=True),
        yaxis=dict(range=list(MAP_FRAME["lat"]), ticksuffix="°N", showgrid=True, gridcolor="#d4dde4",
                   scaleanchor="x", scaleratio=1 / math.cos(math.radians(mean_lat)),
                   dtick=1, mirror=True, linecolor="#1f2933", ticks="outside"),
        plot_bgcolor=WATER, hovermode="closest",
        legend=dict(orientation="v", yanchor="top", y=0.99, xanchor="left", x=0.01, traceorder="normal",
                    bgcolor="rgba(255,255,255,0.85)", bordercolor="#9aa5b1", borderwidth=1,
                    font=dict(size=12)),
        margin=dict(l=10, r=10, t=10, b=30),
    )
    table = _data_table(shapes, lines, coastlines, sources)
    return Chart(figure=figure, alt=alt, source=source, data=table, height=height)


def land_style(land: str, islands: pd.DataFrame, named_in_1956: list[str]) -> LandStyle:
    disputed = set(islands.loc[islands["group"] == "disputed", "island_id"])
    if land in disputed:
        return NAMED_IN_1956 if land in named_in_1956 else NOT_NAMED_IN_1956
    return OTHER_LAND


def label_anchors(shapes: list[LandPolygon]) -> dict[str, tuple[float, float]]:
    """For each land, the mean of the vertices of its largest polygon."""
    largest: dict[str, LandPolygon] = {}
    for shape in shapes:
        if shape.land not in largest or shape.area_km2 > largest[shape.land].area_km2:
            largest[shape.land] = shape
    return {land: (sum(s.lon) / len(s.lon), sum(s.lat) / len(s.lat)) for land, s in largest.items()}


def map_label(island: pd.Series) -> str:
    """"<b>Iturup</b><br>Итуруп · 択捉島 Etorofu-tō": the English name, then the Russian and Japanese."""
    russian = str(island["name_ru"]).split(" (")[0]
    return (f"<b>{for_html(island['name_en'])}</b><br>{for_html(russian)} · "
            f"{for_html(island['name_ja'])} {for_html(island['name_ja_romaji'])}")


def _add_island_labels(figure: go.Figure, islands: pd.DataFrame, anchors: dict) -> None:
    for island in islands.itertuples(index=False):
        if island.island_id not in anchors or island.island_id not in LABEL_PLACEMENT:
            continue
        (dx, dy), side = LABEL_PLACEMENT[island.island_id]
        lon, lat = anchors[island.island_id]
        figure.add_annotation(
            x=lon + dx, y=lat + dy, text=map_label(pd.Series(island._asdict())), showarrow=False,
            xanchor=side, yanchor="middle", align=side if side != "center" else "center",
            font=dict(size=12, color=LINE_INK), bgcolor="rgba(255,255,255,0.75)", borderpad=2,
        )


def _add_hover_points(figure: go.Figure, islands: pd.DataFrame, anchors: dict) -> None:
    rows = islands[islands["island_id"].isin(list(anchors))]
    hover = [
        f"{map_label(island)}<br>Area: {island['area_km2']:,.0f} km²<br>"
        f"Population: {island['population']:,} ({island['population_year']})"
        for _, island in rows.iterrows()
    ]
    figure.add_trace(go.Scatter(
        x=[anchors[i][0] for i in rows["island_id"]], y=[anchors[i][1] for i in rows["island_id"]],
        mode="markers", marker=dict(size=28, opacity=0), showlegend=False, name="islands",
        text=hover, hovertemplate="%{text}<extra></extra>",
    ))


def _add_agreement_lines(figure: go.Figure, lines: pd.DataFrame, agreements: pd.DataFrame) -> None:
    """Each line dashed, named in the legend, and labelled (wrapped) at its last point."""
    names = agreements.set_index("agreement_id")
    dashes = ["dash", "dot", "dashdot"]
    ordered = lines.sort_values(["agreement_id", "point"])
    for number, (agreement_id, points) in enumerate(ordered.groupby("agreement_id", sort=False)):
        agreement = names.loc[agreement_id]
        label = str(points["label"].iloc[0])
        figure.add_trace(go.Scatter(
            x=list(points["lon"]), y=list(points["lat"]), mode="lines", name=for_html(f"{label} (schematic)"),
            line=dict(color=LINE_INK, width=2.5, dash=dashes[number % len(dashes)]),
            legendrank=LINES_RANK + number,
            hovertemplate=(f"{for_html(agreement_line_hover(agreement['short_name'], agreement['date_signed']))}"
                           "<extra></extra>"),
        ))
        end = points.iloc[-1]
        wrapped = "<br>".join(for_html(part) for part in textwrap.wrap(str(end["label"]), LINE_LABEL_WRAP))
        figure.add_annotation(x=float(end["lon"]), y=float(end["lat"]), text=wrapped, showarrow=False,
                              xanchor="left", yanchor="top", xshift=4, align="left",
                              font=dict(size=12, color=LINE_INK), bgcolor="rgba(255,255,255,0.75)")


def agreement_line_hover(short_name: str, signed: pd.Timestamp) -> str:
    """"Treaty of Shimoda, signed 7 February 1855; schematic line"."""
    return f"{short_name}, signed {format_date(signed, 'day')}; schematic line"


def _add_context_labels(figure: go.Figure) -> None:
    for text, lon, lat in SEA_LABELS:
        figure.add_annotation(x=lon, y=lat, text=f"<i>{text}</i>", showarrow=False,
                              font=dict(size=13, color="#52606d"))
    text, lon, lat = HOKKAIDO_LABEL
    figure.add_annotation(x=lon, y=lat, text=f"<b>{text}</b>", showarrow=False,
                          font=dict(size=13, color=LINE_INK))


def scale_bar_degrees(km: float, lat: float) -> float:
    """Degrees of longitude spanning `km` at latitude `lat`."""
    return km / (KM_PER_DEGREE * math.cos(math.radians(lat)))


def _add_scale_bar(figure: go.Figure) -> None:
    lon0, lat0 = MAP_FRAME["lon"][1] - 1.2, MAP_FRAME["lat"][0] + 0.15
    lon1 = lon0 + scale_bar_degrees(SCALE_BAR_KM, lat0)
    figure.add_trace(go.Scatter(x=[lon0, lon1], y=[lat0, lat0], mode="lines", showlegend=False,
                                line=dict(color=LINE_INK, width=3), hoverinfo="skip"))
    figure.add_annotation(x=(lon0 + lon1) / 2, y=lat0, text=f"{SCALE_BAR_KM} km", showarrow=False,
                          yanchor="bottom", yshift=3, font=dict(size=12, color=LINE_INK))


def _data_table(shapes: list[LandPolygon], lines: pd.DataFrame, coastlines: pd.DataFrame,
                sources: pd.DataFrame) -> pd.DataFrame:
    """One row per land (polygons, vertices, area on the map) and per line, each with its sources."""
    land_sources = coastlines.groupby("land")["source_id"].agg(lambda ids: publishers_of(sources, ids))
    rows = {}
    for shape in shapes:
        entry = rows.setdefault(shape.land, {"Drawn": shape.land, "Shapes": 0, "Points": 0,
                                             "Area on this map (km²)": 0.0, "Sources": land_sources[shape.land]})
        entry["Shapes"] += 1
        entry["Points"] += len(shape.lon)
        entry["Area on this map (km²)"] += shape.area_km2
    table = pd.DataFrame(list(rows.values()))
    table["Area on this map (km²)"] = table["Area on this map (km²)"].round(0).astype(int).astype(str)
    for _, points in lines.sort_values("point").groupby("agreement_id", sort=True):
        cited = publishers_of(sources, [i for ids in points["source_ids"] for i in ids])
        table.loc[len(table)] = {"Drawn": f"line: {points['label'].iloc[0]}", "Shapes": 1, "Points": len(points),
                                 "Area on this map (km²)": "", "Sources": cited}
    return table
