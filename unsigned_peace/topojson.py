"""Decode a TopoJSON topology into plain lon/lat polygons, with no dependency beyond the standard library.

Only what the book needs: quantized or unquantized arcs, and Polygon / MultiPolygon geometries
(https://github.com/topojson/topojson-specification). Rings come out closed (first point = last point).
"""

from __future__ import annotations

Point = tuple[float, float]
Ring = list[Point]


def decode_arcs(topology: dict) -> list[Ring]:
    """Every arc of the topology as absolute lon/lat points (delta-decoded and de-quantized)."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in topology["arcs"]]
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def ring_from_arcs(arc_indexes: list[int], arcs: list[Ring]) -> Ring:
    """Join arcs into one ring; a negative index ~i means arc i walked backwards."""
    ring: Ring = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point: keep it once.
        ring.extend(arc if not ring else arc[1:])
    return ring


def polygons(topology: dict, object_name: str) -> list[list[Ring]]:
    """The polygons of one named object, each a list of rings: the exterior first, then any holes."""
    arcs = decode_arcs(topology)
    found: list[list[Ring]] = []
    for geometry in _geometries(topology["objects"][object_name]):
        if geometry["type"] == "Polygon":
            found.append([ring_from_arcs(ring, arcs) for ring in geometry["arcs"]])
        elif geometry["type"] == "MultiPolygon":
            found.extend([ring_from_arcs(ring, arcs) for ring in polygon] for polygon in geometry["arcs"])
    return found


def _geometries(geometry: dict) -> list[dict]:
    if geometry["type"] == "GeometryCollection":
        return [part for child in geometry["geometries"] for part in _geometries(child)]
    return [geometry]
