"""Charts in the book's house style, rendered offline for HTML and as static images for the PDF."""

from unsigned_peace.charts.matrix import agreement_matrix, coded_matrix, option_matrix
from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.shares import option_share_chart
from unsigned_peace.charts.style import CATEGORY_COLOURS, HOUSE_TEMPLATE
from unsigned_peace.charts.timeline import event_timeline
from unsigned_peace.charts.yearly import yearly_counts

__all__ = ["CATEGORY_COLOURS", "Chart", "HOUSE_TEMPLATE", "agreement_matrix", "coded_matrix", "event_timeline",
           "option_matrix", "option_share_chart", "yearly_counts"]
