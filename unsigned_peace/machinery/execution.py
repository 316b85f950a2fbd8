"""Execute the book's notebooks before Sphinx reads them: in parallel, and again whenever their inputs change.

Jupyter Book's cache keys a notebook on its code alone, so editing a CSV would serve stale outputs.
Here each notebook also gets a fingerprint of what it reads, worked out from its code:
- the tables it names in `load_data(...)` (every table when a call names none), and the data
  package's descriptor;
- the modules of the book's package it imports, followed through their own imports (a module no
  notebook imports changes no fingerprint).
When a fingerprint changes, that notebook's cache entry is dropped. Notebooks without a valid entry
are then executed across all cores with jupyter-cache's parallel executor, and myst-nb picks up their
outputs from the cache.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import logging
import multiprocessing
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor

FINGERPRINTS = "unsigned-peace-inputs.json"
PACKAGE_NAME = "unsigned_peace"
PACKAGE_FOLDER = Path(__file__).resolve().parent.parent
LOADER = "load_data"


class UnreadableNotebook(Exception):
    """A notebook whose code cannot be read for what it loads."""


def code_trees(notebook: nbformat.NotebookNode) -> list[ast.Module]:
    trees = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        try:
            trees.append(ast.parse(cell.source))
        except SyntaxError as error:
            raise UnreadableNotebook(f"code cell {index + 1} is not plain Python ({error.msg})") from None
    return trees


def tables_named(notebook: nbformat.NotebookNode) -> set[str] | None:
    """The tables a notebook's `load_data(...)` calls name; None (every table) when a call names none,
    or names one other than by a string written out."""
    named: set[str] = set()
    for tree in code_trees(notebook):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _called_name(node.func) == LOADER):
                continue
            if not node.args:
                return None
            for argument in node.args:
                if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                    return None
                named.add(argument.value)
    return named


def tables_read(notebook: nbformat.NotebookNode, resources: set[str]) -> set[str]:
    """The tables of `resources` a notebook reads: those it names, or all of them."""
    named = tables_named(notebook)
    return set(resources) if named is None else named & resources


def modules_imported(notebook: nbformat.NotebookNode) -> set[Path]:
    """The files of the book's package that the notebook's code imports, directly or through them."""
    pending = [module for tree in code_trees(notebook) for module in _imports(tree)]
    found: set[Path] = set()
    while pending:
        for path in _module_files(pending.pop()):
            if path not in found:
                found.add(path)
                pending.extend(_file_imports(path, path.stat().st_mtime_ns))
    return found


@functools.lru_cache(maxsize=256)
def _file_imports(path: Path, modified: int) -> tuple[str, ...]:
    # Parsed once per build for all the notebooks that import the module (keyed on its modification time).
    return tuple(_imports(_tree(path, modified)))


@functools.lru_cache(maxsize=256)
def _tree(path: Path, modified: int) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def notebooks_digest(notebooks: list[Path]) -> str:
    """A digest of the notebooks' files: their named tables are checked again when one changes."""
    digest = hashlib.sha256()
    for path in notebooks:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(notebook_path: Path, data_dir: Path) -> str:
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: data_dir / r["path"] for r in descriptor["resources"]}
    notebook = nbformat.read(notebook_path, as_version=4)
    try:
        tables, modules = tables_read(notebook, set(paths)), modules_imported(notebook)
    except UnreadableNotebook:
        # Code this module cannot read (IPython magics, say) may read anything.
        tables, modules = set(paths), set(PACKAGE_FOLDER.rglob("*.py"))
    inputs = [data_dir / "datapackage.json"]
    inputs += [paths[name] for name in sorted(tables)]
    inputs += sorted(modules)
    digest = hashlib.sha256()
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _called_name(function: ast.expr) -> str | None:
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return None


def _imports(tree: ast.Module) -> list[str]:
    """Dotted names of the package's modules an AST imports when it runs, functions included.

    Imports under `if TYPE_CHECKING:` do not run; but a name imported from a package that only names
    it there (the lazy names of `unsigned_peace/__init__.py`) comes from the module given there.
    """
    names = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            for alias in node.names:
                names.append(f"{node.module}.{alias.name}")
                names += _lazy_home(node.module, alias.name)
    return [name for name in names if name == PACKAGE_NAME or name.startswith(PACKAGE_NAME + ".")]


def _runtime_nodes(tree: ast.AST):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _lazy_home(package: str, name: str) -> list[str]:
    """Where a package's `if TYPE_CHECKING:` imports say `name` comes from, if the package is ours."""
    files = _module_files(package)
    init = files[-1] if files and files[-1].name == "__init__.py" else None
    if init is None or len(files) != package.count(".") + 1:
        return []
    homes = []
    for node in ast.walk(_tree(init, init.stat().st_mtime_ns)):
        if isinstance(node, ast.ImportFrom) and node.module and any(a.name == name for a in node.names):
            homes.append(node.module)
    return homes


def _module_files(dotted: str) -> list[Path]:
    """The files importing `dotted` runs: each package's __init__ on the way, then the module itself."""
    parts = dotted.split(".")[1:]
    files = [PACKAGE_FOLDER / "__init__.py"]
    folder = PACKAGE_FOLDER
    for index, part in enumerate(parts):
        folder = folder / part
        if (folder / "__init__.py").is_file():
            files.append(folder / "__init__.py")
        elif index == len(parts) - 1 and folder.with_suffix(".py").is_file():
            files.append(folder.with_suffix(".py"))
        else:
            break  # a name imported from a module (a function, a class), not a module of its own
    return files


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
        # The executor turns on multiprocessing's own log ("process shutting down" at the build's end).
        multiprocessing.get_logger().setLevel(logging.WARNING)
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
