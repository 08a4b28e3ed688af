"""Claims ledger: an event-sourced record of who said what figure, when, where it was reported."""

__version__ = "0.1.0"
