"""The island map's controls in a browser: keyboard steps and zoom on a desktop, a tap on the slider, a
one-finger drag and a pinch on a phone. On a page of the map alone (its HTML as the book writes it, the
book's chart script and plotly.js bundle beside it), so no build is needed."""

import shutil
from pathlib import Path

import pytest

from unsigned_peace import load_data
from unsigned_peace.charts.island_map import LANDS, island_map
from unsigned_peace.machinery.content.charts import ChartPictures, chart_html, live_chart
from unsigned_peace.machinery.html.assets import STATIC, plotly_bundle
from unsigned_peace.map_history import map_steps

SCRIPT = STATIC / "unsigned-peace-charts.js"
DRAWN = "document.querySelector('.up-chart').dataset.upState === 'drawn'"
X_RANGE = "() => document.querySelector('[data-up-chart]')._fullLayout.xaxis.range.slice()"
# The map's area shown, in square degrees: plotly widens one axis to keep the map's proportions.
SHOWN = ("() => { const axes = document.querySelector('[data-up-chart]')._fullLayout;"
         " return (axes.xaxis.range[1] - axes.xaxis.range[0]) * (axes.yaxis.range[1] - axes.yaxis.range[0]); }")
ACTIVE_STEP = "() => document.querySelector('[data-up-chart]').layout.sliders[0].active"


@pytest.fixture(scope="module")
def map_page(tmp_path_factory) -> Path:
    data = load_data()
    steps = map_steps(data.map_steps, data.administration, data.events, LANDS)
    chart = island_map(data.coastline_points, data.map_lines, data.islands, steps, data.map_places,
                       data.map_distances, data.sources, alt="Map of the islands", source="Source: test.")
    folder = tmp_path_factory.mktemp("map")
    shutil.copy(SCRIPT, folder / SCRIPT.name)
    shutil.copy(plotly_bundle(), folder / "plotly.min.js")
    (folder / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    live = live_chart(chart.spec())
    (folder / live.name).write_text(live.script, encoding="utf-8")
    markup = chart_html(chart.spec(), ChartPictures("chart.svg", "chart.svg", live.name, first_on_page=True))
    page = folder / "map.html"
    page.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Map</title>'
                    f'<meta name="viewport" content="width=device-width"></head><body>{markup}'
                    f'<script src="{SCRIPT.name}"></script></body></html>', encoding="utf-8")
    return page


def test_the_keyboard_steps_through_the_history_and_zooms(browser, map_page):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(map_page.as_uri())
    page.focus(".up-chart-picture")
    page.wait_for_function(DRAWN)
    page.focus("[data-up-chart]")
    page.keyboard.press("Home")
    page.wait_for_function(f"({ACTIVE_STEP})() === 0")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"({ACTIVE_STEP})() === 1")
    before = page.evaluate(SHOWN)
    page.keyboard.press("+")
    # The map has answered the key once the area shown changes: then it must have zoomed in.
    page.wait_for_function(f"({SHOWN})() !== {before!r}")
    zoomed = page.evaluate(SHOWN)
    assert zoomed < before / 2
    page.keyboard.press("0")
    page.wait_for_function(f"({SHOWN})() !== {zoomed!r}")
    assert page.evaluate(SHOWN) == pytest.approx(before, rel=0.01)
    page.close()


def test_fingers_step_pan_and_zoom_on_a_phone(browser, map_page):
    context = browser.new_context(viewport={"width": 412, "height": 900}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(map_page.as_uri())
    page.tap(".up-chart-picture")
    page.wait_for_function(DRAWN)
    rail = page.locator(".slider-rail-rect").bounding_box()
    page.touchscreen.tap(rail["x"] + 2, rail["y"] + rail["height"] / 2)
    page.wait_for_function(f"({ACTIVE_STEP})() === 0")
    touch = context.new_cdp_session(page)
    area = page.locator(".nsewdrag").first.bounding_box()
    x, y = area["x"] + area["width"] / 3, area["y"] + area["height"] / 2

    def gesture(moves):
        """Touch, move in ten steps (paced as a finger moves), lift; then wait until the map has moved."""
        before = page.evaluate(X_RANGE)
        touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": moves(0)})
        for step in range(1, 11):
            touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": moves(step)})
            page.wait_for_timeout(20)
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        page.wait_for_function(f"before => {{ const now = ({X_RANGE})(); "
                               "return now[0] !== before[0] || now[1] !== before[1]; }", arg=before)

    start = page.evaluate(X_RANGE)
    # A short drag: panning stops half a degree beyond the frame.
    gesture(lambda step: [{"x": x + 1.5 * step, "y": y}])
    dragged = page.evaluate(X_RANGE)
    assert dragged[0] < start[0] and dragged[1] - dragged[0] == pytest.approx(start[1] - start[0], rel=0.02)
    gesture(lambda step: [{"x": x - 20 - 8 * step, "y": y, "id": 1}, {"x": x + 20 + 8 * step, "y": y, "id": 2}])
    pinched = page.evaluate(X_RANGE)
    assert pinched[1] - pinched[0] < (dragged[1] - dragged[0]) / 2
    context.close()
