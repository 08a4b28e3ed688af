"""Shared fixtures: a fresh ledger folder per test and a way to run the real CLI in-process."""

from __future__ import annotations

import json
import shlex
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ledger.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ledger folder, used through LEDGER_HOME exactly as a user would."""
    home = tmp_path / "ledger-data"
    monkeypatch.setenv("LEDGER_HOME", str(home))
    monkeypatch.delenv("LEDGER_STORE", raising=False)
    return home


@pytest.fixture
def ledger(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `ledger ARGS` through the real entry point; returns exit code, stdout and stderr."""

    def run(args: str | list[str], stdin: bytes | None = None) -> Result:
        argv = shlex.split(args) if isinstance(args, str) else args
        monkeypatch.setattr(sys, "argv", ["ledger", *argv])
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", _Stdin(stdin))
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


class _Stdin:
    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


def rows(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Rows of a real SQLite file, as a test would read them with any SQLite client."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()
