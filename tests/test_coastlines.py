"""Coastlines: reading and joining GMT's shorelines, their simplification, and the committed coastline data."""

import math

import pytest

from unsigned_peace import load_data
from unsigned_peace.coastlines import (
    OTHER_LAND,
    LandPolygon,
    closest_distance_km,
    extract_region,
    great_circle_km,
    join_pieces,
    land_name,
    land_polygons,
    read_gmt_dump,
    ring_area_km2,
    simplify,
)

# A square island cut by a bin edge at lon 146.5 into two pieces, as gmt coast dumps it, and a piece of a
# coast that leaves the region on its west edge (lon 146.0) and comes back.
DUMP = """> Shore Bin # 1, Level 1
146.5	43.0
147.0	43.0
147.0	43.5
146.5	43.5
> Shore Bin # 2, Level 1
146.5	43.5
146.2	43.5
146.2	43.0
146.5	43.0
> Shore Bin # 3, Level 1
146.0	43.8
146.3	43.8
146.3	43.9
146.0	43.9
>
"""
SMALL_REGION = {"lon_min": 146.0, "lon_max": 148.0, "lat_min": 42.0, "lat_max": 44.0}


def test_gmt_dump_is_read_piece_by_piece():
    pieces = read_gmt_dump(DUMP)
    assert len(pieces) == 3 and pieces[0][0] == (146.5, 43.0) and pieces[2][-1] == (146.0, 43.9)


def test_pieces_cut_at_bin_edges_are_joined_into_one_closed_outline():
    rings = join_pieces(read_gmt_dump(DUMP)[:2], SMALL_REGION)
    assert len(rings) == 1 and rings[0][0] == rings[0][-1]
    assert ring_area_km2(rings[0]) == pytest.approx(ring_area_km2(
        [(146.2, 43.0), (147.0, 43.0), (147.0, 43.5), (146.2, 43.5), (146.2, 43.0)]))


def test_land_cut_by_the_region_is_closed_along_its_edge_the_short_way():
    (ring,) = join_pieces(read_gmt_dump(DUMP)[2:], SMALL_REGION)
    assert ring[0] == ring[-1] and all(lon >= 146.0 for lon, _ in ring)
    assert ring_area_km2(ring) < ring_area_km2(
        [(146.0, 43.8), (146.3, 43.8), (146.3, 43.9), (146.0, 43.9), (146.0, 43.8)]) * 1.01


def test_simplify_drops_only_what_lies_within_the_tolerance():
    # A square whose edges carry points 1 m off the straight line, and one corner 100 m out.
    wobbly = [(146.0, 43.0), (146.005, 43.00001), (146.01, 43.0), (146.01, 43.005), (146.01, 43.01),
              (146.005, 43.0109), (146.0, 43.01), (146.0, 43.0)]
    simple = simplify(wobbly, tolerance_km=0.02)
    assert (146.005, 43.00001) not in simple and (146.005, 43.0109) in simple
    assert simple[0] == simple[-1] and len(simple) == 6


def test_a_tiny_islet_keeps_a_closed_outline():
    islet = [(146.0, 43.0), (146.0001, 43.0), (146.0001, 43.0001), (146.0, 43.0001), (146.0, 43.0)]
    simple = simplify(islet, tolerance_km=0.5)
    assert simple[0] == simple[-1] and len(simple) >= 4


def test_extract_names_and_cites_every_outline():
    rows = extract_region(DUMP, region=SMALL_REGION)
    assert {row["polygon_id"] for row in rows} == {1, 2}
    assert all(row["source_id"] == "gshhg-full-2-3-7" for row in rows)


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


def test_the_habomai_islets_are_there_down_to_the_rocks_off_cape_nosappu(data):
    """Full resolution keeps the islets, down to rocks of a fraction of a km² within 6 km of Cape Nosappu."""
    habomai = [shape for shape in land_polygons(data.coastline_points) if shape.land == "habomai"]
    assert len(habomai) >= 10
    assert any(great_circle_km((shape.lon[0], shape.lat[0]), (145.817, 43.385)) < 6 and shape.area_km2 < 0.5
               for shape in habomai)


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
