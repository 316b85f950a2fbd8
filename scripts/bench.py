"""Benchmark the book: build and test times, and what each page costs a reader.

Usage: .venv/bin/python scripts/bench.py [--runs N] [--skip-tests] [--skip-pdf] [--skip-lighthouse] [--skip-reader]
       [--pages-only] [--markdown-only]
Writes bench/results/latest.md and bench/results/latest.json, and prints the table.
Each timing is the median of N runs, with min and max; ratios compare figures from the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import bench_lighthouse
import bench_reader
import nbformat
from nbclient import NotebookClient

from unsigned_peace.machinery.checks.links import html_pages

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILD = [str(BIN / "jupyter-book"), "build", str(ROOT), "-W", "-n", "--keep-going"]
RESULTS = ROOT / "bench" / "results"
CHROMIUM = "/usr/bin/chromium"


def timed(command: list[str], **kwargs) -> float:
    """Seconds the command took; a command that fails stops the benchmark with the end of what it printed."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        finished = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT, **kwargs)
        seconds = time.perf_counter() - start
        if finished.returncode != 0:
            output.seek(0)
            said = output.read().decode("utf-8", errors="replace").strip().splitlines()[-25:]
            sys.exit("\n".join([*said, f"bench: {' '.join(map(str, command))} failed (exit status "
                                           f"{finished.returncode}); nothing was measured"]))
    return seconds


def machine_cpu_seconds() -> float | None:
    """The processor time the whole machine has spent busy since it started (every core, every process:
    Chromium's and the kernels' too), from /proc/stat; None where there is no /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq = (int(value) for value in fields[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def summary(samples: list[float]) -> dict:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "runs": len(samples)}


def notebooks() -> list[Path]:
    return sorted((ROOT / "chapters").glob("*.ipynb"))


def serial_execution_floor() -> tuple[float, dict[str, nbformat.NotebookNode]]:
    """Each notebook executed alone with nbclient, one after another; the time, and the executed notebooks."""
    total, executed = 0.0, {}
    for path in notebooks():
        notebook = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        total += time.perf_counter() - start
        executed[path.name] = notebook
    return total, executed


def build_without_execution(executed: dict[str, nbformat.NotebookNode]) -> float:
    """The build's own work on notebooks already executed: a copy of the book holding them, built with
    execution off and an empty build folder (so it draws every chart's images, as a clean build does)."""
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "book"
        shutil.copytree(ROOT, book, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "node_modules",
                                                                  "__pycache__", "*.egg-info", "bench"))
        for name, notebook in executed.items():
            nbformat.write(notebook, book / "chapters" / name)
        config = book / "_config.yml"
        config.write_text(re.sub(r"execute_notebooks: \w+", 'execute_notebooks: "off"',
                                 config.read_text(encoding="utf-8")), encoding="utf-8")
        return timed([str(BIN / "jupyter-book"), "build", str(book), "-W", "-n", "--keep-going"])


def clean_build() -> float:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    return timed(BUILD)


def rebuild_after_csv_edit() -> float:
    """Edit one cell of claims.csv (read by one chapter), rebuild, then restore the file. The cell is the
    first claim's list of sources, its order reversed: an edit to a translated cell (the claim's words) would
    leave its Japanese and Russian translations stale, which stops the build."""
    path = ROOT / "data" / "claims.csv"
    original = path.read_bytes()
    text = original.decode("utf-8")
    lines = text.split("\n")
    head, _, sources = lines[1].rpartition(",")
    edited = f"{head},{';'.join(reversed(sources.split(';')))}"
    if edited == lines[1]:
        raise SystemExit("bench: the first claim cites one source; pick a row whose sources can be reordered")
    lines[1] = edited
    try:
        path.write_text("\n".join(lines), encoding="utf-8")
        return timed(BUILD)
    finally:
        path.write_bytes(original)
        timed(BUILD)


def page_weights(html_root: Path) -> list[dict]:
    """Bytes of each page and of everything a browser loads on a first visit, measured in Chromium.

    The book is served over local HTTP without compression (as from a folder), each page opened in a
    fresh profile with an empty cache; every response body is counted: HTML, scripts, styles, fonts
    (only those the page uses), images and data. `assets` lists what was loaded, largest first.
    """
    from playwright.sync_api import sync_playwright

    pages = []
    with bench_lighthouse.serving(html_root, QuietHandler) as base, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for page_path in html_pages(html_root):
            context = browser.new_context()
            page = context.new_page()
            loaded: list[tuple[str, int]] = []
            # Chromium reported a negative body size for the icon asked for a second time (-187 bytes): a size
            # below zero counts as nothing, and is not listed.
            page.on("requestfinished", lambda request, loaded=loaded: loaded.append(
                (request.url.removeprefix(base).split("?")[0], max(0, request.sizes()["responseBodySize"]))))
            relative = page_path.relative_to(html_root).as_posix()
            page.goto(base + relative, wait_until="networkidle")
            context.close()
            pages.append({"page": relative, "html_bytes": page_path.stat().st_size,
                          "first_load_bytes": sum(size for _, size in loaded),
                          "assets": sorted((item for item in loaded if item[1]), key=lambda item: -item[1])})
        browser.close()
    return pages


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-tests", action="store_true")
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-reader", action="store_true",
                        help="leave out the phone reader's measures of the chart pages (scripts/bench_reader.py)")
    parser.add_argument("--pages-only", action="store_true",
                        help="weigh and score the pages of the existing _build/html; time nothing (the timings "
                             "of the last run that took them are kept, and said to be that run's; so are its "
                             "reader's measures or Lighthouse's scores, with --skip-reader or --skip-lighthouse)")
    parser.add_argument("--markdown-only", action="store_true",
                        help="write latest.md again from latest.json; measure nothing")
    arguments = parser.parse_args()
    if arguments.markdown_only:
        (RESULTS / "latest.md").write_text(to_markdown(json.loads((RESULTS / "latest.json").read_text())))
        return 0
    if arguments.pages_only:
        arguments.runs, arguments.skip_tests, arguments.skip_pdf = 0, True, True

    samples: dict[str, list[float]] = {k: [] for k in (
        "clean_build_s", "serial_execution_floor_s", "build_without_execution_s", "floor_s",
        "clean_over_floor", "no_change_rebuild_s", "csv_edit_rebuild_s")}
    for _ in range(arguments.runs):
        floor_execution, executed = serial_execution_floor()
        floor_build = build_without_execution(executed)
        clean = clean_build()
        floor = floor_execution + floor_build
        samples["serial_execution_floor_s"].append(floor_execution)
        samples["build_without_execution_s"].append(floor_build)
        samples["floor_s"].append(floor)
        samples["clean_build_s"].append(clean)
        samples["clean_over_floor"].append(clean / floor)
        samples["no_change_rebuild_s"].append(timed(BUILD))
        samples["csv_edit_rebuild_s"].append(rebuild_after_csv_edit())
    if not arguments.skip_tests:
        # The README's test command, as CI runs it: its set-up (JupyterLab's environment for the test that
        # runs chapters in it) and every test; its time, and the whole machine's processor time over it.
        for _ in range(arguments.runs):
            busy = machine_cpu_seconds()
            samples.setdefault("test_suite_s", []).append(timed([str(ROOT / "scripts" / "test.sh"), "-q"]))
            if busy is not None:
                samples.setdefault("test_suite_machine_cpu_s", []).append(machine_cpu_seconds() - busy)
    pdf_script = ROOT / "scripts" / "pdf.sh"
    if pdf_script.exists() and not arguments.skip_pdf:
        samples["pdf_build_s"] = [timed([str(pdf_script)]) for _ in range(arguments.runs)]

    html = ROOT / "_build" / "html"
    if not arguments.pages_only:
        # The pages as the README's command builds them, every published edition in its folder (the timed
        # builds above are the English edition's): a reader of the Japanese or Russian book meets those.
        timed([str(ROOT / "scripts" / "build.sh")])
    pages = page_weights(html)
    heaviest = max(pages, key=lambda p: p["first_load_bytes"])
    reader = None if arguments.skip_reader else bench_reader.measure(html)
    lighthouse = [] if arguments.skip_lighthouse else bench_lighthouse.scores(html)
    timings = {name: summary(values) for name, values in samples.items() if values}
    today = date.today()
    measured = dict.fromkeys(("timings", "pages", "reader", "lighthouse"), f"{today.day} {today:%B %Y}")
    if arguments.pages_only and (RESULTS / "latest.json").is_file():
        # What this run did not measure is the last run's, and said to be.
        earlier = json.loads((RESULTS / "latest.json").read_text(encoding="utf-8"))
        when = earlier.get("measured", {})
        timings = earlier.get("timings", {})
        measured["timings"] = when.get("timings", "an earlier run")
        if arguments.skip_reader and earlier.get("reader"):
            reader, measured["reader"] = earlier["reader"], when.get("reader", when.get("pages", "an earlier run"))
        if arguments.skip_lighthouse and earlier.get("lighthouse"):
            lighthouse = earlier["lighthouse"]
            measured["lighthouse"] = when.get("lighthouse", when.get("pages", "an earlier run"))
    result = {
        "machine": {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(),
                    "python": platform.python_version(), "system": platform.platform()},
        "measured": measured,
        "timings": timings,
        "pages": pages,
        "heaviest_page": heaviest,
        "site_bytes": tree_bytes(html),
        "reader": reader,
        "lighthouse": lighthouse,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    markdown = to_markdown(result)
    (RESULTS / "latest.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0


def to_markdown(result: dict) -> str:
    machine = result["machine"]
    measured = result.get("measured", {})
    lines = [f"Machine: {machine['cpus']} CPUs, {machine['processor']}, Python {machine['python']}", ""]
    if measured:
        pages = measured["pages"]
        lines += [f"Timings measured {measured['timings']}; pages weighed {pages}; the phone reader's measures "
                  f"taken {measured.get('reader', pages)}; Lighthouse's scores {measured.get('lighthouse', pages)}.",
                  ""]
    lines += ["| measure | median | min | max | runs |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, t in result["timings"].items():
        lines.append(f"| {name} | {t['median']:.2f} | {t['min']:.2f} | {t['max']:.2f} | {t['runs']} |")
    lines += ["", "| page | HTML bytes | first-load bytes |", "| --- | ---: | ---: |"]
    for page in result["pages"]:
        lines.append(f"| {page['page']} | {page['html_bytes']:,} | {page['first_load_bytes']:,} |")
    heaviest = result["heaviest_page"]
    # In MiB, the unit in which plotly.js in full (4,815,814 bytes) is 4.6 MB.
    lines += ["", f"Heaviest page: {heaviest['page']} ({heaviest['first_load_bytes']:,} bytes, "
              f"{heaviest['first_load_bytes'] / 2**20:.2f} MiB, on first load). "
              f"Whole site: {result['site_bytes']:,} bytes.", "", "What the heaviest page loads:", "",
              "| file | bytes |", "| --- | ---: |"]
    lines += [f"| {name} | {size:,} |" for name, size in heaviest["assets"]]
    if result.get("reader"):
        lines += bench_reader.to_markdown(result["reader"])
    if result.get("lighthouse"):
        lines += bench_lighthouse.to_markdown(result["lighthouse"])
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
