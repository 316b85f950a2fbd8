"""Charts in the book's house style, rendered offline for HTML and as static images for the PDF."""

from unsigned_peace.charts.administration import administration_chart
from unsigned_peace.charts.area_figures import area_figures_chart
from unsigned_peace.charts.island_map import island_map
from unsigned_peace.charts.matrix import agreement_matrix, coded_matrix, option_matrix
from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.scenario_shares import scenario_shares_chart
from unsigned_peace.charts.shares import option_share_chart
from unsigned_peace.charts.short_source import short_source_line
from unsigned_peace.charts.style import CATEGORY_COLOURS, HOUSE_TEMPLATE
from unsigned_peace.charts.timeline import event_timeline
from unsigned_peace.charts.yearly import yearly_counts

__all__ = [
    "CATEGORY_COLOURS",
    "Chart",
    "HOUSE_TEMPLATE",
    "administration_chart",
    "agreement_matrix",
    "area_figures_chart",
    "coded_matrix",
    "event_timeline",
    "island_map",
    "option_matrix",
    "option_share_chart",
    "scenario_shares_chart",
    "short_source_line",
    "yearly_counts",
]
