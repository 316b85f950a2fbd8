"""What goes wrong while the book builds is told in a line each, and leaves the build's caches usable.

One small book (a chapter with a chart, and notebooks made to fail) is built with the README's command,
`jupyter-book build . -W -n --keep-going`, through a series of mishaps:
- notebooks that fail: each named with its cell and its error, every one of them, no traceback;
- caches cut short (a stored notebook, the record of inputs, a chart's image, a page's doctree, the
  database): each found,
  rebuilt and reported in one line, and the build succeeds;
- Ctrl-C while a notebook runs: the build stops at once, with one line, its kernel ends with it, and the
  next build succeeds; `refresh` stops the same way, leaving the notebook it was running as it was.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import BUILD_ENV, JUPYTER_BOOK, ROOT, copy_of_book, only_pages

from unsigned_peace.machinery.steps.figure_images import PNG_SIGNATURE, intact
from unsigned_peace.machinery.wiring.build import INTERRUPTED_STATUS

# Every test here runs `jupyter-book build` on a copy of the book, in this module's own fixtures.
pytestmark = pytest.mark.book

CHAPTER = "05-talks"  # a short chapter with one chart
FAILING = {
    "fail-divide": (["x = 1", "def share():\n    return 1 / 0\n\nshare()"], 3, "ZeroDivisionError: division by zero"),
    "fail-import": (["import no_such_module_here"], 2, "ModuleNotFoundError: No module named 'no_such_module_here'"),
}
STARTED = "started.txt"
# Runs the command given after it, with Ctrl-C (SIGINT) back to its default action.
WITH_CTRL_C = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
               "os.execv(sys.argv[1], sys.argv[1:])")
SLEEPER = "sleeper"


def write_notebook(book: Path, name: str, sources: list[str]) -> None:
    metadata = nbformat.read(ROOT / "chapters" / f"{CHAPTER}.ipynb", as_version=4).metadata
    notebook = nbformat.v4.new_notebook(metadata=metadata)
    notebook.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), *map(nbformat.v4.new_code_cell, sources)]
    nbformat.write(notebook, book / "chapters" / f"{name}.ipynb")


def run_build(book: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([JUPYTER_BOOK, "build", str(book), *flags], env=BUILD_ENV, capture_output=True, text=True,
                          timeout=900)


def cut_short(path: Path) -> None:
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])


def output_of(result) -> str:
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    book = only_pages(copy_of_book(tmp_path_factory.mktemp("mishaps") / "book"), CHAPTER, *FAILING, SLEEPER)
    for name, (sources, _, _) in FAILING.items():
        write_notebook(book, name, sources)
    write_notebook(book, SLEEPER, ["slept = 0"])
    return book


@pytest.fixture(scope="module")
def failed_build(book) -> subprocess.CompletedProcess:
    return run_build(book, "-W", "-n", "--keep-going")


def test_every_failing_notebook_is_one_line_naming_its_cell_and_error(failed_build):
    output = output_of(failed_build)
    assert failed_build.returncode == 1
    assert "Traceback" not in output and "CellExecutionError" not in output
    warnings = [line for line in output.splitlines() if "WARNING: " in line and "chapters/fail-" in line]
    assert sorted(warnings) == sorted(
        f"\x1b[91mWARNING: chapters/{name}.ipynb, cell {cell}: {error} (run the notebook to see the traceback)"
        "\x1b[39;49;00m" for name, (_, cell, error) in FAILING.items())


def test_without_keep_going_the_build_names_every_failing_notebook_then_stops(book, failed_build):
    result = run_build(book, "-W", "-n")
    assert result.returncode == 1 and "Traceback" not in output_of(result)
    assert result.stderr.strip().splitlines()[-len(FAILING) - 1:] == [
        *(f"chapters/{name}.ipynb, cell {cell}: {error} (run the notebook to see the traceback)"
          for name, (_, cell, error) in sorted(FAILING.items())),
        "build stopped"]


@pytest.fixture(scope="module")
def repaired_build(book, failed_build) -> subprocess.CompletedProcess:
    """The book again, its notebooks mended, after its caches were cut short."""
    for name in FAILING:
        write_notebook(book, name, ["mended = 1"])
    cache = book / "_build" / ".jupyter_cache"
    cut_short(sorted(cache.glob("executed/*/base.ipynb"))[0])
    cut_short(cache / "unsigned-peace-inputs.json")
    image = next((book / "_build" / ".figure-cache").glob("*.png"))
    cut_short(image)
    cut_short(book / "_build" / ".doctrees" / "chapters" / "intro.doctree")
    return run_build(book, "-W", "-n", "--keep-going")


def test_caches_cut_short_are_found_rebuilt_and_reported_in_a_line_each(book, repaired_build):
    output = output_of(repaired_build)
    assert repaired_build.returncode == 0, output[-3000:]
    assert "Traceback" not in output
    repairs = [line for line in output.splitlines() if "cache: " in line and "damaged" in line]
    assert len(repairs) == 4, repairs
    assert "doctree cache: the stored page chapters/intro was damaged (cut short); reading it again" in repairs
    assert any(line.startswith("execution cache: the stored outputs of ") for line in repairs)
    assert any(line.startswith("execution cache: unsigned-peace-inputs.json") for line in repairs)
    assert any(line.startswith("figure cache: the PNG image of fig-") for line in repairs)
    assert all(intact(image) for image in (book / "_build" / ".figure-cache").glob("*.png"))
    exported = next((book / "figures").glob("*.png"))
    assert exported.read_bytes().startswith(PNG_SIGNATURE) and intact(exported)


def wait_for(condition, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.1)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        state = Path(f"/proc/{pid}/stat").read_text()
    except (ProcessLookupError, FileNotFoundError):  # gone, even between the two looks
        return False
    return not state.split(") ")[-1].startswith("Z")


@pytest.fixture(scope="module")
def interrupted_build(book, repaired_build) -> tuple[subprocess.Popen, str, str, int]:
    """The book built again with a notebook that sleeps, stopped by Ctrl-C once that notebook runs."""
    write_sleeper(book)
    return interrupted_once_the_sleeper_runs([JUPYTER_BOOK, "build", str(book), "-W", "-n", "--keep-going"], book)


def write_sleeper(book: Path) -> None:
    """A notebook that says when its kernel runs (its process id in STARTED), then sleeps."""
    write_notebook(book, SLEEPER, ["import os, pathlib, time\n"
                                   f"pathlib.Path({STARTED!r}).write_text(str(os.getpid()))\n"
                                   "time.sleep(600)"])


def interrupted_once_the_sleeper_runs(command: list[str], book: Path) -> tuple[subprocess.Popen, str, str, int]:
    """`command` run in `book`, stopped by Ctrl-C once the sleeper's kernel runs; with the kernel's process id."""
    marker = book / "chapters" / STARTED
    # As a terminal does: the command is a process group of its own, Ctrl-C has its default action in it
    # (a suite started in the background, `scripts/test.sh &`, passes Ctrl-C on ignored), and Ctrl-C goes
    # to the whole group.
    process = subprocess.Popen([sys.executable, "-c", WITH_CTRL_C, *command], cwd=book, env=BUILD_ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_for(marker.exists)
        kernel = int(marker.read_text())
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return process, stdout, stderr, kernel


def test_ctrl_c_stops_the_build_at_once_with_one_line_and_its_kernel_ends(interrupted_build):
    build, stdout, stderr, kernel = interrupted_build
    assert build.returncode == INTERRUPTED_STATUS
    assert "Traceback" not in stdout + stderr
    assert stderr.strip().splitlines()[-1] == ("build stopped: interrupted (Ctrl-C); the next build goes on from "
                                               "what was finished")
    wait_for(lambda: not process_alive(kernel), timeout=30)


@pytest.fixture(scope="module")
def build_after_interrupt(book, interrupted_build) -> subprocess.CompletedProcess:
    """The next build, its sleeping notebook mended, its cache's database cut short too."""
    write_notebook(book, SLEEPER, ["slept = 1"])
    cut_short(book / "_build" / ".jupyter_cache" / "global.db")
    return run_build(book, "-W", "-n", "--keep-going")


def test_the_build_after_ctrl_c_succeeds(build_after_interrupt):
    assert build_after_interrupt.returncode == 0, output_of(build_after_interrupt)[-3000:]
    assert "Traceback" not in output_of(build_after_interrupt)


def test_a_damaged_cache_database_is_emptied_reported_and_the_build_goes_on(build_after_interrupt):
    repairs = [line for line in output_of(build_after_interrupt).splitlines() if "cache: " in line]
    assert repairs == ["execution cache: its database was damaged (DatabaseError); emptied it, so every notebook "
                       "runs again"]


def test_ctrl_c_stops_refresh_at_once_and_leaves_the_notebook_it_was_running_as_it_was(tmp_path):
    book = copy_of_book(tmp_path / "book")
    for notebook in (book / "chapters").glob("*.ipynb"):
        notebook.unlink()
    write_sleeper(book)
    sleeper = book / "chapters" / f"{SLEEPER}.ipynb"
    before = sleeper.read_bytes()
    refresh, stdout, stderr, kernel = interrupted_once_the_sleeper_runs(
        [str(Path(JUPYTER_BOOK).parent / "python"), "-m", "unsigned_peace", "refresh"], book)
    assert refresh.returncode == INTERRUPTED_STATUS
    assert "Traceback" not in stdout + stderr
    assert stderr.strip().splitlines()[-1] == "stopped: interrupted (Ctrl-C)"
    wait_for(lambda: not process_alive(kernel), timeout=30)
    assert sleeper.read_bytes() == before
