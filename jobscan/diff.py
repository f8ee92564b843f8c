"""Two versions of one posting → the changes a reader cares about, in reading order.

Changes are found on the analysed postings, not on the raw files: facts (metadata, seniority),
skills, then sections and their bullets. Bullets and paragraphs are compared as normalised text
(whitespace, bullet glyphs, smart quotes and dashes ignored), so re-wrapping a line or rendering
the posting as HTML is not a change, and an edited bullet is paired with its old wording by
rapidfuzz similarity instead of showing as a removal plus an addition.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator, Sequence

from rapidfuzz import fuzz

from .model import REQUIREMENTS, Block, Posting, Salary, Section, normalize

CHANGE_KINDS = ("metadata", "seniority", "skill", "section", "item")
CHANGE_TYPES = ("added", "removed", "changed", "moved")

# Fields in the order a reader checks them; salary is compared as figures, not wording.
METADATA_FIELDS = ("title", "company", "locations", "remote", "employment_type", "salary", "posted")
SENIORITY_FIELDS = ("level", "years_min", "years_max", "education", "education_equivalent", "manages_people")

# Below this rapidfuzz ratio two bullets read as different bullets, not as one bullet reworded.
EDIT_SIMILARITY = 55.0
# A lone bullet out and a lone bullet in at the same place pair down to this.
REWRITE_SIMILARITY = 45.0


@dataclass(frozen=True)
class Change:
    """One difference between OLD and NEW.

    `field` names what changed: a metadata or seniority field, a skill's name, or the kind of
    the section a section or item change is in. `section_old`/`section_new` give the section
    kinds on each side (None for facts); `evidence` is the sentence that names a changed skill.
    """

    kind: str  # one of CHANGE_KINDS
    field: str
    change: str  # one of CHANGE_TYPES
    old: Any = None
    new: Any = None
    line_old: int | None = None
    line_new: int | None = None
    section_old: str | None = None
    section_new: str | None = None
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def diff(old: Posting, new: Posting) -> list[Change]:
    """Every change from `old` to `new`: metadata, seniority, skills, sections, items."""
    old_units, new_units = _units(old), _units(new)
    section_pairs = _pair_sections(old.sections, new.sections)
    return [
        *_metadata_changes(old, new, old_units, new_units),
        *_seniority_changes(old, new),
        *_skill_changes(old, new),
        *_section_changes(old.sections, new.sections, section_pairs),
        *_item_changes(old_units, new_units, section_pairs),
    ]


def summary(changes: Sequence[Change]) -> str:
    """One line for a changed posting in a folder diff: the facts first, then counts of item edits."""
    parts = []
    for c in changes:
        if c.kind in ("metadata", "seniority"):
            parts.append(f"{c.field} {c.change}" if c.change != "changed" else f"{c.field} {_short(c.old)} → {_short(c.new)}")
        elif c.kind == "skill":
            parts.append(f"{c.field} {c.change}" if c.change != "moved" else f"{c.field} {c.old} → {c.new}")
    for kind in ("section", "item"):
        counts = {t: sum(1 for c in changes if c.kind == kind and c.change == t) for t in CHANGE_TYPES}
        parts += [f"{n} {kind}{'s' if n > 1 else ''} {t}" for t, n in counts.items() if n]
    return "; ".join(parts)


def _short(value: Any) -> str:
    if isinstance(value, dict):  # a salary
        return salary_text(value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def salary_text(salary: dict[str, Any] | None) -> str:
    """A salary as compared: currency, figures and period, without the wording around them."""
    if not salary:
        return "none"
    low, high = salary.get("min"), salary.get("max")
    figures = [f"{v:,.0f}" if v >= 100 else f"{v:g}" for v in (low, high) if v is not None]
    figure = "–".join(dict.fromkeys(figures)) or "?"
    period = f" per {salary['period']}" if salary.get("period") else ""
    return f"{salary.get('currency') or ''} {figure}{period}".strip()


# ---- facts ----------------------------------------------------------------------------------


def _metadata_changes(old: Posting, new: Posting, old_units: list[_Unit], new_units: list[_Unit]) -> Iterator[Change]:
    for name in METADATA_FIELDS:
        before, after = getattr(old.meta, name), getattr(new.meta, name)
        if name == "salary":
            before, after = _salary_value(before), _salary_value(after)
        elif name == "locations":
            before, after = [_clean(x) for x in before], [_clean(x) for x in after]
        elif isinstance(before, str) or isinstance(after, str):
            before, after = _clean(before) if before else before, _clean(after) if after else after
        if before == after:
            continue
        wording_old = old.meta.salary.text if name == "salary" and old.meta.salary else _text_of(before)
        wording_new = new.meta.salary.text if name == "salary" and new.meta.salary else _text_of(after)
        yield Change(
            "metadata",
            name,
            _change_type(before, after),
            before,
            after,
            line_old=_line_of(old_units, wording_old),
            line_new=_line_of(new_units, wording_new),
        )


def _salary_value(salary: Salary | None) -> dict[str, Any] | None:
    if salary is None or (salary.min is None and salary.max is None):
        return None
    return {"min": salary.min, "max": salary.max, "currency": salary.currency, "period": salary.period}


def _text_of(value: Any) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value if isinstance(value, str) else None


def _seniority_changes(old: Posting, new: Posting) -> Iterator[Change]:
    if old.seniority is None or new.seniority is None:
        return
    for name in SENIORITY_FIELDS:
        before, after = getattr(old.seniority, name), getattr(new.seniority, name)
        if before == after:
            continue
        years = name.startswith("years_")
        yield Change(
            "seniority",
            name,
            _change_type(before, after) if not isinstance(before, bool) else "changed",
            before,
            after,
            line_old=old.seniority.years_line if years else None,
            line_new=new.seniority.years_line if years else None,
            evidence=_seniority_evidence(name, new.seniority) or _seniority_evidence(name, old.seniority),
        )


def _seniority_evidence(name: str, seniority: Any) -> str | None:
    if name.startswith("years_"):
        return seniority.years_evidence
    if name == "level":
        return "; ".join(seniority.evidence) or None
    return None


def _change_type(before: Any, after: Any) -> str:
    if before in (None, [], ""):
        return "added"
    if after in (None, [], ""):
        return "removed"
    return "changed"


def _skill_changes(old: Posting, new: Posting) -> Iterator[Change]:
    before = {hit.id: hit for hit in old.skills}
    after = {hit.id: hit for hit in new.skills}
    strength = {name: rank for rank, name in enumerate(REQUIREMENTS)}
    changes = []
    for skill_id in before.keys() | after.keys():
        was, now = before.get(skill_id), after.get(skill_id)
        if was and now and was.requirement == now.requirement:
            continue
        hit = now or was
        change = "added" if was is None else "removed" if now is None else "moved"
        changes.append(
            Change(
                "skill",
                hit.name,
                change,
                was.requirement if was else None,
                now.requirement if now else None,
                line_old=was.line if was else None,
                line_new=now.line if now else None,
                section_old=was.section if was else None,
                section_new=now.section if now else None,
                evidence=hit.evidence,
            )
        )
    # Removed, added, then moved; the strongest asks first inside each.
    order = {"removed": 0, "added": 1, "moved": 2}
    changes.sort(key=lambda c: (order[c.change], strength[c.new or c.old], c.field.lower()))
    yield from changes


# ---- sections and items -------------------------------------------------------------------


_BULLET = re.compile(r"^(?:[-*•·◦▪‣>]+|\d{1,2}[.)])\s+")


def _clean(text: str) -> str:
    """Text as compared: the wording only, whatever the wrapping, glyphs or typography."""
    return " ".join(normalize(text).split())


def _unit_text(text: str) -> str:
    return _BULLET.sub("", _clean(text))


@dataclass(frozen=True)
class _Unit:
    """A bullet, or a sentence of a paragraph, with where it sits."""

    text: str  # as written
    key: str  # as compared
    line: int
    section: int  # index of the headed section it falls under (-1: before the first heading)
    kind: str  # the kind of the section it is in
    bullet: bool


# Where a paragraph's sentences part: after . ! ? and before what can open a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])")


def _units(posting: Posting) -> list[_Unit]:
    """Bullets whole; runs of paragraphs as sentences. Where a text breaks into lines and
    paragraphs is formatting (re-wrapping, a text file against its HTML page), so a run of
    paragraphs is joined before it is split at sentence ends. The title line is left out: the
    title is compared as metadata, and a page often makes it its heading."""
    title = _clean(posting.meta.title or "")
    units = []
    headed = -1
    for index, section in enumerate(posting.sections):
        if section.heading:
            headed = index
        run: list[Block] = []
        for block in (*section.blocks, None):
            if block is not None and block.kind == "paragraph" and _clean(block.text) != title:
                run.append(block)
                continue
            for text, line in _sentences(run):
                units.append(_Unit(text, _unit_text(text), line, headed, section.kind, False))
            run = []
            if block is not None and block.kind == "item" and (key := _unit_text(block.text)) and key != title:
                units.append(_Unit(block.text.strip(), key, block.line_start, headed, section.kind, True))
    return [unit for unit in units if unit.key]


def _sentences(run: list[Block]) -> Iterator[tuple[str, int]]:
    """The sentences of consecutive paragraphs, each with the source line it starts on."""
    if not run:
        return
    starts, parts, offset = [], [], 0
    for block in run:
        starts.append((offset, block))
        parts.append(block.text)
        offset += len(block.text) + 1
    text = " ".join(parts)
    begin = 0
    for end in [*_SENTENCE_END.finditer(text), None]:
        stop = end.start() if end else len(text)
        at, block = next((o, b) for o, b in reversed(starts) if o <= begin)
        yield text[begin:stop].strip(), block.line_start + block.text.count("\n", 0, begin - at)
        if end:
            begin = end.end()


def _line_of(units: list[_Unit], wording: str | None) -> int | None:
    """The line of the first bullet or sentence that holds `wording`."""
    if not wording:
        return None
    wording = _clean(wording)
    return next((u.line for u in units if wording in u.key), None)


def _section_key(section: Section) -> str:
    return _clean(section.heading or "").rstrip(":").casefold()


def _pair_sections(old: Sequence[Section], new: Sequence[Section]) -> dict[int, int]:
    """Old headed section → new headed section, by index: same heading first (in order), then
    same kind. Sections without a heading are where the splitter cut a run of text by its
    content, which is analysis, not the author's structure: their content is compared as items."""
    old_headed = [i for i, s in enumerate(old) if s.heading]
    new_headed = [j for j, s in enumerate(new) if s.heading]
    matcher = difflib.SequenceMatcher(
        None, [_section_key(old[i]) for i in old_headed], [_section_key(new[j]) for j in new_headed], autojunk=False
    )
    pairs = {-1: -1}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            pairs[old_headed[block.a + offset]] = new_headed[block.b + offset]
    free_new = [j for j in new_headed if j not in pairs.values()]
    for i in old_headed:
        if i in pairs:
            continue
        same_kind = next((j for j in free_new if new[j].kind == old[i].kind), None)
        if same_kind is not None:
            pairs[i] = same_kind
            free_new.remove(same_kind)
    return pairs


def _section_changes(old: Sequence[Section], new: Sequence[Section], pairs: dict[int, int]) -> Iterator[Change]:
    changes = []
    for i, section in enumerate(old):
        if not section.heading:
            continue
        if i not in pairs:
            changes.append((section.line_start, Change("section", section.kind, "removed", section.heading, None, section.line_start, None, section.kind, None)))
            continue
        other = new[pairs[i]]
        if _section_key(section) != _section_key(other) or section.kind != other.kind:
            changes.append(
                (other.line_start, Change("section", other.kind, "changed", section.heading, other.heading, section.line_start, other.line_start, section.kind, other.kind))
            )
    paired_new = set(pairs.values())
    for j, section in enumerate(new):
        if section.heading and j not in paired_new:
            changes.append((section.line_start, Change("section", section.kind, "added", None, section.heading, None, section.line_start, None, section.kind)))
    yield from (change for _, change in sorted(changes, key=lambda pair: pair[0]))


def _item_changes(old_units: list[_Unit], new_units: list[_Unit], pairs: dict[int, int]) -> Iterator[Change]:
    """Unchanged units pair by equal text; then edits pair by similarity inside paired sections."""
    by_key: dict[str, list[int]] = {}
    for j, unit in enumerate(new_units):
        by_key.setdefault(unit.key, []).append(j)
    match: dict[int, int] = {}
    # Equal text in the paired section first, so a repeated bullet is not taken for a move.
    for same_section in (True, False):
        for i, unit in enumerate(old_units):
            if i in match:
                continue
            for j in by_key.get(unit.key, ()):
                if j not in match.values() and (not same_section or pairs.get(unit.section) == new_units[j].section):
                    match[i] = j
                    break
    edits = _pair_edits(old_units, new_units, match, pairs)
    changes: list[tuple[float, Change]] = []
    matched_new = set(match.values()) | set(edits.values())
    for i, unit in enumerate(old_units):
        j = match.get(i, edits.get(i))
        if j is None:
            changes.append((_anchor(i, match), _item(unit, None, "removed")))
            continue
        other = new_units[j]
        if i in edits:
            changes.append((j, _item(unit, other, "changed")))
        elif pairs.get(unit.section) != other.section:
            changes.append((j, _item(unit, other, "moved")))
    for j, unit in enumerate(new_units):
        if j not in matched_new:
            changes.append((j, _item(None, unit, "added")))
    yield from (change for _, change in sorted(changes, key=lambda pair: pair[0]))


def _pair_edits(old_units: list[_Unit], new_units: list[_Unit], match: dict[int, int], pairs: dict[int, int]) -> dict[int, int]:
    """Leftover old units paired with leftover new units of the paired section: the most similar
    first; then a lone leftover on each side of the same gap between kept units, if at all alike
    (one bullet out and one in at the same place is a rewrite, as a reader sees it)."""
    taken = set(match.values())
    candidates = []
    for i, unit in enumerate(old_units):
        if i in match:
            continue
        for j, other in enumerate(new_units):
            if j in taken or pairs.get(unit.section) != other.section:
                continue
            score = _similarity(unit.key, other.key)
            if score >= REWRITE_SIMILARITY:
                candidates.append((-score, abs(i - j), i, j))
    edits: dict[int, int] = {}
    for score, _, i, j in sorted(candidates):
        if -score >= EDIT_SIMILARITY and i not in edits and j not in taken:
            edits[i] = j
            taken.add(j)
    kept = {**match, **edits}
    gaps: dict[tuple[float, int], tuple[list[int], list[int]]] = {}
    for i in range(len(old_units)):
        if i not in kept:
            gaps.setdefault((_anchor(i, kept), old_units[i].section), ([], []))[0].append(i)
    for j in range(len(new_units)):
        if j not in taken:
            before = max((k for k in kept.values() if k < j), default=-1)
            for (anchor, section), (olds, news) in gaps.items():
                if anchor == before + 0.5 and pairs.get(section) == new_units[j].section:
                    news.append(j)
    for score, _, i, j in sorted(candidates):
        gap = next(((olds, news) for olds, news in gaps.values() if i in olds), None)
        if gap and gap[0] == [i] and gap[1] == [j]:
            edits[i] = j
    return edits


def _similarity(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def _anchor(i: int, match: dict[int, int]) -> float:
    """Where a removed unit goes among the new ones: just after its nearest kept predecessor."""
    for k in range(i - 1, -1, -1):
        if k in match:
            return match[k] + 0.5
    return -0.5


def _item(old: _Unit | None, new: _Unit | None, change: str) -> Change:
    return Change(
        "item",
        (new or old).kind,
        change,
        old.text if old else None,
        new.text if new else None,
        old.line if old else None,
        new.line if new else None,
        old.kind if old else None,
        new.kind if new else None,
    )


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """`old` → `new` as (op, text) runs over words, op one of "equal", "delete", "insert"."""
    a, b = _clean(old).split(" "), _clean(new).split(" ")
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            runs.append(("equal" if op == "equal" else "delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace") and j2 > j1:
            runs.append(("insert", " ".join(b[j1:j2])))
    return runs


def unified(old: Posting, new: Posting, old_name: str, new_name: str) -> str:
    """A plain-text diff of both postings' normalised sections, for code review."""
    lines = difflib.unified_diff(_outline(old), _outline(new), old_name, new_name, lineterm="")
    return "".join(line + "\n" for line in lines)


def _outline(posting: Posting) -> list[str]:
    """The posting as compared: a line per heading, bullet and sentence."""
    lines, heading = [], -1
    for unit in _units(posting):
        if unit.section != heading:
            heading = unit.section
            lines.append(f"## {_clean(posting.sections[heading].heading or '')}")
        lines.append(f"- {unit.key}" if unit.bullet else unit.key)
    return lines


POSTING_STATUSES = ("added", "removed", "changed", "unchanged")


@dataclass(frozen=True)
class PostingDiff:
    """One posting of a folder diff, by its path relative to the folders."""

    path: str
    status: str  # one of POSTING_STATUSES
    changes: tuple[Change, ...] = ()
    # Both analysed versions of a posting in both folders, so a unified diff needs no second reading.
    old: Posting | None = field(default=None, compare=False, repr=False)
    new: Posting | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "summary": summary(self.changes),
            "changes": [c.to_dict() for c in self.changes],
        }
