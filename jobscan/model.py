"""The data that flows through jobscan: frozen, picklable dataclasses and their JSON form.

Every stage returns these, so a posting can be analysed in one process and rendered
or compared in another; `Posting.to_dict()` is the one JSON document all commands share.

This module is compiled with the stages (setup.py), into native classes whose fields the stages
read as C struct fields. @dataclass still writes their ==, hash() and repr(), and makes assigning a
field raise FrozenInstanceError, but not their __init__: a generated one would stay interpreted, at
over 15x the cost of a compiled one. So each class writes its own, which sets the fields with
object.__setattr__ (compiled, a plain struct store), and its own __reduce__, since native instances
have no __dict__ for pickle and copy to fill.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Final

SCHEMA_VERSION: Final = "1.1"  # 1.1: skills[].surfaces

SECTION_KINDS: Final = (
    "about",
    "summary",
    "responsibilities",
    "requirements",
    "preferred",
    "benefits",
    "compensation",
    "culture",
    "process",
    "logistics",
    "eeo",
    "other",
)

# Characters that change how text matches but not what it says.
_MATCH_TABLE: Final = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": None,  # zero-width space
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,  # soft hyphen
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


# The same table as (old, new) pairs: a few str.replace calls are ~100x faster than translate with a dict.
_MATCH_PAIRS: Final = tuple((chr(code), new or "") for code, new in _MATCH_TABLE.items())


def _rebuilt(instance: Any) -> tuple[type, tuple[Any, ...]]:
    """What __reduce__ returns: the class and the field values in __init__'s order, so pickle and
    copy rebuild through the constructor (native instances have no __dict__ to fill)."""
    return type(instance), tuple(getattr(instance, f.name) for f in fields(instance))


def normalize(text: str) -> str:
    """Text as matchers should see it: invisible characters gone, quotes and dashes plain."""
    if text.isascii():
        return text
    for old, new in _MATCH_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(frozen=True, init=False)
class Block:
    """One unit of a posting as written: a heading, a paragraph or a list item.

    `text` keeps the source wording (line breaks inside a plain-text paragraph are kept
    so later stages can find the line of each part); `line_start`/`line_end` are
    1-based lines of the source file.
    """

    kind: str  # "heading" | "paragraph" | "item"
    text: str
    line_start: int
    line_end: int
    level: int  # heading level (1-6) or list depth

    def __init__(self, kind: str, text: str, line_start: int, line_end: int, level: int = 0) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "line_start", line_start)
        object.__setattr__(self, "line_end", line_end)
        object.__setattr__(self, "level", level)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return _rebuilt(self)

    @property
    def norm(self) -> str:
        return normalize(self.text)


@dataclass(frozen=True, init=False)
class Document:
    """A loaded posting: blocks in reading order plus facts a structured source states outright."""

    source: str
    format: str  # text | markdown | html | text+html | jsonld | lever | greenhouse
    blocks: tuple[Block, ...]
    fields: dict[str, Any] = field(hash=False)

    def __init__(self, source: str, format: str, blocks: tuple[Block, ...], fields: dict[str, Any] | None = None) -> None:
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "format", format)
        object.__setattr__(self, "blocks", blocks)
        object.__setattr__(self, "fields", {} if fields is None else fields)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return _rebuilt(self)


@dataclass(frozen=True, init=False)
class Section:
    kind: str
    heading: str | None
    line_start: int
    line_end: int
    blocks: tuple[Block, ...]

    def __init__(self, kind: str, heading: str | None, line_start: int, line_end: int, blocks: tuple[Block, ...]) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "heading", heading)
        object.__setattr__(self, "line_start", line_start)
        object.__setattr__(self, "line_end", line_end)
        object.__setattr__(self, "blocks", blocks)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return _rebuilt(self)

    @property
    def items(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "item"]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "heading": self.heading,
            "line_start": self.line_start,
            "line_end": self.line_end,
            "text": self.text,
            "items": self.items,
        }


REQUIREMENTS: Final = ("required", "preferred", "mentioned")  # strongest first


@dataclass(frozen=True, init=False)
class SkillHit:
    """One skill a posting names, once per posting: where it was first seen and how strongly asked.

    `requirement` is the strongest over all mentions; `surface`, `line`, `evidence`, `match`
    and `score` describe the first mention; `years` is the first figure attached to it;
    `surfaces` holds every spelling used ("React", "ReactJS"), so a reader can find them all.
    """

    id: str
    name: str
    category: str
    requirement: str  # "required" | "preferred" | "mentioned"
    section: str  # kind of the section of the first mention
    surface: str  # as written
    line: int  # 1-based source line of the first mention
    evidence: str  # the sentence or list item
    match: str  # "exact" | "alias" | "fuzzy"
    score: int  # 0-100
    years: int | None
    surfaces: tuple[str, ...]  # every spelling as written, the first mention's first

    def __init__(
        self,
        id: str,
        name: str,
        category: str,
        requirement: str,
        section: str,
        surface: str,
        line: int,
        evidence: str,
        match: str,
        score: int,
        years: int | None = None,
        surfaces: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "category", category)
        object.__setattr__(self, "requirement", requirement)
        object.__setattr__(self, "section", section)
        object.__setattr__(self, "surface", surface)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "match", match)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "years", years)
        object.__setattr__(self, "surfaces", surfaces)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return _rebuilt(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "requirement": self.requirement,
            "section": self.section,
            "surface": self.surface,
            "line": self.line,
            "evidence": self.evidence,
            "match": self.match,
            "score": self.score,
            "years": self.years,
            "surfaces": list(self.surfaces),
        }


@dataclass(frozen=True, init=False)
class Salary:
    min: float | None
    max: float | None
    currency: str | None  # ISO 4217 code
    period: str | None  # hour | day | week | month | year
    text: str  # the wording it was read from

    def __init__(self, min: float | None, max: float | None, currency: str | None, period: str | None, text: str = "") -> None:
        object.__setattr__(self, "min", min)
        object.__setattr__(self, "max", max)
        object.__setattr__(self, "currency", currency)
        object.__setattr__(self, "period", period)
        object.__setattr__(self, "text", text)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return _rebuilt(self)

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "currency": self.currency, "period": self.period, "text": self.text}


SENIORITY_LEVELS: Final = ("intern", "entry", "mid", "senior", "lead", "manager", "director", "executive")
EDUCATION_LEVELS: Final = ("none", "high-school", "associate", "bachelor", "master", "phd")


@dataclass(frozen=True, init=False)
class Seniority:
    """How senior a role is, and the wording that says so.

    `level` is one of SENIORITY_LEVELS or None; `confidence` (0-1) is low when the level
    is only a prior. `years_line` is the 1-based source line of `years_evidence`;
    `evidence` lists, strongest first, what decided the level.
    """

    level: str | None
    confidence: float
    years_min: int | None
    years_max: int | None
    years_evidence: str | None
    years_line: int | None
    education: str | None  # one of EDUCATION_LEVELS
    education_equivalent: bool  # "or equivalent experience" accepted
    manages_people: bool
    evidence: tuple[str, ...]

    def __init__(
        self,
        level: str | None = None,
        confidence: float = 0.0,
        years_min: int | None = None,
        years_max: int | None = None,
        years_evidence: str | None = None,
        years_line: int | None = None,
        education: str | None = None,
        education_equivalent: bool = False,
        manages_people: bool = False,
        evidence: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "years_min", years_min)
        object.__setattr__(self, "years_max", years_max)
        object.__setattr__(self, "years_evidence", years_evidence)
        object.__setattr__(self, "years_line", years_line)
        object.__setattr__(self, "education", education)
        object.__setattr__(self, "education_equivalent", education_equivalent)
        object.__setattr__(self, "manages_people", manages_people)
        object.__setattr__(self, "evidence", evidence)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return _rebuilt(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "confidence": self.confidence,
            "years_min": self.years_min,
            "years_max": self.years_max,
            "years_evidence": self.years_evidence,
            "years_line": self.years_line,
            "education": self.education,
            "education_equivalent": self.education_equivalent,
            "manages_people": self.manages_people,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True, init=False)
class Meta:
    title: str | None
    company: str | None
    locations: tuple[str, ...]
    remote: str | None  # remote | hybrid | onsite
    employment_type: str | None  # full-time | part-time | contract | temporary | internship | ...
    posted: str | None  # ISO date
    salary: Salary | None
    truncated: bool

    def __init__(
        self,
        title: str | None = None,
        company: str | None = None,
        locations: tuple[str, ...] = (),
        remote: str | None = None,
        employment_type: str | None = None,
        posted: str | None = None,
        salary: Salary | None = None,
        truncated: bool = False,
    ) -> None:
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "company", company)
        object.__setattr__(self, "locations", locations)
        object.__setattr__(self, "remote", remote)
        object.__setattr__(self, "employment_type", employment_type)
        object.__setattr__(self, "posted", posted)
        object.__setattr__(self, "salary", salary)
        object.__setattr__(self, "truncated", truncated)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return _rebuilt(self)


@dataclass(frozen=True, init=False)
class Posting:
    source: str
    format: str
    meta: Meta
    sections: tuple[Section, ...]
    skills: tuple[Any, ...]
    seniority: Any
    errors: tuple[str, ...]

    def __init__(
        self,
        source: str,
        format: str,
        meta: Meta,
        sections: tuple[Section, ...],
        skills: tuple[Any, ...] = (),
        seniority: Any = None,
        errors: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "format", format)
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "sections", sections)
        object.__setattr__(self, "skills", skills)
        object.__setattr__(self, "seniority", seniority)
        object.__setattr__(self, "errors", errors)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return _rebuilt(self)

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        m = self.meta
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "format": self.format,
            "title": m.title,
            "company": m.company,
            "locations": list(m.locations),
            "remote": m.remote,
            "employment_type": m.employment_type,
            "posted": m.posted,
            "salary": m.salary.to_dict() if m.salary else None,
            "truncated": m.truncated,
            "sections": [s.to_dict() for s in self.sections],
            "skills": [s.to_dict() for s in self.skills],
            "seniority": self.seniority.to_dict() if self.seniority else None,
            "errors": list(self.errors),
        }
