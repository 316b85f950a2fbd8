"""Coastlines: the TopoJSON decoder, the cut of the map's region, and the committed coastline data."""

import math

import pytest

from unsigned_peace import load_data
from unsigned_peace.coastlines import (
    OTHER_LAND,
    LandPolygon,
    closest_distance_km,
    extract_region,
    great_circle_km,
    land_name,
    land_polygons,
    ring_area_km2,
)
from unsigned_peace.topojson import decode_arcs, polygons

# Two squares sharing an edge, quantized: arc 0 is the shared edge, walked backwards by the second.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [146.0, 43.0]},
    "arcs": [
        [[2, 0], [0, 4]],                    # (147, 43) -> (147, 44)
        [[2, 4], [-2, 0], [0, -4], [2, 0]],  # (147, 44) -> (146, 44) -> (146, 43) -> (147, 43)
        [[2, 0], [2, 0], [0, 4], [-2, 0]],   # (147, 43) -> (148, 43) -> (148, 44) -> (147, 44)
    ],
    "objects": {"land": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]]},
        {"type": "MultiPolygon", "arcs": [[[2, ~0]]]},
    ]}},
}


def test_arcs_are_delta_decoded_and_dequantized():
    arcs = decode_arcs(TOPOLOGY)
    assert arcs[0] == [(147.0, 43.0), (147.0, 44.0)]
    assert arcs[1][-1] == (147.0, 43.0)


def test_rings_join_arcs_and_walk_negative_indexes_backwards():
    west, east = polygons(TOPOLOGY, "land")
    assert west[0] == [(147.0, 43.0), (147.0, 44.0), (146.0, 44.0), (146.0, 43.0), (147.0, 43.0)]
    assert east[0] == [(147.0, 43.0), (148.0, 43.0), (148.0, 44.0), (147.0, 44.0), (147.0, 43.0)]


def test_extract_keeps_whole_polygons_touching_the_region_and_names_them():
    region = {"lon_min": 147.5, "lon_max": 149.0, "lat_min": 42.0, "lat_max": 45.0}
    rows = extract_region(TOPOLOGY, region=region)
    assert {row["polygon_id"] for row in rows} == {1}
    assert next((row["lon"], row["lat"]) for row in rows) == (147.0, 43.0)
    assert len(rows) == 5 and all(row["source_id"] == "natural-earth-10m-land" for row in rows)


def test_land_names_come_from_the_box_holding_the_polygon():
    assert land_name([(146.7, 43.8), (146.9, 43.8), (146.8, 43.85)]) == "shikotan"
    assert land_name([(0.0, 0.0), (1.0, 0.0), (0.5, 1.0)]) == OTHER_LAND


def test_ring_area_is_the_spherical_area():
    # A cell one degree square on the equator: R^2 * (pi/180) * sin(1 degree).
    cell = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    expected = 6371.0088**2 * math.radians(1) * math.sin(math.radians(1))
    assert ring_area_km2(cell) == pytest.approx(expected)
    assert ring_area_km2(cell[::-1]) == pytest.approx(expected)


@pytest.fixture(scope="module")
def data():
    return load_data()


def test_every_island_of_the_book_has_an_outline(data):
    lands = {shape.land for shape in land_polygons(data.coastline_points)}
    assert set(data.islands["island_id"]) | {"hokkaido"} <= lands


def test_outlines_are_closed(data):
    for shape in land_polygons(data.coastline_points):
        assert (shape.lon[0], shape.lat[0]) == (shape.lon[-1], shape.lat[-1]), shape.polygon_id


def test_outlined_areas_agree_with_the_surveyed_areas(data):
    """Each island named correctly: its outlines measure within 15 % of the area islands.csv gives."""
    measured: dict[str, float] = {}
    for shape in land_polygons(data.coastline_points):
        measured[shape.land] = measured.get(shape.land, 0.0) + shape.area_km2
    for island in data.islands.itertuples():
        assert measured[island.island_id] == pytest.approx(island.area_km2, rel=0.15), island.island_id


def test_great_circle_distance():
    assert great_circle_km((145.0, 43.0), (145.0, 44.0)) == pytest.approx(111.2, abs=0.1)
    assert great_circle_km((0.0, 0.0), (180.0, 0.0)) == pytest.approx(math.pi * 6371.0088)


def test_closest_distance_is_between_the_nearest_vertices():
    west = LandPolygon(1, "a", (0.0, 1.0, 1.0, 0.0), (0.0, 0.0, 1.0, 0.0))
    east = LandPolygon(2, "b", (3.0, 2.0, 3.0, 3.0), (0.0, 0.2, 1.0, 0.0))
    assert closest_distance_km([west], [east]) == pytest.approx(great_circle_km((1.0, 0.0), (2.0, 0.2)))
