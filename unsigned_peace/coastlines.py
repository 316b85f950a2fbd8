"""Coastlines for the book's maps: cut once from GSHHG at full resolution, then read from data/coastline_points.csv.

The book never fetches map data at run time. `scripts/extract_coastlines.sh` installs Debian's `gmt` and
`gmt-gshhg-full` (GSHHG 2.3.7, Wessel and Smith 1996, LGPL), dumps the shorelines of the map's region with
`gmt coast -Df -M -W` and runs `python -m unsigned_peace.coastlines GMT_DUMP OUTPUT_CSV`, which joins
GMT's pieces into closed outlines, simplifies each (Douglas-Peucker, by less than a reader could see at
the map's largest zoom) and names each after the island it outlines.

Command line: `python -m unsigned_peace.coastlines shorelines.txt data/coastline_points.csv`
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

Point = tuple[float, float]
Ring = list[Point]

SOURCE_ID = "gshhg-full-2-3-7"
# The region cut from the world: the four islands, Urup and the east of Hokkaido. GMT clips Hokkaido at
# its western edge; every other island lies whole inside it.
REGION = {"lon_min": 143.9, "lon_max": 151.0, "lat_min": 42.5, "lat_max": 46.6}
COORDINATE_DECIMALS = 4
EARTH_RADIUS_KM = 6371.0088
# Douglas-Peucker tolerance: a vertex closer than this to the simplified outline is dropped. At the map's
# largest zoom (MAX_ZOOM_KM_PER_PIXEL, unsigned_peace.charts.island_map) a pixel spans about 40 m, so 15 m
# moves no coastline by as much as half a pixel; it is also about the rounding of the coordinates (4
# decimals: 8 m east-west, 11 m north-south here).
SIMPLIFY_TOLERANCE_KM = 0.02
# GMT's shorelines end where they cross a bin's edge or the region's: pieces whose ends lie closer than
# this (degrees) are the same point.
JOIN_TOLERANCE = 1e-6

# GSHHG's polygons carry no names. A polygon takes the name of the first box below that holds the mean of
# its vertices; the boxes are drawn loosely round each island (or group) and were checked against the map
# and against each island's surveyed area (tests/test_coastlines.py). The Habomai box starts east of
# Cape Nosappu, so that Kaigara (3.7 km off the cape) is Habomai and the islets by the cape are Hokkaido.
LAND_BOXES = [
    ("habomai", 145.83, 146.45, 43.30, 43.70),
    ("shikotan", 146.50, 147.10, 43.60, 43.95),
    ("kunashir", 145.40, 146.70, 43.65, 44.60),
    ("iturup", 146.80, 149.00, 44.30, 45.65),
    ("urup", 149.20, 150.70, 45.40, 46.30),
    ("hokkaido", 139.00, 145.90, 41.00, 45.60),
]
OTHER_LAND = "other"
FIELDS = ["polygon_id", "land", "point", "lon", "lat", "source_id"]


@dataclass(frozen=True)
class LandPolygon:
    """One land polygon's outline (closed ring) and the name of the land it belongs to."""

    polygon_id: int
    land: str
    lon: tuple[float, ...]
    lat: tuple[float, ...]

    @property
    def area_km2(self) -> float:
        return ring_area_km2(list(zip(self.lon, self.lat)))


def land_name(ring: Ring) -> str:
    mean_lon = sum(lon for lon, _ in ring) / len(ring)
    mean_lat = sum(lat for _, lat in ring) / len(ring)
    for name, lon_min, lon_max, lat_min, lat_max in LAND_BOXES:
        if lon_min <= mean_lon <= lon_max and lat_min <= mean_lat <= lat_max:
            return name
    return OTHER_LAND


def read_gmt_dump(text: str) -> list[Ring]:
    """The pieces of a `gmt coast -M -W` dump: one list of lon/lat points per `>` segment, empty ones dropped."""
    pieces: list[Ring] = []
    current: Ring | None = None
    for line in text.splitlines():
        if line.startswith(">"):
            current = []
            pieces.append(current)
        elif line.strip() and current is not None:
            lon, lat = (float(value) for value in line.split()[:2])
            current.append((lon, lat))
    return [piece for piece in pieces if len(piece) >= 2]


def _same(a: Point, b: Point) -> bool:
    return abs(a[0] - b[0]) <= JOIN_TOLERANCE and abs(a[1] - b[1]) <= JOIN_TOLERANCE


def join_pieces(pieces: list[Ring], region: dict = REGION) -> list[Ring]:
    """Closed outlines from GMT's pieces.

    GMT cuts each shoreline where it crosses the edge of one of its bins; the pieces keep their direction,
    so a piece continues the one that ends where it starts. A chain that ends on the region's edge (land
    the region cuts, here Hokkaido) is closed along that edge, round whichever corners enclose less area:
    the land, not the sea around it.
    """
    open_pieces = [list(piece) for piece in pieces if not _same(piece[0], piece[-1])]
    rings = [list(piece) for piece in pieces if _same(piece[0], piece[-1])]
    while open_pieces:
        chain = open_pieces.pop(0)
        while not _same(chain[0], chain[-1]):
            following = next((piece for piece in open_pieces if _same(piece[0], chain[-1])), None)
            preceding = next((piece for piece in open_pieces if _same(piece[-1], chain[0])), None)
            if following is not None:
                open_pieces.remove(following)
                chain.extend(following[1:])
            elif preceding is not None:
                open_pieces.remove(preceding)
                chain[:1] = preceding
            else:
                chain = close_along_edge(chain, region)
        chain[-1] = chain[0]
        rings.append(chain)
    return rings


def _edge_position(point: Point, region: dict) -> float:
    """Where a point on the region's edge lies, counted anticlockwise round the edge from its south-west corner."""
    lon, lat = point
    width = region["lon_max"] - region["lon_min"]
    height = region["lat_max"] - region["lat_min"]
    distances = {"south": abs(lat - region["lat_min"]), "east": abs(lon - region["lon_max"]),
                 "north": abs(lat - region["lat_max"]), "west": abs(lon - region["lon_min"])}
    edge = min(distances, key=distances.get)
    if edge == "south":
        return lon - region["lon_min"]
    if edge == "east":
        return width + lat - region["lat_min"]
    if edge == "north":
        return width + height + region["lon_max"] - lon
    return 2 * width + height + region["lat_max"] - lat


def close_along_edge(chain: Ring, region: dict = REGION) -> Ring:
    """`chain` closed from its end back to its start along the region's edge, the smaller way round."""
    corners = [(region["lon_min"], region["lat_min"]), (region["lon_max"], region["lat_min"]),
               (region["lon_max"], region["lat_max"]), (region["lon_min"], region["lat_max"])]
    perimeter = 2 * ((region["lon_max"] - region["lon_min"]) + (region["lat_max"] - region["lat_min"]))
    end, start = _edge_position(chain[-1], region), _edge_position(chain[0], region)

    def walk(anticlockwise: bool) -> Ring:
        span = (start - end) % perimeter if anticlockwise else (end - start) % perimeter
        passed = []
        for corner in corners:
            along = (_edge_position(corner, region) - end) % perimeter if anticlockwise \
                else (end - _edge_position(corner, region)) % perimeter
            if 0 < along < span:
                passed.append((along, corner))
        return [*chain, *(corner for _, corner in sorted(passed)), chain[0]]

    return min((walk(True), walk(False)), key=ring_area_km2)


def _local_km(point: Point, origin: Point) -> tuple[float, float]:
    """A point in km east and north of `origin` (equirectangular: exact enough over a few km)."""
    scale = math.pi / 180 * EARTH_RADIUS_KM
    return ((point[0] - origin[0]) * scale * math.cos(math.radians(origin[1])), (point[1] - origin[1]) * scale)


def _distance_to_segment_km(point: Point, a: Point, b: Point) -> float:
    px, py = _local_km(point, a)
    bx, by = _local_km(b, a)
    length2 = bx * bx + by * by
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, (px * bx + py * by) / length2))
    return math.hypot(px - t * bx, py - t * by)


def simplify(ring: Ring, tolerance_km: float = SIMPLIFY_TOLERANCE_KM) -> Ring:
    """Douglas-Peucker on a closed ring: no dropped vertex lies farther than `tolerance_km` from the result.

    The ring is split at its first vertex and the vertex farthest from it, so that the two halves are
    simplified as open lines and the outline stays closed with at least four points (a triangle).
    """
    if len(ring) <= 4:
        return list(ring)
    body = ring[:-1]
    far = max(range(len(body)), key=lambda i: math.hypot(*_local_km(body[i], body[0])))
    halves = (body[:far + 1], [*body[far:], body[0]])
    kept = _douglas_peucker(halves[0], tolerance_km)[:-1] + _douglas_peucker(halves[1], tolerance_km)
    if len(kept) < 4:  # a sliver: keep the vertex farthest from its two ends to keep an area
        third = max(range(1, far), key=lambda i: _distance_to_segment_km(body[i], body[0], body[far]), default=None)
        kept = [body[0], body[third], body[far], body[0]] if third else kept
    return kept


def _douglas_peucker(line: Ring, tolerance_km: float) -> Ring:
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        distances = [(_distance_to_segment_km(line[i], line[first], line[last]), i) for i in range(first + 1, last)]
        farthest, index = max(distances)
        if farthest > tolerance_km:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(line, keep) if kept]


def extract_region(dump: str, region: dict = REGION, tolerance_km: float = SIMPLIFY_TOLERANCE_KM) -> list[dict]:
    """Rows for coastline_points.csv from a `gmt coast -M -W` dump of `region`.

    Each outline closed, simplified and rounded; an outline that rounding leaves with fewer than four
    points (a closed triangle at least) is a rock no map could show, and is dropped.
    """
    rings = []
    for ring in join_pieces(read_gmt_dump(dump), region):
        rounded = [(round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS))
                   for lon, lat in simplify(ring, tolerance_km)]
        rounded = [point for i, point in enumerate(rounded) if i == 0 or point != rounded[i - 1]]
        if len(rounded) >= 4 and len(set(rounded)) >= 3:
            rings.append(rounded)
    rings.sort(key=lambda ring: (-len(ring), ring[0]))
    rows = []
    for polygon_id, ring in enumerate(rings, start=1):
        land = land_name(ring)
        for point, (lon, lat) in enumerate(ring):
            rows.append({"polygon_id": polygon_id, "land": land, "point": point, "lon": lon, "lat": lat,
                         "source_id": SOURCE_ID})
    return rows


def write_rows(rows: list[dict], path: Path) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def land_polygons(points: pd.DataFrame) -> list[LandPolygon]:
    """The polygons of a coastline_points table, in polygon_id order."""
    shapes = []
    for polygon_id, rows in points.sort_values(["polygon_id", "point"]).groupby("polygon_id", sort=True):
        shapes.append(LandPolygon(
            polygon_id=int(polygon_id), land=str(rows["land"].iloc[0]),
            lon=tuple(float(v) for v in rows["lon"]), lat=tuple(float(v) for v in rows["lat"]),
        ))
    return shapes


def ring_area_km2(ring: Ring) -> float:
    """Area of a lon/lat ring on a sphere of the Earth's mean radius, by the equal-area shoelace.

    In Lambert's cylindrical equal-area projection (x = longitude in radians, y = sin latitude) areas
    are exact multiples of the sphere's, so the planar shoelace there gives the spherical area.
    """
    total = 0.0
    for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:] + ring[:1]):
        x1, x2 = math.radians(lon1), math.radians(lon2)
        y1, y2 = math.sin(math.radians(lat1)), math.sin(math.radians(lat2))
        total += x1 * y2 - x2 * y1
    return abs(total) / 2 * EARTH_RADIUS_KM**2


def closest_distance_km(first: list[LandPolygon], second: list[LandPolygon]) -> float:
    """Shortest great-circle distance between any vertex of `first` and any vertex of `second`.

    Measured vertex to vertex on generalised outlines, so a little longer than the true gap, and
    blind to islets the outlines leave out.
    """
    import numpy as np

    def radians(shapes: list[LandPolygon]) -> tuple[np.ndarray, np.ndarray]:
        return (np.radians([lon for shape in shapes for lon in shape.lon]),
                np.radians([lat for shape in shapes for lat in shape.lat]))

    (lon_a, lat_a), (lon_b, lat_b) = radians(first), radians(second)
    # The haversine of every pair, in blocks of rows: a few million pairs at a time, not all at once.
    nearest = np.inf
    for start in range(0, len(lon_a), PAIR_BLOCK):
        lon1, lat1 = lon_a[start:start + PAIR_BLOCK, None], lat_a[start:start + PAIR_BLOCK, None]
        h = np.sin((lat_b - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat_b) * np.sin((lon_b - lon1) / 2) ** 2
        nearest = min(nearest, float(h.min()))
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(nearest))


PAIR_BLOCK = 256


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance between two lon/lat points, in km."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unsigned_peace.coastlines",
                                     description="Join, simplify and name the shorelines of a gmt coast dump.")
    parser.add_argument("dump", type=Path, help="the output of gmt coast -Df -M -W for the region")
    parser.add_argument("output", type=Path, help="where to write coastline_points.csv")
    arguments = parser.parse_args(argv)
    rows = extract_region(arguments.dump.read_text(encoding="utf-8"))
    write_rows(rows, arguments.output)
    shapes = {row["polygon_id"]: row["land"] for row in rows}
    print(f"wrote {len(rows)} points in {len(shapes)} polygons to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
