"""The island map: drawn offline from the book's coastlines, lines through open water, both names shown."""

import itertools
import json
import math
import re

import pytest

from unsigned_peace import load_data
from unsigned_peace.charts import island_map
from unsigned_peace.charts.island_map import MAP_FRAME, label_anchors, map_label, scale_bar_degrees
from unsigned_peace.coastlines import land_polygons
from unsigned_peace.islands import islands_to_be_transferred
from unsigned_peace.machinery.chart_output import ChartPictures, chart_html

PICTURES = ChartPictures(desktop="chart.svg", phone="chart.phone.svg", first_on_page=True)

@pytest.fixture(scope="module")
def data():
    return load_data()


def draw(data, islands=None):
    named_in_1956 = islands_to_be_transferred(data.agreements, "joint-declaration-1956")
    return island_map(data.coastline_points, data.map_lines, islands if islands is not None else data.islands,
                      data.agreements, data.sources, named_in_1956, alt="Map of the islands", source="Source: test.")


def test_map_uses_plain_scatter_traces_and_loads_nothing(data):
    chart = draw(data)
    assert {trace.type for trace in chart.figure.data} == {"scatter"}
    html = chart_html(chart.spec(), PICTURES)
    assert "http://" not in html and "https://" not in html and "topojson" not in html.lower()


def test_y_axis_is_scaled_for_the_latitude(data):
    layout = draw(data).figure.layout
    assert layout.yaxis.scaleanchor == "x"
    assert layout.yaxis.scaleratio == pytest.approx(1 / math.cos(math.radians(sum(MAP_FRAME["lat"]) / 2)))


def test_every_land_polygon_is_drawn_filled(data):
    filled = [t for t in draw(data).figure.data if t.fill == "toself"]
    assert len(filled) == len(land_polygons(data.coastline_points))


def test_disputed_islands_are_split_by_the_1956_declaration(data):
    figure = draw(data).figure
    colours = {}
    for trace, shape in zip([t for t in figure.data if t.fill == "toself"], land_polygons(data.coastline_points)):
        colours.setdefault(shape.land, set()).add(trace.fillcolor)
    assert colours["shikotan"] == colours["habomai"]
    assert colours["iturup"] == colours["kunashir"] != colours["shikotan"]
    assert colours["urup"] == colours["hokkaido"] != colours["iturup"]


def test_labels_give_russian_and_japanese_names(data):
    annotations = " ".join(a.text for a in draw(data).figure.layout.annotations)
    for island in data.islands.itertuples():
        assert island.name_ja in annotations and island.name_ru.split(" (")[0] in annotations


def test_label_text_is_escaped(data):
    islands = data.islands.copy()
    islands.loc[0, "name_en"] = "<script>alert(1)</script>"
    assert "<script>" not in map_label(islands.iloc[0])
    html = chart_html(draw(data, islands).spec(), PICTURES)
    spec = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert "&lt;script&gt;" in json.dumps(json.loads(spec), ensure_ascii=False)


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


def test_data_behind_the_map_names_every_land_and_line_with_sources(data):
    table = draw(data).data
    lands = set(data.coastline_points["land"])
    assert lands <= set(table["Drawn"])
    assert sum(table["Drawn"].str.startswith("line: ")) == data.map_lines["agreement_id"].nunique()
    assert table["Sources"].str.len().gt(0).all()
