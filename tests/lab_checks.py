"""What a reader of the notebooks sees in JupyterLab, checked in Chromium.

Starts JupyterLab as `make lab` does (`python -m unsigned_peace lab`, from .venv-lab: JupyterLab and
jupyterlab-myst) in a copy of the book, opens each chapter given, runs it (Run All) and reports, per
chapter: error outputs, charts (plotly outputs) and how many of them are drawn live (a plotly div
with its SVG, no wider than the notebook), and any MyST markup left raw in the rendered prose.
conftest.py runs it in the background while other tests run; test_lab.py reads the report.

Usage: python tests/lab_checks.py BOOK_COPY REPORT_JSON CHAPTER.ipynb...
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

from browser_checks import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LAB_PYTHON = ROOT / ".venv-lab" / "bin" / "python"
RAW_MARKUP = ("{eval}", "{glue", "{numref}", "{doc}", "](#", "```{")
TIMEOUT_MS = 120_000

KERNEL_IDLE = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const kernel = widget && widget.sessionContext && widget.sessionContext.session
    && widget.sessionContext.session.kernel;
  return kernel && kernel.status === 'idle';
}"""
RUN_FINISHED = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const cells = widget.context.model.toJSON().cells.filter(cell => cell.cell_type === 'code');
  return widget.sessionContext.session.kernel.status === 'idle'
    && cells.every(cell => cell.execution_count !== null);
}"""
REPORT = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const cells = widget.context.model.toJSON().cells;
  const outputs = cells.flatMap(cell => cell.outputs || []);
  const notebook = widget.content.node.getBoundingClientRect();
  const plots = [...widget.content.node.querySelectorAll('.js-plotly-plot')];
  return {
    errors: outputs.filter(o => o.output_type === 'error').map(o => `${o.ename}: ${o.evalue}`),
    charts: outputs.filter(o => o.data && o.data['application/vnd.plotly.v1+json']).length,
    live: plots.filter(p => p.querySelector('svg.main-svg')
                         && p.getBoundingClientRect().width <= notebook.width + 1).length,
    images: outputs.filter(o => o.data && o.data['image/png']).length,
    prose: [...widget.content.node.querySelectorAll('.jp-MarkdownOutput')].map(e => e.innerText),
  };
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_lab(book: Path, port: int, log) -> subprocess.Popen:
    command = [str(LAB_PYTHON), "-m", "unsigned_peace", "lab", "--no-browser", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
               "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None"]
    server = subprocess.Popen(command, cwd=book, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("JupyterLab did not start (see lab.log)")


def check_chapter(browser, port: int, name: str) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(f"http://127.0.0.1:{port}/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    started = time.monotonic()
    page.goto(f"http://127.0.0.1:{port}/lab/tree/{name}?reset")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget", timeout=TIMEOUT_MS)
    page.wait_for_function(KERNEL_IDLE, timeout=TIMEOUT_MS)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(RUN_FINISHED, timeout=TIMEOUT_MS, polling=250)
    # Charts and inline expressions render just after their cells finish.
    page.wait_for_timeout(1500)
    report = page.evaluate(REPORT)
    report["raw"] = sorted({marker for text in report.pop("prose") for marker in RAW_MARKUP if marker in text})
    report["outside"] = outside
    report["seconds"] = round(time.monotonic() - started, 1)
    page.close()
    return report


def main(book: Path, report_path: Path, chapters: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    with (report_path.parent / "lab.log").open("w") as log:
        server = start_lab(book, port, log)
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                reports = {name: check_chapter(browser, port, name) for name in chapters}
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    report_path.write_text(json.dumps(reports, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
