"""Charts in the book's house style: each function returns a `Chart` (see render.py).

Names are imported when first used, so a notebook that draws one kind of chart loads only that
module, and the book's build knows which chart modules each notebook's outputs depend on.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unsigned_peace.charts.administration import administration_chart
    from unsigned_peace.charts.area_figures import area_figures_chart
    from unsigned_peace.charts.island_map import habomai_map, island_map
    from unsigned_peace.charts.matrix import agreement_matrix, coded_matrix, option_matrix
    from unsigned_peace.charts.render import Chart
    from unsigned_peace.charts.scenario_shares import scenario_shares_chart
    from unsigned_peace.charts.shares import option_share_chart
    from unsigned_peace.charts.style import CATEGORY_COLOURS, HOUSE_TEMPLATE
    from unsigned_peace.charts.timeline import event_timeline
    from unsigned_peace.charts.yearly import yearly_counts

_HOMES = {
    "administration_chart": "administration", "area_figures_chart": "area_figures", "island_map": "island_map",
    "habomai_map": "island_map",
    "agreement_matrix": "matrix", "coded_matrix": "matrix", "option_matrix": "matrix", "Chart": "render",
    "scenario_shares_chart": "scenario_shares", "option_share_chart": "shares", "CATEGORY_COLOURS": "style",
    "HOUSE_TEMPLATE": "style", "event_timeline": "timeline", "yearly_counts": "yearly",
}
__all__ = [
    "CATEGORY_COLOURS", "HOUSE_TEMPLATE", "Chart", "administration_chart", "agreement_matrix", "area_figures_chart",
    "coded_matrix", "event_timeline", "habomai_map", "island_map", "option_matrix", "option_share_chart",
    "scenario_shares_chart", "yearly_counts",
]


def __getattr__(name: str):
    if name in _HOMES:
        module = importlib.import_module(f"unsigned_peace.charts.{_HOMES[name]}")
        # Every name the module holds is kept here, so that a module of the same name (island_map), which
        # importing it sets on this package, cannot take the place of the function named after it.
        for other, home in _HOMES.items():
            if home == _HOMES[name]:
                globals()[other] = getattr(module, other)
        return globals()[name]
    raise AttributeError(f"module 'unsigned_peace.charts' has no attribute {name!r}")
