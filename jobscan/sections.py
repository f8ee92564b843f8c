"""Blocks to sections: find the headings, name each section's kind, and cover headless text.

Heading wording is matched against a vocabulary (data/headings.json) with rapidfuzz so that
wordings we never listed still land on the right kind; text without headings is classed
by content cues.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import repeat
from importlib import resources
from typing import Final, Sequence

from rapidfuzz import fuzz, process

from .model import Block, Document, Section, normalize

# A heading must match the vocabulary this well to be trusted on wording alone.
STRONG_MATCH: Final = 88
# Below this, the wording says nothing about the kind.
WEAK_MATCH: Final = 72


@lru_cache(maxsize=1)
def heading_vocabulary() -> dict[str, str]:
    """Normalised heading phrase -> section kind."""
    data = json.loads(resources.files("jobscan.data").joinpath("headings.json").read_text(encoding="utf-8"))
    return {phrase: kind for kind, phrases in data.items() for phrase in phrases}


@lru_cache(maxsize=1)
def _phrase_index() -> dict[str, frozenset[str]]:
    """Phrases by the first four letters of their content words: fuzzy scoring then runs on a
    handful of candidates instead of the whole vocabulary (typos rarely touch a word's start)."""
    index: dict[str, set[str]] = {}
    for phrase in heading_vocabulary():
        for word in phrase.split():
            if word not in _SMALL_WORDS:
                index.setdefault(word[:4], set()).add(phrase)
    return {prefix: frozenset(phrases) for prefix, phrases in index.items()}


_NON_WORD: Final = re.compile(r"[^a-z0-9' ]+")
# _NON_WORD's characters to spaces for ASCII text, as bytes: translate is several times faster than sub.
_KEY_BYTES: Final = bytes(b if b in b"abcdefghijklmnopqrstuvwxyz0123456789' " else 32 for b in range(256))


def _heading_key(text: str) -> str:
    text = normalize(text).lower().replace("&", " and ")
    if text.isascii():
        return " ".join(text.encode().translate(_KEY_BYTES).decode().split())
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=1)
def _phrase_words() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each vocabulary phrase's words, and every start of them up to four letters long."""
    table = {}
    for phrase in heading_vocabulary():
        words = frozenset(phrase.split())
        table[phrase] = words, frozenset(word[:size] for word in words for size in range(1, 5))
    return table


def _names_the_same_thing(key_words: set[str], content: list[str], phrase: str) -> bool:
    """Sharing one word is not naming the same thing ("Team Lunch Fridays" is not "Our team").

    `content` holds the first four letters of the key's content words.
    """
    words, starts = _phrase_words()[phrase]
    # The content words the phrase shares: "About Acme Widgets" holds "about".
    shared = 0
    for word in content:
        if word in starts:
            shared += 1
    return not content or shared * 2 >= len(content) or words <= key_words


_NO_PHRASES: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def match_heading(text: str) -> tuple[str | None, float]:
    """The section kind a heading's wording names, with a 0-100 score."""
    key = _heading_key(text)
    if not key:
        return None, 0.0
    vocabulary = heading_vocabulary()
    if key in vocabulary:
        return vocabulary[key], 100.0
    key_words = key.split()
    candidates = _NO_PHRASES.union(*map(_phrase_index().get, [word[:4] for word in key_words], repeat(_NO_PHRASES)))
    content = [w[:4] for w in key_words if w not in _SMALL_WORDS]
    key_set = set(key_words)
    # The best-scoring phrase must name the same thing; where none could, skip the costly scoring.
    if not any(_names_the_same_thing(key_set, content, phrase) for phrase in candidates):
        return None, 0.0
    found = process.extract(key, candidates, scorer=fuzz.WRatio, score_cutoff=WEAK_MATCH, limit=None)
    if not found:
        return None, 0.0
    # On equal scores the phrase closest in length is the better reading ("our company" over "life at the company").
    phrase, score, _ = max(found, key=lambda hit: (hit[1], -abs(len(hit[0]) - len(key)), hit[0]))
    if not _names_the_same_thing(key_set, content, phrase):
        return None, 0.0
    # Long headings that merely contain a short phrase ("Experience with Java") are not that heading.
    extra_words = len(key_words) - len(phrase.split())
    if extra_words > 2:
        score -= 8 * (extra_words - 2)
    return vocabulary[phrase], score


# ---------------------------------------------------------------- content cues

class _CueTable:
    """All content cues compiled for one pass over a text.

    A cue is a list of alternatives and counts once however many of them appear: words are
    looked up among the text's tokens, phrases are searched only when their longest word is
    among them, and the few true patterns run only when a string and the words they need are
    present (the words are a set lookup, nearly free next to a scan of the text).
    """

    def __init__(self, data: dict):
        self.kinds: list[tuple[str, float]] = []
        # Token (as bytes, see _tokens) -> (phrase, cue) pairs; phrase None where the token is the whole cue.
        self.by_token: dict[bytes, list[tuple[str | None, int]]] = {}
        self.patterns: list[tuple[re.Pattern[str], int]] = []  # (pattern, cue): those that always run
        # (pattern, when, words, cue): it runs when one of `when` is in the text and all `words` are its tokens.
        self.patterns_when: list[tuple[re.Pattern[str], tuple[str, ...], frozenset[bytes], int]] = []
        self.kind_of: list[int] = []
        for kind, entry in data.items():
            if kind.startswith("_"):
                continue
            self.kinds.append((kind, entry["weight"]))
            for alternatives in entry["cues"]:
                cue = len(self.kind_of)
                self.kind_of.append(len(self.kinds) - 1)
                for alt in alternatives:
                    if isinstance(alt, dict) and alt.get("when"):
                        words = frozenset(word.encode() for word in alt.get("words", ()))
                        for word in words:  # so that the lookup below tells whether the text has it
                            self.by_token.setdefault(word, [])
                        self.patterns_when.append((re.compile(alt["re"]), tuple(alt["when"]), words, cue))
                    elif isinstance(alt, dict):
                        self.patterns.append((re.compile(alt["re"]), cue))
                    elif _WORD.fullmatch(alt):
                        self.by_token.setdefault(alt.encode(), []).append((None, cue))
                    else:
                        rarest = max(_WORD.findall(alt), key=len)  # the longest word is the rarest
                        self.by_token.setdefault(rarest.encode(), []).append((alt, cue))
        # What score() reads, per token the text has: the cues it completes alone, the phrases to look
        # for, and the patterns needing that word (filed under their longest one). The patterns that
        # need no word wait for one regex finding any of their `when` strings.
        self.by_word: dict[bytes, tuple[frozenset[int], tuple[tuple[str, int], ...], tuple]] = {}
        for token, entries in self.by_token.items():
            keyed = tuple(entry for entry in self.patterns_when if entry[2] and max(entry[2], key=len) == token)
            cues = frozenset(cue for phrase, cue in entries if phrase is None)
            self.by_word[token] = (cues, tuple((phrase, cue) for phrase, cue in entries if phrase is not None), keyed)
        # (when string, pattern, cue) for the patterns that need no word: a substring test each.
        self.wordless = tuple((string, pattern, cue) for pattern, when, words, cue in self.patterns_when if not words for string in when)
        # (finder, cue) for the patterns that always run: search() tries every position even after a
        # '^' (the first-character scan comes first), match() only the start, where '^' lets it match.
        self.always = tuple((pattern.match if _anchored(pattern) else pattern.search, cue) for pattern, cue in self.patterns)

    def score(self, text: str) -> tuple[str | None, float]:
        by_word = self.by_word
        # The text's tokens this table has entries for (_tokens, inline).
        known = by_word.keys() & text.encode("utf-8", "surrogatepass").translate(_TOKEN_BYTES).split()
        hits: set[int] = set()
        for token in known:
            cues, phrases, patterns = by_word[token]
            if cues:
                hits |= cues
            for phrase, cue in phrases:
                if cue not in hits and phrase in text:
                    hits.add(cue)
            for pattern, when, words, cue in patterns:
                if cue not in hits and words <= known and any(map(text.__contains__, when)) and pattern.search(text):
                    hits.add(cue)
        for string, pattern, cue in self.wordless:
            if string in text and cue not in hits and pattern.search(text):
                hits.add(cue)
        for find, cue in self.always:
            if cue not in hits and find(text):
                hits.add(cue)
        if not hits:
            return None, 0.0
        counts = [0] * len(self.kinds)
        for cue in hits:
            counts[self.kind_of[cue]] += 1
        best, best_score = None, 0.0
        for (kind, weight), count in zip(self.kinds, counts):
            if count and weight * count > best_score:
                best, best_score = kind, weight * count
        return best, best_score


def _anchored(pattern: re.Pattern[str]) -> bool:
    """Whether a pattern can match only at the start of the text: '^' first and no '|' outside a group."""
    if not pattern.pattern.startswith("^") or pattern.flags & re.MULTILINE:
        return False
    depth = 0
    for token in re.findall(r"\\.|\[(?:\\.|[^\]\\])*\]|[()|]", pattern.pattern):
        depth += (token == "(") - (token == ")")
        if token == "|" and depth == 0:
            return False
    return True


_WORD: Final = re.compile(r"[a-z0-9]+")
# Every byte but [a-z0-9] to a space: UTF-8 encodes each other character in bytes outside that
# range, so splitting the translated bytes gives exactly _WORD's tokens, several times faster.
_TOKEN_BYTES: Final = bytes(b if b in b"abcdefghijklmnopqrstuvwxyz0123456789" else 32 for b in range(256))


def _tokens(text: str) -> list[bytes]:
    """_WORD's tokens of a lower-cased text, as bytes."""
    return text.encode("utf-8", "surrogatepass").translate(_TOKEN_BYTES).split()


@lru_cache(maxsize=1)
def _cues() -> _CueTable:
    return _CueTable(json.loads(resources.files("jobscan.data").joinpath("section_cues.json").read_text(encoding="utf-8")))


@lru_cache(maxsize=1024)
def classify_text(text: str) -> tuple[str | None, float]:
    """The kind a headless piece of text reads as, with the weight of evidence behind it.

    Boilerplate weighs more than description (data/section_cues.json): one EEO sentence
    decides a paragraph, a passing skill mention does not. Cached because header lines
    ("Casablanca, Maroc", the title) and boilerplate paragraphs repeat across postings.
    """
    return _cues().score(normalize(text).lower())


# ---------------------------------------------------------------- heading detection

_SMALL_WORDS: Final = frozenset(
    "a an and the of to in for with on at by or our your you we who what how why is are as be will include includes "
    "including this that it its do can must should has have from into us i my their".split()
)
# Greedy: a lazy label tries the colon after each character. The greedy group keeps the label's
# trailing spaces, which _split_labels strips; it matches where the lazy one would, to the same end.
_INLINE_LABEL: Final = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 /&,()'’-]{1,50})\s*:[ \t]*(?=\S)")
# The lookbehind sits after the label's capital so that the search can skip to capitals.
_GLUED_LABEL: Final = re.compile(r"([A-Z](?<=[a-z0-9.!?)…][A-Z])[A-Za-z]+(?: (?:[A-Za-z]+|&)){0,3}):(?=[A-Z])")
# Every glued label has one, and a literal is found far faster than the label's lookbehind.
_GLUE_MARK: Final = re.compile(r":[A-Z]")
# A glued label's characters, matched backwards from its colon in the reversed text.
_LABEL_RUN: Final = re.compile(r"[A-Za-z &]*")


def _inline_label(text: str) -> re.Match[str] | None:
    """_INLINE_LABEL's match. A label holds no colon, so the first colon ends it: where more than a
    label's 51 characters stand before that colon, the lazy repeat's 50 tries are skipped."""
    colon = text.find(":")
    if colon < 0 or (colon > 51 and len(text[:colon].strip()) > 51):
        return None
    return _INLINE_LABEL.match(text)


def _glued_split(text: str) -> list[str]:
    """_GLUED_LABEL.split(text), searching only the run of label characters before each ':' + capital.

    A glued label is letters, spaces and '&' ending at such a mark; the plain split tries the label
    at every capital of what are often long scraped paragraphs.
    """
    pieces: list[str] = []
    last = 0
    reverse = text[::-1]
    size = len(text)
    for mark in _GLUE_MARK.finditer(text):
        colon = mark.start()
        run = _LABEL_RUN.match(reverse, size - colon)
        assert run is not None  # it can match the empty string
        start = colon - len(run.group())
        label = _GLUED_LABEL.search(text, start, colon + 2)  # the lookbehind still sees before `start`
        if label:
            pieces += (text[last : label.start()], label.group(1))
            last = label.end()
    pieces.append(text[last:])
    return pieces


def _is_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’]*", text)]
    return bool(words) and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[0][0].isupper()


def _is_upper(text: str) -> bool:
    """UPPER CASE words, not a figure with a currency code ("$78,000 CAD")."""
    if not text.isupper():
        return False
    compact = text.replace(" ", "")
    letters = len(compact) if compact.isalpha() else _letters(compact)
    return letters >= 3 and letters * 2 >= len(compact)


def _letters(text: str) -> int:
    count = 0
    for ch in text:
        if ch.isalpha():
            count += 1
    return count


def _text_heading(text: str, block: Block, next_block: Block | None, seen_heading: bool) -> str | None:
    """Return the heading wording if this plain-text paragraph, `text` stripped, is a heading.

    Shape decides first; the vocabulary is consulted only where shape alone cannot. A heading
    is short, one line, not a sentence: `_groups` has checked the length and the closing
    character, by far the commonest refusals, before calling.
    """
    # Most candidates open with a letter, which settles the last test without a scan.
    if "\n" in text or len(text.split()) > 9 or text.isdigit() or not (text[0].isalpha() or _letters(text)):
        return None
    wording = text.rstrip(":").strip()
    words = len(wording.split())
    if text.endswith(":"):
        shaped = words <= 6 and wording[:1].isupper() and wording.lower() not in _SMALL_WORDS
        return wording if shaped or match_heading(wording)[1] >= WEAK_MATCH else None
    if _is_upper(wording) and words <= 8:
        return wording
    gap_after = next_block is None or next_block.line_start > block.line_end + 1
    before_list = next_block is not None and next_block.kind == "item"
    if not (gap_after or before_list):
        return wording if words <= 4 and _heading_key(wording) in heading_vocabulary() else None
    # A guess from shape alone needs a body under it: the last line of a list ("Docker") is no heading.
    if next_block is not None and seen_heading and words <= 6 and _is_title_case(wording):
        return wording
    return wording if match_heading(wording)[1] >= STRONG_MATCH else None


# ---------------------------------------------------------------- splitting


def _split_labels(block: Block, label: re.Match[str] | None) -> list[Block]:
    """Split a paragraph's 'LABEL: text' opening (`label`, its _inline_label match) and 'text.Label:Text'
    glued labels into heading + paragraph blocks.

    What follows a label is the label's value, so it comes back as an item-less paragraph at
    level -1: never a heading candidate itself.
    """
    out: list[Block] = []
    if label:
        wording = label.group(1).strip()
        if (_is_upper(wording) and len(wording.split()) <= 6) or match_heading(wording)[1] >= STRONG_MATCH:
            out.append(Block("heading", wording, block.line_start, block.line_start, 0))
            block = Block(block.kind, block.text[label.end():], block.line_start, block.line_end, -1)
    if not _GLUE_MARK.search(block.text):
        out.append(block)
        return out
    line = block.line_start
    pieces = _glued_split(block.text)
    text = pieces[0]
    for wording, following in zip(pieces[1::2], pieces[2::2]):
        kind, score = match_heading(wording)
        if score >= STRONG_MATCH and kind not in (None, "other"):
            if text.strip():
                out.append(Block(block.kind, text.strip(), line, line + text.count("\n"), block.level))
            line += text.count("\n")
            out.append(Block("heading", wording, line, line, 0))
            text = following
        else:
            text += wording + ":" + following
    if text.strip():
        out.append(Block(block.kind, text.strip(), line, block.line_end, block.level))
    return out


def _groups(doc: Document) -> tuple[list[Block], list[tuple[Block, list[Block]]]]:
    """The blocks before the first heading, and each heading that opens a section with the blocks under it."""
    blocks: list[Block] = []
    for block in doc.blocks:
        text = block.text
        if block.kind == "paragraph" and ":" in text:
            label = _inline_label(text)
            # Most paragraphs with a colon have neither kind of label: those skip _split_labels.
            if label or _GLUE_MARK.search(text):
                blocks.extend(_split_labels(block, label))
                continue
        blocks.append(block)
    title = doc.fields.get("title")
    lead: list[Block] = []
    body = lead
    groups: list[tuple[Block, list[Block]]] = []
    seen_heading = False
    last = len(blocks) - 1
    for index, block in enumerate(blocks):
        kind = block.kind
        if kind == "paragraph":
            if index and block.level >= 0:
                text = block.text.strip()
                if 0 < len(text) <= 80 and text[-1] not in ".!?;,":
                    wording = _text_heading(text, block, blocks[index + 1] if index < last else None, seen_heading)
                    if wording is not None:
                        body = []
                        groups.append((Block("heading", wording, block.line_start, block.line_end, 0), body))
                        seen_heading = True
                        continue
        # The title repeated as the first heading opens nothing.
        elif kind == "heading" and (
            seen_heading or not (index == 0 or (title and _heading_key(block.text) == _heading_key(title)))
        ):
            body = []
            groups.append((block, body))
            seen_heading = True
            continue
        body.append(block)
    return lead, groups


def split_sections(doc: Document) -> tuple[Section, ...]:
    """Sections in reading order; text before the first heading and headless postings are classed by content."""
    lead_body, groups = _groups(doc)
    sections = _headless(lead_body, first=True)
    if not groups:
        return tuple(sections)
    matches = [match_heading(heading.text) for heading, _ in groups]
    ranks = [_rank(heading) for heading, _ in groups]
    # Where the headings the vocabulary knows are mostly more prominent than an unknown one (UPPER
    # CASE labels over Title Case lines), the unknown one is a sub-heading and inherits its parent's kind.
    known_ranks = [rank for rank, (_, score) in zip(ranks, matches) if score >= STRONG_MATCH]
    sub_rank = max(known_ranks, key=lambda r: (known_ranks.count(r), r)) if known_ranks else 99
    named: list[tuple[int, str]] = []  # (rank, kind) of the headings so far
    for (heading, body), (kind, score), rank in zip(groups, matches, ranks):
        if kind is None or score < WEAK_MATCH:
            parent = next((k for r, k in reversed(named) if r < rank), None) if rank > sub_rank else None
            # Otherwise what stands right under an unnamed heading says what it is.
            kind = parent or classify_text(" ".join(b.text for b in _lead(body)))[0] or "other"
        named.append((rank, kind))
        own, *detached = _gap_runs(body)
        line_end = max([heading.line_end] + [b.line_end for b in own])
        sections.append(Section(kind, heading.text, heading.line_start, line_end, tuple(own)))
        for run in detached:
            run_kind, weight = classify_text(" ".join(b.text for b in run))
            if run_kind is not None and run_kind != sections[-1].kind and weight >= 1.2:
                sections.append(Section(run_kind, None, run[0].line_start, max(b.line_end for b in run), tuple(run)))
            else:
                last = sections[-1]
                run_end = max(b.line_end for b in run)
                sections[-1] = Section(last.kind, last.heading, last.line_start, run_end, last.blocks + tuple(run))
    return tuple(sections)


def _rank(heading: Block) -> int:
    """How prominent a heading is (lower is more): its level in markup, its case in plain text."""
    if heading.level > 0:
        return heading.level
    return 1 if _is_upper(heading.text) else 4


def _lead(body: list[Block]) -> list[Block]:
    """The first paragraph and the list under it, or the list a heading opens with."""
    lead = body[:1]
    for block in body[1:]:
        if block.kind != "item":
            break
        lead.append(block)
    return lead


def _gap_runs(body: list[Block]) -> list[list[Block]]:
    """Cut a section body where two or more blank lines stand: where a heading was lost in scraping."""
    run: list[Block] = []
    runs = [run]
    end = 0
    for block in body:
        if run and block.line_start - end >= 3:
            run = []
            runs.append(run)
        run.append(block)
        end = block.line_end
    return runs


def _headless(blocks: Sequence[Block], first: bool) -> list[Section]:
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
    return [Section(kind, None, run[0].line_start, max(b.line_end for b in run), tuple(run)) for kind, run in runs]
