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
from .analyze import analyze, analyze_paths, diff_folders
from .compare import MAX_POSTINGS, MIN_POSTINGS
from .compare import compare as compare_postings
from .diff import PostingDiff, unified
from .diff import diff as diff_postings
from .load import LoadError
from .model import SCHEMA_VERSION, Posting
from .render import (
    comparison_markdown,
    make_console,
    render_comparison,
    render_diff,
    render_errors,
    render_folder_diff,
    render_posting,
    render_scan,
    render_vocabulary,
)
from .vocab import CATEGORIES, VocabError, Vocabulary, load_vocabulary


class ExitCode(IntEnum):
    OK = 0
    DIFFERENT = 1  # diff: the postings differ
    BAD_INPUT = 2  # a file could not be read, or the command line was wrong


class ShowFormat(str, Enum):
    table = "table"
    json = "json"


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    unified = "unified"


class ScanFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


_VOCAB_HELP = "Extra vocabulary file (TOML, JSON or CSV) merged over the built-in one; repeatable."


def _vocabulary(files: Optional[List[Path]]) -> Optional[Vocabulary]:
    """The built-in vocabulary (None) or it with the user's files on top; a bad file ends the command."""
    if not files:
        return None
    try:
        return load_vocabulary(files)
    except VocabError as exc:
        _fail([str(exc)])
        raise typer.Exit(ExitCode.BAD_INPUT)


app = typer.Typer(
    name="jobscan",
    help="Analyse, compare and diff job postings: sections, facts, pay, seniority and skills, as tables or JSON.",
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
    """Analyse, compare and diff job postings: sections, facts, pay, seniority and skills, as tables or JSON.

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
    vocab: Optional[List[Path]] = typer.Option(None, "--vocab", metavar="FILE", help=_VOCAB_HELP),
) -> None:
    """Show one posting: its facts, sections, seniority and skills."""
    vocabulary = _vocabulary(vocab)
    try:
        posting = analyze(Path(file) if file != "-" else "-", vocab=vocabulary)
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
    "level", "years_min", "years_max", "education", "required_skills", "preferred_skills",
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
        **{key: (doc["seniority"] or {}).get(key) for key in ("level", "years_min", "years_max", "education")},
        "required_skills": "; ".join(s["name"] for s in doc["skills"] if s["requirement"] == "required"),
        "preferred_skills": "; ".join(s["name"] for s in doc["skills"] if s["requirement"] == "preferred"),
    }


@app.command(epilog="Example: jobscan scan postings/ --format jsonl | jq -r .title")
def scan(
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Posting files and folders (searched recursively), or -."),
    format: ScanFormat = typer.Option(ScanFormat.table, "--format", "-f", help="table, json (one array), jsonl (one posting per line) or csv."),
    vocab: Optional[List[Path]] = typer.Option(None, "--vocab", metavar="FILE", help=_VOCAB_HELP),
) -> None:
    """Scan postings: one row (or JSON document) per posting.

    Files that cannot be read are reported on stderr and skipped; the exit code is then 2.
    """
    errors: list[str] = []
    postings: list[Posting] = []
    writer = csv.DictWriter(sys.stdout, fieldnames=_CSV_COLUMNS, lineterminator="\n") if format is ScanFormat.csv else None
    if writer:
        writer.writeheader()
    vocabulary = _vocabulary(vocab)
    for result in analyze_paths(paths, vocab=vocabulary):
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


@app.command(epilog="Example: jobscan skills kubernets --category devops")
def skills(
    query: str = typer.Argument("", metavar="[QUERY]", help="Words to fuzzy-search for; leave out to list every skill."),
    category: Optional[str] = typer.Option(None, "--category", "-c", help=f"Only this category: {', '.join(CATEGORIES)}."),
    limit: int = typer.Option(25, "--limit", "-n", min=1, help="How many skills to show at most (listing without a query shows all)."),
    format: ShowFormat = typer.Option(ShowFormat.table, "--format", "-f", help="table (for people) or json (for tools)."),
    vocab: Optional[List[Path]] = typer.Option(None, "--vocab", metavar="FILE", help=_VOCAB_HELP),
) -> None:
    """List or fuzzy-search the skill vocabulary, aliases included."""
    _check_category(category)
    vocabulary = _vocabulary(vocab) or load_vocabulary()
    if query:
        found = vocabulary.search(query, category=category, limit=limit)
    else:
        found = [(skill, 100.0) for skill in vocabulary if category in (None, skill.category)]
    if format is ShowFormat.json:
        sys.stdout.write(_dump_json([dict(skill.to_dict(), score=round(score, 1)) for skill, score in found]) + "\n")
    else:
        render_vocabulary(make_console(), found)


def _check_category(category: Optional[str]) -> None:
    if category is not None and category not in CATEGORIES:
        _fail([f"unknown category {category!r}; choose from {', '.join(CATEGORIES)}"])
        raise typer.Exit(ExitCode.BAD_INPUT)


@app.command(epilog="Example: jobscan compare samples/backend-engineer-v1.txt samples/data-analyst.md --only-diff")
def compare(
    files: List[str] = typer.Argument(..., metavar="FILE...", help=f"{MIN_POSTINGS} to {MAX_POSTINGS} posting files (one may be -)."),
    format: CompareFormat = typer.Option(CompareFormat.table, "--format", "-f", help="table, json or markdown (to paste into docs and issues)."),
    only_diff: bool = typer.Option(False, "--only-diff", help="Hide rows on which every posting agrees."),
    category: Optional[str] = typer.Option(None, "--category", "-c", help=f"Only skills of this category: {', '.join(CATEGORIES)}."),
    vocab: Optional[List[Path]] = typer.Option(None, "--vocab", metavar="FILE", help=_VOCAB_HELP),
) -> None:
    """Compare postings side by side: facts, a skills matrix and how alike they are.

    A file that cannot be read is reported on stderr and left out; the exit code is then 2.
    """
    if not MIN_POSTINGS <= len(files) <= MAX_POSTINGS:
        _fail([f"compare takes {MIN_POSTINGS} to {MAX_POSTINGS} postings, not {len(files)}"])
        raise typer.Exit(ExitCode.BAD_INPUT)
    _check_category(category)
    vocabulary = _vocabulary(vocab)
    postings, errors = [], []
    for result in analyze_paths([Path(f) if f != "-" else "-" for f in files], vocab=vocabulary):
        if isinstance(result, LoadError):
            errors.append(str(result))
        else:
            postings.append(result)
    _fail(errors)
    if len(postings) < MIN_POSTINGS:
        raise typer.Exit(ExitCode.BAD_INPUT)
    comparison = compare_postings(postings, category=category)
    if format is CompareFormat.json:
        document = comparison.to_dict()
        if only_diff:
            document["skills"] = [row.to_dict() for row in comparison.skills if not row.agreed]
        sys.stdout.write(_dump_json(document) + "\n")
    elif format is CompareFormat.markdown:
        sys.stdout.write(comparison_markdown(comparison, only_diff))
    else:
        render_comparison(make_console(), comparison, only_diff)
    if errors:
        raise typer.Exit(ExitCode.BAD_INPUT)


@app.command(epilog="Example: jobscan diff samples/backend-engineer-v1.txt samples/backend-engineer-v2.txt")
def diff(
    old: str = typer.Argument(..., metavar="OLD", help="The earlier version: a posting file, a folder, or -."),
    new: str = typer.Argument(..., metavar="NEW", help="The later version: a posting file, or a folder when OLD is one."),
    format: DiffFormat = typer.Option(DiffFormat.table, "--format", "-f", help="table, json, or unified (a plain-text diff of the normalised sections)."),
    vocab: Optional[List[Path]] = typer.Option(None, "--vocab", metavar="FILE", help=_VOCAB_HELP),
) -> None:
    """Show what changed between two versions of a posting, or between two folders of postings.

    Exit code 0 when they are equivalent, 1 when they differ, 2 when a file cannot be read.
    Folders pair their postings by relative path.
    """
    vocabulary = _vocabulary(vocab)
    old_path, new_path = Path(old), Path(new)
    if old_path.is_dir() or new_path.is_dir():
        if not (old_path.is_dir() and new_path.is_dir()):
            _fail([f"{old if old_path.is_dir() else new}: a folder can only be compared with another folder"])
            raise typer.Exit(ExitCode.BAD_INPUT)
        _diff_folders(old_path, new_path, format, vocabulary)
        return
    try:
        before = analyze(old_path if old != "-" else "-", vocab=vocabulary)
        after = analyze(new_path if new != "-" else "-", vocab=vocabulary)
    except LoadError as exc:
        _fail([str(exc)])
        raise typer.Exit(ExitCode.BAD_INPUT)
    changes = diff_postings(before, after)
    if format is DiffFormat.json:
        document = {"schema_version": SCHEMA_VERSION, "old": before.source, "new": after.source, "equal": not changes, "changes": [c.to_dict() for c in changes]}
        sys.stdout.write(_dump_json(document) + "\n")
    elif format is DiffFormat.unified:
        sys.stdout.write(unified(before, after, before.source, after.source))
    else:
        render_diff(make_console(), changes, before.source, after.source)
    raise typer.Exit(ExitCode.DIFFERENT if changes else ExitCode.OK)


def _diff_folders(old_dir: Path, new_dir: Path, format: DiffFormat, vocabulary: Optional[Vocabulary]) -> None:
    results: list[PostingDiff] = []
    errors: list[str] = []
    for result in diff_folders(old_dir, new_dir, vocab=vocabulary):
        if isinstance(result, LoadError):
            errors.append(str(result))
            _fail([str(result)])
        else:
            results.append(result)
    differ = any(r.status != "unchanged" for r in results)
    if format is DiffFormat.json:
        document = {
            "schema_version": SCHEMA_VERSION,
            "old": str(old_dir),
            "new": str(new_dir),
            "equal": not differ and not errors,
            "postings": [r.to_dict() for r in results],
        }
        sys.stdout.write(_dump_json(document) + "\n")
    elif format is DiffFormat.unified:
        for r in results:
            if r.status == "changed":
                sys.stdout.write(unified(r.old, r.new, f"{old_dir}/{r.path}", f"{new_dir}/{r.path}"))
            elif r.status != "unchanged":
                sys.stdout.write(f"Only in {old_dir if r.status == 'removed' else new_dir}: {r.path}\n")
    else:
        render_folder_diff(make_console(), results)
    if errors:
        raise typer.Exit(ExitCode.BAD_INPUT)
    raise typer.Exit(ExitCode.DIFFERENT if differ else ExitCode.OK)
