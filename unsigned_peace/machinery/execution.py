"""Execute the book's notebooks before Sphinx reads them: in parallel, and again whenever their data changes.

Jupyter Book's cache keys a notebook on its code alone, so editing a CSV would serve stale outputs.
Here each notebook also gets a fingerprint of what it reads (the CSV files its code names, the data
package descriptor, and the book's own package); when a fingerprint changes, that notebook's cache
entry is dropped. Notebooks without a valid entry are then executed across all cores with
jupyter-cache's parallel executor, and myst-nb picks up their outputs from the cache.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor

FINGERPRINTS = "unsigned-peace-inputs.json"
PACKAGE = Path(__file__).parent.parent
TABLE_USE = re.compile(r"""\bdata\.(?!tables\b)(\w+)|tables\[["'](\w+)["']\]""")
ALWAYS_READ = ("sources",)


def tables_read(notebook: nbformat.NotebookNode, resources: set[str]) -> set[str]:
    """The data tables a notebook's code names; all of them when it names none (it may read them indirectly)."""
    named = set()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for match in TABLE_USE.finditer(cell.source):
                named.add(match.group(1) or match.group(2))
    named &= resources
    return (named | set(ALWAYS_READ)) & resources if named else set(resources)


def fingerprint(notebook_path: Path, data_dir: Path) -> str:
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: data_dir / r["path"] for r in descriptor["resources"]}
    notebook = nbformat.read(notebook_path, as_version=4)
    inputs = [data_dir / "datapackage.json"]
    inputs += [paths[name] for name in sorted(tables_read(notebook, set(paths)))]
    inputs += sorted(PACKAGE.rglob("*.py"))
    digest = hashlib.sha256()
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def prepare(notebooks: list[Path], data_dir: Path, cache_path: Path, timeout: int) -> tuple[list[str], list[str]]:
    """Drop stale cache entries and execute what is missing; returns the notebooks run and those that failed."""
    cache = get_cache(str(cache_path))
    fingerprint_file = Path(cache_path) / FINGERPRINTS
    previous = json.loads(fingerprint_file.read_text()) if fingerprint_file.exists() else {}
    current = {}
    known = {record.uri for record in cache.list_project_records()}
    for path in notebooks:
        # Keyed by folder and name, not absolute path: a copy of the book can reuse this cache.
        key = f"{path.parent.name}/{path.name}"
        current[key] = fingerprint(path, data_dir)
        if previous.get(key) != current[key]:
            _forget(cache, path)
        if str(path) not in known:
            cache.add_nb_to_project(str(path))

    stale = [record.uri for record in cache.list_unexecuted(filter_uris=[str(p) for p in notebooks])]
    failed: list[str] = []
    if stale:
        executor = load_executor("local-parallel", cache=cache)
        result = executor.run_and_cache(filter_uris=stale, timeout=timeout, allow_errors=False)
        failed = list(result.excepted) + list(result.errored)
    for uri in failed:
        current.pop(f"{Path(uri).parent.name}/{Path(uri).name}", None)
    fingerprint_file.write_text(json.dumps(current, indent=1, sort_keys=True))
    return stale, failed


def _forget(cache, path: Path) -> None:
    try:
        record = cache.match_cache_file(str(path))
    except KeyError:
        return
    cache.remove_cache(record.pk)
