"""How much of the four islands each option would hand over, leave open or leave Russian."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from unsigned_peace.charts.matrix import OPTION_LOOKS
from unsigned_peace.charts.render import Chart
from unsigned_peace.charts.style import LEGEND_CHARS, PHONE_FONT_PX, phone_category_labels, wrap_label
from unsigned_peace.escape import for_plotly
from unsigned_peace.messages import N_, _
from unsigned_peace.numbers import percent, whole
from unsigned_peace.outlook import GROUPS

GROUP_COLOURS = {"to Japan": OPTION_LOOKS["japan"][0], "open": OPTION_LOOKS["negotiation"][0],
                 "Russian": OPTION_LOOKS["russia"][0]}
GROUP_LABELS = {"to Japan": N_("To Japan (or handed over)"), "open": N_("Left open (negotiation or joint activity)"),
                "Russian": N_("Stays Russian")}
MEASURES = {"area": (N_("Area"), N_("km²")), "population 1945": (N_("Japanese residents in August 1945"), N_("people"))}
LABEL_CHARS = 24
# On a phone (drawn to the screen's width, `Chart.phone_layout`) the options' names wrap at this many
# columns, onto at most the lines a bar's row holds (shortened past them), in smaller type, so that the
# bars keep most of the width.
NARROW_LABEL_CHARS = 18
NARROW_LABEL_LINES = 3
# ... and each panel's title, which starts where the bars do, wraps at this many columns.
NARROW_TITLE_CHARS = 30


def option_share_chart(shares: pd.DataFrame, *, alt: str, source: str) -> Chart:
    """Stacked bars per option: share of the four islands' area and of their 1945 Japanese population.

    `shares` is `unsigned_peace.outlook.option_shares(...)`; options are drawn top to bottom in its order,
    in one panel per measure, one above the other.
    """
    figure = make_subplots(rows=len(MEASURES), cols=1, shared_xaxes=True, vertical_spacing=0.12,
                           subplot_titles=[_(title) for title, _unit in MEASURES.values()])
    names = [wrap_label(n, LABEL_CHARS) for n in shares["name"]]
    for panel, (measure, (_title, unit)) in enumerate(MEASURES.items(), start=1):
        for group in GROUPS:
            figure.add_trace(go.Bar(
                y=names, x=shares[f"{measure} share {group}"] * 100, orientation="h",
                name=wrap_label(_(GROUP_LABELS[group]), LEGEND_CHARS), legendgroup=group, showlegend=panel == 1,
                marker=dict(color=GROUP_COLOURS[group], line=dict(color="white", width=1)),
                customdata=[_hover(row, measure, group, unit) for _, row in shares.iterrows()],
                hovertemplate="%{customdata}<extra></extra>",
            ), row=panel, col=1)
        figure.update_xaxes(range=[0, 100], ticksuffix="%", dtick=25, tickangle=0, row=panel, col=1)
    figure.update_xaxes(showticklabels=True)
    figure.update_yaxes(autorange="reversed", tickfont=dict(size=12))
    figure.update_annotations(font=dict(size=14), xanchor="left", x=0, xref="paper")
    figure.update_layout(barmode="stack", bargap=0.3, hovermode="closest", hoverlabel=dict(align="left"),
                         legend=dict(orientation="h", x=0, xanchor="left", yref="paper", y=-0.08, yanchor="top"),
                         margin=dict(t=40, b=20, r=30))
    data = pd.DataFrame({_("Option"): shares["name"]})
    for measure, (title, _unit) in MEASURES.items():
        for group in GROUPS:
            column = _("{measure}: {group} (%)").format(measure=_(title), group=_(GROUP_LABELS[group]).lower())
            data[column] = (shares[f"{measure} share {group}"] * 100).round(1)
    height = max(420, 200 + 2 * 44 * len(shares))
    small = dict(size=PHONE_FONT_PX)
    narrow = [wrap_label(name, NARROW_LABEL_CHARS, NARROW_LABEL_LINES) for name in shares["name"]]
    # The layout's annotations are the panels' titles, in MEASURES' order.
    titles = [{**note, "text": wrap_label(_(title), NARROW_TITLE_CHARS), "font": {**note["font"], "size": 12}}
              for note, (title, _unit) in zip(figure.to_plotly_json()["layout"]["annotations"], MEASURES.values())]
    on_phone: dict = dict(legend=dict(font=small), margin=dict(l=10, r=20), annotations=titles)
    for panel in range(1, len(MEASURES) + 1):
        suffix = "" if panel == 1 else str(panel)
        on_phone[f"yaxis{suffix}"] = phone_category_labels(names, narrow)
        on_phone[f"xaxis{suffix}"] = dict(tickfont=small)
    return Chart(figure=figure, alt=alt, source=source, data=data, height=height, phone_layout=on_phone)


def _hover(row: pd.Series, measure: str, group: str, unit: str) -> str:
    islands = ", ".join(row[f"islands {group}"]) or _("none")
    amount = row[f"{measure} {group}"]
    measured = _("{amount} {unit}, {share} of the four islands").format(
        amount=whole(amount), unit=_(unit), share=percent(row[f"{measure} share {group}"]))
    return (f"<b>{for_plotly(row['name'])}</b><br>{for_plotly(_(GROUP_LABELS[group]))}: {for_plotly(islands)}"
            f"<br>{measured}")
