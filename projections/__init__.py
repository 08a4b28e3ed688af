"""Read side: views built from the ledger's events, written to SQLite for Datasette.

A view is one module with one class; register it in VIEWS (order matters: a view may read the
tables of the views before it, never write them). Views read domain events and nothing else.
"""

from projections.articles import ArticlesView
from projections.claims import ClaimsView
from projections.conflicts import ConflictsView
from projections.conversions import ConversionsView
from projections.events import EventsView
from projections.latest import LatestEstimatesView
from projections.metrics import MetricsView
from projections.search import SearchView
from projections.sources import SourcesView
from projections.statements import StatementsView
from projections.timeline import TimelineView

VIEWS = (
    ArticlesView,
    ClaimsView,
    TimelineView,
    LatestEstimatesView,
    StatementsView,
    ConflictsView,
    ConversionsView,
    SourcesView,
    MetricsView,
    EventsView,
    SearchView,
)

__all__ = ["VIEWS"]
