"""What a reader of the notebooks sees in JupyterLab, checked in Chromium.

Starts JupyterLab as `make lab` does (`python -m unsigned_peace lab`, from .venv-lab: JupyterLab and
jupyterlab-myst) in a copy of the book, opens each chapter given, runs its last code cell first (the
error it shows), then the whole chapter (Run All) and reports, per chapter: error outputs; charts
(plotly outputs), how many are drawn live (a plotly div with its SVG, no wider than the notebook)
and whether a hovered tooltip stays inside its chart; MyST markup left raw, references unresolved
and inline expressions that failed in the rendered prose; requests that left the machine.
conftest.py runs it in the background while other tests run; test_lab.py reads the report.

Usage: python tests/lab_checks.py BOOK_COPY REPORT_JSON CHAPTER.ipynb...
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

from browser_checks import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parent.parent
LAB_PYTHON = ROOT / ".venv-lab" / "bin" / "python"
RAW_MARKUP = ("{eval}", "{glue", "{numref}", "{doc}", "](#", "```{", ":::")
# Roles jupyterlab-myst shows as bare text (glue is not supported; a reference to a figure it cannot see
# is left unresolved): the prose must not use them.
UNREADABLE_ROLES = re.compile(r"\{(glue(:\w+)?|numref|doc|ref|term)\}`")
TIMEOUT_MS = 120_000

KERNEL_IDLE = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const kernel = widget && widget.sessionContext && widget.sessionContext.session
    && widget.sessionContext.session.kernel;
  return kernel && kernel.status === 'idle';
}"""
# The chapter's last code cell, run before any other, as a reader might; its error output, once shown.
RUN_LAST_CELL = """() => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  notebook.activeCellIndex = notebook.widgets.map(cell => cell.model.type).lastIndexOf('code');
  return window.jupyterapp.commands.execute('notebook:run-cell');
}"""
LAST_CELL_ERROR = """() => {
  const cells = window.jupyterapp.shell.currentWidget.context.model.toJSON().cells
    .filter(cell => cell.cell_type === 'code');
  const error = (cells[cells.length - 1].outputs || []).find(output => output.output_type === 'error');
  return error ? `${error.ename}: ${error.evalue}` : null;
}"""
RUN_FINISHED = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const cells = widget.context.model.toJSON().cells.filter(cell => cell.cell_type === 'code');
  // Run All stops at a cell that raises: the run is over then too.
  const failed = cells.some(cell => (cell.outputs || []).some(output => output.output_type === 'error'));
  return widget.sessionContext.session.kernel.status === 'idle'
    && (failed || cells.every(cell => cell.execution_count !== null));
}"""
REPORT = r"""() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const cells = widget.context.model.toJSON().cells;
  const outputs = cells.flatMap(cell => cell.outputs || []);
  const notebook = widget.content.node.getBoundingClientRect();
  const plots = [...widget.content.node.querySelectorAll('.js-plotly-plot')];
  return {
    errors: outputs.filter(o => o.output_type === 'error').map(o => `${o.ename}: ${o.evalue}`),
    markdown_cells: cells.filter(cell => cell.cell_type === 'markdown').length,
    charts: outputs.filter(o => o.data && o.data['application/vnd.plotly.v1+json']).length,
    live: plots.filter(p => p.querySelector('svg.main-svg')
                         && p.getBoundingClientRect().width <= notebook.width + 1).length,
    images: outputs.filter(o => o.data && o.data['image/png']).length,
    // jupyterlab-myst renders each markdown cell into a .myst element beside its (hidden) editor.
    prose: widget.content.widgets.filter(cell => cell.model.type === 'markdown').map(cell => {
      const rendered = cell.node.querySelector('.myst');
      const source = cell.model.sharedModel.getSource();
      const expressions = [...source.matchAll(/\{eval\}`([^`]+)`/g)].map(match => match[1]);
      return {
        source,
        rendered: rendered !== null,
        text: rendered ? rendered.textContent : '',
        // An expression with no result shows as its code; a reference with no target is flagged.
        unevaluated: rendered ? [...rendered.querySelectorAll('code')].map(code => code.textContent)
          .filter(text => expressions.includes(text)) : [],
        unresolved: rendered ? [...rendered.querySelectorAll('[title="Cross Reference Not Found"]')]
          .map(node => node.textContent) : [],
      };
    }),
  };
}"""


# Every chart drawn at the notebook's width, and every markdown cell rendered with its expressions evaluated.
SETTLED = f"""() => {{
  const report = ({REPORT})();
  return report.live >= report.charts
    && report.prose.every(cell => cell.rendered && cell.unevaluated.length === 0);
}}"""
SETTLE_MS = 10_000
STARTUP_LIMIT_S = 600

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_lab(book: Path, port: int, log) -> subprocess.Popen:
    command = [str(LAB_PYTHON), "-m", "unsigned_peace", "lab", "--no-browser", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
               "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None"]
    server = subprocess.Popen(command, cwd=book, stdout=log, stderr=subprocess.STDOUT)
    # Until it listens, or ends: on a busy machine (the suite's builds run beside it) starting took over a
    # minute. The limit only stops a server that hangs.
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("JupyterLab did not start (see lab.log)")


def open_lab(browser, port: int, outside: list[str]):
    """A JupyterLab page with no network beyond the server: a request elsewhere is aborted and noted."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    def only_local(route):
        if route.request.url.startswith(f"http://127.0.0.1:{port}/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    return page


def close_current_notebook(page) -> None:
    """Shut the current notebook's kernel and close it, unsaved, as a reader done with it would."""
    page.evaluate("""async () => {
      const widget = window.jupyterapp.shell.currentWidget;
      await widget.sessionContext.shutdown();
      widget.context.model.dirty = false;
      widget.dispose();
    }""")


def check_chapter(page, port: int, name: str, outside: list[str], *, first: bool) -> dict:
    """Open `name` (the first chapter by its address, the others from JupyterLab itself: one app load
    for them all), run its last code cell, then all of it, and report what a reader would see."""
    outside.clear()
    started = time.monotonic()
    if first:
        page.goto(f"http://127.0.0.1:{port}/lab/tree/{name}?reset")
    else:
        page.evaluate("async name => { await window.jupyterapp.commands.execute('docmanager:open', {path: name}); }",
                      name)
    page.wait_for_function("""name => window.jupyterapp && window.jupyterapp.shell.currentWidget
        && window.jupyterapp.shell.currentWidget.context.path === name""", arg=name, timeout=TIMEOUT_MS)
    page.wait_for_function(KERNEL_IDLE, timeout=TIMEOUT_MS)
    page.evaluate(RUN_LAST_CELL)
    early = page.wait_for_function(LAST_CELL_ERROR, timeout=TIMEOUT_MS, polling=250).json_value()
    page.wait_for_function(KERNEL_IDLE, timeout=TIMEOUT_MS)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(RUN_FINISHED, timeout=TIMEOUT_MS, polling=250)
    # Charts and inline expressions render just after their cells finish: wait until all are there, or
    # SETTLE_MS have passed (what is still missing then is in the report).
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(SETTLED, timeout=SETTLE_MS, polling=100)
    report = page.evaluate(REPORT)
    report["tooltips"], report["tooltips_outside"] = hover_charts(page)
    prose = report.pop("prose")
    report["prose_cells"] = sum(cell["rendered"] for cell in prose)
    report["raw"] = sorted({marker for cell in prose for marker in RAW_MARKUP if marker in cell["text"]}
                           | {match.group(0) for cell in prose for match in UNREADABLE_ROLES.finditer(cell["source"])})
    report["unresolved"] = sorted({text for cell in prose for text in cell["unresolved"]})
    # An inline expression that failed shows its exception in the text; one never evaluated, its code.
    report["failed"] = sorted({line for cell in prose for line in cell["text"].splitlines() if "Error:" in line}
                              | {text for cell in prose for text in cell["unevaluated"]})
    report["outside"] = list(outside)
    report["last_cell_run_first"] = early
    report["seconds"] = round(time.monotonic() - started, 1)
    return report


def hover_charts(page) -> tuple[int, list[str]]:
    """Hover a point of each live chart (the middle of its plot where it has none): the tooltips shown,
    and the text of those that run past the chart's edges."""
    shown, outside = 0, []
    for plot in page.locator(".jp-Notebook .js-plotly-plot").all():
        plot.scroll_into_view_if_needed()
        points = plot.locator(".point")
        target = points.nth(points.count() // 2) if points.count() else plot.locator(".nsewdrag").first
        target.hover(force=True)
        tip = plot.locator(".hoverlayer .hovertext").first
        try:
            tip.wait_for(state="attached", timeout=2_000)
        except PlaywrightTimeout:  # a chart with nothing to hover where the mouse is
            continue
        shown += 1
        box, frame = tip.bounding_box(), plot.bounding_box()
        if box["x"] < frame["x"] - 1 or box["x"] + box["width"] > frame["x"] + frame["width"] + 1:
            outside.append(tip.text_content()[:80])
        page.mouse.move(0, 0)
    return shown, outside


def main(book: Path, report_path: Path, chapters: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    with (report_path.parent / "lab.log").open("w") as log:
        server = start_lab(book, port, log)
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                outside: list[str] = []
                page = open_lab(browser, port, outside)
                reports = {}
                for number, name in enumerate(chapters):
                    if number:
                        close_current_notebook(page)
                    reports[name] = check_chapter(page, port, name, outside, first=not number)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    report_path.write_text(json.dumps(reports, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
