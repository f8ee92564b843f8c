"""The data that flows through jobscan: frozen, picklable dataclasses and their JSON form.

Every stage returns these, so a posting can be analysed in one process and rendered
or compared in another; `Posting.to_dict()` is the one JSON document all commands share.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.1"  # 1.1: skills[].surfaces

SECTION_KINDS = (
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
_MATCH_TABLE = str.maketrans(
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
_MATCH_PAIRS = tuple((chr(code), new or "") for code, new in _MATCH_TABLE.items())


def normalize(text: str) -> str:
    """Text as matchers should see it: invisible characters gone, quotes and dashes plain."""
    if text.isascii():
        return text
    for old, new in _MATCH_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


_new = object.__new__
_set = object.__setattr__  # sets a frozen instance's __dict__ whole: its own __setattr__ refuses


def filled(cls: type, values: Any) -> Any:
    """An instance of the frozen dataclass `cls` from (field, value) pairs, its instance dict
    filled at once: ~2x faster than __init__, which sets each field through object.__setattr__.
    For the objects built tens of times per posting (blocks, sections, skill hits)."""
    instance = object.__new__(cls)
    instance.__dict__.update(values)
    return instance


@dataclass(frozen=True)
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
    level: int = 0  # heading level (1-6) or list depth

    @property
    def norm(self) -> str:
        return normalize(self.text)


def new_block(kind: str, text: str, line_start: int, line_end: int, level: int = 0) -> Block:
    """Block(kind, text, line_start, line_end, level), built as `filled` builds (inline: one call, not two)."""
    block = _new(Block)
    _set(block, "__dict__", {"kind": kind, "text": text, "line_start": line_start, "line_end": line_end, "level": level})
    return block


@dataclass(frozen=True)
class Document:
    """A loaded posting: blocks in reading order plus facts a structured source states outright."""

    source: str
    format: str  # text | markdown | html | text+html | jsonld | lever | greenhouse
    blocks: tuple[Block, ...]
    fields: dict[str, Any] = field(default_factory=dict, hash=False)


def new_document(source: str, format: str, blocks: tuple[Block, ...], fields: dict[str, Any] | None = None) -> Document:
    """Document(source, format, blocks, fields or {}), built as `filled` builds: the dataclass __init__
    spends a default_factory call and four object.__setattr__ on every posting."""
    document = _new(Document)
    _set(document, "__dict__", {"source": source, "format": format, "blocks": blocks, "fields": {} if fields is None else fields})
    return document


@dataclass(frozen=True)
class Section:
    kind: str
    heading: str | None
    line_start: int
    line_end: int
    blocks: tuple[Block, ...]

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


def new_section(
    kind: str, heading: str | None, line_start: int, line_end: int, blocks: tuple[Block, ...]
) -> Section:
    """Section(kind, heading, line_start, line_end, blocks), built as `filled` builds (inline: one call, not two)."""
    section = _new(Section)
    _set(section, "__dict__", {"kind": kind, "heading": heading, "line_start": line_start, "line_end": line_end, "blocks": blocks})
    return section


REQUIREMENTS = ("required", "preferred", "mentioned")  # strongest first


@dataclass(frozen=True)
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
    years: int | None = None
    surfaces: tuple[str, ...] = ()  # every spelling as written, the first mention's first

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


@dataclass(frozen=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None  # ISO 4217 code
    period: str | None  # hour | day | week | month | year
    text: str = ""  # the wording it was read from

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "currency": self.currency, "period": self.period, "text": self.text}


SENIORITY_LEVELS = ("intern", "entry", "mid", "senior", "lead", "manager", "director", "executive")
EDUCATION_LEVELS = ("none", "high-school", "associate", "bachelor", "master", "phd")


@dataclass(frozen=True)
class Seniority:
    """How senior a role is, and the wording that says so.

    `level` is one of SENIORITY_LEVELS or None; `confidence` (0-1) is low when the level
    is only a prior. `years_line` is the 1-based source line of `years_evidence`;
    `evidence` lists, strongest first, what decided the level.
    """

    level: str | None = None
    confidence: float = 0.0
    years_min: int | None = None
    years_max: int | None = None
    years_evidence: str | None = None
    years_line: int | None = None
    education: str | None = None  # one of EDUCATION_LEVELS
    education_equivalent: bool = False  # "or equivalent experience" accepted
    manages_people: bool = False
    evidence: tuple[str, ...] = ()

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


@dataclass(frozen=True)
class Meta:
    title: str | None = None
    company: str | None = None
    locations: tuple[str, ...] = ()
    remote: str | None = None  # remote | hybrid | onsite
    employment_type: str | None = None  # full-time | part-time | contract | temporary | internship | ...
    posted: str | None = None  # ISO date
    salary: Salary | None = None
    truncated: bool = False


@dataclass(frozen=True)
class Posting:
    source: str
    format: str
    meta: Meta
    sections: tuple[Section, ...]
    skills: tuple[Any, ...] = ()
    seniority: Any = None
    errors: tuple[str, ...] = ()

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
