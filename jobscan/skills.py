"""Find the skills a posting asks for: sections x vocabulary -> `SkillHit`s.

A posting's blocks are tokenised into one list (`text.clean`, then `str.split`) and the tokens
that can start an alias are walked through the vocabulary's token trie, longest alias first; so the
cost per posting depends on its length, not on the size of the vocabulary. Words no alias covers
may still be a misspelt ("Kubernets") or split ("Tensor Flow") name; those go through the
vocabulary's fuzzy index.

How strongly a skill is asked for comes from the section kind, then from cues in the same
clause ("... is a plus" makes it preferred). Sections that describe the company rather than
the job (about, culture, benefits, process, eeo, ...) only ever yield "mentioned".
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import attrgetter
from typing import Any, Final

from .model import REQUIREMENTS, Block, Section, SkillHit, normalize
from .sections import WEAK_MATCH, match_heading
from .text import blank_separators, clean, lower_same_length, tokens
from .vocab import TECH_CATEGORIES, Entry, Vocabulary, builtin

# Section kind -> (requirement when nothing else is said, strongest allowed).
# Responsibilities name the tools the job is done with ("Write code in Go"), so they count as
# required. A summary or an unlabelled section describes the role: its skills are "mentioned"
# unless the sentence itself asks for them ("experience with", "must", "you have").
SECTION_REQUIREMENT: Final[dict[str, tuple[str, str]]] = {
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
_RANK: Final[dict[str, int]] = {r: i for i, r in enumerate(REQUIREMENTS)}
# Generic nouns that, written right after a skill name, belong to its mention ("Agile
# methodologies", "Docker ecosystem", "Kafka pipelines", "DevOps practices", "Unix systems"):
# the surface takes them in.
HEAD_NOUNS: Final = frozenset(
    "ecosystem technologies methodology methodologies frameworks principles tools protocols pipelines "
    "practices processes patterns systems".split()
)

# Cues are looked for in the lower-cased clause.
PREFERRED_CUE: Final = re.compile(
    r"\b(?:(?:a|big|huge|definite|real|great|strong|added)\s+plus|plus\s*\W*$|bonus|nice[\s-]to[\s-]have|"
    r"preferred|preferably|prefer|ideally|desirable|desired|advantage|advantageous|an asset|"
    r"would be (?:great|nice|good|helpful|ideal|appreciated)|not (?:required|necessary|mandatory)|"
    r"optional|beneficial|helpful|good to have|welcome)\b"
)
REQUIRED_CUE: Final = re.compile(
    r"\b(?:experience (?:with|in|using|building|of)|experienced|proficien\w*|expertise|knowledge of|"
    r"familiar\w*|must|required|requires?|mandatory|you have|you bring|you'll need|strong|solid|"
    r"hands[\s-]on|skills? in|understanding of|years?|degree|fluent|fluency|qualifications?)\b"
)
_NUMBER_WORDS: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
YEARS: Final = re.compile(
    r"\b(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")(?:\s*\(\d{1,2}\))?\s*\+?\s*(?:(?:-|to|or)\s*\d{1,2}\s*\+?\s*)?"
    r"(?:years?|yrs?)\b"
)
# Abbreviations whose full stop ends no sentence ("languages (e.g. Go or Rust)"), also as tokenised
# text writes them ("e.g . Go").
_ABBREVIATIONS = ("e.g", "i.e", "eg", "ie", "vs", "incl", "approx", "esp", "cf")
_NOT_ABBREVIATED = "".join(
    rf"(?<!\b(?i:{re.escape(a)})\.)(?<!\b(?i:{re.escape(a)}) \.)" for a in _ABBREVIATIONS
)
# Where a sentence ends inside a block: after . ! ? before a space (not an abbreviation's dot), at
# a blank line, or at a line break before a line that starts like a new sentence or list item
# (not a wrapped line).
SENTENCE_END: Final = re.compile(
    r"[.!?\n](?:(?<=[.!?])(?=\s)" + _NOT_ABBREVIATED + r"\s+(?=\S)|(?<=\n)(?:\s*\n|(?=\s*[^a-z\s])))"
)
# ("(?=\s)" changes nothing but spares the abbreviation tests at every "." inside a word: "node.js", "3.5".
# The one character class in front lets the regex engine skip to the next [.!?\n] at C speed; as
# alternatives "[.!?]...|\n..." it would try the whole pattern at every position.)
_ABBREVIATED: Final = re.compile(r"\b(?:" + "|".join(map(re.escape, _ABBREVIATIONS)) + r") ?$", re.I)
# Word stems without which REQUIRED_CUE cannot match: a cheap test before it.
REQUIRED_HINT: Final = re.compile(
    "experience|proficien|expertise|knowledge|familiar|must|requir|mandatory|you |strong|solid|hands|skill|"
    "understanding|year|degree|fluen|qualific"
)
CLAUSE_END: Final = re.compile(r"[;\u2022]| - ")
_LABEL_REACH: Final = 80  # how far a label's values run on a line ("Industry: Agile Software Development Consulting")
_DELETED: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")  # what model.normalize removes


class _Candidate:
    """One mention found in a block, before the per-posting merge."""

    __slots__ = ("entry", "start", "end", "first", "last", "match", "score", "sentence")

    def __init__(self, entry: Entry, first: int, last: int, match: str, score: int):
        self.entry, self.first, self.last, self.match, self.score = entry, first, last, match, score
        self.start = self.end = self.sentence = -1


_GAP_TOKEN: Final = "\x00"  # follows each block's tokens: no alias contains it, so no match spans two blocks
_FIRST_TOKEN: Final = attrgetter("first")
_GAP_JOIN: Final = f" {_GAP_TOKEN} "  # between blocks' texts, so that splitting the whole posting yields the gap tokens


def extract_skills(sections: Sequence[Section], vocab: Vocabulary | None = None) -> tuple[SkillHit, ...]:
    """The skills the sections name, one `SkillHit` per skill, in order of first mention."""
    if vocab is None or not vocab.skills:  # as `vocab or builtin()`, without a call to Vocabulary.__len__
        vocab = builtin()
    blocks: list[tuple[str, Block, str, str | None]] = []  # (section kind, block, normalized text, label)
    headings = []
    for section in sections:
        heading = section.heading
        label = None
        if heading:
            # A section headed by a label ("Industry:" on its own line) has the label's values
            # in its first block: label rules look for the heading's first word there.
            label = (tokens(heading) or ("",))[0]
            headings.append(label)
            # A heading that names no known section may name skills: a short line such as
            # "HTML5 CSS3" or "Kafka" reads like a heading.
            if match_heading(heading)[1] < WEAK_MATCH:
                block = Block("paragraph", heading, section.line_start, section.line_start)
                blocks.append((section.kind, block, normalize(heading), None))
        for block in section.blocks:
            if block.kind != "heading":
                text = block.text  # Block.norm, without its property and call for ASCII text
                blocks.append((section.kind, block, text if text.isascii() else normalize(text), label))
                label = None
    # The posting is lower-cased, cleaned and split as one string, so that work runs once per
    # posting; the gap token joins the blocks.
    joined = _GAP_JOIN.join([b[2] for b in blocks])
    firsts = []  # index in `toks` of each block's first token
    if joined.count(_GAP_TOKEN) < len(blocks):  # only the joins hold the gap token
        cleaned_all = clean(joined)
        cleaned = cleaned_all.split(_GAP_JOIN)  # each block's text, cleaned
        toks = cleaned_all.split()
        toks.append(_GAP_TOKEN)  # also makes toks[i + 1] and toks[i - 1] exist for every token
        k = 0
        index = toks.index
        for _ in blocks:
            firsts.append(k)
            k = index(_GAP_TOKEN, k) + 1
    else:  # the text holds the gap token itself: blocks are told apart by where they end
        low = lower_same_length(joined)
        cleaned = []
        toks = []
        pos = 0
        for one in blocks:
            end = pos + len(one[2])
            cleaned.append(blank_separators(low[pos:end]))
            firsts.append(len(toks))
            toks += cleaned[-1].split()
            toks.append(_GAP_TOKEN)
            pos = end + len(_GAP_JOIN)
    cands = _scan(toks, vocab, headings)
    found: dict[str, dict] = {}  # skill id -> the SkillHit fields, updated in place
    i = 0
    n = len(cands)
    while i < n:  # one block's mentions at a time, told apart by bisection rather than one by one
        b = bisect_right(firsts, cands[i].first) - 1
        j = bisect_left(cands, firsts[b + 1], i, n, key=_FIRST_TOKEN) if b + 1 < len(firsts) else n
        kind, block, norm, label = blocks[b]
        _locate(cands[i:j], cleaned[b], toks, firsts[b])
        _block_hits(kind, block, norm, label, cands[i:j], toks, found)
        i = j
    return tuple(map(_skill_hit, found.values()))


def _skill_hit(values: dict) -> SkillHit:
    """The SkillHit of a skill's fields as gathered in `found` (its spellings in a list)."""
    return SkillHit(
        values["id"],
        values["name"],
        values["category"],
        values["requirement"],
        values["section"],
        values["surface"],
        values["line"],
        values["evidence"],
        values["match"],
        values["score"],
        values["years"],
        tuple(values["surfaces"]),
    )


def _locate(cands: list[_Candidate], cleaned: str, toks: list[str], first: int) -> None:
    """Set the offsets in a block's text of mentions known by token indices, `cleaned` being the
    block as tokenised and toks[first] its first token.

    Tokens are the runs of non-spaces, so in the text padded with a space on each side, token k is
    the first " word " after token k - 1 once the same words between them are skipped.
    """
    padded = f" {cleaned} "
    k = first  # the next token to look for is not before toks[k] ...
    at = 0  # ... nor before padded[at]
    for c in cands:
        for i in (c.first, c.last) if c.last != c.first else (c.first,):
            word = toks[i]
            needle = f" {word} "
            at = padded.find(needle, at)
            for _ in range(toks[k:i].count(word)):
                at = padded.find(needle, at + 1)
            if i == c.first:
                c.start = at
            k, at = i + 1, at + len(word) + 1
        c.end = at - 1


def _block_hits(
    kind: str, block: Block, norm: str, label: str | None, cands: list[_Candidate], toks: list[str], found: dict
) -> None:
    """Add one block's mentions to `found`: new skills get their first-mention fields, known ones
    only a stronger requirement or a missing years figure. Candidates carry offsets into `norm`
    and token indices into the posting's `toks`; `label` is the heading right above the block."""
    text = block.text
    base, cap = SECTION_REQUIREMENT.get(kind, SECTION_REQUIREMENT["other"])
    # Skip the mentions that cannot change anything: the skill is already required and either
    # has its years or no years figure is written near this mention.
    low = lower_same_length(norm)
    years_here = None
    todo = []
    seen_again = []  # mentions of skills already settled: only their spelling is still news
    ambiguous = dotted = False
    for c in cands:
        entry = c.entry
        if entry.rule is not None:
            ambiguous = True
        else:
            old = found.get(entry.skill.id)
            if old is not None and old["requirement"] == "required":
                if old["years"] is not None:
                    seen_again.append(c)
                    continue
                if years_here is None:
                    years_here = "year" in low or "yr" in low
                if not years_here or not _years_near(low, c.start, c.end):
                    seen_again.append(c)
                    continue
        dotted = dotted or entry.dot
        todo.append(c)
    if seen_again:
        _add_spellings(seen_again, text, norm, low, found)
    if not todo:
        return
    located = cands if ambiguous else todo
    if dotted or (ambiguous and any(c.entry.dot for c in located)):
        dropped = {id(c) for c in located if c.entry.dot and not _dot_ok(c, low)}
        located = [c for c in located if id(c) not in dropped]
        todo = [c for c in todo if id(c) not in dropped]
    spans: dict[int, tuple[int, int]] = {}  # sentence start -> (start, end)
    if block.kind == "item":
        spans[0] = (0, len(norm))
        for c in located:
            c.sentence = 0
    elif len(located) > 12:  # many mentions: split the whole block once
        bounds = _sentences(norm)
        ends = [b for _, b in bounds]
        for c in located:
            span = bounds[min(bisect_right(ends, c.start), len(bounds) - 1)]
            spans[span[0]] = span
            c.sentence = span[0]
    else:
        span = (-1, -1)
        for c in located:  # in text order, so a sentence found serves the mentions after it
            if not span[0] <= c.start < span[1]:
                start = _sentence_start(norm, c.start)
                span = spans[start] = (start, _sentence_end(norm, c.end))
            c.sentence = span[0]
    if ambiguous:
        tech = [c for c in located if c.entry.rule is None and c.entry.skill.category in TECH_CATEGORIES]
        listed = ({c.last for c in tech}, {c.first for c in tech})
        todo = [c for c in todo if _context_ok(c, located, toks, norm, low, spans, listed, label)]
    # Offsets so far are in `norm`; map them back to `text` when normalising deleted characters.
    to_text = None if len(norm) == len(text) else _offset_map(text)
    # Text that can only mention skills, and names no years, needs no clause looked at.
    has_years = years_here if years_here is not None else ("year" in low or "yr" in low)
    plain = cap == "mentioned" and not has_years
    clause_cache: dict[int, list[tuple[int, int, str, list[tuple[int, int, int]]]]] = {}
    requirement_cache: dict[int, str] = {}
    evidence_cache: dict[int, str] = {}
    for c in todo:
        skill = c.entry.skill
        old = found.get(skill.id)
        s_start, s_end = spans[c.sentence]
        if plain:
            requirement, years = base, None
        else:
            clauses = clause_cache.get(c.sentence)
            if clauses is None:
                clauses = clause_cache[c.sentence] = _clauses(low, s_start, s_end)
            clause = clauses[-1]
            if len(clauses) > 1:
                clause = next((cl for cl in clauses if cl[0] <= c.start < cl[1]), clause)
            cached = requirement_cache.get(clause[0])
            if cached is None:
                cached = requirement_cache[clause[0]] = _requirement(clause[2], base, cap)
            requirement = cached
            years = _years(clause, c.start, c.end) if clause[3] else None
        if old is not None:
            if _RANK[requirement] < _RANK[old["requirement"]]:
                old["requirement"] = requirement
            if old["years"] is None:
                old["years"] = years
            _add_spellings([c], text, norm, low, found)
            continue
        a, b = c.start, c.end
        if to_text is not None:
            a, b = to_text[a], to_text[b - 1] + 1
        evidence = evidence_cache.get(s_start)
        if evidence is None:
            s_a, s_b = (s_start, s_end) if to_text is None else (to_text[s_start], to_text[s_end - 1] + 1)
            evidence = evidence_cache[s_start] = " ".join(text[s_a:s_b].split())
        found[skill.id] = {
            "id": skill.id,
            "name": skill.name,
            "category": skill.category,
            "requirement": requirement,
            "section": kind,
            "surface": text[a:b],
            "line": block.line_start + text.count("\n", 0, a),
            "evidence": evidence,
            "match": c.match,
            "score": c.score,
            "years": years,
            "surfaces": [text[a:b]],
        }


def _add_spellings(mentions: list[_Candidate], text: str, norm: str, low: str, found: dict) -> None:
    """Note how later mentions of known skills are written ("reactjs" after "React")."""
    to_text = None if len(norm) == len(text) else _offset_map(text)
    for c in mentions:
        if c.entry.dot and not _dot_ok(c, low):
            continue
        a, b = c.start, c.end
        if to_text is not None:
            a, b = to_text[a], to_text[b - 1] + 1
        spellings = found[c.entry.skill.id]["surfaces"]
        spelling = text[a:b]
        if spelling not in spellings and all(spelling.casefold() != known.casefold() for known in spellings):
            spellings.append(spelling)


def _scan(toks: list[str], vocab: Vocabulary, headings: list[str]) -> list[_Candidate]:
    """Longest alias matches over the tokens, then split and misspelt names. `headings` holds the
    first words of the section headings (label rules look for theirs)."""
    n = len(toks)
    # Only first tokens of aliases and of split names ("Tensor Flow") and misspelt words can start
    # a match: one lookup a token in the set of the other words says which (and which words are
    # new). (A set, not a dict: a set keeps each word's hash in its table, where a dict of str keys
    # reads it from the key string, a cache miss a token in a table of 30k+ words.)
    heads = vocab.heads
    plain = vocab.plain
    labelled = None  # whether the posting has any "Industry:"-like label; found out when needed
    out: list[_Candidate] = []
    covered = -1
    for i in range(n):
        tok = toks[i]
        if tok in plain or i <= covered:
            continue
        head = heads.get(tok)
        if head is None:  # a misspelt name ("Kubernets") or a word not met before
            found = vocab.misspelt(tok)
            if found is not None:
                out.append(_Candidate(found[0], i, i, "fuzzy", found[1]))
            continue
        entry, node, joins, misspellable, nexts = head
        if nexts is not None and toks[i + 1] not in nexts:
            continue
        last = i
        if node is not None:  # the longest alias starting here
            j = i + 1
            while j < n:
                child: dict[str, Any] | None = node.get(toks[j])  # typed: compiled, a C dict lookup
                if child is None:
                    break
                node = child
                longer = child.get("")
                if longer is not None:
                    entry, last = longer, j
                j += 1
        if entry is not None:
            rule = entry.rule
            if rule is not None:
                if rule.needs == "label":
                    if labelled is None:
                        cues = vocab.label_cues
                        labelled = not cues.isdisjoint(toks) or not cues.isdisjoint(headings)
                    if not labelled:
                        continue
                elif rule.needs == "list" and not (
                    (toks[i - 1] == _GAP_TOKEN or (out and out[-1].last == i - 1))
                    and (toks[last + 1] == _GAP_TOKEN or toks[last + 1] in heads)
                ):
                    continue  # no name on both sides: not in a list (the cheap part of the test)
            if last + 1 < n and toks[last + 1] in HEAD_NOUNS:  # "Agile methodologies"
                last += 1
            out.append(_Candidate(entry, i, last, entry.match, 100 if entry.match == "exact" else 95))
            covered = last
            continue
        if joins is not None and i + 1 < n:
            entry = joins.get(toks[i + 1])
            if entry is not None:
                out.append(_Candidate(entry, i, i + 1, "fuzzy", 92))
                covered = i + 1
                continue
        if misspellable:
            found = vocab.fuzzy(tok)
            if found is not None:
                out.append(_Candidate(found[0], i, i, "fuzzy", found[1]))
    return out


def _dot_ok(c: _Candidate, low: str) -> bool:
    """A name written with a leading dot (".NET") must have it, not glued to a word ("Java.NET");
    a dot set apart by spaces (". NET", as in tokenised text) counts too. Asked again, it answers
    the same: the mention then starts at its dot."""
    a = c.start
    if low[a] == ".":
        return a == 0 or not low[a - 1].isalnum()
    k = a - 1
    while k >= 0 and low[k] == " ":
        k -= 1
    if k < 0 or low[k] != "." or (k < a - 1 and k and not low[k - 1].isspace()):
        return False
    c.start = k
    return k == 0 or not low[k - 1].isalnum()


def _context_ok(
    c: _Candidate, cands: list[_Candidate], toks: list[str], norm: str, low: str, spans, listed, label: str | None
) -> bool:
    """Whether an ambiguous name ("Go", "Excel", "R") is meant as the skill here.

    `listed` holds the token indices where unambiguous technical names end and start: a name
    between two of them is in a list of technologies ("python go django"), whatever its case;
    next to one joined to it by "and"/"or" ("Python and Ruby"), the words on that side are not
    held against it.
    """
    rule = c.entry.rule
    if rule is None:
        return True
    ends, starts = listed
    in_list = (c.first - 1 in ends or toks[c.first - 1] == _GAP_TOKEN) and (
        c.last + 1 in starts or toks[c.last + 1] == _GAP_TOKEN
    )
    in_list = in_list and (c.first - 1 in ends or c.last + 1 in starts) and rule.needs != "label"
    if in_list:
        return _shape_ok(c, toks, norm, low, any_case=True)
    if rule.needs == "list":
        return False
    before = toks[c.first - 1] in _CONJUNCTIONS and _joined(toks, c.first, -1, ends)
    after = toks[c.last + 1] in _CONJUNCTIONS and _joined(toks, c.last, 1, starts)
    if not _shape_ok(c, toks, norm, low, before=not before, after=not after):
        return False
    if rule.needs == "tech":
        # Another technical skill in the sentence: an unambiguous one, or an ambiguous one
        # written as a name ("Rust and Go").
        for other in cands:
            if (
                other is not c
                and other.sentence == c.sentence
                and other.entry.skill.category in TECH_CATEGORIES
                and (other.entry.rule is None or _shape_ok(other, toks, norm, low))
            ):
                return True
    elif rule.needs == "label":
        return _labelled(low, c.start, rule.cues, label)
    elif rule.needs != "cue":
        return True
    a, b = spans[c.sentence]
    return not rule.cues.isdisjoint(tokens(low[a:b]))


_CONJUNCTIONS: Final = frozenset(("and", "or"))


def _joined(toks: list[str], i: int, step: int, tech: set[int]) -> bool:
    """Whether "and", "or" or "and/or", next to token `i` (before it for step -1, after it for +1),
    have a technical name on their other side."""
    j = i + step
    if toks[j + step] in _CONJUNCTIONS:
        j += step
    return j + step in tech


def _labelled(low: str, pos: int, labels: frozenset[str], heading: str | None = None) -> bool:
    """Whether one of `labels` governs `pos`: it starts the line holding `pos` or the line before,
    or is the last "label:" before `pos` on its line and close to it (metadata run together on one
    line: "Role: QA Industry: Retail Company size: 50"), or is the first word of the `heading`
    right above a block whose first line holds `pos`."""
    start = low.rfind("\n", 0, pos) + 1
    if start == 0 and heading in labels:
        return True
    colon = low.rfind(":", start, pos)
    if colon >= 0 and pos - colon <= _LABEL_REACH:
        word = low[start:colon].rsplit(None, 1)
        if word and word[-1] in labels:
            return True
    before = low.rfind("\n", 0, max(start - 1, 0)) + 1 if start else start
    for line_start in (start, before):
        words = low[line_start : line_start + 40].split(None, 1)
        if words and words[0].strip(":") in labels:
            return True
    return False


def _shape_ok(
    c: _Candidate, toks: list[str], norm: str, low: str, any_case: bool = False, before: bool = True, after: bool = True
) -> bool:
    """The written form and the neighbouring words (those `before` and `after` it, unless told
    not to look there) allow the skill reading."""
    entry = c.entry
    rule = entry.rule
    assert rule is not None  # only ambiguous names are looked at
    if entry.forms and not any_case and "".join(norm[c.start : c.end].split()) not in entry.forms:
        return False
    if before:
        words, longer, marks = rule.prev_parts
        if toks[c.first - 1] in words or (c.start and low[c.start - 1] in marks):
            return False
        for seq in longer:
            if c.first >= len(seq) and tuple(toks[c.first - len(seq) : c.first]) == seq:
                return False
    if after:
        words, longer, marks = rule.next_parts
        if toks[c.last + 1] in words or low[c.end : c.end + 1] in marks:
            return False
        for seq in longer:
            if tuple(toks[c.last + 1 : c.last + 1 + len(seq)]) == seq:
                return False
    return True


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of a block, by SENTENCE_END."""
    spans = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        stop = m.start() + (text[m.start()] in ".!?")  # the full stop belongs to its sentence
        if stop > start:
            spans.append((start, stop))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts (the boundaries of SENTENCE_END), searching back."""
    dot = text.rfind(". ", 0, pos)
    while dot > 0 and _ABBREVIATED.search(text, max(dot - 7, 0), dot):
        dot = text.rfind(". ", 0, dot)
    start = max(dot, text.rfind("! ", 0, pos), text.rfind("? ", 0, pos))
    start = start + 2 if start >= 0 else 0
    nl = text.rfind("\n", start, pos)
    while nl >= 0:
        j = nl + 1
        while j < pos and text[j] in " \t\r":
            j += 1
        k = nl - 1
        while k >= start and text[k] in " \t\r":
            k -= 1
        if j == pos or not text[j].islower() or (k >= start and text[k] == "\n"):
            return j
        nl = text.rfind("\n", start, nl)
    return start


def _sentence_end(text: str, pos: int) -> int:
    m = SENTENCE_END.search(text, pos)
    if m is None:
        return len(text)
    return m.start() + (text[m.start()] in ".!?")  # the full stop belongs to its sentence


def _clauses(low: str, start: int, end: int) -> list[tuple[int, int, str, list]]:
    """The clauses of one sentence of lower-cased text: (start, end, text, year figures as
    (start, end, years))."""
    sentence = low[start:end]
    if ";" not in sentence and " - " not in sentence and "\u2022" not in sentence:  # one clause
        return [(start, end, sentence, _year_figures(sentence, start))]
    out = []
    pos = start
    for m in [*CLAUSE_END.finditer(sentence), None]:
        stop = start + (m.start() if m else len(sentence))
        if stop > pos or m is None:
            piece = low[pos:stop]
            out.append((pos, stop, piece, _year_figures(piece, pos)))
        if m:
            pos = start + m.end()
    return out


def _year_figures(clause: str, offset: int) -> list[tuple[int, int, int]]:
    """The YEARS figures of a clause as (start, end, years), offsets shifted by `offset`."""
    last = max(clause.rfind("year"), clause.rfind("yr"))
    if last < 0:
        return []
    # A figure ends with "year(s)" or "yr(s)" and its word boundary: the regex, which tries every
    # position, is spared the text after the last one.
    stop = last + len("years") + 1
    return [(offset + f.start(), offset + f.end(), _figure(f.group(1))) for f in YEARS.finditer(clause, 0, stop)]


def _figure(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _requirement(clause: str, base: str, cap: str) -> str:
    """How strongly one lower-cased clause asks for what it names, given its section."""
    if cap == "mentioned":
        return "mentioned"
    if base == "preferred":  # a cue could only say "preferred" again
        return base
    if _preferred_hint(clause) and PREFERRED_CUE.search(clause):
        return "preferred"
    if base == "mentioned" and REQUIRED_HINT.search(clause) and REQUIRED_CUE.search(clause):
        return "required"
    return base


def _preferred_hint(c: str) -> bool:
    """A word stem without which PREFERRED_CUE cannot match (plain `in` tests beat a regex)."""
    return (
        "plus" in c or "bonus" in c or "nice" in c or "prefer" in c or "ideal" in c or "desir" in c
        or "advantag" in c or "asset" in c or "would be" in c or "not " in c or "optional" in c
        or "benefic" in c or "helpful" in c or "good to have" in c or "welcome" in c
    )  # fmt: skip


def _years(clause, start: int, end: int) -> int | None:
    """The years figure that governs a mention: the nearest one before it in its clause
    ("5+ years of Python"), else one right after it ("Python (3+ years)")."""
    figures = clause[3]
    before = [f for f in figures if f[1] <= start]
    if before:
        return before[-1][2]
    after = [f for f in figures if f[0] >= end and f[0] - end <= 30]
    return after[0][2] if after else None


def _years_near(low: str, start: int, end: int) -> bool:
    """Whether "year"/"yr" is written close enough to a mention to govern it (see `_years`)."""
    a, b = max(start - 120, 0), end + 40
    return low.find("year", a, b) >= 0 or low.find("yr", a, b) >= 0


def _offset_map(text: str) -> list[int]:
    """For each character of `normalize(text)`, its index in `text` (plus the end)."""
    kept = [i for i, ch in enumerate(text) if ch not in _DELETED]
    assert len(kept) == len(normalize(text))
    return kept + [len(text)]
