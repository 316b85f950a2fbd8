"""Charts in the book's house style, rendered offline for HTML and as static images for the PDF."""

from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.style import CATEGORY_COLOURS, HOUSE_TEMPLATE
from unsigned_peace.charts.timeline import event_timeline

__all__ = ["CATEGORY_COLOURS", "Chart", "HOUSE_TEMPLATE", "event_timeline"]
