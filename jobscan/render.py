"""Everything that reaches a terminal: the only module that imports rich.

Posting text is untrusted, so it only ever enters rich as `Text` (never as markup) after
`safe()` has made control characters visible: a posting cannot style, move the cursor
or retitle the terminal of the person reading it.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

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
