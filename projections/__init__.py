"""Read side: views built from the ledger's events, written to SQLite for Datasette.

A view is one module with one class; register it in VIEWS (order matters: a view may read the
tables of the views before it, never write them). Views read domain events and nothing else.
"""

from projections.articles import ArticlesView
from projections.claims import ClaimsView
from projections.timeline import TimelineView

VIEWS = (ArticlesView, ClaimsView, TimelineView)

__all__ = ["VIEWS"]
