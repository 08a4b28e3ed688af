"""Audits: the seal chain over stored events, signed checkpoints, replay feeds, lineage, archives.

Nothing here knows about terminals; the store recorders (ledger/store) call `seal` as they write,
and the CLI (ledger/cli/audit.py) calls the rest.
"""
