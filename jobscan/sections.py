"""Blocks to sections: find the headings, name each section's kind, and cover headless text.

Heading wording is matched against a vocabulary (data/headings.json) with rapidfuzz so that
wordings we never listed still land on the right kind; text without headings is classed
by content cues.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process

from .model import Block, Document, Section, normalize

# A heading must match the vocabulary this well to be trusted on wording alone.
STRONG_MATCH = 88
# Below this, the wording says nothing about the kind.
WEAK_MATCH = 72


@lru_cache(maxsize=1)
def heading_vocabulary() -> dict[str, str]:
    """Normalised heading phrase -> section kind."""
    data = json.loads(resources.files("jobscan.data").joinpath("headings.json").read_text(encoding="utf-8"))
    return {phrase: kind for kind, phrases in data.items() for phrase in phrases}


_NON_WORD = re.compile(r"[^a-z0-9' ]+")


def _heading_key(text: str) -> str:
    text = normalize(text).lower().replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=4096)
def match_heading(text: str) -> tuple[str | None, float]:
    """The section kind a heading's wording names, with a 0-100 score."""
    key = _heading_key(text)
    if not key:
        return None, 0.0
    vocabulary = heading_vocabulary()
    if key in vocabulary:
        return vocabulary[key], 100.0
    found = process.extractOne(key, vocabulary.keys(), scorer=fuzz.WRatio, score_cutoff=WEAK_MATCH)
    if found is None:
        return None, 0.0
    phrase, score, _ = found
    # Long headings that merely contain a short phrase ("Experience with Java") are not that heading.
    extra_words = len(key.split()) - len(phrase.split())
    if extra_words > 2:
        score -= 8 * (extra_words - 2)
    return vocabulary[phrase], score


# ---------------------------------------------------------------- content cues

_CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    kind: tuple(re.compile(p, re.I) for p in patterns)
    for kind, patterns in {
        "eeo": (
            r"equal (?:employment )?opportunit",
            r"without regard to (?:race|sex|age|religion)",
            r"affirmative action",
            r"\beeo\b",
            r"protected (?:veteran|class|characteristic)",
            r"reasonable accommodation",
            r"regardless of (?:race|gender|age|religion)",
        ),
        "benefits": (
            r"\bbenefits?\b",
            r"health (?:insurance|care|plan)",
            r"dental|vision (?:insurance|plan)",
            r"\b401\s?\(?k\)?",
            r"paid (?:time off|leave|vacation|holidays?)",
            r"\bpto\b",
            r"we offer",
            r"\bperks?\b",
            r"parental leave|\binsurance\b|pension|\bgym\b",
        ),
        "compensation": (
            r"\bsalary\b",
            r"\b(?:pay|compensation) range\b",
            r"[$€£¥]\s?\d[\d,.]*\s?[kKmM]?\b",
            r"\bper (?:hour|year|annum|month)\b|/h(?:ou)?r\b",
            r"\bremuneration\b|\bwage\b",
        ),
        "process": (
            r"\bto apply\b|\bapply (?:now|online|today|via|at|here)",
            r"send (?:your|a|us) (?:cv|resume|résumé|application)",
            r"submit (?:your|a) (?:cv|resume|résumé|application)",
            r"\binterview",
            r"application deadline|applications? (?:are|is) due",
            r"\bcover letter\b",
        ),
        "requirements": (
            r"\d\+? ?(?:years?|yrs)\b",
            r"\byears? of (?:\w+ )?experience\b",
            r"\b(?:bachelor|master|phd|degree|diploma)\b",
            r"\brequire(?:d|ments?)\b|\bqualifications?\b|\bmust have\b",
            r"\bproficien|\bknowledge of\b|\bexperience (?:with|in)\b|\bfamiliar(?:ity)? with\b",
            r"\byou (?:have|are|bring|possess)\b|\bideal candidate\b|\bcandidates? (?:should|must|will have)\b",
            r"\bskills?\b|\babilit(?:y|ies) to\b",
        ),
        "preferred": (
            r"\bnice to have\b|\ba plus\b|\bpreferred\b|\bbonus\b|\bdesirable\b|\bideally\b",
        ),
        "responsibilities": (
            r"\byou will\b|\byou'll\b",
            r"\bresponsib(?:le|ilities)\b|\bduties\b",
            r"^(?:develop|design|manage|build|create|lead|maintain|support|assist|coordinate|prepare|ensure|"
            r"work|implement|perform|monitor|provide|conduct|collaborate|analy[sz]e|oversee|own|drive|write)\w*\b",
            r"\bwill be (?:responsible|working|expected)\b|\bthe role (?:involves|includes)\b",
        ),
        "about": (
            r"\b(?:founded|established) in \d{4}\b",
            r"\bheadquartered\b|\bleading (?:provider|company|global)\b",
            r"\bwe are an? (?:\w+ ){0,4}(?:company|firm|organi[sz]ation|agency|startup|provider|leader|team)\b",
            r"\bour (?:company|clients?|customers|products?|mission)\b",
            r"\bis an? (?:[\w-]+ ){0,4}(?:company|firm|organi[sz]ation|agency|startup|provider|leader|hospital|"
            r"university|school|clinic|bank|non-?profit|manufacturer|retailer|group)\b",
            r"\bfor (?:more than|over|nearly) \d+ years\b|\bsince (?:19|20)\d\d\b",
            r"\bemployees\b|\boffices in\b|\bcountries\b",
        ),
        "culture": (
            r"\bour (?:culture|values)\b|\bcore values\b|\bwe believe\b|\bdiversity\b|\binclusi",
        ),
        "logistics": (
            r"\b(?:full|part)[- ]time\b|\bcontract\b|\bpermanent\b|\btemporary\b",
            r"\bremote\b|\bhybrid\b|\bon-?site\b|\brelocat|\bvisa\b|\btravel\b",
            r"\bschedule\b|\bshifts?\b|\bworking hours\b|\bstart date\b",
        ),
    }.items()
}
# Boilerplate beats description: one EEO sentence decides a paragraph, a skill mention does not.
_CUE_WEIGHT = {"eeo": 3.0, "compensation": 1.5, "benefits": 1.2, "process": 1.3, "preferred": 1.5}


def classify_text(text: str) -> tuple[str | None, float]:
    """The kind a headless piece of text reads as, with the weight of evidence behind it."""
    text = normalize(text)
    scores: dict[str, float] = {}
    for kind, patterns in _CUES.items():
        hits = sum(1 for p in patterns if p.search(text))
        if hits:
            scores[kind] = hits * _CUE_WEIGHT.get(kind, 1.0)
    if not scores:
        return None, 0.0
    kind = max(scores, key=scores.__getitem__)
    return kind, scores[kind]


# ---------------------------------------------------------------- heading detection

_SMALL_WORDS = frozenset("a an and the of to in for with on at by or our your you we who what how why is are as".split())
_SENTENCE_END = re.compile(r"[.!?;,]$")
_INLINE_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 /&,()'’-]{1,50}?)\s*:[ \t]*(?=\S)")
_GLUED_LABEL = re.compile(r"(?<=[a-z0-9.!?)…])([A-Z][A-Za-z]+(?: (?:[A-Za-z]+|&)){0,3}):(?=[A-Z])")


def _is_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’]*", text)]
    return bool(words) and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[0][0].isupper()


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    wordy = len(letters) * 2 >= len(text.replace(" ", ""))
    return len(letters) >= 3 and wordy and all(c.isupper() for c in letters)


def _heading_shape(text: str) -> bool:
    """Short, one line, not a sentence: the only shape a plain-text heading can have."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= 80
        and "\n" not in stripped
        and len(stripped.split()) <= 9
        and not _SENTENCE_END.search(stripped)
        and any(c.isalpha() for c in stripped)
    )


def _text_heading(block: Block, next_block: Block | None, seen_heading: bool) -> str | None:
    """Return the heading wording if this plain-text paragraph is a heading."""
    text = block.text.strip()
    if not _heading_shape(text):
        return None
    wording = text.rstrip(":").strip()
    kind, score = match_heading(wording)
    gap_after = next_block is None or next_block.line_start > block.line_end + 1
    before_list = next_block is not None and next_block.kind == "item"
    if text.endswith(":"):
        known = score >= WEAK_MATCH
        shaped = len(wording.split()) <= 6 and wording[:1].isupper() and wording.lower() not in _SMALL_WORDS
        return wording if known or shaped else None
    if _is_upper(wording) and len(wording.split()) <= 8:
        return wording
    if not (gap_after or before_list):
        return wording if score >= 97 and len(wording.split()) <= 4 else None
    if score >= STRONG_MATCH:
        return wording
    return wording if seen_heading and _is_title_case(wording) and len(wording.split()) <= 6 else None


# ---------------------------------------------------------------- splitting


def _split_labels(block: Block) -> list[Block]:
    """Split 'LABEL: text' openings and 'text.Label:Text' glued labels into heading + paragraph blocks.

    What follows a label is the label's value, so it comes back as an item-less paragraph at
    level -1: never a heading candidate itself.
    """
    if block.kind != "paragraph":
        return [block]
    out: list[Block] = []
    label = _INLINE_LABEL.match(block.text)
    if label:
        wording = label.group(1).strip()
        kind, score = match_heading(wording)
        if (_is_upper(wording) and len(wording.split()) <= 6) or score >= STRONG_MATCH:
            out.append(Block("heading", wording, block.line_start, block.line_start, 0))
            block = replace(block, text=block.text[label.end():], level=-1)
    pieces = _GLUED_LABEL.split(block.text)
    if len(pieces) == 1:
        return out + [block]
    line = block.line_start
    text = pieces[0]
    for wording, following in zip(pieces[1::2], pieces[2::2]):
        kind, score = match_heading(wording)
        if score >= STRONG_MATCH and kind not in (None, "other"):
            if text.strip():
                out.append(replace(block, text=text.strip(), line_start=line, line_end=line + text.count("\n")))
            line += text.count("\n")
            out.append(Block("heading", wording, line, line, 0))
            text = following
        else:
            text += wording + ":" + following
    if text.strip():
        out.append(replace(block, text=text.strip(), line_start=line, line_end=block.line_end))
    return out


def _headings(doc: Document) -> list[tuple[Block, bool]]:
    """Every block, flagged True where it opens a section."""
    blocks = [piece for block in doc.blocks for piece in _split_labels(block)]
    title = doc.fields.get("title")
    flagged: list[tuple[Block, bool]] = []
    seen_heading = False
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            is_title = index == 0 or (title and _heading_key(block.text) == _heading_key(title))
            if is_title and not seen_heading:
                flagged.append((block, False))
                continue
            flagged.append((block, True))
            seen_heading = True
            continue
        if block.kind == "paragraph" and index > 0 and block.level >= 0:
            next_block = blocks[index + 1] if index + 1 < len(blocks) else None
            wording = _text_heading(block, next_block, seen_heading)
            if wording is not None:
                flagged.append((Block("heading", wording, block.line_start, block.line_end, 0), True))
                seen_heading = True
                continue
        flagged.append((block, False))
    return flagged


def split_sections(doc: Document) -> tuple[Section, ...]:
    """Sections in reading order; text before the first heading and headless postings are classed by content."""
    groups: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for block, opens in _headings(doc):
        if opens:
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    sections: list[Section] = []
    for heading, body in groups:
        if heading is None:
            sections.extend(_headless(body, first=True))
            continue
        kind, score = match_heading(heading.text)
        if kind is None or score < WEAK_MATCH:
            kind = classify_text(" ".join(b.text for b in body))[0] or "other"
        own, *detached = _gap_runs(body)
        line_end = max([heading.line_end] + [b.line_end for b in own])
        sections.append(Section(kind, heading.text, heading.line_start, line_end, tuple(own)))
        for run in detached:
            run_kind, weight = classify_text(" ".join(b.text for b in run))
            if run_kind is not None and run_kind != sections[-1].kind and weight >= 1.2:
                sections.append(Section(run_kind, None, run[0].line_start, max(b.line_end for b in run), tuple(run)))
            else:
                last = sections[-1]
                sections[-1] = replace(last, line_end=max(b.line_end for b in run), blocks=last.blocks + tuple(run))
    return tuple(sections)


def _gap_runs(body: list[Block]) -> list[list[Block]]:
    """Cut a section body where two or more blank lines stand: where a heading was lost in scraping."""
    runs: list[list[Block]] = [[]]
    for block in body:
        if runs[-1] and block.line_start - runs[-1][-1].line_end >= 3:
            runs.append([])
        runs[-1].append(block)
    return runs


def _headless(blocks: Sequence[Block], first: bool) -> Iterable[Section]:
    """Class each paragraph (with the items under it) by its cues; neighbours of one kind merge."""
    runs: list[tuple[str, list[Block]]] = []
    for index, block in enumerate(blocks):
        if block.kind == "item" and runs:
            runs[-1][1].append(block)
            continue
        kind, weight = classify_text(block.text)
        if first and index == 0 and len(block.text) <= 100 and (kind is None or weight < 2):
            kind = "other"  # the title line and header facts
        elif kind is None or (weight < 1.5 and len(block.text) < 60):
            kind = runs[-1][0] if runs else "other"
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(block)
        else:
            runs.append((kind, [block]))
    for kind, run in runs:
        yield Section(kind, None, run[0].line_start, max(b.line_end for b in run), tuple(run))
