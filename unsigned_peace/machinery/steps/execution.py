"""Execute the book's notebooks before Sphinx reads them: in parallel, and again whenever their inputs change.

Jupyter Book's cache keys a notebook on its code alone, so editing a CSV would serve stale outputs.
Here each notebook also gets a fingerprint of what it reads, worked out from its code:
- the tables it names in `load_data(...)` (every table when a call names none), and the data
  package's descriptor;
- the modules of the book's package it imports, followed through their own imports (a module no
  notebook imports changes no fingerprint);
- in a translated edition, its language and the translations the domain reads for it (the data's, in
  `data/translations/<language>/`, and the domain's catalog, `unsigned_peace/locale/<language>/`): each
  edition is executed with `UNSIGNED_PEACE_LANGUAGE` set, into a cache of its own (steps/editions.py).
When a fingerprint changes, that notebook's cache entry is dropped. Notebooks without a valid entry
are then executed across all cores, by worker processes running jupyter-cache's worker on one notebook
after another (which Ctrl-C can stop: see run_in_parallel), and myst-nb picks up their outputs from the
cache.
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import functools
import json
import logging
import multiprocessing
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from unsigned_peace.cache_keys import inputs_digest
from unsigned_peace.escape import clipped, for_terminal
from unsigned_peace.language import LANGUAGE_ENV, SOURCE_LANGUAGE
from unsigned_peace.paths import DESCRIPTOR_NAME
from unsigned_peace.schema import descriptor as read_descriptor

FINGERPRINTS = "unsigned-peace-inputs.json"
PACKAGE_NAME = "unsigned_peace"
PACKAGE_FOLDER = Path(__file__).resolve().parents[2]  # unsigned_peace/
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
    return inputs_digest(notebooks)


def fingerprint(notebook_path: Path, data_dir: Path, language: str = SOURCE_LANGUAGE) -> str:
    descriptor = read_descriptor(data_dir)
    paths = {r["name"]: data_dir / r["path"] for r in descriptor["resources"]}
    notebook = nbformat.read(notebook_path, as_version=4)
    try:
        tables, modules = tables_read(notebook, set(paths)), modules_imported(notebook)
    except UnreadableNotebook:
        # Code this module cannot read (IPython magics, say) may read anything.
        tables, modules = set(paths), set(PACKAGE_FOLDER.rglob("*.py"))
    inputs = [data_dir / DESCRIPTOR_NAME]
    inputs += [paths[name] for name in sorted(tables)]
    inputs += sorted(modules)
    if language == SOURCE_LANGUAGE:
        return inputs_digest(inputs)
    inputs += translation_files(data_dir, language)
    return inputs_digest(inputs, language)


def translation_files(data_dir: Path, language: str) -> list[Path]:
    """What the domain reads to write an edition's language: the data's translations and its own catalog."""
    folders = (data_dir / "translations" / language, PACKAGE_FOLDER / "locale" / language)
    return [path for folder in folders if folder.is_dir() for path in sorted(folder.rglob("*")) if path.is_file()]


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


@dataclass(frozen=True)
class Failure:
    """A notebook that failed to run: where, and the error, each shown on one line."""

    notebook: Path
    cell: int | None
    error: str

    def describe(self, root: Path) -> str:
        try:
            shown = self.notebook.relative_to(root).as_posix()
        except ValueError:
            shown = str(self.notebook)
        where = f"{shown}, cell {self.cell}" if self.cell else shown
        return f"{for_terminal(where)}: {clipped(self.error, ERROR_SHOWN)}"


ERROR_SHOWN = 300
ANSI_CODE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
FAILED_CELL = re.compile(r"An error occurred while executing the following cell:\n-+\n(?P<source>.*?)\n-+\n", re.S)
# nbclient's CellTimeoutError shows the cell: whole when it is short, else its first and last five lines
# as two Python lists with "..." between them.
TIMED_OUT_CELL = re.compile(r"Here is a preview of the cell contents:\n-+\n(?P<preview>.*?)\n-+\n", re.S)
# The error's own line: "ZeroDivisionError: division by zero", or an error's name alone.
ERROR_LINE = re.compile(r"^[A-Za-z_][\w.]*: .+$|^[A-Za-z_][\w.]*(Error|Exception|Interrupt)$")


def failure_of(notebook_path: Path, traceback: str) -> Failure:
    """The failing cell (counted as JupyterLab counts cells, from 1) and the error, read from the
    traceback the executor recorded; the traceback itself stays out of the build's output."""
    text = ANSI_CODE.sub("", traceback or "")
    cell = None
    match = FAILED_CELL.search(text)
    if match:
        source = match["source"].strip()
        cell = _cell_number(notebook_path, lambda code: code == source)
    elif timed_out := TIMED_OUT_CELL.search(text):
        cell = _cell_number(notebook_path, _matches_preview(timed_out["preview"]))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    error = next((line for line in reversed(lines) if ERROR_LINE.match(line)), lines[-1] if lines else "")
    if "timed out" in text and not match:
        error = next((line for line in lines if "timed out" in line), error)
    return Failure(notebook_path, cell, error or "the notebook failed, with no error recorded")


def _cell_number(notebook_path: Path, is_the_cell) -> int | None:
    """The number (from 1, as JupyterLab counts) of the one code cell whose stripped source fits."""
    cells = nbformat.read(notebook_path, as_version=4).cells
    found = [index for index, cell in enumerate(cells, start=1)
             if cell.cell_type == "code" and is_the_cell(cell.source.strip())]
    return found[0] if len(found) == 1 else None


def _matches_preview(preview: str):
    """A test of a cell's source against nbclient's preview of the cell that timed out."""
    head_and_tail = re.fullmatch(r"(\[.*\])\n\.\.\.\n(\[.*\])", preview.strip(), re.S)
    if head_and_tail:
        try:
            head, tail = (ast.literal_eval(part) for part in head_and_tail.groups())
        except (ValueError, SyntaxError):
            return lambda code: False
        return lambda code: code.split("\n")[:5] == head and code.split("\n")[-5:] == tail
    return lambda code: code == preview.strip()


def prepare(notebooks: list[Path], data_dir: Path, cache_path: Path, timeout: int,
            repairs: list[str] | None = None, language: str = SOURCE_LANGUAGE) -> tuple[list[str], list[Failure]]:
    """Drop stale cache entries and execute what is missing, in the edition's `language`; returns the notebooks
    run and those that failed.

    A damaged part of the cache (a file cut short by a full disk or a killed build) is found here and
    rebuilt; `repairs` (if given) receives one line for each.
    """
    from jupyter_cache.cache.db import NbProjectRecord

    cache, cache_repairs = open_cache(Path(cache_path))
    fingerprint_file = Path(cache_path) / FINGERPRINTS
    previous = _read_fingerprints(fingerprint_file, cache_repairs)
    current = {}
    known = {record.uri for record in cache.list_project_records()}
    for path in notebooks:
        # Keyed by folder and name, not absolute path: a copy of the book can reuse this cache.
        key = f"{path.parent.name}/{path.name}"
        current[key] = fingerprint(path, data_dir, language)
        if previous.get(key) != current[key]:
            _forget(cache, path)
        if str(path) not in known:
            cache.add_nb_to_project(str(path))

    records = cache.list_unexecuted(filter_uris=[str(p) for p in notebooks])
    stale = [record.uri for record in records]
    NbProjectRecord.remove_tracebacks([record.pk for record in records], cache.db)
    failed = run_in_parallel(Path(cache_path), records, timeout, language)
    for record in cache.list_unexecuted(filter_uris=stale):
        failed.setdefault(record.uri, "its process ended without storing its outputs")
    failures = [failure_of(Path(uri), cache.get_project_record(uri).traceback or problem)
                for uri, problem in sorted(failed.items())]
    for failure in failures:
        current.pop(f"{failure.notebook.parent.name}/{failure.notebook.name}", None)
    write_atomically(fingerprint_file, json.dumps(current, indent=1, sort_keys=True))
    if repairs is not None:
        repairs.extend(cache_repairs)
    return stale, failures


def open_cache(cache_path: Path):
    """The execution cache, every damaged part of it found and dropped: returns it and a line for each repair.

    A database that cannot be read empties the cache (every notebook runs again); a cached notebook
    that cannot be read is dropped (that notebook runs again).
    """
    # jupyter-cache (and SQLAlchemy under it) loads here, not with this module: the commands that only
    # check the data import this module to read what notebooks load, and start faster without it.
    from jupyter_cache import get_cache

    repairs: list[str] = []
    try:
        cache = get_cache(str(cache_path))
        records = cache.list_cache_records()
    except Exception as error:  # sqlite and SQLAlchemy raise several kinds on a damaged database
        repairs.append(f"execution cache: its database was damaged ({type(error).__name__}); emptied it, so every "
                       "notebook runs again")
        shutil.rmtree(cache_path, ignore_errors=True)
        cache = get_cache(str(cache_path))
        records = cache.list_cache_records()
    for record in records:
        stored = Path(cache_path, "executed", record.hashkey, "base.ipynb")
        problem = _unreadable_notebook(stored)
        if problem:
            uri = record.uri if record.uri else record.hashkey
            repairs.append(f"execution cache: the stored outputs of {Path(uri).name} were {problem}; dropped them, "
                           "so it runs again")
            cache.remove_cache(record.pk)
    return cache, repairs


def _unreadable_notebook(path: Path) -> str | None:
    try:
        notebook = json.loads(path.read_bytes())
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError):
        return "damaged (cut short or not JSON)"
    return None if isinstance(notebook, dict) and isinstance(notebook.get("cells"), list) else "not a notebook"


def _read_fingerprints(path: Path, repairs: list[str]) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = None
    if isinstance(recorded, dict) and all(isinstance(v, str) for v in recorded.values()):
        return recorded
    repairs.append(f"execution cache: {FINGERPRINTS} (what each notebook read) was damaged; every notebook runs "
                   "again")
    return {}


def write_atomically(path: Path, text: str) -> None:
    """Write a file whole or not at all: a build stopped while writing leaves the old file, never half a new one."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def run_in_parallel(cache_path: Path, records: list, timeout: int,
                    language: str = SOURCE_LANGUAGE) -> dict[str, str]:
    """Run the notebooks in worker processes, as many at once as there are cores, each running one notebook
    at a time with jupyter-cache's worker, which caches its outputs; returns, for each notebook that failed,
    what its worker said while running it.

    jupyter-cache's own parallel executor cannot be stopped: its pool waits for workers that, like the
    kernels they drive, take SIGINT and SIGTERM as a request to shut their kernel and go on. Here each
    worker is a session of its own, which Ctrl-C at the terminal does not reach; the build (which does get
    it) kills them all, and their kernels, which watch their parent, end with them. A notebook cut off
    leaves no entry in the cache (or a damaged one, which the next build drops). A worker runs notebook
    after notebook (each in a kernel of its own): starting one, with jupyter-cache and SQLAlchemy, cost
    as much CPU time as the kernel of a short notebook.
    """
    pending, workers, failed = list(records), [], {}
    try:
        while pending or any(worker.uri for worker in workers):
            for worker in workers:
                if worker.uri is None and pending:
                    worker.run(pending.pop(0))
            while pending and len(workers) < max(1, os.cpu_count() or 1):
                workers.append(_Worker(cache_path, timeout, language))
                workers[-1].run(pending.pop(0))
            busy = {worker.answers: worker for worker in workers if worker.uri}
            for answers in select.select(list(busy), [], [])[0]:
                worker = busy[answers]
                uri, problem = worker.uri, worker.answer()
                if problem is not None:
                    failed[uri] = problem
                if worker.ended:
                    workers.remove(worker)
        while workers:
            workers[0].finish()
            workers.pop(0)
    except BaseException:
        for worker in workers:
            worker.kill()
        raise
    return failed


class _Worker:
    """A process that runs the notebooks it is given (`serve`), one at a time."""

    def __init__(self, cache_path: Path, timeout: int, language: str = SOURCE_LANGUAGE) -> None:
        self.log = tempfile.TemporaryFile()
        # -P: the package is this build's, never a copy that happens to sit in the current folder. The
        # notebooks' kernels inherit the edition's language, which is all the domain is told of it.
        self.process = subprocess.Popen([sys.executable, "-P", "-m", __name__, str(cache_path), str(timeout)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                        start_new_session=True, text=True, encoding="utf-8",
                                        env=os.environ | {LANGUAGE_ENV: language})
        self.answers = self.process.stdout
        self.uri: str | None = None
        self.ended = False

    def run(self, record) -> None:
        self.uri = record.uri
        # A worker that ended meanwhile answers with the end of its output instead (`answer`).
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.write(f"{record.pk}\t{record.uri}\n")
            self.process.stdin.flush()

    def answer(self) -> str | None:
        """What the notebook given last came to: None if it ran, else what the worker said while running it."""
        line = self.answers.readline()
        self.uri = None
        if line:
            status, said = line.rstrip("\n").split("\t", 1)
            return None if status == "0" else said or f"its process ended with status {status}"
        self.ended = True  # the worker itself ended, with the notebook
        status = self.process.wait()
        self.log.seek(0)
        said = self.log.read().decode("utf-8", errors="replace").strip().splitlines()
        self._close()
        return said[-1] if said else f"its process ended with status {status}"

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._close()

    def finish(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.close()
        self.process.wait()
        self._close()

    def _close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout, self.log):
            with contextlib.suppress(BrokenPipeError):
                stream.close()


def serve(cache_path: Path, timeout: int) -> int:
    """A worker's side: for each line "pk<TAB>uri" read, run that notebook (`run_one`) and answer with a line
    "status<TAB>the last line written to stderr while it ran" (status 0: it ran and its outputs are cached)."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    with open(os.devnull, "w") as nowhere:  # nothing else the notebook's run writes can end up in the answers
        os.dup2(nowhere.fileno(), sys.stdout.fileno())
    for line in sys.stdin:
        pk, uri = line.rstrip("\n").split("\t", 1)
        status, said = run_again_if_no_kernel(functools.partial(run_telling, cache_path, int(pk), uri, timeout))
        lines = said.strip().splitlines()
        answers.write(f"{status}\t{lines[-1] if status and lines else ''}\n")
        answers.flush()
    return 0


def run_telling(cache_path: Path, pk: int, uri: str, timeout: int) -> tuple[int, str]:
    """`run_one`'s status, and what was written to stderr while it ran."""
    with tempfile.TemporaryFile() as said:
        sys.stderr.flush()
        kept = os.dup(sys.stderr.fileno())
        os.dup2(said.fileno(), sys.stderr.fileno())
        try:
            status = run_one(cache_path, pk, uri, timeout)
        except Exception:
            traceback.print_exc()
            status = 1
        finally:
            sys.stderr.flush()
            os.dup2(kept, sys.stderr.fileno())
            os.close(kept)
        said.seek(0)
        return status, said.read().decode("utf-8", errors="replace")


# What nbclient says when a notebook's kernel never started: seen, rarely, with kernels started side by side
# on a loaded machine (a port taken by another kernel, or a kernel hung at its start). jupyter-cache's
# worker then logs it as an error (status 2). Nothing of the notebook ran, so it is run once more before it
# is reported.
KERNEL_NOT_STARTED = ("Kernel didn't respond in", "Kernel died before replying to kernel_info")


def run_again_if_no_kernel(run: Callable[[], tuple[int, str]], tries: int = 2) -> tuple[int, str]:
    """`run()`'s status and what it said, run up to `tries` times while it fails because its kernel never
    started."""
    status, said = run()
    for _again in range(tries - 1):
        if status == 0 or not any(words in said for words in KERNEL_NOT_STARTED):
            break
        status, said = run()
    return status, said


def run_one(cache_path: Path, pk: int, uri: str, timeout: int) -> int:
    """Execute one notebook of the cache's project and cache it (0), or record its traceback (1); 2 if it
    could not be run at all."""
    # jupyter-cache's worker logs every failure's whole traceback; the build reports it in one line. What
    # stops a notebook from running at all (logged as an error) is left for the build to read.
    from jupyter_cache import get_cache
    from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, ProcessData

    multiprocessing.get_logger().setLevel(logging.ERROR)
    worker = ExecutionWorkerLocalMProc()
    cache = get_cache(str(cache_path))
    cache.cache_notebook_bundle = one_at_a_time(cache.cache_notebook_bundle, Path(cache_path) / CACHING_LOCK)
    status, _ = worker(ProcessData(pk, uri, cache, timeout, False))
    return status


CACHING_LOCK = "caching.lock"


def one_at_a_time(cache_notebook_bundle, lock: Path):
    """jupyter-cache's `cache_notebook_bundle`, run by one worker at a time (an exclusive lock on `lock`).

    After storing a notebook it drops the oldest entries over its limit: it reads the entries to keep,
    then all others, in two statements, so a notebook another worker stored in between was taken for an
    old one, its entry dropped, or, its file not yet written, the storing worker failed with a KeyError
    ("Notebook file does not exist for cache record"): a notebook run well was reported as failed.
    """
    def locked(*args, **kwargs):
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            return cache_notebook_bundle(*args, **kwargs)

    return locked


def _forget(cache, path: Path) -> None:
    try:
        record = cache.match_cache_file(str(path))
    except KeyError:
        return
    cache.remove_cache(record.pk)


if __name__ == "__main__":
    sys.exit(serve(Path(sys.argv[1]), int(sys.argv[2])))
