"""Find the skills a posting asks for: sections x vocabulary -> `SkillHit`s.

Each block is tokenised once (`vocab.TOKEN_RE`) and its tokens walked through the vocabulary's
token trie, taking the longest alias at each position; so the cost per posting depends on its
length, not on the size of the vocabulary. Words no alias covers may still be a misspelt
("Kubernets") or split ("Tensor Flow") name; those go through the vocabulary's fuzzy index.

How strongly a skill is asked for comes from the section kind, then from cues in the same
clause ("... is a plus" makes it preferred). Sections that describe the company rather than
the job (about, culture, benefits, process, eeo, ...) only ever yield "mentioned".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from .model import REQUIREMENTS, Block, Section, SkillHit, normalize
from .vocab import TECH_CATEGORIES, TOKEN_RE, Entry, Vocabulary, builtin, lower_same_length, tokens

# Section kind -> (requirement when nothing else is said, strongest allowed).
# Responsibilities name the tools the job is done with ("Write code in Go"), so they count as
# required. A summary or an unlabelled section describes the role: its skills are "mentioned"
# unless the sentence itself asks for them ("experience with", "must", "you have").
SECTION_REQUIREMENT = {
    "requirements": ("required", "required"),
    "preferred": ("preferred", "preferred"),
    "responsibilities": ("required", "required"),
    "summary": ("mentioned", "required"),
    "other": ("mentioned", "required"),
    "about": ("mentioned", "mentioned"),
    "culture": ("mentioned", "mentioned"),
    "benefits": ("mentioned", "mentioned"),
    "compensation": ("mentioned", "mentioned"),
    "process": ("mentioned", "mentioned"),
    "logistics": ("mentioned", "mentioned"),
    "eeo": ("mentioned", "mentioned"),
}
_RANK = {r: i for i, r in enumerate(REQUIREMENTS)}

PREFERRED_CUE = re.compile(
    r"\b(?:(?:a|big|huge|definite|real|great|strong|added)\s+plus|plus\s*$|bonus|nice[\s-]to[\s-]have|"
    r"preferred|preferably|prefer|ideally|desirable|desired|advantage|advantageous|an asset|"
    r"would be (?:great|nice|good|helpful|ideal|appreciated)|not (?:required|necessary|mandatory)|"
    r"optional|beneficial|helpful|good to have|welcome)\b",
    re.I,
)
REQUIRED_CUE = re.compile(
    r"\b(?:experience (?:with|in|using|building|of)|experienced|proficien\w*|expertise|knowledge of|"
    r"familiar\w*|must|required|requires?|mandatory|you have|you bring|you'll need|strong|solid|"
    r"hands[\s-]on|skills? in|understanding of|years?|degree|fluent|fluency|qualifications?)\b",
    re.I,
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
YEARS = re.compile(
    r"\b(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")(?:\s*\(\d{1,2}\))?\s*\+?\s*(?:(?:-|to|or)\s*\d{1,2}\s*\+?\s*)?"
    r"(?:years?|yrs?)\b",
    re.I,
)
# Where a sentence ends inside a block: after . ! ? before a space, at a blank line, or at a line
# break before a line that starts like a new sentence or list item (not a wrapped line).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|\n\s*\n|\n(?=\s*[^a-z\s])")
CLAUSE_END = re.compile(r";|\s+-\s+|\s*\u2022\s*")
_DELETED = frozenset(c for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad")


class _Candidate:
    """One mention found in a block, before the per-posting merge."""

    __slots__ = ("entry", "start", "end", "first", "last", "match", "score", "sentence")

    def __init__(self, entry: Entry, start: int, end: int, first: int, last: int, match: str, score: int):
        self.entry, self.start, self.end, self.first, self.last = entry, start, end, first, last
        self.match, self.score = match, score
        self.sentence = -1


def extract_skills(sections: Sequence[Section], vocab: Vocabulary | None = None) -> tuple[SkillHit, ...]:
    """The skills the sections name, one `SkillHit` per skill, in order of first mention."""
    vocab = vocab or builtin()
    hits: dict[str, SkillHit] = {}
    for section in sections:
        base, cap = SECTION_REQUIREMENT.get(section.kind, SECTION_REQUIREMENT["other"])
        for block in section.blocks:
            if block.kind == "heading":
                continue
            for hit in _block_hits(block, section.kind, base, cap, vocab):
                old = hits.get(hit.id)
                if old is None:
                    hits[hit.id] = hit
                else:
                    stronger = _RANK[hit.requirement] < _RANK[old.requirement]
                    years = old.years if old.years is not None else hit.years
                    if stronger or years != old.years:
                        hits[hit.id] = _replace_hit(old, hit.requirement if stronger else old.requirement, years)
    return tuple(hits.values())


def _replace_hit(hit: SkillHit, requirement: str, years: int | None) -> SkillHit:
    d = hit.__dict__.copy()
    d.update(requirement=requirement, years=years)
    return SkillHit(**d)


def _block_hits(block: Block, kind: str, base: str, cap: str, vocab: Vocabulary) -> list[SkillHit]:
    text = block.text
    norm = block.norm
    low = lower_same_length(norm)
    parts = TOKEN_RE.split(low)
    cands = _scan(parts, vocab)
    if not cands:
        return []
    offs = list(accumulate(map(len, parts)))
    toks = parts[1::2]
    for c in cands:
        c.start = offs[2 * c.first]
        c.end = offs[2 * c.last + 1]
    sentences = _sentences(norm) if block.kind != "item" else [(0, len(norm))]
    ends = [b for _, b in sentences]
    for c in cands:
        c.sentence = min(bisect_right(ends, c.start), len(sentences) - 1)
    cands = [c for c in cands if _context_ok(c, cands, parts, toks, norm, sentences)]
    if not cands:
        return []
    # Offsets so far are in `norm`; map them back to `text` when normalising deleted characters.
    to_text = None if len(norm) == len(text) else _offset_map(text)
    out = []
    clause_cache: dict[int, list[tuple[int, int, str, list[tuple[int, int, int]]]]] = {}
    for c in cands:
        skill = c.entry.skill
        s_start, s_end = sentences[c.sentence]
        clauses = clause_cache.get(c.sentence)
        if clauses is None:
            clauses = clause_cache[c.sentence] = _clauses(norm, s_start, s_end)
        clause = next((cl for cl in clauses if cl[0] <= c.start < cl[1]), clauses[-1])
        requirement = _requirement(clause[2], base, cap)
        a, b, s_a, s_b = c.start, c.end, s_start, s_end
        if to_text is not None:
            a, b, s_a, s_b = to_text[a], to_text[b - 1] + 1, to_text[s_a], to_text[s_b - 1] + 1
        out.append(
            SkillHit(
                id=skill.id,
                name=skill.name,
                category=skill.category,
                requirement=requirement,
                section=kind,
                surface=text[a:b],
                line=block.line_start + text.count("\n", 0, a),
                evidence=" ".join(text[s_a:s_b].split()),
                match=c.match,
                score=c.score,
                years=_years(clause, c.start, c.end),
            )
        )
    return out


def _scan(parts: list[str], vocab: Vocabulary) -> list[_Candidate]:
    """Longest alias matches over the tokens (odd items of `parts`), then fuzzy ones."""
    toks = parts[1::2]
    n = len(toks)
    trie = vocab.trie
    words = vocab.words
    out: list[_Candidate] = []
    unknown = set(toks)
    unknown -= words
    unknown.difference_update(trie)
    unknown = {t for t in unknown if len(t) >= 6}
    i = 0
    while i < n:
        tok = toks[i]
        node = trie.get(tok)
        if node is not None:
            best = None
            j = i
            while True:
                entry = node.get("")
                if entry is not None:
                    best = (j, entry)
                j += 1
                if j == n:
                    break
                node = node.get(toks[j])
                if node is None:
                    break
            if best is not None:
                last, entry = best
                if not tok[0].isalnum() and i and parts[2 * i] == "" and toks[i - 1][0].isalnum():
                    i += 1  # ".NET" glued to a word, as in "Java.NET": not a name start
                    continue
                out.append(_Candidate(entry, 0, 0, i, last, entry.match, 100 if entry.match == "exact" else 95))
                i = last + 1
                continue
        if i + 1 < n:
            entry = vocab.joined(tok, toks[i + 1])
            if entry is not None:
                out.append(_Candidate(entry, 0, 0, i, i + 1, "fuzzy", 92))
                i += 2
                continue
        if tok in unknown:
            found = vocab.fuzzy(tok)
            if found is not None:
                out.append(_Candidate(found[0], 0, 0, i, i, "fuzzy", found[1]))
        i += 1
    return out


def _context_ok(c: _Candidate, cands: list[_Candidate], parts, toks, norm: str, sentences) -> bool:
    """Whether an ambiguous name ("Go", "Excel", "R") is meant as the skill here."""
    entry = c.entry
    if entry.forms is None:
        return True
    if "".join(norm[c.start : c.end].split()) not in entry.forms:
        return False
    rule = entry.rule
    for seq in rule.not_prev:
        if seq == ("-",):
            continue
        k = len(seq)
        if c.first >= k and tuple(toks[c.first - k : c.first]) == seq:
            return False
    for seq in rule.not_next:
        if seq == ("-",):
            if parts[2 * c.last + 2].startswith("-"):
                return False
            continue
        k = len(seq)
        if tuple(toks[c.last + 1 : c.last + 1 + k]) == seq:
            return False
    if rule.needs != "tech":
        return True
    for other in cands:
        if (
            other is not c
            and other.sentence == c.sentence
            and other.entry.forms is None
            and other.entry.skill.category in TECH_CATEGORIES
        ):
            return True
    a, b = sentences[c.sentence]
    return not rule.cues.isdisjoint(tokens(norm[a:b]))


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int, str, list]]:
    """The clauses of one sentence: (start, end, text, year figures as (start, end, years))."""
    out = []
    pos = start
    sentence = text[start:end]
    bounds = [m for m in CLAUSE_END.finditer(sentence)]
    for m in [*bounds, None]:
        stop = start + (m.start() if m else len(sentence))
        if stop > pos or m is None:
            piece = text[pos:stop]
            figures = [(pos + f.start(), pos + f.end(), _figure(f.group(1))) for f in YEARS.finditer(piece)]
            out.append((pos, stop, piece, figures))
        if m:
            pos = start + m.end()
    return out


def _figure(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _requirement(clause: str, base: str, cap: str) -> str:
    if cap == "mentioned":
        return "mentioned"
    if PREFERRED_CUE.search(clause):
        return "preferred"
    if base == "mentioned" and REQUIRED_CUE.search(clause):
        return "required"
    return base


def _years(clause, start: int, end: int) -> int | None:
    """The years figure that governs a mention: the nearest one before it in its clause
    ("5+ years of Python"), else one right after it ("Python (3+ years)")."""
    figures = clause[3]
    before = [f for f in figures if f[1] <= start]
    if before:
        return before[-1][2]
    after = [f for f in figures if f[0] >= end and f[0] - end <= 30]
    return after[0][2] if after else None


def _offset_map(text: str) -> list[int]:
    """For each character of `normalize(text)`, its index in `text` (plus the end)."""
    kept = [i for i, ch in enumerate(text) if ch not in _DELETED]
    assert len(kept) == len(normalize(text))
    return kept + [len(text)]
