"""Any damage to the descriptor is reported, never a traceback: hypothesis replaces or deletes one
value anywhere in `datapackage.json` (a name, a type, a key, a list, a whole resource) with a value of
any JSON kind, and the check must end in problems that are each one printable line, or pass."""

import json
import shutil

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unsigned_peace.validation import find_problems

DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                           | st.text(max_size=8) | st.sampled_from(["sources", "source_id", "events", "date", "list"]),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                       max_size=3), max_leaves=6)


def places(value, path=()):
    """Every place in the JSON tree: the path to it."""
    yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in children:
        yield from places(child, (*path, key))


ALL_PLACES = [path for path in places(DESCRIPTOR) if path]


def damaged(data) -> dict:
    descriptor = json.loads(json.dumps(DESCRIPTOR))
    *parents, last = data.draw(st.sampled_from(ALL_PLACES))
    holder = descriptor
    for key in parents:
        holder = holder[key]
    if data.draw(st.booleans()):
        holder[last] = data.draw(JSON_VALUES)
    elif isinstance(holder, dict):
        del holder[last]
    else:
        holder.pop(last)
    return descriptor


@pytest.fixture(scope="module")
def folder(tmp_path_factory, small_data):
    """The book's data, its coastline cut to an outline per land (`with_small_coastline` in conftest.py)."""
    folder = tmp_path_factory.mktemp("package") / "data"
    shutil.copytree(small_data, folder)
    return folder


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_descriptor_is_reported_never_a_traceback(folder, data):
    (folder / "datapackage.json").write_text(json.dumps(damaged(data)), encoding="utf-8")
    for problem in find_problems(folder):
        assert "\n" not in str(problem) and str(problem).isprintable(), str(problem)
