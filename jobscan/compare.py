"""Several postings side by side: which skills each asks for, and how alike they are.

Pure functions over analysed `Posting`s, so a comparison can be built in one process and
rendered (as a table, Markdown or JSON) in another.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from .model import REQUIREMENTS, SCHEMA_VERSION, SENIORITY_LEVELS, Posting, Salary
from .vocab import CATEGORIES

MIN_POSTINGS, MAX_POSTINGS = 2, 20

# How much a skill counts towards similarity, by how strongly it is asked for.
REQUIREMENT_WEIGHT = {"required": 1.0, "preferred": 0.6, "mentioned": 0.3}
# Shares of the overall similarity; a part that one posting cannot speak to (no level, no years)
# is left out and the others are scaled up.
SIMILARITY_WEIGHTS = {"skills": 0.8, "level": 0.1, "years": 0.1}
# Years of difference at which the years part of the similarity reaches zero.
YEARS_SPAN = 5

# Hours, days, weeks and months in a working year: pay per period × this = pay per year.
PERIODS_PER_YEAR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}


@dataclass(frozen=True)
class SkillRow:
    """One skill across the postings: `by_posting[i]` is how posting i asks for it, or None."""

    id: str
    name: str
    category: str
    by_posting: tuple[str | None, ...]

    @property
    def asked_by(self) -> int:
        return sum(1 for requirement in self.by_posting if requirement)

    @property
    def agreed(self) -> bool:
        """Whether every posting asks for it the same way (all of them, or none)."""
        return len(set(self.by_posting)) == 1

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "category": self.category, "by_posting": list(self.by_posting)}


@dataclass(frozen=True)
class Comparison:
    postings: tuple[Posting, ...]
    skills: tuple[SkillRow, ...]  # by category, then most asked for first
    similarity: tuple[tuple[float, ...], ...]  # symmetric, 1.0 on the diagonal

    def unique_skills(self, index: int) -> list[str]:
        """Names of the skills only posting `index` asks for."""
        return [row.name for row in self.skills if row.asked_by == 1 and row.by_posting[index]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "postings": [p.to_dict() for p in self.postings],
            "skills": [row.to_dict() for row in self.skills],
            "similarity": [[round(value, 3) for value in row] for row in self.similarity],
        }


def compare(postings: Sequence[Posting], category: str | None = None) -> Comparison:
    """Line the postings' skills up (only `category`'s, if given) and score every pair."""
    if not MIN_POSTINGS <= len(postings) <= MAX_POSTINGS:
        raise ValueError(f"compare takes {MIN_POSTINGS} to {MAX_POSTINGS} postings, not {len(postings)}")
    rows: dict[str, dict[str, Any]] = {}
    for index, posting in enumerate(postings):
        for hit in posting.skills:
            if category is not None and hit.category != category:
                continue
            row = rows.setdefault(hit.id, {"hit": hit, "by": [None] * len(postings)})
            row["by"][index] = hit.requirement
    category_order = {name: rank for rank, name in enumerate(CATEGORIES)}
    skills = sorted(
        (SkillRow(r["hit"].id, r["hit"].name, r["hit"].category, tuple(r["by"])) for r in rows.values()),
        key=lambda row: (category_order.get(row.category, len(CATEGORIES)), -row.asked_by, _strength(row), row.name.lower()),
    )
    similarity = tuple(
        tuple(1.0 if i == j else similarity_of(postings[i], postings[j]) for j in range(len(postings)))
        for i in range(len(postings))
    )
    return Comparison(tuple(postings), tuple(skills), similarity)


def _strength(row: SkillRow) -> int:
    """Rows asked for more strongly sort first among equally common ones."""
    return sum(REQUIREMENTS.index(r) for r in row.by_posting if r)


def skill_similarity(a: Posting, b: Posting) -> float:
    """Weighted Jaccard over skills: Σ min(weight) / Σ max(weight), a skill's weight being how
    strongly the posting asks for it (0 when it does not)."""
    weights_a = {hit.id: REQUIREMENT_WEIGHT[hit.requirement] for hit in a.skills}
    weights_b = {hit.id: REQUIREMENT_WEIGHT[hit.requirement] for hit in b.skills}
    union = weights_a.keys() | weights_b.keys()
    if not union:
        return 0.0
    low = sum(min(weights_a.get(k, 0.0), weights_b.get(k, 0.0)) for k in union)
    high = sum(max(weights_a.get(k, 0.0), weights_b.get(k, 0.0)) for k in union)
    return low / high


def similarity_of(a: Posting, b: Posting) -> float:
    """Skills overlap plus agreement on level (one step apart counts half) and on years."""
    parts = {"skills": skill_similarity(a, b)}
    level_a = a.seniority.level if a.seniority else None
    level_b = b.seniority.level if b.seniority else None
    if level_a and level_b:
        steps = abs(SENIORITY_LEVELS.index(level_a) - SENIORITY_LEVELS.index(level_b))
        parts["level"] = 1.0 if steps == 0 else 0.5 if steps == 1 else 0.0
    years_a = a.seniority.years_min if a.seniority else None
    years_b = b.seniority.years_min if b.seniority else None
    if years_a is not None and years_b is not None:
        parts["years"] = max(0.0, 1.0 - abs(years_a - years_b) / YEARS_SPAN)
    total = sum(SIMILARITY_WEIGHTS[name] for name in parts)
    return sum(SIMILARITY_WEIGHTS[name] * value for name, value in parts.items()) / total


def yearly(salary: Salary | None) -> tuple[float | None, float | None] | None:
    """The pay range per year in its own currency (hourly × 2,080, monthly × 12, ...), or None
    when the period is unknown."""
    if salary is None or salary.period not in PERIODS_PER_YEAR or (salary.min is None and salary.max is None):
        return None
    factor = PERIODS_PER_YEAR[salary.period]
    return (
        salary.min * factor if salary.min is not None else None,
        salary.max * factor if salary.max is not None else None,
    )
