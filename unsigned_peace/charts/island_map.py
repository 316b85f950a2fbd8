"""Maps of the islands drawn from the book's own coastline data: no map tiles, no topojson from a CDN.

Land is drawn as plotly `Scatter` traces filled with `fill="toself"` on plain longitude/latitude axes, one
trace per land (its outlines joined by gaps). One degree of longitude is shorter than one of latitude by
cos(latitude), so the y axis is scaled by 1 / cos(mean latitude): an equirectangular projection centred
on the map, true to shape within a few per cent between its top and bottom edges. Plotly widens whichever
axis range it must to keep that ratio, so the frame given is the least the map shows.

`island_map` steps through the map's history with a slider (map_steps.csv): each step recolours the land
by who administered it then, shows the agreement's line it concerns and says in one line what changed,
with its sources. It opens on today's step, which is what its picture shows; the PDF prints every step
as a small map (`Chart.print_figure`). `habomai_map` is the close-up of Cape Nosappu and the Habomai
islets, where the islets' names and the shortest distances fit.

Every name on the maps comes from the data: the islands' from islands.csv, the islets', the capes' and
Hokkaido's from map_places.csv (Hokkaido, not in dispute, is its one row of kind "island", named on the
overview map only).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.style import (
    BLUE,
    DISTANCE_INK,
    HOKKAIDO_FILL,
    INK,
    MAP_COAST,
    MAP_EDGE,
    MAP_GRID,
    MAP_SEA,
    MUTED,
    NO_HATCHING,
    OCCUPATION_HATCHING,
    STATE_COLOURS,
)
from unsigned_peace.coastlines import LandPolygon, land_polygons, simplify
from unsigned_peace.escape import for_html
from unsigned_peace.language import SOURCE_LANGUAGE, current_language
from unsigned_peace.map_history import Holding, MapStep
from unsigned_peace.messages import N_, _
from unsigned_peace.numbers import count, whole
from unsigned_peace.numbers import number as number_text
from unsigned_peace.sources import publishers_line, publishers_of
from unsigned_peace.text_width import wrap
from unsigned_peace.translations import local_name, local_names

MAP_FRAME = {"lon": (144.0, 150.8), "lat": (42.95, 46.45)}
CLOSE_UP_FRAME = {"lon": (145.55, 146.5), "lat": (43.25, 43.72)}
KM_PER_DEGREE = 111.32
SCALE_BAR_KM = 50
CLOSE_UP_SCALE_BAR_KM = 10
LINE_LABEL_WRAP = 20
CAPTION_WRAP = 66
# The caption above the map: each line 17 px (13 px type, plotly's line spacing of 1.3), raised 4 px off the map.
# The map's top margin holds the longest caption of any step, in any language (a Russian one runs to five lines),
# so that none reaches up into the strip where the live chart's toolbar shows.
CAPTION_LINE_PX, CAPTION_SHIFT_PX, CAPTION_MARGIN_PX = 17, 4, 86
# The lands in drawing order: the big ones first, so that small islets are drawn on top.
LANDS = ["hokkaido", "other", "urup", "iturup", "kunashir", "shikotan", "habomai"]
HOKKAIDO_LEGEND = N_("Hokkaido (Japan throughout)")
# The PDF's small maps: outlines simplified to what a map 8 cm wide can show.
SMALL_MAP_TOLERANCE_KM = 0.4
SMALL_MAP_COLUMNS = 2

# Where each island's label sits relative to the middle of its largest polygon: (dx, dy) in degrees,
# then which side of that point the text starts from. Chosen so no label covers land.
LABEL_PLACEMENT = {
    "iturup": ((0.40, -0.38), "left"),
    "kunashir": ((-0.35, 0.55), "center"),
    "shikotan": ((0.30, -0.12), "left"),
    "habomai": ((0.05, -0.24), "left"),
    "urup": ((0.12, -0.50), "center"),
}
# On the close-up each place's label points at it from an offset in pixels (ax, ay), into open water.
PLACE_LABEL_OFFSET = {
    "kaigara": (-95, -30),
    "suisho": (-60, -70),
    "akiyuri": (20, 70),
    "yuri": (95, 45),
    "shibotsu": (-40, -85),
    "taraku": (10, -55),
    "todo": (-28, 47),
    "harukaru": (115, -24),
    "cape-nosappu": (-40, 80),
}
# Each distance's figure points at the middle of its line from an offset in pixels, clear of the labels.
DISTANCE_LABEL_OFFSET = {
    "nosappu-kaigara": (60, 35),
    "nosappu-suisho": (25, -40),
    "notsuke-kunashir": (-40, -35),
}
# Urup's label stands between the 1855 line and the map's edge: on three lines it fits there.
NARROW_LABELS = {"urup"}
SEA_LABELS = [(N_("Sea of Okhotsk"), 146.6, 45.45), (N_("Pacific Ocean"), 150.1, 44.1)]
# The kind of map_places.csv row named on the overview map (Hokkaido), at its point, rather than on the close-up.
OVERVIEW_KIND = "island"
CLOSE_UP_SEA_LABEL = (N_("Pacific Ocean"), 146.3, 43.28)


def island_map(coastlines: pd.DataFrame, lines: pd.DataFrame, islands: pd.DataFrame, steps: list[MapStep],
               places: pd.DataFrame, distances: pd.DataFrame, sources: pd.DataFrame, *, alt: str, source: str,
               height: int = 640) -> Chart:
    """The islands through their history: land coloured by who administered it at each step of `steps`.

    `lines` are rows of map_lines.csv, each shown at the steps that name its agreement; `distances` (rows
    of map_distances.csv) longer than the close-up's frame are drawn with their figures.
    """
    shapes = land_polygons(coastlines)
    today = steps[-1]
    figure = go.Figure()
    _add_lands(figure, shapes, today)
    line_traces = _add_agreement_lines(figure, lines, today)
    _add_distances(figure, places, distances, inside_close_up=False, islands=islands)
    anchors = label_anchors(shapes)
    _add_island_labels(figure, islands, anchors)
    _add_hover_points(figure, islands, anchors)
    _add_context_labels(figure, places)
    _add_scale_bar(figure, MAP_FRAME, SCALE_BAR_KM)
    figure.add_annotation(_caption(today, sources))
    figure.update_layout(_map_layout(MAP_FRAME))
    figure.update_layout(
        # Below the slider, outside the map: a zoomed or panned map slides no land or label under it.
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", xanchor="left", x=0,
                    traceorder="normal", font=dict(size=12)),
        margin=dict(l=10, r=10, t=_caption_margin(steps, sources), b=70),
        sliders=[_slider(figure, steps, line_traces, sources)],
    )
    table = _data_table(shapes, lines, coastlines, steps, places, distances, sources, islands)
    return Chart(figure=figure, alt=alt, source=source, data=table, height=height,
                 print_figure=small_maps(coastlines, lines, steps), print_height=900)


def habomai_map(coastlines: pd.DataFrame, places: pd.DataFrame, distances: pd.DataFrame, sources: pd.DataFrame,
                *, alt: str, source: str, height: int = 560) -> Chart:
    """Close-up of Cape Nosappu and the Habomai islets: each islet named in three languages, and the
    distances from the cape that fall inside the frame drawn with their figures."""
    places_shown = places[places["kind"] != OVERVIEW_KIND]
    shapes = [shape for shape in land_polygons(coastlines) if _touches(shape, CLOSE_UP_FRAME)]
    figure = go.Figure()
    for land in ("hokkaido", "habomai", "shikotan", "kunashir"):
        outlines = [clip_to_frame(shape, CLOSE_UP_FRAME) for shape in shapes if shape.land == land]
        outlines = [outline for outline in outlines if len(outline) >= 4]
        if not outlines:
            continue
        fill = HOKKAIDO_FILL if land == "hokkaido" else STATE_COLOURS["Russia"]
        lon, lat = _joined(outlines)
        figure.add_trace(go.Scatter(x=lon, y=lat, mode="lines", fill="toself", fillcolor=fill,
                                    line=dict(color=MAP_COAST, width=0.8), hoverinfo="skip", showlegend=False,
                                    name=land))
    _add_distances(figure, places, distances, inside_close_up=True)
    _add_place_labels(figure, places_shown)
    _add_scale_bar(figure, CLOSE_UP_FRAME, CLOSE_UP_SCALE_BAR_KM)
    text, lon, lat = CLOSE_UP_SEA_LABEL
    figure.add_annotation(x=lon, y=lat, text=f"<i>{for_html(_(text))}</i>", showarrow=False,
                          font=dict(size=13, color=MUTED))
    figure.update_layout(_map_layout(CLOSE_UP_FRAME, dtick=0.2))
    figure.update_layout(margin=dict(l=10, r=10, t=10, b=30), showlegend=False)
    # Each place by its name in the edition's language, then by its names in the other two.
    first = current_language()
    in_language = {"en": _("English"), "ja": _("Japanese"), "ru": _("Russian")}
    others = [code for code in in_language if code != first]
    table = places_shown.assign(**{"Sources": [publishers_of(sources, ids) for ids in places_shown["source_ids"]]})[
        [f"name_{first}", *(f"name_{code}" for code in others), "lon", "lat", "Sources"]].rename(columns={
            f"name_{first}": _("Place"), **{f"name_{code}": in_language[code] for code in others},
            "lon": _("Longitude"), "lat": _("Latitude"), "Sources": _("Sources")})
    return Chart(figure=figure, alt=alt, source=source, data=table, height=height)


def _map_layout(frame: dict, dtick: float = 1) -> dict:
    mean_lat = sum(frame["lat"]) / 2
    # Panning stops a little beyond the frame, so the map cannot be lost off screen.
    margin = 0.5 * dtick
    return dict(
        xaxis=dict(range=list(frame["lon"]), ticksuffix="°E", showgrid=True, zeroline=False, dtick=dtick,
                   mirror=True, minallowed=frame["lon"][0] - margin, maxallowed=frame["lon"][1] + margin),
        yaxis=dict(range=list(frame["lat"]), ticksuffix="°N", showgrid=True, gridcolor=MAP_GRID,
                   scaleanchor="x", scaleratio=1 / math.cos(math.radians(mean_lat)), dtick=dtick, mirror=True,
                   linecolor=INK, ticks="outside",
                   minallowed=frame["lat"][0] - margin, maxallowed=frame["lat"][1] + margin),
        plot_bgcolor=MAP_SEA, hovermode="closest", dragmode="pan",
    )


def _land_look(land: str, holding: Holding) -> dict:
    """Fill, pattern and legend entry of a land as held at one step."""
    if land == "hokkaido":
        return dict(fillcolor=HOKKAIDO_FILL, pattern=NO_HATCHING, legend=_(HOKKAIDO_LEGEND))
    pattern = OCCUPATION_HATCHING if holding.occupation else NO_HATCHING
    return dict(fillcolor=STATE_COLOURS[holding.state], pattern=pattern, legend=holding.legend)


def _legend_flags(step: MapStep) -> list[bool]:
    """One legend entry per look: the first land drawn with it carries it."""
    seen: set[str] = set()
    flags = []
    for land in LANDS:
        legend = _land_look(land, step.holdings[land])["legend"]
        flags.append(legend not in seen)
        seen.add(legend)
    return flags


def _joined(outlines: list[list[tuple[float, float]]]) -> tuple[list, list]:
    """Outlines as one trace's x and y, each outline closed and separated from the next by a gap."""
    lon: list = []
    lat: list = []
    for outline in outlines:
        if lon:
            lon.append(None)
            lat.append(None)
        lon.extend(x for x, _ in outline)
        lat.extend(y for _, y in outline)
    return lon, lat


def _add_lands(figure: go.Figure, shapes: list[LandPolygon], step: MapStep) -> None:
    for land, in_legend in zip(LANDS, _legend_flags(step)):
        look = _land_look(land, step.holdings[land])
        lon, lat = _joined([list(zip(shape.lon, shape.lat)) for shape in shapes if shape.land == land])
        figure.add_trace(go.Scatter(
            x=lon, y=lat, mode="lines", fill="toself", fillcolor=look["fillcolor"], fillpattern=look["pattern"],
            line=dict(color=MAP_COAST, width=0.8), name=for_html(look["legend"]), legendgroup=land,
            showlegend=in_legend, hoverinfo="skip",
        ))


def _slider(figure: go.Figure, steps: list[MapStep], line_traces: dict[str, int], sources: pd.DataFrame) -> dict:
    """A slider over the steps, opening on the last (today): each step restyles the lands and the lines
    and rewrites the caption (the figure's first annotation)."""
    land_traces = list(range(len(LANDS)))
    line_ids = list(line_traces)
    line_names = [figure.data[line_traces[i]].name for i in line_ids]
    line_labels = {agreement_id: index for index, annotation in enumerate(figure.layout.annotations)
                   for agreement_id in line_ids if annotation.name == agreement_id}
    caption_index = next(i for i, a in enumerate(figure.layout.annotations) if a.name == "caption")
    slider_steps = []
    for step in steps:
        looks = [_land_look(land, step.holdings[land]) for land in LANDS]
        restyle = {
            "fillcolor": [look["fillcolor"] for look in looks] + [None] * len(line_ids),
            "fillpattern.shape": [look["pattern"]["shape"] for look in looks] + [None] * len(line_ids),
            "name": [for_html(look["legend"]) for look in looks] + line_names,
            "showlegend": _legend_flags(step) + [step.line_agreement_id == i for i in line_ids],
            "visible": [True] * len(LANDS) + [step.line_agreement_id == i for i in line_ids],
        }
        relayout = {f"annotations[{caption_index}].text": _caption_text(step, sources)}
        relayout.update({f"annotations[{index}].visible": step.line_agreement_id == agreement_id
                         for agreement_id, index in line_labels.items()})
        slider_steps.append(dict(label=for_html(step.label), method="update",
                                 args=[restyle, relayout, land_traces + [line_traces[i] for i in line_ids]]))
    return dict(active=len(steps) - 1, steps=slider_steps, x=0.04, len=0.92, y=0, yanchor="top",
                pad=dict(t=36, b=0), currentvalue=dict(visible=False), font=dict(size=13),
                bgcolor="white", bordercolor=MUTED, activebgcolor=BLUE, ticklen=4)


def _caption_lines(step: MapStep, sources: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The caption's lines: what changed at the step, then its sources."""
    # The step's year only: a change that spans days gives its own dates, and the table gives the event's.
    lines = wrap(f"{step.label}: {step.change}", CAPTION_WRAP)
    cited = wrap(publishers_line(sources, step.source_ids, budget=2 * CAPTION_WRAP,
                                 where=_("the table below the map")), CAPTION_WRAP + 12)
    return lines, cited


def _caption_margin(steps: list[MapStep], sources: pd.DataFrame) -> int:
    """The map's top margin: room for the longest of the steps' captions."""
    tallest = max(len(lines) + len(cited) for lines, cited in (_caption_lines(step, sources) for step in steps))
    return max(CAPTION_MARGIN_PX, CAPTION_SHIFT_PX + CAPTION_LINE_PX * tallest + 6)


def _caption_text(step: MapStep, sources: pd.DataFrame) -> str:
    lines, cited = _caption_lines(step, sources)
    return "<br>".join([f"<b>{for_html(lines[0])}</b>", *(f"<b>{for_html(line)}</b>" for line in lines[1:]),
                        *(f"<span style='font-size:11px'>{for_html(line)}</span>" for line in cited)])


def _caption(step: MapStep, sources: pd.DataFrame) -> dict:
    return dict(name="caption", text=_caption_text(step, sources), xref="paper", yref="paper", x=0, y=1,
                xanchor="left", yanchor="bottom", yshift=CAPTION_SHIFT_PX, align="left", showarrow=False,
                font=dict(size=13, color=INK))


def small_maps(coastlines: pd.DataFrame, lines: pd.DataFrame, steps: list[MapStep]) -> go.Figure:
    """Every step as a small map, for print: land coloured as the step has it, the step's line, its caption."""
    rows = math.ceil(len(steps) / SMALL_MAP_COLUMNS)
    titles = [for_html("\n".join(wrap(f"{s.label}: {s.change}", 56))).replace("\n", "<br>") for s in steps]
    figure = make_subplots(rows=rows, cols=SMALL_MAP_COLUMNS, subplot_titles=titles,
                           horizontal_spacing=0.04, vertical_spacing=0.09)
    shapes = [LandPolygon(s.polygon_id, s.land, *zip(*simplify(list(zip(s.lon, s.lat)), SMALL_MAP_TOLERANCE_KM)))
              for s in land_polygons(coastlines) if s.area_km2 > 0.5]
    legend_seen: set[str] = set()
    for number, step in enumerate(steps):
        row, col = number // SMALL_MAP_COLUMNS + 1, number % SMALL_MAP_COLUMNS + 1
        for land in LANDS:
            look = _land_look(land, step.holdings[land])
            lon, lat = _joined([list(zip(s.lon, s.lat)) for s in shapes if s.land == land])
            figure.add_trace(go.Scatter(x=lon, y=lat, mode="lines", fill="toself", fillcolor=look["fillcolor"],
                                        fillpattern=look["pattern"], line=dict(color=MAP_COAST, width=0.4),
                                        name=for_html(look["legend"]), legendgroup=look["legend"],
                                        showlegend=look["legend"] not in legend_seen, hoverinfo="skip"),
                             row=row, col=col)
            legend_seen.add(look["legend"])
        if step.line_agreement_id:
            points = lines[lines["agreement_id"] == step.line_agreement_id].sort_values("point")
            figure.add_trace(go.Scatter(x=list(points["lon"]), y=list(points["lat"]), mode="lines",
                                        line=dict(color=INK, width=1.5, dash="dash"), showlegend=False,
                                        hoverinfo="skip"), row=row, col=col)
    mean_lat = sum(MAP_FRAME["lat"]) / 2
    figure.update_xaxes(range=list(MAP_FRAME["lon"]), showticklabels=False, showgrid=False, zeroline=False,
                        mirror=True, showline=True, linecolor=MAP_EDGE)
    for number in range(len(steps)):
        suffix = "" if number == 0 else str(number + 1)
        figure.update_layout({f"yaxis{suffix}": dict(range=list(MAP_FRAME["lat"]), scaleanchor=f"x{suffix}",
                                                     scaleratio=1 / math.cos(math.radians(mean_lat)),
                                                     showticklabels=False, showgrid=False, zeroline=False,
                                                     mirror=True, showline=True, linecolor=MAP_EDGE)})
    # Each small map's title starts at its map's left edge, so that long titles stay on the page.
    for number, annotation in enumerate(figure.layout.annotations):
        domain = figure.layout[f"xaxis{'' if number == 0 else number + 1}"].domain
        annotation.update(x=domain[0], xanchor="left", align="left", font=dict(size=11))
    figure.update_layout(plot_bgcolor=MAP_SEA, margin=dict(l=5, r=5, t=30, b=40),
                         legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0,
                                     font=dict(size=11)))
    return figure


def label_anchors(shapes: list[LandPolygon]) -> dict[str, tuple[float, float]]:
    """For each land, the mean of the vertices of its largest polygon."""
    largest: dict[str, LandPolygon] = {}
    for shape in shapes:
        if shape.land not in largest or shape.area_km2 > largest[shape.land].area_km2:
            largest[shape.land] = shape
    return {land: (sum(s.lon) / len(s.lon), sum(s.lat) / len(s.lat)) for land, s in largest.items()}


def _name_lines(place: pd.Series) -> list[list[str]]:
    """A place's names, escaped, the edition's language first (in bold), then the others in the order
    English, Russian, Japanese: each name as a list of its parts (the Japanese name, its romanisation)."""
    russian = str(place["name_ru"]).split(" (")[0]
    names = {"en": [place["name_en"]], "ru": [russian], "ja": [place["name_ja"], place["name_ja_romaji"]]}
    first = current_language()
    ordered = [names[first], *(names[code] for code in ("en", "ru", "ja") if code != first)]
    lines = [[for_html(part) for part in name] for name in ordered]
    lines[0][0] = f"<b>{lines[0][0]}</b>"
    return lines


def map_label(place: pd.Series) -> str:
    """"<b>Iturup</b><br>Итуруп · 択捉島 Etorofu-tō": the name in the edition's language (English here), then
    the other two."""
    first, second, third = (" ".join(name) for name in _name_lines(place))
    return f"{first}<br>{second} · {third}"


def place_label(place: pd.Series) -> str:
    """A place's names on three short lines (the edition's language first, then English, Russian, Japanese):
    narrow, so that labels keep clear of the lines and of one another."""
    return "<br>".join(" ".join(name) for name in _name_lines(place))


def stacked_label(place: pd.Series) -> str:
    """A place's names one to a line (the edition's language first; a Japanese name and its romanisation
    each on its own): narrower still than `place_label`, for Hokkaido, whose label must fit on the strip of
    its land the overview map shows."""
    return "<br>".join(part for name in _name_lines(place) for part in name)


def _add_island_labels(figure: go.Figure, islands: pd.DataFrame, anchors: dict) -> None:
    for island in islands.itertuples(index=False):
        if island.island_id not in anchors or island.island_id not in LABEL_PLACEMENT:
            continue
        (dx, dy), side = LABEL_PLACEMENT[island.island_id]
        lon, lat = anchors[island.island_id]
        figure.add_annotation(
            x=lon + dx, y=lat + dy, showarrow=False,
            text=(place_label if island.island_id in NARROW_LABELS else map_label)(pd.Series(island._asdict())),
            xanchor=side, yanchor="middle", align=side if side != "center" else "center", name=island.island_id,
            font=dict(size=12, color=INK), bgcolor="rgba(255,255,255,0.75)", borderpad=2,
        )


def _add_place_labels(figure: go.Figure, places: pd.DataFrame) -> None:
    """Each place named in three languages, its label pointing at it from open water; Kaigara, too small
    for the coastline data, marked where it lies."""
    for place in places.itertuples(index=False):
        if not _inside(place.lon, place.lat, CLOSE_UP_FRAME):
            continue
        ax, ay = PLACE_LABEL_OFFSET.get(place.place_id, (0, -40))
        figure.add_annotation(
            x=place.lon, y=place.lat, text=place_label(pd.Series(place._asdict())), showarrow=True, ax=ax, ay=ay,
            arrowhead=0, arrowwidth=1, arrowcolor=INK, align="center", name=place.place_id,
            font=dict(size=11, color=INK), bgcolor="rgba(255,255,255,0.85)", borderpad=2,
        )
    marked = places[places["note"].str.contains("marks its position", na=False)]
    figure.add_trace(go.Scatter(
        x=list(marked["lon"]), y=list(marked["lat"]), mode="markers", showlegend=False, name="rocks",
        marker=dict(symbol="diamond", size=7, color=STATE_COLOURS["Russia"], line=dict(color=MAP_COAST, width=1)),
        text=[place_label(row) for _, row in marked.iterrows()], hovertemplate="%{text}<extra></extra>",
    ))


def _add_hover_points(figure: go.Figure, islands: pd.DataFrame, anchors: dict) -> None:
    rows = islands[islands["island_id"].isin(list(anchors))]
    hover = [
        "<br>".join([map_label(island), _("Area: {area} km²").format(area=whole(island["area_km2"])),
                     _("Population: {count} ({year})").format(count=count(island["population"]),
                                                              year=island["population_year"])])
        for _index, island in rows.iterrows()
    ]
    figure.add_trace(go.Scatter(
        x=[anchors[i][0] for i in rows["island_id"]], y=[anchors[i][1] for i in rows["island_id"]],
        mode="markers", marker=dict(size=28, opacity=0), showlegend=False, name="islands",
        text=hover, hovertemplate="%{text}<extra></extra>",
    ))


def _add_agreement_lines(figure: go.Figure, lines: pd.DataFrame, step: MapStep) -> dict[str, int]:
    """Each line dashed, named in the legend and labelled (wrapped) at its last point, shown only at the
    steps that name it; returns each line's trace index."""
    dashes = ["dash", "dot", "dashdot"]
    indexes = {}
    ordered = lines.sort_values(["agreement_id", "point"])
    for number, (agreement_id, points) in enumerate(ordered.groupby("agreement_id", sort=False)):
        label = str(points["label"].iloc[0])
        shown = step.line_agreement_id == agreement_id
        indexes[agreement_id] = len(figure.data)
        figure.add_trace(go.Scatter(
            x=list(points["lon"]), y=list(points["lat"]), mode="lines",
            name=for_html(_("{line} (schematic)").format(line=label)),
            line=dict(color=INK, width=2.5, dash=dashes[number % len(dashes)]), visible=shown,
            showlegend=shown,
            hovertemplate=_("{line}: schematic line").format(line=for_html(label)) + "<extra></extra>",
        ))
        end = points.iloc[-1]
        wrapped = "<br>".join(for_html(part) for part in wrap(label, LINE_LABEL_WRAP))
        figure.add_annotation(x=float(end["lon"]), y=float(end["lat"]), text=wrapped, showarrow=False,
                              xanchor="left", yanchor="top", xshift=4, align="left", name=agreement_id,
                              visible=shown, font=dict(size=12, color=INK), bgcolor="rgba(255,255,255,0.75)")
    return indexes


def distance_label(km: float) -> str:
    """"3.7 km": a distance as the sources give it, to a tenth of a km."""
    return _("{distance} km").format(distance=number_text(km, ".1f"))


def _add_distances(figure: go.Figure, places: pd.DataFrame, distances: pd.DataFrame, *, inside_close_up: bool,
                   islands: pd.DataFrame | None = None) -> None:
    """Each distance as a thin line with its figure; on the close-up those that fit in it, on the overview
    the others. A distance to an island (not a place of its own) names it as `islands` does."""
    origin = places.set_index("place_id")
    island_names = local_names(islands.set_index("island_id")) if islands is not None else {}
    for row in distances.itertuples(index=False):
        start = origin.loc[row.from_place]
        fits = _inside(start["lon"], start["lat"], CLOSE_UP_FRAME) and _inside(row.to_lon, row.to_lat, CLOSE_UP_FRAME)
        if fits != inside_close_up:
            continue
        figure.add_trace(go.Scatter(
            x=[start["lon"], row.to_lon], y=[start["lat"], row.to_lat], mode="lines+markers", showlegend=False,
            name=row.distance_id, line=dict(color=DISTANCE_INK, width=1.6), marker=dict(size=4, color=DISTANCE_INK),
            hovertemplate=f"{for_html(local_name(start))} – "
                          f"{for_html(_place_name(origin, row.to_place, island_names))}: "
                          f"{distance_label(row.km)}<extra></extra>",
        ))
        ax, ay = DISTANCE_LABEL_OFFSET.get(row.distance_id, (0, -30))
        figure.add_annotation(x=(start["lon"] + row.to_lon) / 2, y=(start["lat"] + row.to_lat) / 2,
                              text=f"<b>{distance_label(row.km)}</b>", showarrow=True, ax=ax, ay=ay, arrowhead=0,
                              arrowwidth=1, arrowcolor=DISTANCE_INK, name=row.distance_id,
                              font=dict(size=12, color=DISTANCE_INK), bgcolor="rgba(255,255,255,0.85)")


def _place_name(places: pd.DataFrame, place_id: str, islands=None) -> str:
    """The name of a place of map_places.csv in the edition's language, or of an island (by `islands`, its
    names by id), or the island's id written as a name."""
    if place_id in places.index:
        return local_name(places.loc[place_id])
    if islands is not None and place_id in islands:
        return str(islands[place_id])
    return place_id.replace("-", " ").title()


def _add_context_labels(figure: go.Figure, places: pd.DataFrame) -> None:
    """The seas' names, and Hokkaido's in three languages (styled as the islands' labels), written at its
    point of map_places.csv."""
    for text, lon, lat in SEA_LABELS:
        figure.add_annotation(x=lon, y=lat, text=f"<i>{for_html(_(text))}</i>", showarrow=False,
                              font=dict(size=13, color=MUTED))
    for _index, place in places[places["kind"] == OVERVIEW_KIND].iterrows():
        figure.add_annotation(
            x=place["lon"], y=place["lat"], text=stacked_label(place), showarrow=False, xanchor="center",
            yanchor="middle", align="center", name=place["place_id"], font=dict(size=12, color=INK),
            bgcolor="rgba(255,255,255,0.75)", borderpad=2,
        )


def scale_bar_degrees(km: float, lat: float) -> float:
    """Degrees of longitude spanning `km` at latitude `lat`."""
    return km / (KM_PER_DEGREE * math.cos(math.radians(lat)))


def _add_scale_bar(figure: go.Figure, frame: dict, km: float) -> None:
    width = frame["lon"][1] - frame["lon"][0]
    lon0, lat0 = frame["lon"][1] - 0.11 * width, frame["lat"][0] + 0.02 * (frame["lat"][1] - frame["lat"][0])
    lon1 = lon0 + scale_bar_degrees(km, lat0)
    figure.add_trace(go.Scatter(x=[lon0, lon1], y=[lat0, lat0], mode="lines", showlegend=False,
                                line=dict(color=INK, width=3), hoverinfo="skip", name="scale"))
    figure.add_annotation(x=(lon0 + lon1) / 2, y=lat0, text=_("{distance} km").format(distance=number_text(km, "g")),
                          showarrow=False, name="scale",
                          yanchor="bottom", yshift=3, font=dict(size=12, color=INK))


def _inside(lon: float, lat: float, frame: dict) -> bool:
    return frame["lon"][0] <= lon <= frame["lon"][1] and frame["lat"][0] <= lat <= frame["lat"][1]


def _touches(shape: LandPolygon, frame: dict) -> bool:
    return not (max(shape.lon) < frame["lon"][0] or min(shape.lon) > frame["lon"][1]
                or max(shape.lat) < frame["lat"][0] or min(shape.lat) > frame["lat"][1])


def clip_to_frame(shape: LandPolygon, frame: dict) -> list[tuple[float, float]]:
    """The outline cut to the frame (Sutherland–Hodgman against each edge), closed; land beyond the
    frame would only weigh on the page."""
    points = list(zip(shape.lon, shape.lat))[:-1]
    edges = [(0, frame["lon"][0], True), (0, frame["lon"][1], False),
             (1, frame["lat"][0], True), (1, frame["lat"][1], False)]
    for axis, limit, keep_above in edges:
        def inside(p, axis=axis, limit=limit, keep_above=keep_above):
            return p[axis] >= limit if keep_above else p[axis] <= limit

        def crossing(a, b, axis=axis, limit=limit):
            t = (limit - a[axis]) / (b[axis] - a[axis])
            point = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
            point[axis] = limit
            return (round(point[0], 4), round(point[1], 4))

        clipped = []
        for current, previous in zip(points, points[-1:] + points[:-1]):
            if inside(current):
                if not inside(previous):
                    clipped.append(crossing(previous, current))
                clipped.append(current)
            elif inside(previous):
                clipped.append(crossing(previous, current))
        points = clipped
        if not points:
            return []
    return points + points[:1]


def _data_table(shapes: list[LandPolygon], lines: pd.DataFrame, coastlines: pd.DataFrame, steps: list[MapStep],
                places: pd.DataFrame, distances: pd.DataFrame, sources: pd.DataFrame,
                islands: pd.DataFrame) -> pd.DataFrame:
    """One row per land (outlines, vertices, area on the map), per line, per distance and per step,
    each with its sources."""
    land_sources = coastlines.groupby("land")["source_id"].agg(lambda ids: publishers_of(sources, ids))
    land_names = _land_names(islands, places)
    rows: dict[str, dict] = {}
    for shape in shapes:
        entry = rows.setdefault(shape.land, {"Drawn": land_names.get(shape.land, shape.land), "Shapes": 0,
                                             "Points": 0, "Area": 0.0, "Sources": land_sources[shape.land]})
        entry["Shapes"] += 1
        entry["Points"] += len(shape.lon)
        entry["Area"] += shape.area_km2
    table = [{"Drawn": r["Drawn"], "What it shows": _(
        "{outlines} outlines, {points} points, {area} km² on this map").format(
            outlines=r["Shapes"], points=count(r["Points"]), area=whole(r["Area"])), "Sources": r["Sources"]}
        for r in rows.values()]
    for _agreement, points in lines.sort_values("point").groupby("agreement_id", sort=True):
        cited = publishers_of(sources, [i for ids in points["source_ids"] for i in ids])
        table.append({"Drawn": _("line: {label}").format(label=points["label"].iloc[0]),
                      "What it shows": str(points["note"].iloc[0]), "Sources": cited})
    for _index, place in places[places["kind"] == OVERVIEW_KIND].iterrows():
        # The place by its name in the edition's language, then by its names in the other two.
        in_each = {"en": place["name_en"], "ru": place["name_ru"],
                   "ja": f"{place['name_ja']} {place['name_ja_romaji']}"}
        table.append({"Drawn": _("name: {name}").format(name=local_name(place)),
                      "What it shows": " · ".join(name for language, name in in_each.items()
                                                  if language != current_language()),
                      "Sources": publishers_of(sources, place["source_ids"])})
    by_id = places.set_index("place_id")
    island_names = local_names(islands.set_index("island_id"))
    for row in distances.itertuples(index=False):
        # A distance to an island (not a place of its own) names it as the tooltip does.
        table.append({"Drawn": _("distance: {start} to {end}").format(
                          start=local_name(by_id.loc[row.from_place]),
                          end=_place_name(by_id, row.to_place, island_names)),
                      "What it shows": distance_label(row.km), "Sources": publishers_of(sources, row.source_ids)})
    for step in steps:
        table.append({"Drawn": _("step {number}: {label}").format(number=step.step, label=step.label),
                      "What it shows": _("{label}: {value}").format(label=step.date_text, value=step.change),
                      "Sources": publishers_of(sources, step.source_ids)})
    return pd.DataFrame(table).rename(columns={"Drawn": _("Drawn"), "What it shows": _("What it shows"),
                                               "Sources": _("Sources")})


def _land_names(islands: pd.DataFrame, places: pd.DataFrame) -> dict[str, str]:
    """How the map's data names each land of the coastlines: the English edition by its code ("iturup",
    "other"), the others by its name in their language (an island's, Hokkaido's as a place)."""
    if current_language() == SOURCE_LANGUAGE:
        return {}
    names = {**local_names(places.set_index("place_id")).to_dict(),
             **local_names(islands.set_index("island_id")).to_dict()}
    # Translators: the land a coastline outlines when it is none of the islands the map names.
    return {land: names.get(land, _("other land")) for land in LANDS}
