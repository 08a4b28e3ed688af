"""The project's Datasette plugin: growth charts, readable figures, highlighted quotes, links.

- `/-/growth` lists the metrics with a timeline; `/-/growth?metric=KEY` draws one as a step chart
  (server-rendered SVG, projections.datasette.chart) with each point linked to its claim, and
  lists the points with their quotes. A part of a key is enough when only one metric matches.
- Figures show with thousands separators; the figure inside each quote is highlighted.
- Claim ids link to their claim; the points of each metric in `metrics` link to its chart.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from datasette import hookimpl
from datasette.resources import TableResource
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from projections.datasette import DATABASE
from projections.datasette.chart import ChartPoint, step_chart
from projections.figures import figure, figure_spans, first_number, number

NUMBERS = {
    "value", "low", "high", "figure", "converted", "base", "ratio", "change_from_previous",
    "rate_per_month", "latest_value", "lower_bound", "upper_bound",
}  # fmt: skip
QUOTES = {
    "quote": ("value", "low", "high", "figure", "converted"),
    "base_quote": ("base",),
    "quote_a": ("figure_a",),
    "quote_b": ("figure_b",),
}
"""Quote columns, and the columns that hold the figure to highlight in them."""
CLAIM_LINKS = {
    "claim_id", "claim_id_a", "claim_id_b", "base_claim_id", "converts_claim_id",
    "statement_id", "latest_claim_id",
}  # fmt: skip

CHART_TABLES = ("timeline", "claims", "metrics")
"""What the chart page reads: who may not view one of them may not view the chart."""
POINTS_SQL = """
SELECT t.sequence, t.date, t.date_basis, t.day, t.value, t.low, t.high, t.qualifier,
       c.qualifier_text, c.unit, t.claimant, t.outlet, t.claim_id, t.falls, c.quote
FROM timeline t JOIN claims c ON c.claim_id = t.claim_id
WHERE t.metric_key = :metric ORDER BY t.sequence
"""
METRICS_SQL = """
SELECT metric_key, metric, points, first_date, last_date, latest_value FROM metrics
WHERE points > 0 AND metric_key LIKE '%' || :part || '%' ORDER BY points DESC, metric_key
"""


def _get(row: Any, column: str) -> Any:
    try:
        return row[column]
    except (KeyError, IndexError):
        return None


def highlight(quote: str, target: float | None) -> Markup | None:
    """The quote as HTML with every writing of the target figure in <mark>."""
    spans = figure_spans(quote, target)
    if not spans:
        return None
    parts, at = [], 0
    for start, end in spans:
        parts += [escape(quote[at:start]), Markup("<mark>"), escape(quote[start:end])]
        parts.append(Markup("</mark>"))
        at = end
    parts.append(escape(quote[at:]))
    return Markup("").join(parts)


def _target(row: Any, columns: tuple[str, ...]) -> float | None:
    for column in columns:
        value = _get(row, column)
        if isinstance(value, str):
            value = first_number(value)
        if isinstance(value, (int, float)):
            return float(value)
    return None


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette):
    if database != DATABASE or value is None:
        return None
    if column in NUMBERS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    if column in QUOTES and isinstance(value, str):
        return highlight(value, _target(row, QUOTES[column]))
    if column in CLAIM_LINKS and isinstance(value, str) and not (table == "claims" == column[:6]):
        href = datasette.urls.row(DATABASE, "claims", value)
        return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')
    if column == "points" and table == "metrics" and value:
        href = datasette.urls.path(f"/-/growth?metric={quote(row['metric_key'], safe='')}")
        return Markup(f'<a href="{escape(href)}">{value} (chart)</a>')
    return None


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/growth"), "label": "Growth charts"}]


@hookimpl
def extra_template_vars(datasette):
    async def about() -> dict[str, Any]:
        return {"ledger_about": await datasette.get_instance_metadata()}

    return about


@hookimpl
def register_routes():
    return [(r"^/-/growth$", growth)]


async def growth(datasette, request) -> Response:
    """A metric's step chart and points, or the list of metrics to choose from."""
    for table in CHART_TABLES:  # a route of our own: Datasette checks nothing for it
        await datasette.ensure_permission(
            action="view-table", resource=TableResource(DATABASE, table), actor=request.actor
        )
    db = datasette.get_database(DATABASE)
    asked = request.args.get("metric", "").strip()
    metrics = [dict(r) for r in await db.execute(METRICS_SQL, {"part": asked})]
    exact = [m for m in metrics if m["metric_key"] == asked]
    chosen = exact or (metrics if asked and len(metrics) == 1 else [])
    context: dict[str, Any] = {"asked": asked, "metrics": metrics, "metric": None}
    status = 200 if metrics else 404
    if chosen:
        key = chosen[0]["metric_key"]
        rows = [dict(r) for r in await db.execute(POINTS_SQL, {"metric": key})]
        points = [_point(datasette, r) for r in rows]
        chart = [
            ChartPoint(r["day"], _figure_value(r), p["label"], p["href"], p["title"], r["falls"])
            for r, p in zip(rows, points, strict=True)
            if r["day"] is not None
        ]
        context.update(metric=chosen[0], points=points, svg=Markup(step_chart(chart)))
    html = await datasette.render_template("growth.html", context, request=request)
    return Response.html(html, status=status)


def _figure_value(row: dict[str, Any]) -> float:
    return next(row[k] for k in ("value", "low", "high") if row[k] is not None)


def _point(datasette, row: dict[str, Any]) -> dict[str, Any]:
    label = figure(row)
    who = ", ".join(x for x in (row["claimant"], row["outlet"]) if x)
    return {
        **row,
        "label": label,
        "href": datasette.urls.row(DATABASE, "claims", row["claim_id"]),
        "title": f"{label} {row['unit']} on {row['date'] or 'no date'}"
        + (" (the page banner's date)" if row["date_basis"] == "page banner" else "")
        + (f" ({who})" if who else ""),
        "quote_html": highlight(row["quote"], _figure_value(row)) or row["quote"],
    }
