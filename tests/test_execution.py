"""Notebooks are fingerprinted on what their code reads: the tables named in load_data(...) and the
book's modules they import. A CSV edit re-runs exactly the notebooks that read it; a module no
notebook imports re-runs none."""

import shutil

import nbformat
import pytest
from conftest import DATA, ROOT, set_cell

from unsigned_peace import load_data
from unsigned_peace.machinery.steps.execution import fingerprint, modules_imported, tables_read

RESOURCES = {"events", "sources", "claims", "islands"}
PACKAGE = ROOT / "unsigned_peace"


def notebook_with(*sources):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    return notebook


def test_the_tables_named_in_load_data_are_the_ones_read():
    notebook = notebook_with('data = load_data("claims", "sources")', "x = data.claims['verdict']")
    assert tables_read(notebook, RESOURCES) == {"claims", "sources"}


def test_load_data_naming_no_table_reads_all_and_no_call_reads_none():
    assert tables_read(notebook_with("bibliography(load_data().sources)"), RESOURCES) == RESOURCES
    assert tables_read(notebook_with("x = 1"), RESOURCES) == set()


def test_a_table_name_that_is_not_a_literal_counts_as_every_table():
    assert tables_read(notebook_with("name = 'claims'", "data = load_data(name)"), RESOURCES) == RESOURCES


def test_reading_a_table_not_loaded_says_how_to_load_it():
    data = load_data("claims")
    assert next(iter(data.claims.columns)) == "claim_id"
    with pytest.raises(AttributeError, match=r"the table 'events' was not loaded: name it in load_data"):
        _ = data.events
    with pytest.raises(ValueError, match=r"no table named 'claim'"):
        load_data("claim")


def test_modules_are_followed_through_their_own_imports_functions_included():
    found = modules_imported(notebook_with("from unsigned_peace.tables import Table"))
    # tables.py writes its words in the edition's language: the catalog's reader and the numbers' module.
    assert found == {PACKAGE / "__init__.py", PACKAGE / "tables.py", PACKAGE / "escape.py", PACKAGE / "table_markup.py",
                     PACKAGE / "messages.py", PACKAGE / "numbers.py", PACKAGE / "language.py"}
    # A lazy name of a package leads to the module its `if TYPE_CHECKING:` block names, and no further.
    timeline = modules_imported(notebook_with("from unsigned_peace.charts import event_timeline"))
    assert PACKAGE / "charts" / "timeline.py" in timeline
    assert PACKAGE / "charts" / "island_map.py" not in timeline


def test_no_notebook_depends_on_the_books_machinery():
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        modules = modules_imported(nbformat.read(path, as_version=4))
        assert not [m for m in modules if "machinery" in m.parts], path.name


@pytest.fixture
def notebook_and_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = tmp_path / "chapter.ipynb"
    nbformat.write(notebook_with('data = load_data("claims")', "data.claims"), path)
    return path, data


def test_fingerprint_changes_with_the_tables_a_notebook_reads(notebook_and_data):
    path, data = notebook_and_data
    before = fingerprint(path, data)
    set_cell(data / "claims.csv", 1, "reason", "changed")
    assert fingerprint(path, data) != before


def test_fingerprint_ignores_tables_a_notebook_does_not_read(notebook_and_data):
    path, data = notebook_and_data
    before = fingerprint(path, data)
    set_cell(data / "contacts.csv", 1, "note", "changed")
    assert fingerprint(path, data) == before


def test_a_failure_is_read_from_the_executors_traceback_as_cell_and_error(tmp_path):
    from unsigned_peace.machinery.steps.execution import failure_of

    path = tmp_path / "chapter.ipynb"
    nbformat.write(notebook_with("x = 1", "def share():\n    return 1 / 0\nshare()"), path)
    recorded = ("Traceback (most recent call last):\n  File \"client.py\", line 918\n"
                "nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:\n"
                "------------------\ndef share():\n    return 1 / 0\nshare()\n------------------\n\n\n"
                "\x1b[31mZeroDivisionError\x1b[39m                         Traceback (most recent call last)\n"
                "\x1b[31mZeroDivisionError\x1b[39m: division by zero\n\n")
    failure = failure_of(path, recorded)
    assert failure.describe(tmp_path) == "chapter.ipynb, cell 2: ZeroDivisionError: division by zero"


def test_a_timeout_is_named_by_its_cell_and_error_and_a_long_error_is_one_short_line(tmp_path):
    from nbclient.exceptions import CellTimeoutError

    from unsigned_peace.machinery.steps.execution import ERROR_SHOWN, failure_of

    path = tmp_path / "chapter.ipynb"
    nbformat.write(notebook_with("import time", "import time; time.sleep(900)"), path)
    timeout = "nbclient.exceptions.CellTimeoutError: " + str(
        CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", 300, nbformat.v4.new_code_cell(
            "import time; time.sleep(900)")))
    assert failure_of(path, timeout).describe(tmp_path) == (
        "chapter.ipynb, cell 2: nbclient.exceptions.CellTimeoutError: A cell timed out while it was being executed, "
        "after 300 seconds.")
    # A long cell: nbclient previews its first and last five lines.
    long_cell = "\n".join(f"step_{n} = {n}" for n in range(12))
    nbformat.write(notebook_with("x = 1", long_cell), path)
    preview = str(CellTimeoutError.error_from_timeout_and_cell("timed out", 300, nbformat.v4.new_code_cell(long_cell)))
    assert failure_of(path, preview).cell == 2
    noisy = failure_of(path, "ValueError: " + "\x1b[2J" + "x" * 1000)
    line = noisy.describe(tmp_path)
    assert line.isprintable() and len(line) <= ERROR_SHOWN + len("chapter.ipynb: ")


@pytest.mark.slow
def test_jupyter_caches_worker_still_stores_a_notebook_through_the_lock(tmp_path):
    """The workers store their notebooks one at a time (execution.one_at_a_time wraps the cache's
    `cache_notebook_bundle` for jupyter-cache's worker): the worker must still store through it."""
    from jupyter_cache import get_cache

    from unsigned_peace.machinery.steps.execution import CACHING_LOCK, run_one

    notebook = notebook_with("x = 1")
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(notebook, path)
    cache = get_cache(str(tmp_path / "cache"))
    record = cache.add_nb_to_project(str(path))
    assert run_one(tmp_path / "cache", record.pk, str(path), 60) == 0
    assert (tmp_path / "cache" / CACHING_LOCK).is_file()
    assert cache.list_unexecuted() == []


def test_a_notebook_whose_kernel_never_started_is_run_once_more_and_no_other_failure_is():
    from unsigned_peace.machinery.steps.execution import run_again_if_no_kernel

    def runs(*outcomes):
        """A notebook's runs, each (status, what the worker said), and the runs made."""
        made = []

        def run():
            made.append(outcomes[len(made)])
            return made[-1]
        return run, made

    hung = (2, "Failed Executing: dies.ipynb\nTraceback ...\nRuntimeError: Kernel didn't respond in 60 seconds\n")
    run, made = runs(hung, (0, ""))
    assert run_again_if_no_kernel(run) == (0, "") and len(made) == 2
    run, made = runs(hung, hung)
    assert run_again_if_no_kernel(run) == hung and len(made) == 2  # and no more
    for failed in ((1, ""), (2, "Failed Retrieving: a.ipynb\nKeyError: 3")):  # the notebook's error; no notebook
        run, made = runs(failed)
        assert run_again_if_no_kernel(run) == failed and len(made) == 1


@pytest.mark.slow
def test_a_kernel_that_dies_at_its_start_is_started_once_more_then_reported(tmp_path, monkeypatch):
    """In the build's worker processes: nbclient's own words for a kernel that never started are the ones
    the retry looks for; the kernel is started twice, and the failure reported in its words."""
    import json
    import sys

    from jupyter_cache import get_cache

    from unsigned_peace.machinery.steps.execution import run_in_parallel

    starts = tmp_path / "starts"
    spec = tmp_path / "kernels" / "dies"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('started\\n')"],
        "display_name": "dies at its start", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))  # the workers, and the kernels they start, find it
    notebook = notebook_with("x = 1")
    notebook.metadata["kernelspec"] = {"name": "dies", "display_name": "dies at its start", "language": "python"}
    path = tmp_path / "dies.ipynb"
    nbformat.write(notebook, path)
    cache = get_cache(str(tmp_path / "cache"))
    cache.add_nb_to_project(str(path))
    failed = run_in_parallel(tmp_path / "cache", cache.list_unexecuted(), 60)
    assert "Kernel died before replying to kernel_info" in failed[str(path)]
    assert starts.read_text().splitlines() == ["started", "started"]
