"""What a reader on a phone meets on each chapter page with charts, for the benchmark (scripts/bench.py).

Playwright drives Debian's Chromium as a phone (412 x 823 CSS pixels, touch, its processor slowed 4x
through the DevTools protocol), the built book served over local HTTP uncompressed. On each page:

1. Pictures before input: each chart card is scrolled into view by the page's own scrolling, no pointer,
   touch or key, and counted when its picture (`.up-chart-picture img`) has loaded; once with
   JavaScript on and once with it off.
2. Reading: the page scrolled to its end in steps (300 px every 150 ms), long tasks collected from the
   page's opening on; total blocking time is the sum of each one's time past 50 ms. And whether
   plotly.js was fetched (reading alone must not fetch it). Each page is read five times, each time
   in a fresh tab: one reading of a page varies by a factor of two or more on a busy machine (a
   Japanese chronology read six times: 46 to 317 ms), so the page's figure is the median, as
   Lighthouse's own guidance does with its runs, and every reading's figure is kept beside it. Three
   readings were too few: the Russian chronology's median came out at 89, 126 and 206 ms the same day.
3. A tap on the first chart's picture: its interaction to next paint (the longest of the tap's
   pointerdown, pointerup and click, from the Event Timing API) and the time from the tap until the
   card says its interactive chart is drawn (`data-up-state="drawn"`). Three taps, each in a fresh tab,
   their medians the page's figures (one tap on the Japanese chronology took 3.0 s; four more, 1.8 to
   2.1 s), every tap's time kept beside them.

Time is read inside the page (performance.now, event time stamps), so it is the slowed phone's time.
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

from bench_lighthouse import PlainHandler, serving

from unsigned_peace.machinery.checks.links import html_pages

CHROMIUM = "/usr/bin/chromium"
# Quiet: no attempt to reach the network (toolchain notes, "Browsers").
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 2.625, "is_mobile": True,
         "has_touch": True}
CPU_SLOWDOWN = 4
SCROLL_STEP_PX, SCROLL_PAUSE_MS = 300, 150
READINGS = 5
TAPS = 3
PICTURE_WAIT_S = 5.0
DRAWN_WAIT_MS = 30_000
TARGETS = {"tbt_ms": 200, "inp_ms": 200, "interactive_ms": 2500}

# Installed before any script of the page: what the page measures about itself.
OBSERVERS = """
window.__upLongTasks = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) window.__upLongTasks.push({start: task.startTime, duration: task.duration});
}).observe({type: "longtask", buffered: true});
window.__upEvents = [];
new PerformanceObserver((list) => {
  for (const event of list.getEntries()) {
    window.__upEvents.push({name: event.name, start: event.startTime, duration: event.duration,
                            interaction: event.interactionId});
  }
}).observe({type: "event", durationThreshold: 16, buffered: true});
addEventListener("pointerdown", (event) => { window.__upTapAt ??= event.timeStamp; }, true);
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target.dataset.upState === "drawn" || change.target.dataset.upState === "failed") {
      window.__upSettled ??= {state: change.target.dataset.upState, at: performance.now()};
    }
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-up-state"]});
"""
PICTURE = ".up-chart-picture img"
CHART_CARD = re.compile(r'class="(?:[^"]*\s)?up-chart(?:\s[^"]*)?"')
PICTURE_LOADED = "image => image.complete && image.naturalWidth > 0"


def chart_pages(html_root: Path) -> list[str]:
    return [path.relative_to(html_root).as_posix() for path in html_pages(html_root)
            if CHART_CARD.search(path.read_text(encoding="utf-8"))]


def phone_page(browser, javascript: bool = True):
    context = browser.new_context(**PHONE, java_script_enabled=javascript)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return context, page


def pictures_before_input(browser, url: str, javascript: bool) -> tuple[int, int]:
    """(charts whose picture loaded once scrolled into view without input, charts on the page)."""
    context, page = phone_page(browser, javascript)
    try:
        page.goto(url, wait_until="load")
        cards = page.locator(".up-chart")
        painted = 0
        for index in range(cards.count()):
            card = cards.nth(index)
            # The element's own scrolling, as a script (or a link to the card) scrolls: no input event.
            card.evaluate("card => card.scrollIntoView({block: 'center'})")
            picture = card.locator(PICTURE)
            deadline = time.monotonic() + PICTURE_WAIT_S
            while picture.count():
                if picture.first.evaluate(PICTURE_LOADED):
                    painted += 1
                    break
                if time.monotonic() > deadline:
                    break
                time.sleep(0.05)
        return painted, cards.count()
    finally:
        context.close()


def blocking_time(tasks: list[dict]) -> int:
    return round(sum(max(0.0, task["duration"] - 50) for task in tasks))


def reading(browser, url: str) -> dict:
    """Long tasks from the page's opening to the end of reading it, and whether plotly.js was fetched."""
    context, page = phone_page(browser)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    try:
        page.add_init_script(OBSERVERS)
        page.goto(url, wait_until="load")
        opened_at = page.evaluate("performance.now()")
        while page.evaluate("scrollY + innerHeight < document.documentElement.scrollHeight - 1"):
            before = page.evaluate("scrollY")
            page.evaluate(f"window.scrollBy(0, {SCROLL_STEP_PX})")
            page.wait_for_timeout(SCROLL_PAUSE_MS)
            if page.evaluate("scrollY") == before:
                break
        page.wait_for_timeout(1000)
        tasks = page.evaluate("window.__upLongTasks")
        return {"tbt_ms": blocking_time(tasks),
                "tbt_after_load_ms": blocking_time([task for task in tasks if task["start"] >= opened_at]),
                "longest_task_ms": round(max((task["duration"] for task in tasks), default=0)),
                "plotly_fetched": any("plotly" in address.rsplit("/", 1)[-1] for address in fetched)}
    finally:
        context.close()


def readings_combined(readings: list[dict]) -> dict:
    """A page's readings as one: the median of each blocking time, every reading's beside it, the longest
    task of any, and whether any fetched plotly.js."""
    return {"tbt_ms": round(statistics.median(reading["tbt_ms"] for reading in readings)),
            "tbt_readings_ms": [reading["tbt_ms"] for reading in readings],
            "tbt_after_load_ms": round(statistics.median(reading["tbt_after_load_ms"] for reading in readings)),
            "longest_task_ms": max(reading["longest_task_ms"] for reading in readings),
            "plotly_fetched": any(reading["plotly_fetched"] for reading in readings)}


def tap_first_chart(browser, url: str) -> dict:
    """The tap's interaction to next paint and the time from the tap until the chart is interactive."""
    context, page = phone_page(browser)
    try:
        page.add_init_script(OBSERVERS)
        page.goto(url, wait_until="load")
        picture = page.locator(".up-chart .up-chart-picture").first
        picture.evaluate("picture => picture.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(1000)
        picture.tap()
        page.wait_for_function("() => window.__upSettled", timeout=DRAWN_WAIT_MS)
        # Event Timing reports an interaction once the frame after it is presented.
        page.wait_for_timeout(500)
        tapped_at, settled = page.evaluate("window.__upTapAt"), page.evaluate("window.__upSettled")
        events = page.evaluate("window.__upEvents")
        tap = [event["duration"] for event in events if event["interaction"]
               and event["name"] in ("pointerdown", "pointerup", "click") and event["start"] >= tapped_at - 1]
        return {"inp_ms": round(max(tap)) if tap else None, "state": settled["state"],
                "interactive_ms": round(settled["at"] - tapped_at)}
    finally:
        context.close()


def taps_combined(taps: list[dict]) -> dict:
    """A page's taps as one: the median of each measure (an interaction under Event Timing's 16 ms counts as
    0), every tap's time until interactive beside it, and "drawn" only if every tap's chart was drawn."""
    inps = [tap["inp_ms"] or 0 for tap in taps]
    median_inp = round(statistics.median(inps))
    failed = [tap["state"] for tap in taps if tap["state"] != "drawn"]
    return {"inp_ms": median_inp or None, "state": failed[0] if failed else "drawn",
            "interactive_ms": round(statistics.median(tap["interactive_ms"] for tap in taps)),
            "interactive_taps_ms": [tap["interactive_ms"] for tap in taps]}


def measure(html_root: Path) -> dict:
    """Every chapter page with charts measured as above, and the worst of each measure across them."""
    from playwright.sync_api import sync_playwright

    pages = []
    with serving(html_root, PlainHandler) as base, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for relative in chart_pages(html_root):
                url = base + relative
                painted, charts = pictures_before_input(browser, url, javascript=True)
                painted_without_js, _ = pictures_before_input(browser, url, javascript=False)
                pages.append({"page": relative, "charts": charts, "pictures_painted": painted,
                              "pictures_painted_without_js": painted_without_js,
                              **readings_combined([reading(browser, url) for _ in range(READINGS)]),
                              **taps_combined([tap_first_chart(browser, url) for _ in range(TAPS)])})
        finally:
            browser.close()
    inps = [page["inp_ms"] for page in pages if page["inp_ms"] is not None]
    worst = {
        "all_pictures_painted": all(page["pictures_painted"] == page["charts"] for page in pages),
        "all_pictures_painted_without_js": all(page["pictures_painted_without_js"] == page["charts"]
                                               for page in pages),
        "tbt_ms": max(page["tbt_ms"] for page in pages),
        "tbt_single_reading_ms": max(max(page.get("tbt_readings_ms") or [page["tbt_ms"]]) for page in pages),
        "plotly_fetched_while_reading": any(page["plotly_fetched"] for page in pages),
        "inp_ms": max(inps) if inps else None,
        "interactive_ms": max(page["interactive_ms"] for page in pages),
        "all_drawn": all(page["state"] == "drawn" for page in pages),
    }
    return {"cpu_slowdown": CPU_SLOWDOWN, "viewport": PHONE["viewport"], "pages": pages, "worst": worst}


def _milliseconds(value: int | None) -> str:
    # Event Timing reports only events of 16 ms or more.
    return "< 16 ms" if value is None else f"{value:,} ms"


def _median_and_each(page: dict, median: str, each: str) -> str:
    """The page's median (`median`, in ms) with each measurement it was taken from (`each`) in brackets."""
    values = page.get(each)
    listed = f" ({', '.join(f'{value:,}' for value in values)})" if values else ""
    return f"{page[median]:,} ms{listed}"


def _met(value, target) -> str:
    return "met" if value is not None and value <= target else "not met"


def to_markdown(result: dict) -> list[str]:
    lines = ["", f"A reader on a phone ({result['viewport']['width']}x{result['viewport']['height']}, "
             f"processor slowed {result['cpu_slowdown']}x, served uncompressed): chart pictures painted before "
             "any input (JavaScript on / off), total blocking time from opening the page to the end of reading "
             f"it (the median of {READINGS} readings, each reading's in brackets), whether reading fetched plotly.js, "
             f"then a tap on the first chart's picture: its interaction to next paint and the time until the chart "
             f"is interactive (the medians of {TAPS} taps, each tap's time in brackets):", "",
             "| page | pictures painted before input | TBT reading | plotly.js while reading | tap INP | "
             "tap to interactive |", "| --- | ---: | ---: | --- | ---: | ---: |"]
    for page in result["pages"]:
        reading = _median_and_each(page, "tbt_ms", "tbt_readings_ms")
        tap = _median_and_each(page, "interactive_ms", "interactive_taps_ms")
        lines.append(f"| {page['page']} | {page['pictures_painted']}/{page['charts']} / "
                     f"{page['pictures_painted_without_js']}/{page['charts']} | {reading} | "
                     f"{'fetched' if page['plotly_fetched'] else 'not fetched'} | {_milliseconds(page['inp_ms'])} | "
                     f"{tap}{'' if page['state'] == 'drawn' else ' (' + page['state'] + ')'} |")
    worst = result["worst"]
    lines += ["", "Worst across these pages, against the targets:", "",
              "| measure | worst | target |", "| --- | ---: | ---: |",
              f"| pictures painted before input, JavaScript on / off | "
              f"{'all' if worst['all_pictures_painted'] else 'not all'} / "
              f"{'all' if worst['all_pictures_painted_without_js'] else 'not all'} | all: "
              f"{_met(0 if worst['all_pictures_painted'] and worst['all_pictures_painted_without_js'] else 1, 0)} |",
              f"| total blocking time, opening and reading a page (median of {READINGS} readings) | "
              f"{worst['tbt_ms']:,} ms | ≤ {TARGETS['tbt_ms']} ms: {_met(worst['tbt_ms'], TARGETS['tbt_ms'])} |",
              f"| total blocking time, the longest single reading | "
              f"{worst.get('tbt_single_reading_ms', worst['tbt_ms']):,} ms | |",
              f"| plotly.js fetched while reading | {'yes' if worst['plotly_fetched_while_reading'] else 'no'} | "
              f"no: {'not met' if worst['plotly_fetched_while_reading'] else 'met'} |",
              f"| tap on a chart: interaction to next paint (median of {TAPS} taps) | "
              f"{_milliseconds(worst['inp_ms'])} | "
              f"≤ {TARGETS['inp_ms']} ms: {_met(worst['inp_ms'] or 0, TARGETS['inp_ms'])} |",
              f"| tap on a chart: until the interactive chart is drawn (median of {TAPS} taps) | "
              f"{worst['interactive_ms']:,} ms | "
              f"≤ {TARGETS['interactive_ms'] / 1000:.1f} s: "
              f"{_met(worst['interactive_ms'] if worst['all_drawn'] else None, TARGETS['interactive_ms'])} |"]
    return lines
