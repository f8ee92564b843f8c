"""The command line: parse options, call the core, render, exit. No analysis happens here."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum, IntEnum
from pathlib import Path
from typing import Any, Iterable, List, Optional

import typer

from . import __version__
from .analyze import analyze, analyze_paths
from .load import LoadError
from .model import Posting
from .render import make_console, render_errors, render_posting, render_scan


class ExitCode(IntEnum):
    OK = 0
    DIFFERENT = 1  # reserved for diff/check: the inputs differ or break a rule
    BAD_INPUT = 2  # a file could not be read, or the command line was wrong


class ShowFormat(str, Enum):
    table = "table"
    json = "json"


class ScanFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


app = typer.Typer(
    name="jobscan",
    help="Analyse job postings: sections, facts and pay, as tables or JSON.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jobscan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Analyse job postings: sections, facts and pay, as tables or JSON.

    Example: jobscan scan postings/ --format jsonl | jq .title
    """


def _dump_json(data: Any, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent)


def _fail(messages: Iterable[str]) -> None:
    render_errors(make_console(stderr=True), messages)


@app.command(epilog="Example: jobscan show samples/data-analyst.md --format json")
def show(
    file: str = typer.Argument(..., metavar="FILE", help="A posting file, or - for standard input."),
    format: ShowFormat = typer.Option(ShowFormat.table, "--format", "-f", help="table (for people) or json (for tools)."),
) -> None:
    """Show one posting: its facts and its sections."""
    try:
        posting = analyze(Path(file) if file != "-" else "-")
    except LoadError as exc:
        _fail([str(exc)])
        raise typer.Exit(ExitCode.BAD_INPUT)
    if format is ShowFormat.json:
        sys.stdout.write(_dump_json(posting.to_dict()) + "\n")
    else:
        render_posting(make_console(), posting)


_CSV_COLUMNS = (
    "source", "format", "title", "company", "locations", "remote", "employment_type", "posted",
    "salary_min", "salary_max", "salary_currency", "salary_period", "truncated", "sections", "section_kinds",
)


def _csv_row(posting: Posting) -> dict[str, Any]:
    doc = posting.to_dict()
    salary = doc["salary"] or {}
    return {
        **{key: doc[key] for key in ("source", "format", "title", "company", "remote", "employment_type", "posted", "truncated")},
        "locations": "; ".join(doc["locations"]),
        "salary_min": salary.get("min"),
        "salary_max": salary.get("max"),
        "salary_currency": salary.get("currency"),
        "salary_period": salary.get("period"),
        "sections": len(doc["sections"]),
        "section_kinds": " ".join(s["kind"] for s in doc["sections"]),
    }


@app.command(epilog="Example: jobscan scan postings/ --format jsonl | jq -r .title")
def scan(
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Posting files and folders (searched recursively), or -."),
    format: ScanFormat = typer.Option(ScanFormat.table, "--format", "-f", help="table, json (one array), jsonl (one posting per line) or csv."),
) -> None:
    """Scan postings: one row (or JSON document) per posting.

    Files that cannot be read are reported on stderr and skipped; the exit code is then 2.
    """
    errors: list[str] = []
    postings: list[Posting] = []
    writer = csv.DictWriter(sys.stdout, fieldnames=_CSV_COLUMNS, lineterminator="\n") if format is ScanFormat.csv else None
    if writer:
        writer.writeheader()
    for result in analyze_paths(paths):
        if isinstance(result, LoadError):
            errors.append(str(result))
            _fail([str(result)])
            continue
        if format is ScanFormat.jsonl:
            sys.stdout.write(_dump_json(result.to_dict(), indent=None) + "\n")
        elif writer:
            writer.writerow(_csv_row(result))
        else:
            postings.append(result)
    if format is ScanFormat.json:
        sys.stdout.write(_dump_json([p.to_dict() for p in postings]) + "\n")
    elif format is ScanFormat.table:
        render_scan(make_console(), postings)
    if errors:
        raise typer.Exit(ExitCode.BAD_INPUT)
