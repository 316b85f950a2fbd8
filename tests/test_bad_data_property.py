"""Random damage to any table never gets past the loader changed, and never ends in a traceback.

Hypothesis picks one of the book's tables and damages it: characters inserted or deleted (quotes,
delimiters, line breaks, control characters, Unicode digits and separators), a cell of a typed
column (number, integer, date, id) replaced by a value drawn to look like one, cells emptied or
duplicated, lines repeated, a line in another encoding. The package it is checked in holds that
table and the tables it refers to, with the book's descriptor for them. Either the package is valid
and the loader gives exactly the values a CSV reader reads (typed as their schema says), or loading
raises DataValidationError whose every problem is one printable line naming one of its CSV files.
"""

import csv
import io
import json
import math
import re
import shutil
from datetime import date

import pandas as pd
import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unsigned_peace import DataValidationError, language, load_data

DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}
# Characters a careless edit or a copy from elsewhere brings in: CSV syntax, line breaks, controls,
# digits and separators of other scripts, spaces that are not spaces.
CHARACTERS = ['"', ",", "\n", "\r", " ", "\t", ";", "é", "\x00", "\x1b", "“", "'", "\\", "-", ".", "e", "+",
              "６", "٣", "१", "٫", "\u00a0", "\u2009", "\u2028", "\u202e", "\ufeff", "０", "_"]
LOOKS_LIKE_A_VALUE = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates().map(date.isoformat),
    st.text(alphabet=st.sampled_from([*"0123456789-.:eT", *CHARACTERS]), max_size=12),
    st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
)


def referenced(name: str) -> set[str]:
    """The resource and every resource it refers to, directly or not."""
    found, pending = set(), [name]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.add(current)
        schema = RESOURCES[current]["schema"]
        pending += [key["reference"].get("resource") or current for key in schema.get("foreignKeys", [])]
        pending += [f["itemReference"]["resource"] for f in schema["fields"] if "itemReference" in f]
        # A translation table is checked against the table it translates (and a position's, against the
        # English renderings of positions).
        # The codebooks' translations refer to the descriptor alone: their package holds the sources, which
        # any package of the book's needs (its source rules name them). The descriptor's own words name
        # every table and field: their package holds every table.
        translates = RESOURCES[current].get("translates", {})
        if translates.get("descriptor"):
            pending += [other for other, spec in RESOURCES.items() if "translates" not in spec]
        target = "sources" if translates.get("codebooks") else translates.get("resource")
        pending += [target, *(["position_translations"] if target == "positions" else [])] if target else []
    return found


@pytest.fixture(scope="module")
def packages(tmp_path_factory, small_data):
    """A folder for each table: its package (the table and what it refers to) and the table's bytes (the
    coastline's cut to an outline per land, `with_small_coastline` in conftest.py).

    Such a part of the book's package is no book: its editions are drafts while it is checked. A published
    edition needs the translations of every table, codebook and word of the descriptor, which only the whole
    package holds; the translations a part holds are checked all the same (a key that names no row, an
    English that changed)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(language, "PUBLISHED_EDITIONS", ())
    made = {}
    for name in RESOURCES:
        folder = tmp_path_factory.mktemp(name)
        kept = referenced(name)
        descriptor = {**DESCRIPTOR, "resources": [r for r in DESCRIPTOR["resources"] if r["name"] in kept]}
        rules = descriptor["sourceRules"]
        descriptor["sourceRules"] = {**rules, "independentSource": {
            table: columns for table, columns in rules["independentSource"].items() if table in kept}}
        (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        for table in kept:
            (folder / RESOURCES[table]["path"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(small_data / RESOURCES[table]["path"], folder / RESOURCES[table]["path"])
        made[name] = folder
    yield made
    patch.undo()


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def written(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def mutate(original: bytes, fields: list[dict], data) -> bytes:
    text = original.decode("utf-8")
    kind = data.draw(st.sampled_from(["insert", "delete", "value", "value", "empty", "duplicate-cell",
                                      "duplicate-line", "encode"]))
    if kind in ("insert", "delete"):
        start = text.index("\n") + 1  # leave the header alone: its problems are checked elsewhere
        at = data.draw(st.integers(start, len(text) - 1))
        if kind == "insert":
            return (text[:at] + data.draw(st.sampled_from(CHARACTERS)) + text[at:]).encode("utf-8")
        return (text[:at] + text[at + 1:]).encode("utf-8")
    rows = rows_of(text)
    line = data.draw(st.integers(1, len(rows) - 1))
    if kind == "value":
        typed = [i for i, f in enumerate(fields) if f.get("type") != "string" or "pattern" in f.get("constraints", {})]
        column = data.draw(st.sampled_from(typed or list(range(len(fields)))))
        rows[line][column] = data.draw(LOOKS_LIKE_A_VALUE)
    elif kind == "empty":
        rows[line][data.draw(st.integers(0, len(rows[line]) - 1))] = ""
    elif kind == "duplicate-cell":
        column = data.draw(st.integers(0, len(rows[line]) - 1))
        rows[line].insert(column, rows[line][column])
    elif kind == "duplicate-line":
        rows.insert(line, list(rows[line]))
    else:
        lines = written(rows).decode("utf-8").split("\n")
        encoding = data.draw(st.sampled_from(["latin-1", "utf-16", "cp1252"]))
        encoded = [part.encode("utf-8") for part in lines]
        encoded[line] = lines[line].encode(encoding, errors="replace")
        return b"\n".join(encoded)
    return written(rows)


def as_read(cell: str, spec: dict):
    """What the loader must hold for a cell a CSV reader reads as `cell`."""
    kind = spec.get("type", "string")
    if kind == "list":
        return cell.split(spec.get("delimiter", ",")) if cell else []
    if kind == "string":
        return cell
    if cell == "":
        return None
    if kind == "integer":
        assert re.fullmatch(r"-?[0-9]+", cell), cell
        return int(cell)
    if kind == "number":
        assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?", cell) and math.isfinite(float(cell)), cell
        return float(cell)
    if kind == "date":
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cell), cell
        return pd.Timestamp(date.fromisoformat(cell))
    if kind == "boolean":
        return cell in spec.get("trueValues", ["true", "True", "TRUE", "1"])
    raise AssertionError(f"a field type the test does not know: {kind}")


def held(value):
    return None if value is pd.NA or value is pd.NaT else value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damage_is_either_read_exactly_or_reported_by_file_and_line(packages, small_data, data):
    table = data.draw(st.sampled_from(sorted(RESOURCES)))
    folder = packages[table]
    path = folder / RESOURCES[table]["path"]
    fields = RESOURCES[table]["schema"]["fields"]
    damaged = mutate((small_data / RESOURCES[table]["path"]).read_bytes(), fields, data)
    path.write_bytes(damaged)
    try:
        loaded = load_data(table, folder=folder).tables[table]
    except DataValidationError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file.endswith(".csv"), str(problem)
            assert str(problem).isprintable(), str(problem)
        return
    finally:
        shutil.copy(small_data / RESOURCES[table]["path"], path)
    read = list(csv.DictReader(io.StringIO(damaged.decode("utf-8"))))
    assert len(loaded) == len(read)
    for index, row in enumerate(read):
        for spec in fields:
            assert held(loaded.iloc[index][spec["name"]]) == as_read(row[spec["name"]], spec), (index, spec["name"])
