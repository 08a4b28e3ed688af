"""Serving the views with Datasette: the project's metadata, config, templates and plugin.

`make_datasette(path)` is what `ledger serve` runs and what the tests query in process. The
file is opened read-only and not immutable, so rows a running `ledger ingest` commits (the
views are in WAL mode) show on the next page load.
"""

from __future__ import annotations

from pathlib import Path

from datasette.app import Datasette
from datasette.database import Database
from datasette.utils import parse_metadata

HERE = Path(__file__).parent
DATABASE = "projections"
"""The name the views are served under, whatever the file is called."""


def make_datasette(path: Path) -> Datasette:
    ds = Datasette(
        metadata=parse_metadata((HERE / "metadata.yml").read_text(encoding="utf-8")),
        config=parse_metadata((HERE / "datasette.yaml").read_text(encoding="utf-8")),
        plugins_dir=str(HERE / "plugins"),
        template_dir=str(HERE / "templates"),
    )
    ds.add_database(Database(ds, path=str(path), is_mutable=True), name=DATABASE)
    ds.remove_database("_memory")  # Datasette adds it when given no files: nothing to see there
    return ds
