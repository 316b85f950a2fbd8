"""Random damage to a real table never gets past the loader changed, and never ends in a traceback.

Hypothesis mutates claims.csv (characters, quotes, delimiters, line breaks, encodings, cells emptied
or duplicated, lines repeated) inside a small data package (sources and claims, with their schemas
from the book's descriptor). Either the package is valid and the loader gives exactly the cells a
CSV reader reads, or it raises DataValidationError whose every problem names claims.csv and a line.
"""

import csv
import io
import json
import shutil

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unsigned_peace import DataValidationError, load_data

TABLE = "claims"
KEPT = ("sources", TABLE)
CHARACTERS = ['"', ",", "\n", "\r", " ", "\t", ";", "é", "\x00", "“", "'", "\\"]


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    folder = tmp_path_factory.mktemp("package")
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in KEPT]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for name in KEPT:
        shutil.copy(DATA / f"{name}.csv", folder / f"{name}.csv")
    return folder, (DATA / f"{TABLE}.csv").read_bytes(), descriptor


def mutate(original: bytes, data) -> bytes:
    text = original.decode("utf-8")
    kind = data.draw(st.sampled_from(["insert", "delete", "empty", "duplicate-cell", "duplicate-line", "encode"]))
    if kind in ("insert", "delete"):
        start = text.index("\n") + 1  # leave the header alone: its problems are checked elsewhere
        at = data.draw(st.integers(start, len(text) - 1))
        if kind == "insert":
            return (text[:at] + data.draw(st.sampled_from(CHARACTERS)) + text[at:]).encode("utf-8")
        return (text[:at] + text[at + 1:]).encode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    line = data.draw(st.integers(1, len(rows) - 1))
    if kind == "empty":
        rows[line][data.draw(st.integers(0, len(rows[line]) - 1))] = ""
    elif kind == "duplicate-cell":
        column = data.draw(st.integers(0, len(rows[line]) - 1))
        rows[line].insert(column, rows[line][column])
    elif kind == "duplicate-line":
        rows.insert(line, list(rows[line]))
    else:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        lines = out.getvalue().split("\n")
        encoding = data.draw(st.sampled_from(["latin-1", "utf-16", "cp1252"]))
        encoded = [part.encode("utf-8") for part in lines]
        encoded[line] = lines[line].encode(encoding, errors="replace")
        return b"\n".join(encoded)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def as_read(cell: str, spec: dict):
    """What the loader must hold for a cell a CSV reader reads as `cell`."""
    if spec.get("type") == "list":
        return cell.split(spec.get("delimiter", ",")) if cell else []
    return cell


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damage_is_either_read_exactly_or_reported_by_file_and_line(package, data):
    folder, original, descriptor = package
    damaged = mutate(original, data)
    (folder / f"{TABLE}.csv").write_bytes(damaged)
    try:
        loaded = load_data(*KEPT, folder=folder).tables[TABLE]
    except DataValidationError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file.endswith(f"{TABLE}.csv") and problem.line is not None, str(problem)
        return
    fields = next(r for r in descriptor["resources"] if r["name"] == TABLE)["schema"]["fields"]
    read = list(csv.DictReader(io.StringIO(damaged.decode("utf-8"))))
    assert len(loaded) == len(read)
    for index, row in enumerate(read):
        for spec in fields:
            assert loaded.iloc[index][spec["name"]] == as_read(row[spec["name"]], spec), (index, spec["name"])
