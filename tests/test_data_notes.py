"""Notes in the data that point to a source or an event by id point to one that exists."""

import csv
import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
# A parenthesis holding nothing but an id: lowercase words and numbers joined by at least two hyphens.
ID_IN_PARENTHESES = re.compile(r"\(([a-z0-9]+(?:-[a-z0-9]+){2,})\)")
PROSE_FIELDS = {"note", "date_note", "reason", "summary"}


def ids_of(name: str, column: str) -> set[str]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle)}


def test_every_id_a_note_cites_exists():
    known = ids_of("sources", "source_id") | ids_of("events", "event_id")
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    dangling = []
    for resource in descriptor["resources"]:
        with (DATA / resource["path"]).open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for column in PROSE_FIELDS & set(row):
                    dangling += [(resource["path"], number, cited)
                                 for cited in ID_IN_PARENTHESES.findall(row[column] or "") if cited not in known]
    assert dangling == []
