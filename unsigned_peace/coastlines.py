"""Coastlines for the book's maps: cut once from Natural Earth, then read from data/coastline_points.csv.

The book never fetches map data at run time. `scripts/extract_coastlines.sh` installs the pinned npm
package `world-atlas` (Natural Earth 1:10m land, public domain, as TopoJSON) in a temporary folder and
runs `python -m unsigned_peace.coastlines LAND_TOPOJSON OUTPUT_CSV`, which keeps only the land
polygons of the map's region and names each after the island it outlines.

Command line: `python -m unsigned_peace.coastlines land-10m.json data/coastline_points.csv`
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from unsigned_peace.topojson import Ring, polygons

SOURCE_ID = "natural-earth-10m-land"
# The region cut from the world: the four islands, Urup and the east of Hokkaido.
REGION = {"lon_min": 143.9, "lon_max": 151.0, "lat_min": 42.5, "lat_max": 46.6}
COORDINATE_DECIMALS = 4
EARTH_RADIUS_KM = 6371.0088

# Natural Earth's land polygons carry no names. A polygon takes the name of the first box below that
# holds the mean of its vertices; the boxes are drawn loosely round each island (or group) and were
# checked against the map and against each island's surveyed area (tests/test_coastlines.py).
LAND_BOXES = [
    ("habomai", 145.84, 146.45, 43.30, 43.70),
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


def in_region(ring: Ring, region: dict = REGION) -> bool:
    return any(region["lon_min"] <= lon <= region["lon_max"] and region["lat_min"] <= lat <= region["lat_max"]
               for lon, lat in ring)


def extract_region(topology: dict, object_name: str = "land", region: dict = REGION) -> list[dict]:
    """Rows for coastline_points.csv: the exterior ring of every polygon with a vertex in `region`.

    Polygons are kept whole (not clipped), so each outline is complete; rings of fewer than four
    points (a closed triangle at least) are dropped, and so are holes, which Natural Earth's land
    layer does not have in this region.
    """
    rows = []
    kept = [polygon[0] for polygon in polygons(topology, object_name)
            if len(polygon[0]) >= 4 and in_region(polygon[0], region)]
    kept.sort(key=lambda ring: (-len(ring), ring[0]))
    for polygon_id, ring in enumerate(kept, start=1):
        land = land_name(ring)
        for point, (lon, lat) in enumerate(ring):
            rows.append({"polygon_id": polygon_id, "land": land, "point": point,
                         "lon": round(lon, COORDINATE_DECIMALS), "lat": round(lat, COORDINATE_DECIMALS),
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
    points_a = [(lon, lat) for shape in first for lon, lat in zip(shape.lon, shape.lat)]
    points_b = [(lon, lat) for shape in second for lon, lat in zip(shape.lon, shape.lat)]
    return min(great_circle_km(a, b) for a in points_a for b in points_b)


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance between two lon/lat points, in km."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unsigned_peace.coastlines",
                                     description="Cut the map's region from a Natural Earth land TopoJSON.")
    parser.add_argument("topojson", type=Path, help="land-10m.json from the npm package world-atlas")
    parser.add_argument("output", type=Path, help="where to write coastline_points.csv")
    arguments = parser.parse_args(argv)
    rows = extract_region(json.loads(arguments.topojson.read_text(encoding="utf-8")))
    write_rows(rows, arguments.output)
    shapes = {row["polygon_id"]: row["land"] for row in rows}
    print(f"wrote {len(rows)} points in {len(shapes)} polygons to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
