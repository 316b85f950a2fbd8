"""The output types a displayed `Chart` offers (render.py), named where the book's build can read them
without loading plotly or pandas."""

CHART_MIME = "application/vnd.unsigned-peace.chart+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
