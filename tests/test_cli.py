"""The command line as a contract: documented commands, usage errors exit 2, quiet when piped."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer.main

from conftest import ROOT, SEEDS
from ledger.cli import app

COMMANDS = [
    "ingest", "extract", "append estimate", "correct", "retract", "review", "project",
    "claims", "timeline", "history", "stats", "serve", "why", "export", "import",
    "audit verify", "audit checkpoint", "audit key",
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_documented_options(ledger, command):
    result = ledger(f"{command} --help")
    assert result.code == 0
    assert "Example: ledger " in result.out
    click_command = typer.main.get_command(app)
    for part in command.split():
        click_command = click_command.commands[part]
    for param in click_command.params:
        assert param.help, f"{command}: {param.name} has no help text"


@pytest.mark.parametrize(
    "args", ["no-such-command", "ingest", "extract --format xml seeds", "timeline --bogus"]
)
def test_usage_errors_exit_2(ledger, args):
    assert ledger(args).code == 2


def test_extract_prints_claims_and_appends_nothing(ledger, home):
    result = ledger(f"extract {SEEDS / '001_c3a94487a645cb72.txt'} --format jsonl")
    assert result.code == 0, result.err
    lines = [line for line in result.out.splitlines() if line.strip()]
    assert lines and all('"file": "001_c3a94487a645cb72.txt"' in line for line in lines)
    assert not (home / "events.db").exists()


def test_piped_output_has_no_progress_bar_or_colour_codes(home):
    proc = subprocess.run(
        [sys.executable, "-m", "ledger", "ingest", str(SEEDS)],
        env={**os.environ, "LEDGER_HOME": str(home)},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "\x1b[" not in proc.stdout
    assert proc.stdout.count("ingested") == 5


def test_an_unusable_store_setting_is_a_one_line_error(ledger, monkeypatch):
    monkeypatch.setenv("LEDGER_STORE", "mysql://nope")
    result = ledger("stats")
    assert result.code == 1
    assert result.err.startswith("error: LEDGER_STORE='mysql://nope'")


def test_serve_refuses_a_projections_file_that_is_not_there(ledger, tmp_path):
    result = ledger(["serve", "--db", str(tmp_path / "nope.db")])
    assert result.code == 1 and "no such projections file" in result.err
