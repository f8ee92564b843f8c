"""Everything that reaches a terminal: the only module that imports rich.

Posting text is untrusted, so it only ever enters rich as `Text` (never as markup) after
`safe()` has made control characters visible: a posting cannot style, move the cursor
or retitle the terminal of the person reading it.
"""
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Iterable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .compare import Comparison, yearly
from .diff import Change, PostingDiff, salary_text, summary, word_diff
from .model import Posting, Salary

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(value: object) -> str:
    """Make control characters (escape sequences, bidi overrides) visible instead of active."""
    text = "" if value is None else str(value)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def plain(value: object, style: str = "") -> Text:
    return Text(safe(value), style=style)


def make_console(stderr: bool = False) -> Console:
    # rich already honours NO_COLOR and drops styling when the stream is not a terminal.
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def format_salary(salary: Salary | None) -> str:
    if salary is None:
        return ""
    def amount(value: float | None) -> str:
        if value is None:
            return "?"
        return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}".rstrip("0").rstrip(".")
    if salary.min is not None and salary.max is not None and salary.min != salary.max:
        figure = f"{amount(salary.min)}–{amount(salary.max)}"
    else:
        figure = amount(salary.min if salary.min is not None else salary.max)
    parts = [salary.currency or "", figure]
    if salary.period:
        parts.append(f"per {salary.period}")
    return " ".join(p for p in parts if p)


_PERIOD_SHORT = {"hour": "/hr", "day": "/day", "week": "/wk", "month": "/mo", "year": "/yr"}


def short_salary(salary: Salary | None) -> str:
    """Pay in a table cell: 'USD 62k–74k/yr', '$45/hr' style, without losing the currency."""
    if salary is None or (salary.min is None and salary.max is None):
        return ""
    def amount(value: float | None) -> str:
        if value is None:
            return "?"
        if value >= 1_000_000:
            return f"{value / 1_000_000:.3g}M"
        if value >= 10_000:
            return f"{value / 1_000:.4g}k"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    low, high = salary.min, salary.max
    figure = amount(low if low is not None else high) if low == high or None in (low, high) else f"{amount(low)}–{amount(high)}"
    return f"{salary.currency or ''} {figure}{_PERIOD_SHORT.get(salary.period or '', '')}".strip()


def _lines(section) -> str:
    return str(section.line_start) if section.line_start == section.line_end else f"{section.line_start}–{section.line_end}"


def render_posting(console: Console, posting: Posting) -> None:
    """`jobscan show`: the facts first, then the sections in reading order."""
    meta = posting.meta
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    rows = [
        ("Title", meta.title),
        ("Company", meta.company),
        ("Locations", "; ".join(meta.locations)),
        ("Work mode", meta.remote),
        ("Employment", meta.employment_type),
        ("Posted", meta.posted),
        ("Salary", format_salary(meta.salary)),
        ("Source", f"{posting.source} ({posting.format})"),
    ]
    for label, value in rows:
        if value:
            facts.add_row(label, plain(value))
    if meta.truncated:
        facts.add_row("Note", plain("the posting is cut off (truncated at the source)", "yellow"))
    console.print(facts)
    console.print()
    table = Table(title="Sections", box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("kind", style="cyan")
    table.add_column("heading")
    table.add_column("lines", justify="right")
    table.add_column("items", justify="right")
    for number, section in enumerate(posting.sections, 1):
        heading = plain(section.heading) if section.heading else Text("(no heading)", style="dim")
        table.add_row(str(number), section.kind, heading, _lines(section), str(len(section.items)))
    console.print(table)
    if posting.seniority is not None:
        console.print()
        render_seniority(console, posting.seniority)
    if posting.skills:
        console.print()
        render_skills(console, posting.skills)


_REQUIREMENT_ORDER = ("required", "preferred", "mentioned")


def render_seniority(console: Console, seniority) -> None:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    if seniority.level:
        facts.add_row("Level", plain(f"{seniority.level} (confidence {seniority.confidence:.0%})"))
    if seniority.years_min is not None:
        span = f"{seniority.years_min}–{seniority.years_max}" if seniority.years_max else f"{seniority.years_min}+"
        where = f" (line {seniority.years_line})" if seniority.years_line else ""
        facts.add_row("Years", plain(f"{span}{where}: {seniority.years_evidence or ''}"))
    if seniority.education:
        equivalent = " or equivalent experience" if seniority.education_equivalent else ""
        facts.add_row("Education", plain(seniority.education + equivalent))
    if seniority.manages_people:
        facts.add_row("Manages", plain("people"))
    if seniority.evidence:
        facts.add_row("Evidence", plain("; ".join(seniority.evidence)))
    console.print(Text("Seniority", style="bold"))
    console.print(facts)


def render_skills(console: Console, skills) -> None:
    """Skills grouped by how strongly they are asked for, then by category."""
    table = Table(title="Skills", box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("requirement", style="cyan")
    table.add_column("category")
    table.add_column("skill", style="bold")
    table.add_column("as written")
    table.add_column("line", justify="right")
    table.add_column("years", justify="right")
    ordered = sorted(skills, key=lambda h: (_REQUIREMENT_ORDER.index(h.requirement), h.category, h.name.lower()))
    previous = None
    for hit in ordered:
        group = (hit.requirement, hit.category)
        if previous is not None and group[0] != previous[0]:
            table.add_section()
        table.add_row(
            hit.requirement if previous is None or group[0] != previous[0] else "",
            hit.category if group != previous else "",
            plain(hit.name),
            plain(hit.surface if hit.match != "exact" else ""),
            str(hit.line),
            "" if hit.years is None else f"{hit.years}+",
        )
        previous = group
    console.print(table)


def render_vocabulary(console: Console, found) -> None:
    """`jobscan skills`: vocabulary entries with their aliases."""
    table = Table(box=box.SIMPLE_HEAVY)
    table.add_column("id", style="dim", overflow="fold")
    table.add_column("name", style="bold")
    table.add_column("category", style="cyan")
    table.add_column("aliases", overflow="fold")
    for skill, _score in found:
        table.add_row(plain(skill.id), plain(skill.name), skill.category, plain(", ".join(skill.aliases)))
    console.print(table)


def render_scan(console: Console, postings: Sequence[Posting]) -> None:
    """`jobscan scan`: one row per posting; narrow terminals drop location and work mode (JSON and CSV keep them)."""
    wide = console.width >= 120
    table = Table(box=box.SIMPLE_HEAVY)
    table.add_column("file", overflow="fold", ratio=3)
    table.add_column("title", overflow="fold", ratio=3)
    table.add_column("company", overflow="fold", ratio=2)
    if wide:
        table.add_column("location", overflow="fold", ratio=2)
        table.add_column("mode", no_wrap=True)
    table.add_column("salary", justify="right", no_wrap=True)
    table.add_column("sections", justify="right", no_wrap=True)
    for posting in postings:
        meta = posting.meta
        cells = [plain(posting.source), plain(meta.title or ""), plain(meta.company or "")]
        if wide:
            more = f" +{len(meta.locations) - 1}" if len(meta.locations) > 1 else ""
            cells += [plain(meta.locations[0] + more if meta.locations else ""), plain(meta.remote or "")]
        cells += [plain(short_salary(meta.salary)), str(len(posting.sections))]
        table.add_row(*cells)
    console.print(table)
    console.print(Text(f"{len(postings)} posting{'s' if len(postings) != 1 else ''}", style="dim"))


def render_errors(console: Console, messages: Iterable[str]) -> None:
    for message in messages:
        console.print(Text("error: ", style="bold red") + plain(message))


# ---- compare ---------------------------------------------------------------------------------

REQUIREMENT_MARKS = {"required": "✓", "preferred": "○", "mentioned": "·", None: ""}
_MARKS_LEGEND = "✓ required   ○ preferred   · mentioned"
_FIRST_COLUMN, _POSTING_COLUMN = 28, 16  # widths a table needs before it splits its posting columns


def posting_labels(postings: Sequence[Posting]) -> list[str]:
    """Short column names: file names, or whole paths where two files share a name."""
    names = [PurePath(p.source).name or p.source for p in postings]
    return [p.source if names.count(name) > 1 else name for name, p in zip(names, postings)]


def _years(seniority) -> str:
    if seniority is None or seniority.years_min is None:
        return ""
    if seniority.years_max and seniority.years_max != seniority.years_min:
        return f"{seniority.years_min}–{seniority.years_max}"
    return f"{seniority.years_min}+"


def yearly_salary(salary: Salary | None) -> str:
    """Pay per year in its own currency, with the figure as stated when that was not yearly."""
    per_year = yearly(salary)
    if per_year is None:
        return short_salary(salary)
    shown = short_salary(Salary(per_year[0], per_year[1], salary.currency, "year"))
    return shown if salary.period == "year" else f"{shown} ({short_salary(salary)})"


def comparison_rows(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """The header table: one row per fact, one cell per posting."""
    postings = comparison.postings
    def count(p: Posting, requirement: str) -> int:
        return sum(1 for hit in p.skills if hit.requirement == requirement)
    return [
        ("title", [p.meta.title or "" for p in postings]),
        ("company", [p.meta.company or "" for p in postings]),
        ("locations", ["; ".join(p.meta.locations) for p in postings]),
        ("remote", [p.meta.remote or "" for p in postings]),
        ("employment", [p.meta.employment_type or "" for p in postings]),
        ("level", [(p.seniority.level or "") if p.seniority else "" for p in postings]),
        ("years", [_years(p.seniority) for p in postings]),
        (
            "education",
            [
                (p.seniority.education or "") + (" or equivalent" if p.seniority.education_equivalent else "") if p.seniority else ""
                for p in postings
            ],
        ),
        ("salary per year", [yearly_salary(p.meta.salary) for p in postings]),
        ("skills req / pref", [f"{count(p, 'required')} / {count(p, 'preferred')}" for p in postings]),
    ]


def _chunks(count: int, width: int) -> list[range]:
    """Posting columns per table, so a wide comparison prints as several tables instead of mangled ones."""
    per_table = max(1, (width - _FIRST_COLUMN) // _POSTING_COLUMN)
    return [range(start, min(start + per_table, count)) for start in range(0, count, per_table)]


def render_comparison(console: Console, comparison: Comparison, only_diff: bool = False) -> None:
    """`jobscan compare`: facts, skills matrix and similarity, split by columns when too wide."""
    labels = posting_labels(comparison.postings)
    chunks = _chunks(len(labels), console.width)
    for number, columns in enumerate(chunks, 1):
        part = f" (postings {columns.start + 1}–{columns.stop} of {len(labels)})" if len(chunks) > 1 else ""
        console.print(_facts_table(comparison, labels, columns, only_diff, part))
        console.print(_skills_table(comparison, labels, columns, only_diff, part))
    console.print(Text(_MARKS_LEGEND, style="dim"))
    console.print()
    _render_similarity(console, comparison, labels)


def _table(title: str, labels: Sequence[str], columns: range, first: str) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column(first, style="bold", overflow="fold", max_width=_FIRST_COLUMN)
    for index in columns:
        table.add_column(plain(labels[index]), overflow="fold", min_width=min(_POSTING_COLUMN - 3, len(labels[index])))
    return table


def _facts_table(comparison: Comparison, labels: Sequence[str], columns: range, only_diff: bool, part: str) -> Table:
    table = _table(f"Postings{part}", labels, columns, "")
    for name, cells in comparison_rows(comparison):
        if only_diff and len(set(cells)) == 1:
            continue
        table.add_row(name, *(plain(cells[i]) for i in columns))
    return table


def _skills_table(comparison: Comparison, labels: Sequence[str], columns: range, only_diff: bool, part: str) -> Table:
    table = _table(f"Skills{part}", labels, columns, "skill")
    previous = None
    for row in comparison.skills:
        # A table holding only some postings leaves out rows none of them asks for.
        if (only_diff and row.agreed) or not any(row.by_posting[i] for i in columns):
            continue
        if previous is not None and row.category != previous:
            table.add_section()
        if row.category != previous:
            table.add_row(Text(row.category, style="cyan"), *("" for _ in columns))
        previous = row.category
        table.add_row(plain(f"  {row.name}"), *(_mark(row.by_posting[i]) for i in columns))
    table.add_section()
    table.add_row(
        Text("only here", style="italic"),
        *(plain(", ".join(comparison.unique_skills(i)) or "—", "dim") for i in columns),
    )
    return table


def _mark(requirement: str | None) -> Text:
    style = {"required": "green bold", "preferred": "yellow", "mentioned": "dim"}.get(requirement or "", "")
    return Text(REQUIREMENT_MARKS[requirement], style=style, justify="center")


def _render_similarity(console: Console, comparison: Comparison, labels: Sequence[str]) -> None:
    if len(labels) == 2:
        console.print(Text("similarity ", style="bold") + plain(f"{comparison.similarity[0][1]:.2f}"))
        return
    table = Table(title="Similarity", box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("", style="bold", overflow="fold")
    for index in range(len(labels)):
        table.add_column(f"#{index + 1}", justify="right")
    for index, row in enumerate(comparison.similarity):
        table.add_row(plain(f"#{index + 1} {labels[index]}"), *(f"{value:.2f}" for value in row))
    console.print(table)


def comparison_markdown(comparison: Comparison, only_diff: bool = False) -> str:
    """`jobscan compare --format markdown`: GitHub-flavoured tables to paste into docs and issues."""
    labels = posting_labels(comparison.postings)
    def row(first: str, cells: Iterable[str]) -> str:
        return "| " + " | ".join([first, *(_markdown_cell(c) for c in cells)]) + " |"
    def rule(columns: int) -> str:
        return "|" + " --- |" * columns
    lines = [row("", labels), rule(len(labels) + 1)]
    for name, cells in comparison_rows(comparison):
        if not (only_diff and len(set(cells)) == 1):
            lines.append(row(f"**{name}**", cells))
    lines += ["", row("skill", ["category", *labels]), rule(len(labels) + 2)]
    for skill in comparison.skills:
        if not (only_diff and skill.agreed):
            lines.append(row(_markdown_cell(skill.name), [skill.category, *(REQUIREMENT_MARKS[r] for r in skill.by_posting)]))
    lines.append(row("*only here*", ["", *(", ".join(comparison.unique_skills(i)) for i in range(len(labels)))]))
    lines += ["", _MARKS_LEGEND.replace("   ", ", "), "", row("similarity", labels), rule(len(labels) + 1)]
    for label, values in zip(labels, comparison.similarity):
        lines.append(row(_markdown_cell(label), [f"{v:.2f}" for v in values]))
    return "\n".join(lines) + "\n"


def _markdown_cell(value: str) -> str:
    """A cell that cannot break the table or smuggle markup: pipes, brackets, emphasis and HTML escaped."""
    text = " ".join(safe(value).split())
    for char in "\\|[]<>*_`":
        text = text.replace(char, "\\" + char)
    return text


# ---- diff ------------------------------------------------------------------------------------

_CHANGE_STYLE = {"added": "green", "removed": "red", "changed": "yellow", "moved": "blue"}
_KIND_TITLE = {"metadata": "Metadata", "seniority": "Seniority", "skill": "Skills", "section": "Sections", "item": "Items"}


def render_diff(console: Console, changes: Sequence[Change], old_label: str, new_label: str) -> None:
    """`jobscan diff OLD NEW`: one row per change, facts first, edited bullets as word diffs."""
    if not changes:
        console.print(plain(f"{old_label} and {new_label}: no differences"))
        return
    table = Table(title=safe(f"{old_label} → {new_label}"), box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("what", overflow="fold", max_width=26)
    table.add_column("change", no_wrap=True)
    table.add_column("old → new", overflow="fold", ratio=1)
    table.add_column("lines", justify="right", no_wrap=True)
    previous = None
    for change in changes:
        if previous is not None and change.kind != previous:
            table.add_section()
        table.add_row(
            _KIND_TITLE[change.kind] if change.kind != previous else "",
            plain(_what(change)),
            Text(change.change, style=_CHANGE_STYLE[change.change]),
            _change_text(console, change),
            _change_lines(change),
        )
        previous = change.kind
    console.print(table)
    console.print(Text(summary(changes), style="dim"))


def _what(change: Change) -> str:
    if change.kind == "item" and change.change == "moved":
        return f"{change.section_old} → {change.section_new}"
    return change.field


def _change_lines(change: Change) -> str:
    if change.line_old and change.line_new and change.line_old != change.line_new:
        return f"{change.line_old} → {change.line_new}"
    return str(change.line_new or change.line_old or "")


def _value(field: str, value: object) -> str:
    if field == "salary":
        return salary_text(value)  # type: ignore[arg-type]
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "—" if value is None else str(value)


def _change_text(console: Console, change: Change) -> Text:
    if change.kind == "item" and change.change == "changed":
        return word_diff_text(console, change.old, change.new)
    if change.kind in ("item", "section"):
        text = change.new if change.change != "removed" else change.old
        return plain(text if text is not None else f"({change.field})", _CHANGE_STYLE[change.change])
    if change.kind == "skill":
        shown = {"added": change.new, "removed": change.old}.get(change.change) or f"{change.old} → {change.new}"
        return plain(shown) + (plain(f"  “{change.evidence}”", "dim") if change.evidence else Text())
    text = plain(f"{_value(change.field, change.old)} → {_value(change.field, change.new)}")
    return text + (plain(f"  “{change.evidence}”", "dim") if change.evidence else Text())


def word_diff_text(console: Console, old: str, new: str) -> Text:
    """An edited bullet as one line: deleted words struck through in red, inserted ones in green;
    without colour (a pipe, NO_COLOR) they are marked [-like this-] and {+like this+} instead."""
    marked = console.color_system is None
    text = Text()
    for op, words in word_diff(old, new):
        if text:
            text.append(" ")
        if op == "equal":
            text.append(safe(words))
        elif op == "delete":
            text.append(f"[-{safe(words)}-]" if marked else safe(words), style="red strike")
        else:
            text.append(f"{{+{safe(words)}+}}" if marked else safe(words), style="green bold")
    return text


def render_folder_diff(console: Console, results: Sequence[PostingDiff]) -> None:
    """`jobscan diff OLD_DIR NEW_DIR`: postings added, removed and changed, a line each."""
    table = Table(box=box.SIMPLE_HEAVY)
    table.add_column("posting", overflow="fold", ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("changes", overflow="fold", ratio=3)
    for result in results:
        if result.status != "unchanged":
            table.add_row(plain(result.path), Text(result.status, style=_CHANGE_STYLE[result.status]), plain(summary(result.changes)))
    if table.row_count:
        console.print(table)
    counts = {status: sum(1 for r in results if r.status == status) for status in ("changed", "added", "removed", "unchanged")}
    console.print(Text(", ".join(f"{n} {status}" for status, n in counts.items()), style="dim"))
