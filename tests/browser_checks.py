"""What a reader's browser must see on each page of the built book, checked in Chromium.

`check_page` opens one page from the book folder as file://, with the network blocked, and reports
everything that went wrong on it. The tests in test_browser.py read the reports on every built page,
made in light and in dark mode by this file run as a script (conftest.py starts it in the background
as soon as the book is built); one test runs it on a deliberately broken page to prove that it reports
the faults.

Usage: python tests/browser_checks.py HTML_ROOT REPORT_JSON
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from unsigned_peace.machinery.checks.links import html_pages

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Headless Chromium as root needs --no-sandbox; the rest stop it from reaching for the network itself.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_FAILING_IMPACTS = ("serious", "critical")
# Light and dark mode differ in colours alone: in dark mode, axe runs only the rules that read colours.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
CHART_TIMEOUT_MS = 15_000
REFRESH = re.compile(r"""<meta[^>]+http-equiv=["']?refresh""", re.I)
TOOLTIP_TIMEOUT_MS = 3_000
# The theme's navigation: none of it belongs on paper. (The page's own printed table of contents,
# #jb-print-toc, is content and stays.)
NAVIGATION = [
    "header.bd-header", ".bd-header-article", ".bd-sidebar-primary", ".bd-sidebar-secondary",
    ".prev-next-area", "footer.bd-footer", ".bd-footer-article", ".search-button-field",
    ".theme-switch-button", "#pst-back-to-top", ".sidebar-toggle", "nav:not(#jb-print-toc nav)",
    ".up-chart .modebar-container",
]


@dataclass
class PageReport:
    page: str
    redirect: str = ""                                       # where a forwarding page (index.html) led
    theme: str = ""
    background: str = ""                                     # the page's background colour
    errors: list[str] = field(default_factory=list)          # console errors and warnings, uncaught errors, dialogs
    outside: list[str] = field(default_factory=list)         # requests that would leave the book folder (blocked)
    local_requests: int = 0                                  # requests for files inside the folder (allowed)
    plotly_before_reader: bool = False                       # plotly.js fetched before the reader reached for a chart
    charts: list[str] = field(default_factory=list)          # ids of the charts on the page
    unpainted: list[str] = field(default_factory=list)       # charts whose picture showed nothing before any input
    undrawn: list[str] = field(default_factory=list)         # charts with no SVG drawn in them
    tooltips: dict[str, str] = field(default_factory=dict)   # chart id -> text of the tooltip shown on hover
    under_toolbar: list[str] = field(default_factory=list)   # a live chart's text under its toolbar
    axe: list[str] = field(default_factory=list)             # serious and critical axe-core violations
    no_alternative: list[str] = field(default_factory=list)  # images and charts without a text alternative
    print_visible: list[str] = field(default_factory=list)   # navigation still shown when printing
    unprinted: list[str] = field(default_factory=list)       # charts whose picture printing would not show
    cards: dict[str, str] = field(default_factory=dict)      # chart id -> colours of its card


def inside(url: str, root: Path) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "file" and Path(url2pathname(parts.path)).resolve().is_relative_to(root)


def check_page(context, html_root: Path, path: Path, *, dark_after: bool = False,
               axe: bool = True) -> PageReport | tuple[PageReport, PageReport]:
    """Open `path` in a new tab of `context` and report every fault a reader would meet on it.

    With `dark_after`, the same tab is then switched to a dark colour scheme, which the theme follows
    as it would for a reader, and checked again for what depends on colours: the console, requests,
    the page and chart-card colours and axe's colour rules. Returns the light and the dark report.
    Without `axe`, axe-core is not run (`axe` stays empty) for a caller that reads none of its findings;
    the disclosure widgets are opened all the same.
    """
    html_root = html_root.resolve()
    name = path.resolve().relative_to(html_root).as_posix()
    reports = [PageReport(page=name)]
    fetched: list[str] = []
    page = context.new_page()

    def route(route) -> None:
        url = route.request.url
        if inside(url, html_root):
            reports[-1].local_requests += 1
            fetched.append(url)
            route.continue_()
        else:
            reports[-1].outside.append(url)
            route.abort()

    def dialog(box) -> None:
        reports[-1].errors.append(f"dialog ({box.type}): {box.message}")
        box.dismiss()

    page.route(re.compile(r".*"), route)
    page.on("console", lambda message: message.type in ("error", "warning")
            and reports[-1].errors.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: reports[-1].errors.append(f"uncaught: {error}"))
    page.on("dialog", dialog)
    try:
        report = reports[0]
        start = path.resolve().as_uri()
        page.goto(start, wait_until="load")
        if REFRESH.search(path.read_text(encoding="utf-8")):
            # A forwarding page: check where it leads, once the browser has followed it. What it leads to
            # is checked as a page of its own; here, only what happens on the way (errors, requests).
            page.wait_for_url(lambda url: url != start, timeout=10_000)
            page.wait_for_load_state("load")
            target = urlsplit(page.url)
            report.redirect = Path(url2pathname(target.path)).resolve().relative_to(html_root).as_posix()
        if not report.redirect:
            # Its errors too: the scripts it fetches once its first screen is drawn have run.
            wait_for_scripts(page)
            # Read to the end, as a reader scrolls, touching nothing: every picture shows, no plotly.js.
            report.unpainted = read_to_the_end(page)
        report.plotly_before_reader = any(url.endswith("/plotly.min.js") for url in fetched)
        if report.redirect:
            _colours(page, report)
            if not dark_after:
                return report
            reports.append(PageReport(page=name, redirect=report.redirect))
            _to_dark(page)
            _colours(page, reports[-1])
            return report, reports[-1]
        _wait_for_charts(page, report)
        _colours(page, report)
        states = page.evaluate("""() => [...document.querySelectorAll('.up-chart')].map(card => ({
            id: card.id, drawn: !!card.querySelector('[data-up-chart] svg.main-svg')}))""")
        report.charts = [state["id"] for state in states]
        report.undrawn = [state["id"] for state in states if not state["drawn"]]
        for chart_id in report.charts:
            report.tooltips[chart_id] = _tooltip(page, chart_id)
            report.under_toolbar += [f"{chart_id}: {text}" for text in page.evaluate(TEXT_UNDER_TOOLBAR_JS, chart_id)]
        report.no_alternative = page.evaluate(MISSING_ALTERNATIVES_JS)
        # Before print is emulated: the theme re-marks scrolling regions 300 ms after the page changes (a chart
        # just drawn), and would judge them by the printed layout if that fell while print was emulated.
        if axe:
            report.axe = run_axe(page)
        else:
            open_disclosures(page)
        page.emulate_media(media="print")
        report.print_visible = page.evaluate(VISIBLE_IN_PRINT_JS, NAVIGATION)
        # Every chart is live by now: print still shows its picture, and not the live chart.
        report.unprinted = page.evaluate("""() => [...document.querySelectorAll('.up-chart')].filter(card =>
            !card.querySelector('.up-chart-picture img').checkVisibility()
            || card.querySelector('[data-up-chart]').checkVisibility()).map(card => card.id)""")
        page.emulate_media(media="screen")
        if not dark_after:
            return report
        dark = PageReport(page=name, redirect=report.redirect, charts=report.charts)
        reports.append(dark)
        _to_dark(page)
        _colours(page, dark)
        if axe:
            dark.axe = run_axe(page, AXE_COLOUR_RULES)
        return report, dark
    finally:
        page.close()


def _to_dark(page) -> None:
    """Switch the page to a dark colour scheme, as a reader's system would, once the theme follows."""
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'", timeout=5_000)


def _colours(page, report: PageReport) -> None:
    report.theme = page.evaluate("document.documentElement.dataset.theme || ''")
    report.background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    report.cards = {card["id"]: card for card in page.evaluate(CARD_COLOURS_JS)}


def read_to_the_end(page) -> list[str]:
    """Scroll each chart into view with no pointer, touch or key (a reader reading), wait for its picture,
    and return the ids of the charts whose picture painted nothing: no image, or a blank one."""
    page.evaluate("""async () => {
        for (const image of document.querySelectorAll('.up-chart-picture img')) {
            image.scrollIntoView({block: 'center', behavior: 'instant'});
            if (!image.complete) await new Promise(resolve => {
                image.addEventListener('load', resolve, {once: true});
                image.addEventListener('error', resolve, {once: true});
            });
        }
        window.scrollTo({top: 0, left: 0, behavior: 'instant'});
    }""")
    unpainted = []
    for card in page.locator(".up-chart").all():
        chart_id = card.get_attribute("id")
        image = card.locator(".up-chart-picture img")
        if image.count() == 0 or not image.evaluate("img => img.complete && img.naturalWidth > 0"):
            unpainted.append(chart_id)
        elif not painted(image.screenshot(animations="disabled")):
            unpainted.append(chart_id)
    return unpainted


def painted(png: bytes) -> bool:
    """Whether a screenshot of a picture shows a chart: enough pixels far from the card's white."""
    import io

    from PIL import Image

    counts = Image.open(io.BytesIO(png)).convert("L").histogram()
    return sum(counts[:200]) > sum(counts) // 200


def draw_every_chart(page, timeout_ms: int = CHART_TIMEOUT_MS) -> None:
    """Reach for each chart as a reader does (scroll to it, tap its picture) and wait until it is live (or
    has failed); then back to the top of the page."""
    page.evaluate("""async (timeout) => {
        const settled = card => card.dataset.upState === 'drawn' || card.dataset.upState === 'failed';
        const start = Date.now();
        for (const card of document.querySelectorAll('.up-chart')) {
            card.scrollIntoView({block: 'center', behavior: 'instant'});
            card.querySelector('.up-chart-picture').click();
            while (!settled(card)) {
                if (Date.now() - start > timeout) throw new Error('chart ' + card.id + ' not drawn');
                await new Promise(resolve => setTimeout(resolve, 25));
            }
        }
        window.scrollTo({top: 0, left: 0, behavior: 'instant'});  // not smoothly: axe must not run mid-scroll
    }""", timeout_ms)


def _wait_for_charts(page, report: PageReport) -> None:
    try:
        draw_every_chart(page)
    except Exception as error:
        report.errors.append(f"charts did not finish drawing in {CHART_TIMEOUT_MS} ms: {error}")


# The chart's own text (legend, labels, ticks: not the tooltip) that the toolbar, shown while the pointer is
# on the chart, would cover.
TEXT_UNDER_TOOLBAR_JS = """(id) => {
    const plot = document.querySelector('#' + id + ' [data-up-chart]'), bar = plot.querySelector('.modebar');
    if (!bar) return [];
    const b = bar.getBoundingClientRect();
    return [...plot.querySelectorAll('svg text')].filter(text => !text.closest('.hoverlayer')).filter(text => {
        const r = text.getBoundingClientRect();
        return r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
    }).map(text => text.textContent);
}"""


def _tooltip(page, chart_id: str) -> str:
    """Hover the first data point of a chart, as a reader would, and return the tooltip's text."""
    plot = page.locator(f"#{chart_id} [data-up-chart]")
    point = plot.locator(".point").first
    # Markers and bars are drawn as points; a heatmap has none: hover over its cells on the plot area.
    targets = [(point, None)] if point.count() else [
        (plot.locator(".nsewdrag").first, {"x": fx, "y": fy}) for fx, fy in ((0.5, 0.5), (0.25, 0.25), (0.75, 0.75))]
    for target, fraction in targets:
        if target.count() == 0:
            continue
        try:
            position = None
            if fraction is not None:
                box = target.bounding_box()
                position = {"x": box["width"] * fraction["x"], "y": box["height"] * fraction["y"]}
            target.hover(force=True, timeout=TOOLTIP_TIMEOUT_MS, position=position)
            label = plot.locator(".hoverlayer .hovertext").first
            label.wait_for(timeout=TOOLTIP_TIMEOUT_MS)
            return label.text_content() or ""
        except Exception:
            continue
        finally:
            page.mouse.move(0, 0)
    return ""


def open_disclosures(page) -> None:
    """Open every disclosure widget, and let colour transitions and animations settle: mid-transition
    colours are not what a reader sees, and axe would measure their contrast."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.evaluate("""async () => {
        await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const finite = document.getAnimations().filter(a => isFinite(a.effect.getComputedTiming().endTime));
        await Promise.all(finite.map(animation => animation.finished.catch(() => null)));
    }""")


def run_axe(page, rules: list[str] | None = None) -> list[str]:
    """axe-core's serious and critical violations (of `rules`, or all), with every disclosure widget opened first."""
    open_disclosures(page)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async ([impacts, rules]) => {
        // preload: false - axe would fetch every style sheet again with XMLHttpRequest, which Chromium
        // refuses over file:// (a console error the page did not cause); only css-orientation-lock uses it.
        const options = {resultTypes: ['violations'], preload: false};
        if (rules) options.runOnly = {type: 'rule', values: rules};
        const result = await axe.run(document, options);
        return result.violations.filter(v => impacts.includes(v.impact)).map(v =>
            `${v.impact} ${v.id} (${v.help}): ` + v.nodes.map(n => n.target.join(' ')).join(' | '));
    }""", [list(AXE_FAILING_IMPACTS), rules])
    return violations


SCRIPTS_RAN_JS = ("() => !document.querySelector('script[data-up-src]') "
                  "|| document.documentElement.dataset.upScripts === 'ready'")


def wait_for_scripts(page, timeout: int = 30_000) -> None:
    """Wait for the page's signal that the script files it fetches after its first screen have run
    (templates/layout.html): the theme's buttons and its keyboard stops work from then on."""
    page.wait_for_function(SCRIPTS_RAN_JS, timeout=timeout)


MISSING_ALTERNATIVES_JS = """() => {
    const missing = [];
    document.querySelectorAll('img').forEach(img => {
        const hidden = img.closest('[aria-hidden="true"]');
        if (!hidden && !(img.getAttribute('alt') || '').trim())
            missing.push('image without alt text: ' + img.getAttribute('src'));
    });
    document.querySelectorAll('.up-chart').forEach(card => {
        const plot = card.querySelector('[data-up-chart]');
        if (!plot || !(plot.getAttribute('aria-label') || '').trim())
            missing.push(card.id + ': chart without alt text');
        // Its own table, or a link to the table further down the page that holds its rows.
        const link = card.querySelector('.up-chart-data a[href^="#"]');
        const linked = link && document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
        const rows = card.querySelectorAll('details table tbody tr').length
            + (linked ? linked.querySelectorAll('tbody tr').length : 0);
        const summary = (card.querySelector('.up-chart-summary') || {textContent: ''}).textContent.trim();
        if (!rows && !summary) missing.push(card.id + ': chart with neither its data table nor a summary beside it');
    });
    return missing;
}"""

VISIBLE_IN_PRINT_JS = """(selectors) => selectors.flatMap(selector =>
    [...document.querySelectorAll(selector)]
        .filter(element => element.checkVisibility({visibilityProperty: true, opacityProperty: true}))
        .map(element => selector + ' ' + (element.id ? '#' + element.id : element.className)))
    .concat(document.querySelector('main').checkVisibility() ? [] : ['(the page content itself is hidden)'])"""

CARD_COLOURS_JS = """() => [...document.querySelectorAll('.up-chart')].map(card => {
    const paper = card.querySelector('svg.main-svg');
    return {id: card.id, card: getComputedStyle(card).backgroundColor, text: getComputedStyle(card).color,
            paper: paper ? getComputedStyle(paper).backgroundColor : ''};
})"""


def parse_colour(css: str) -> tuple[float, float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    if len(values) == 3:
        values.append(1.0)
    if len(values) != 4:
        raise ValueError(f"not an rgb() colour: {css!r}")
    return values[0], values[1], values[2], values[3]


def luminance(css: str) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue, _alpha = parse_colour(css)
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def new_context(browser, mode: str):
    # offline=True: the browser itself has no network; the route in check_page also blocks and records.
    return browser.new_context(color_scheme=mode, offline=True, viewport={"width": 1280, "height": 900},
                               accept_downloads=True)


def check_book(html_root: Path) -> dict[str, list[dict]]:
    """Every page in light mode (every check), then in dark mode (what depends on colours)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = new_context(browser, "light")
        pairs = [check_page(context, html_root, page, dark_after=True) for page in html_pages(html_root)]
        context.close()
        browser.close()
    return {"light": [asdict(light) for light, _ in pairs], "dark": [asdict(dark) for _, dark in pairs]}


if __name__ == "__main__":
    if not AXE.is_file():
        sys.exit("axe-core is missing: run scripts/setup.sh (it runs npm ci)")
    root, output = Path(sys.argv[1]), Path(sys.argv[2])
    output.write_text(json.dumps(check_book(root), ensure_ascii=False, indent=1), encoding="utf-8")
