"""The index's charts, drawn on the server by pygal (docs/decisions/0034): SVG without scripts, shown as images."""

from __future__ import annotations

import base64

import pygal
from pygal.style import Style

from .compute import UnitIndex

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#9aa5b1",
    colors=("#0b6bcb", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0f766e"),
    font_family="'Be Vietnam Pro', 'Noto Sans', Arial, sans-serif",
    label_font_size=15,
    major_label_font_size=15,
    value_font_size=15,
    legend_font_size=15,
    title_font_size=17,
)


def _config(chart) -> None:
    chart.truncate_label = -1
    chart.js = []  # no scripts: the site's CSP allows none, and an <img> runs none anyway
    chart.disable_xml_declaration = False
    chart.decimal_separator = ","
    chart.thousands_separator = "."


def as_data_uri(svg: bytes | str) -> str:
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def ranking_chart(ranking: list[UnitIndex], title: str) -> str:
    chart = pygal.HorizontalBar(
        style=STYLE,
        width=720,
        height=max(220, 34 * len(ranking) + 90),
        show_legend=False,
        range=(0, 100),
        print_values=True,
        title=title,
        value_formatter=lambda v: f"{v:.2f}".replace(".", ","),
    )
    _config(chart)
    ordered = list(reversed(ranking))  # pygal draws the first value at the bottom
    chart.x_labels = [f"{r.rank}. {r.unit.short_name or r.unit.name}" for r in ordered]
    chart.add("", [float(r.total) for r in ordered])
    return as_data_uri(chart.render())


def trend_chart(
    labels: list[str], points: list[UnitIndex | None], group_names: list[tuple[str, str]], title: str
) -> str:
    chart = pygal.Line(
        style=STYLE,
        width=720,
        height=380,
        range=(0, 100),
        title=title,
        x_label_rotation=30,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        truncate_legend=-1,
        value_formatter=lambda v: f"{v:.2f}".replace(".", ","),
    )
    _config(chart)
    chart.x_labels = labels
    chart.add(title_total(), [None if p is None else float(p.total) for p in points])
    for code, name in group_names:
        chart.add(
            name,
            [None if p is None else float(next(g.score for g in p.groups if g.group.code == code)) for p in points],
            show_dots=True,
        )
    return as_data_uri(chart.render())


def title_total() -> str:
    from django.utils.translation import gettext as _

    return _("Total")
