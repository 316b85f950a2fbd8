"""The island maps: drawn offline from the book's coastlines, the history's steps, names in three languages,
distances, labels clear of one another, and light enough for the page."""

import gzip
import itertools
import json
import math
import re

import pytest

from unsigned_peace import load_data
from unsigned_peace.charts.administration import STATE_COLOURS
from unsigned_peace.charts.island_map import (
    LANDS,
    MAP_FRAME,
    OVERVIEW_KIND,
    habomai_map,
    island_map,
    label_anchors,
    map_label,
    scale_bar_degrees,
)
from unsigned_peace.coastlines import land_polygons
from unsigned_peace.machinery.content.charts import ChartPictures, chart_html, live_chart, live_spec
from unsigned_peace.map_history import map_steps

PICTURES = ChartPictures(desktop="chart.svg", phone="chart.phone.svg", live="chart.live.js", first_on_page=True)
# The page ships the live chart's figure and the two pictures; the figures' data must stay within this.
PAGE_BUDGET_BYTES = 100_000
# What plotly takes from the plot for tick labels and for the slider, in pixels.
TICK_LABELS_PX = 45
SLIDER_PX = 60


@pytest.fixture(scope="module")
def data():
    return load_data()


@pytest.fixture(scope="module")
def steps(data):
    return map_steps(data.map_steps, data.administration, data.events, LANDS)


@pytest.fixture(scope="module")
def drawn(data, steps):
    return draw(data, steps)


@pytest.fixture(scope="module")
def close_up(data):
    return habomai_map(data.coastline_points, data.map_places, data.map_distances, data.sources,
                       alt="Close-up", source="Source: test.")


def draw(data, steps, islands=None):
    return island_map(data.coastline_points, data.map_lines, islands if islands is not None else data.islands,
                      steps, data.map_places, data.map_distances, data.sources, alt="Map of the islands",
                      source="Source: test.")


def test_map_uses_plain_scatter_traces_and_loads_nothing(drawn):
    assert {trace.type for trace in drawn.figure.data} == {"scatter"}
    html = chart_html(drawn.spec(), PICTURES)
    assert "http://" not in html and "https://" not in html and "topojson" not in html.lower()


def test_y_axis_is_scaled_for_the_latitude(drawn):
    layout = drawn.figure.layout
    assert layout.yaxis.scaleanchor == "x"
    assert layout.yaxis.scaleratio == pytest.approx(1 / math.cos(math.radians(sum(MAP_FRAME["lat"]) / 2)))


def test_every_land_polygon_is_drawn_filled(data, drawn):
    filled = [t for t in drawn.figure.data if t.fill == "toself"]
    outlines = sum(1 + list(t.x).count(None) for t in filled)
    assert outlines == len(land_polygons(data.coastline_points))


def test_the_map_opens_on_today_with_every_island_as_russia_administers_it(drawn):
    lands = {trace.legendgroup: trace for trace in drawn.figure.data if trace.fill == "toself"}
    for land in ("iturup", "kunashir", "shikotan", "habomai", "urup"):
        assert lands[land].fillcolor == STATE_COLOURS["Russia"]
    slider = drawn.figure.layout.sliders[0]
    assert slider.active == len(slider.steps) - 1 and slider.steps[-1].label == "Today"


def test_each_step_recolours_the_land_and_says_what_changed_with_its_sources(drawn, steps):
    slider = drawn.figure.layout.sliders[0]
    assert [s.label for s in slider.steps] == [step.label for step in steps]
    first = slider.steps[0].args
    colours = dict(zip(LANDS, first[0]["fillcolor"]))
    assert colours["iturup"] == STATE_COLOURS["Japan"] and colours["urup"] == STATE_COLOURS["Russian Empire"]
    for step, slider_step in zip(steps, slider.steps):
        caption = next(v for k, v in slider_step.args[1].items() if k.endswith(".text"))
        assert step.change.split()[0] in caption and "Source" in caption
        assert step.source_ids


def test_the_1945_step_marks_the_occupation(drawn):
    step_1945 = next(s for s in drawn.figure.layout.sliders[0].steps if s.label == "1945")
    assert "/" in step_1945.args[0]["fillpattern.shape"]


def test_labels_give_russian_and_japanese_names(drawn, close_up, data):
    annotations = " ".join(a.text for a in drawn.figure.layout.annotations)
    for island in data.islands.itertuples():
        assert island.name_ja in annotations and island.name_ru.split(" (")[0] in annotations


def test_every_named_islet_is_drawn_and_labelled_in_three_languages(data, close_up):
    labels = {a.name: a.text for a in close_up.figure.layout.annotations}
    shapes = land_polygons(data.coastline_points)
    for place in data.map_places.itertuples():
        if place.kind != "islet":
            continue
        label = labels[place.place_id]
        assert place.name_en in label and place.name_ja in label and place.name_ru in label
        outlined = any(min(s.lon) - 0.01 <= place.lon <= max(s.lon) + 0.01
                       and min(s.lat) - 0.01 <= place.lat <= max(s.lat) + 0.01 for s in shapes)
        marked = any(trace.name == "rocks" and place.lon in trace.x for trace in close_up.figure.data)
        assert outlined or marked, place.place_id


def _habomai_note_names(data) -> tuple[list[str], list[str]]:
    """The islets the note of the Habomai row of islands.csv names: by their Japanese names, then by their
    Russian ones."""
    note = data.islands.set_index("island_id").loc["habomai", "note"]
    named = re.search(r"Group of islets \(([^;]+?) etc\.; Russian names ([^.]+?)\.\.\.\)", note)
    assert named, "the Habomai note no longer lists its islets as this test reads them"
    return [name.strip() for name in named.group(1).split(",")], [name.strip() for name in named.group(2).split(",")]


def test_every_islet_the_habomai_note_names_is_a_labelled_place(data, close_up):
    japanese, russian = _habomai_note_names(data)
    islets = data.map_places[(data.map_places["kind"] == "islet") & (data.map_places["island_id"] == "habomai")]
    labelled = {a.name for a in close_up.figure.layout.annotations}
    for name in japanese:
        matches = islets[islets["name_en"] == name]
        assert len(matches) == 1, name
        assert matches["place_id"].iloc[0] in labelled, name
    for name in russian:
        matches = islets[islets["name_ru"].str.contains(name, regex=False)]
        assert len(matches) == 1, name
        assert matches["place_id"].iloc[0] in labelled, name


def test_hokkaido_is_named_in_three_languages_from_the_data_on_the_overview_only(data, drawn, close_up):
    named = data.map_places[data.map_places["kind"] == OVERVIEW_KIND]
    assert list(named["island_id"]) == ["hokkaido"]
    labels = {a.name: a.text for a in drawn.figure.layout.annotations}
    for place in named.itertuples():
        label = labels[place.place_id]
        assert all(name in label for name in (place.name_en, place.name_ru, place.name_ja, place.name_ja_romaji))
        assert place.place_id not in {a.name for a in close_up.figure.layout.annotations}
        assert f"name: {place.name_en}" in set(drawn.data["Drawn"])


@pytest.mark.parametrize("width", [600, 800])
def test_the_places_labels_keep_off_every_coastline(data, drawn, close_up, width):
    """No coastline runs under the label of an islet (on the close-up) or of Hokkaido (on the overview)."""
    shapes = land_polygons(data.coastline_points)
    kinds = {"islet", OVERVIEW_KIND}
    ids = set(data.map_places.loc[data.map_places["kind"].isin(kinds), "place_id"])
    for chart in (drawn, close_up):
        x_scale, y_scale, (mid_x, mid_y), (plot_w, plot_h) = _plot_area(chart.figure.layout, width)
        points = [(plot_w / 2 + (lon - mid_x) * x_scale, plot_h / 2 - (lat - mid_y) * y_scale)
                  for shape in shapes for lon, lat in zip(shape.lon, shape.lat)]
        for name, (left, top, right, bottom) in label_boxes(chart.figure, width).items():
            if name in ids:
                assert not any(left + 2 < x < right - 2 and top + 2 < y < bottom - 2 for x, y in points), (name, width)


def test_cited_distances_are_drawn_with_their_figures(data, drawn, close_up):
    texts = " ".join(a.text for chart in (drawn, close_up) for a in chart.figure.layout.annotations)
    for row in data.map_distances.itertuples():
        assert f"{row.km:.1f} km" in texts


def test_label_text_is_escaped(data, steps):
    islands = data.islands.copy()
    islands.loc[0, "name_en"] = "<script>alert(1)</script>"
    assert "<script>" not in map_label(islands.iloc[0])
    spec = draw(data, steps, islands).spec()
    assert "<script>" not in chart_html(spec, PICTURES)
    assert "&lt;script&gt;" in json.dumps(live_spec(live_chart(spec).script), ensure_ascii=False)


def _segments_cross(p1, p2, q1, q2) -> bool:
    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (side(p1, p2, q1) * side(p1, p2, q2) < 0) and (side(q1, q2, p1) * side(q1, q2, p2) < 0)


def _inside(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_agreement_lines_run_through_open_water(data):
    shapes = land_polygons(data.coastline_points)
    for agreement_id, points in data.map_lines.sort_values("point").groupby("agreement_id"):
        line = list(zip(points["lon"], points["lat"]))
        for shape in shapes:
            ring = list(zip(shape.lon, shape.lat))
            assert not any(_inside(p, ring) for p in line), (agreement_id, shape.land)
            for a, b in itertools.pairwise(line):
                for c, d in itertools.pairwise(ring):
                    assert not _segments_cross(a, b, c, d), (agreement_id, shape.land)


def test_the_1855_line_separates_iturup_from_urup(data):
    """Iturup lies on one side of the 1855 line and Urup on the other."""
    anchors = label_anchors(land_polygons(data.coastline_points))
    (x1, y1), (x2, y2) = data.map_lines[data.map_lines["agreement_id"] == "shimoda-1855"].sort_values("point")[
        ["lon", "lat"]].itertuples(index=False, name=None)

    def side(point):
        return (x2 - x1) * (point[1] - y1) - (y2 - y1) * (point[0] - x1)
    assert side(anchors["iturup"]) * side(anchors["urup"]) < 0


def test_each_line_keeps_one_label(data):
    assert (data.map_lines.groupby("agreement_id")["label"].nunique() == 1).all()


def test_scale_bar_length():
    assert scale_bar_degrees(111.32, 0) == pytest.approx(1.0)
    assert scale_bar_degrees(50, 60) == pytest.approx(50 / (111.32 * 0.5))


def test_data_behind_the_map_names_every_land_line_distance_and_step_with_sources(data, drawn):
    table = drawn.data
    lands = set(data.coastline_points["land"])
    assert lands <= set(table["Drawn"])
    assert sum(table["Drawn"].str.startswith("line: ")) == data.map_lines["agreement_id"].nunique()
    assert sum(table["Drawn"].str.startswith("step ")) == len(data.map_steps)
    assert sum(table["Drawn"].str.startswith("distance: ")) == len(data.map_distances)
    assert table["Sources"].str.len().gt(0).all()


def _plot_area(layout, width):
    """Pixels per degree and the plot's middle, as plotly fits the frame to a plot `width` wide keeping
    the y axis's scale ratio (it widens whichever range has room to spare)."""
    margin = layout.margin
    # Plotly widens the left and bottom margins for the axes' tick labels ("46°N", "145°E").
    plot_w, plot_h = width - margin.l - margin.r - TICK_LABELS_PX, layout.height - margin.t - margin.b - TICK_LABELS_PX
    if layout.sliders:
        plot_h -= SLIDER_PX
    (x0, x1), (y0, y1) = layout.xaxis.range, layout.yaxis.range
    ratio = layout.yaxis.scaleratio
    scale = min(plot_w / (x1 - x0), plot_h / ((y1 - y0) * ratio))
    return scale, scale * ratio, ((x0 + x1) / 2, (y0 + y1) / 2), (plot_w, plot_h)


def _text_box(annotation):
    """Width and height of an annotation's text in pixels, allowing a CJK character a full em."""
    lines = re.sub(r"<(?!br>)[^>]+>", "", annotation.text).split("<br>")
    size = annotation.font.size or 12

    def width(line):
        return sum(size if ord(ch) > 0x2E80 else 0.62 * size for ch in line)
    pad = 2 * ((annotation.borderpad or 1) + 1)
    return max(width(line) for line in lines) + pad, 1.3 * size * len(lines) + pad


def label_boxes(figure, width):
    """Each visible annotation in data coordinates as a pixel box (left, top, right, bottom)."""
    layout = figure.layout
    x_scale, y_scale, (mid_x, mid_y), (plot_w, plot_h) = _plot_area(layout, width)
    boxes = {}
    for annotation in layout.annotations:
        if annotation.visible is False or annotation.xref == "paper":
            continue
        box_w, box_h = _text_box(annotation)
        x = plot_w / 2 + (annotation.x - mid_x) * x_scale + (annotation.xshift or 0)
        y = plot_h / 2 - (annotation.y - mid_y) * y_scale - (annotation.yshift or 0)
        if annotation.showarrow:
            x, y = x + annotation.ax, y + annotation.ay
            left, top = x - box_w / 2, y - box_h / 2
        else:
            left = {"left": x, "right": x - box_w}.get(annotation.xanchor, x - box_w / 2)
            top = {"top": y, "bottom": y - box_h}.get(annotation.yanchor, y - box_h / 2)
        boxes[f"{annotation.name or annotation.text[:20]}"] = (left, top, left + box_w, top + box_h)
    return boxes


def _overlap(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


# The lines' own labels, which start where their lines end.
LINE_LABELS = ("shimoda-1855", "joint-declaration-1956")


def _line_points(figure, width, step_index):
    """Points every few pixels along the agreement line shown at a step, in the labels' pixel space."""
    layout = figure.layout
    x_scale, y_scale, (mid_x, mid_y), (plot_w, plot_h) = _plot_area(layout, width)
    slider_step = layout.sliders[0].steps[step_index]
    shown = [index for index, visible in zip(slider_step.args[2], slider_step.args[0]["visible"])
             if visible and figure.data[index].fill != "toself"]
    for index in shown:
        trace = figure.data[index]
        for (x1, y1), (x2, y2) in itertools.pairwise(zip(trace.x, trace.y)):
            for t in (i / 40 for i in range(41)):
                lon, lat = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
                yield plot_w / 2 + (lon - mid_x) * x_scale, plot_h / 2 - (lat - mid_y) * y_scale


@pytest.mark.parametrize("width", [600, 800])
def test_no_label_covers_the_line_of_any_step(drawn, width):
    boxes = {name: box for name, box in label_boxes(drawn.figure, width).items() if name != "caption"}
    for step_index, step in enumerate(drawn.figure.layout.sliders[0].steps):
        for x, y in _line_points(drawn.figure, width, step_index):
            covered = [name for name, (left, top, right, bottom) in boxes.items()
                       if left + 2 < x < right - 2 and top + 2 < y < bottom - 2 and name not in LINE_LABELS]
            assert not covered, (step.label, width, covered)


@pytest.mark.parametrize("width", [600, 800])
def test_no_label_is_printed_over_another(drawn, close_up, width):
    for chart in (drawn, close_up):
        boxes = label_boxes(chart.figure, width)
        clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2)
                   if _overlap(box_a, box_b)]
        assert not clashes, (chart.alt, width, clashes)


def test_the_maps_data_on_the_page_is_light(drawn, close_up):
    """What the page ships of the maps (each live chart's figure) stays within the budget, compressed."""
    shipped = sum(len(gzip.compress(json.dumps(chart.spec()["figure"], separators=(",", ":")).encode()))
                  for chart in (drawn, close_up))
    assert shipped <= PAGE_BUDGET_BYTES
