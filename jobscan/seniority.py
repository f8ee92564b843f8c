"""How senior a role is: level, years of experience, education and people management, with evidence.

The requirement-like blocks are joined and lower-cased once, and every pattern only runs where
it can match: year figures are read backwards from their unit ("years", "yrs", "months"), and
phrases ("direct reports", "Bachelor's") only where their first word is a word of the text.
The title decides the level when it names a rung ("Sr.", "Head of", "II"), then the stated
years, then wording such as "direct reports" or "entry-level", then the kind of job; with
nothing to go on the level is "mid" at low confidence, and the evidence says so.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import Final

from jobscan.model import EDUCATION_LEVELS, Section, Seniority, normalize

# Sections whose figures describe the company or the offer, never the candidate.
_SKIP_KINDS: Final = frozenset({"about", "benefits", "compensation", "culture", "eeo"})

# --- years of experience --------------------------------------------------------------------------

_WORD_NUMBERS: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "a": 1, "an": 1,
}
_DIGITS: Final = r"\d{1,2}(?:[.,]5)?"
_NUMBER_WORDS: Final = "|".join(_WORD_NUMBERS)
_NUM: Final = rf"(?:{_DIGITS}|{_NUMBER_WORDS})(?:\s*\(\d{{1,2}}\))?"

# Units, each pattern starting with a literal that the regex engine skips to (one pattern for both would be
# tried at every "y" and "m"); years and months never overlap, so the two scans together find every unit.
_YEAR_UNIT: Final = re.compile(r"y(?:ears?|rs?)(?![a-z])")
_MONTH_UNIT: Final = re.compile(r"months?(?![a-z])")
# The figure that ends where a unit starts: "3+", "3-5", "3 to 5", "five (5) or more", "10-", "5 successful".
# Machine translation drops dashes, so "1 3 years" is a range too; text taken from HTML without
# separators glues list items together, so digits may follow a letter ("experience5+ years").
# The first digit is matched before the looks behind it, which then fail fast everywhere else.
_FIGURE: Final = re.compile(
    rf"""(?P<lo>\d(?<![\d_.,$£€%/-]\d)(?<![^a-z][a-z]\d)(?<![a-z]\+\d)\d?(?:[.,]5)?|(?<![\w.,$£€%/-])(?:{_NUMBER_WORDS}))
    (?:\s*\(\d{{1,2}}\))?
    (?:(?P<sep>\s*-?\s*(?:-|to|and|/|or)\s*|\s+)(?P<hi>{_NUM}))?
    \s*(?P<plus>\+|plus\s|or\s+more\s|and\s+(?:more|above|over)\s)?
    \s*-?\s*(?:(?:full|successful|solid|proven|relevant|consecutive|professional|good)\s+)?\Z""",
    re.VERBOSE,
)
# Words just before the figure.
_PRE: Final = re.compile(
    r"(?<![a-z])(?P<pre>at\s+least|a\s+minimum\s+of|minimum(?:\s+of)?|min\.?|not?\s+less\s+than|more\s+than|over|"
    r"up\s+to|less\s+than|under|between|from|>|\+)\s*\Z"
)
# The characters _PRE's words end with: where another one precedes the figure, it has none.
_PRE_ENDS: Final = frozenset("tfmn.ro>+")
_REQUIREMENT_WORDS: Final = frozenset(
    {"at least", "a minimum of", "minimum", "minimum of", "min", "min.", "no less than", "not less than", "+"}
)
_UPPER_BOUND_WORDS: Final = frozenset({"up to", "less than", "under"})
# Words just after the unit.
_POST: Final = re.compile(r"(?:'s|')?[^\S\n]*(?P<post>\+|or\s+more\b|and\s+(?:more|above)\b|minimum\b|min\b|at\s+least\b)?")

# The figure is tied to experience when one of these is near it in the same sentence. Only whether there is
# one matters, so the word-boundary phrases share one "\b": it is tested once per position, not once per phrase.
_EXPERIENCE_CUE: Final = re.compile(
    r"experience|expertise|background|track\s+record|in\s+(?:a\s+|the\s+)?(?:similar|same|relevant|related)|"
    r"professional|hands-on|proven|seniority|"
    r"\b(?:exp\b|xp\b|working\b|worked\b|as\s+an?\b|in\s+(?:the\s+)?(?:field|industry|role|position)|justify|"
    r"practice\b|career\b|in\s+\w+\s+(?:development|sales|management|marketing|design))"
)
# Figures about the company, the contract, the offer or the person's age, by the words just before
# (one "\b" again)...
_NOT_EXPERIENCE_BEFORE: Final = re.compile(
    r"\b(?:(?:for\s+(?:almost|nearly|over|more\s+than|about|some|the\s+(?:past|last))|(?:in|over|during|within)\s+the\s+"
    r"(?:past|last|next|first)|(?:founded|established|since|history|contract|probation|warranty|guarantee|lease|"
    r"duration|term|period|aged?|ages?|internship|mission|trial|after|every|each|per|within|during|olds?)"
    r"(?:\s+(?:of|for|is|was|from))?\s*:?)"
    r"\s*(?:about|approximately|around|almost|nearly|over|more\s+than|between|from)?\s*\Z|"
    r"(?:we|company|firm|agency|group|organi[sz]ation|business|it)(?:'ve|\s+(?:has|have))\b[^.]{0,25}\Z)|"
    r"[a-z]'s\s+\Z"
)
# ...or just after.
_NOT_EXPERIENCE_AFTER: Final = re.compile(
    r"\W*(?:ago|olds?|of\s+age|of\s+(?:company\s+)?history|in\s+business(?!\s+[a-z])|"
    r"of\s+(?:existence|operation)|later|warranty|guarantee|contract|probation|internship|"
    r"(?:university\s+|college\s+|bachelor'?s?\s+|associate'?s?\s+)?degree|program|course|college|university|"
    r"period|renewable|lease|running|in\s+a\s+row|of\s+(?:employment|service)|project|plan|grant|assignment|"
    r"appointment|mandate|visa)\b"
)
# Marks a requirement as optional: "5+ years of Python required; 2 years of Go a plus" (one "\b" again).
_OPTIONAL: Final = re.compile(
    r"\b(?:(?:a|big|huge|one|strong)\s+plus\b|preferred\b|preferabl[ey]\b|desirable\b|ideally\b|bonus\b|"
    r"advantage(?:ous)?\b|an\s+asset\b|welcome\b|helpful\b|beneficial\b|optional\b)|"
    r"nice\s+to\s+have|would\s+be\s+(?:great|good|helpful)"
)
# A piece of every optional phrase, each starting with a rarer letter: this scan only stops at those letters
# and tests no word boundaries, so the full pattern only runs where it can match.
_OPTIONAL_WORD: Final = re.compile("plus|prefer|nice|desirab|deally|bonus|vantage|sset|welcome|would|pful|beneficial|ptional")
# Sentence ends: punctuation then a space, or a capital where fields were glued together ("required.Strong",
# but not "M.S." or "Ph.D."), bullets, line breaks.
# Every alternative starts with its literal, so the regex engine skips to those characters.
_BOUNDARY: Final = re.compile(
    r"\.(?:(?<!\b[A-Z]\.)(?=\s|$)|(?<![A-Z]\.)(?=[A-Z][a-z]))|;(?=\s|[A-Z]|$)|!(?=\s|[A-Z]|$)|\?(?=\s|[A-Z]|$)|\n|•|·"
)
# The last sentence end before a point: the greedy ".*" backs off from the end, one match call in all.
_LAST_BOUNDARY: Final = re.compile(r"(?s:.*)(?:" + _BOUNDARY.pattern + ")")
# Clause ends inside a sentence: "5 years required, 10+ years preferred".
_CLAUSE_END: Final = re.compile(r"[,;()]|\s-\s|\bbut\b")


def _lower(text: str) -> str:
    """Lower-cased text with the same offsets (only U+0130 grows when lower-cased)."""
    low = text.lower()
    return low if len(low) == len(text) else text.replace("\u0130", "i").lower()


def _number(word: str) -> float:
    word = word.split("(")[0].strip()
    return _WORD_NUMBERS[word] if word in _WORD_NUMBERS else float(word.replace(",", "."))


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], at most 160 characters either side."""
    left = max(0, start - 160)
    m = _LAST_BOUNDARY.match(text, left, start)
    left = m.end() if m else left
    m = _BOUNDARY.search(text, end, end + 160)
    return left, m.start() if m else min(len(text), end + 160)


def _is_optional(low: str, left: int, end: int, right: int) -> bool:
    """An optional word before the mention in its sentence, or after it in its clause."""
    if not _OPTIONAL_WORD.search(low, left, right):
        return False
    m = _CLAUSE_END.search(low, end, right)
    return bool(_OPTIONAL.search(low, left, m.start() if m else right))


def _years_in(text: str, low: str) -> Iterator[tuple[int, int | None, bool, int, str]]:
    """Experience figures: (years_min, years_max, optional, offset, sentence); text as written, low lower-cased."""
    units: Iterable[re.Match[str]] = _YEAR_UNIT.finditer(low)
    if "month" in low:
        units = sorted((*units, *_MONTH_UNIT.finditer(low)), key=lambda unit: unit.start())
    for unit in units:
        figure = _FIGURE.search(low, max(0, unit.start() - 40), unit.start())
        if not figure:
            continue
        start = figure.start()
        before = low[max(0, start - 25):start].rstrip()
        pre_match = before and before[-1] in _PRE_ENDS and _PRE.search(low, max(0, start - 25), start)
        pre = " ".join(pre_match.group("pre").split()) if pre_match else ""
        post = _POST.match(low, unit.end())
        assert post is not None  # every part of _POST is optional
        end = post.end()
        lo_word, hi_word = figure.group("lo"), figure.group("hi")
        if lo_word in ("a", "an"):
            if hi_word and figure.group("sep").isspace():
                lo_word, hi_word = hi_word, None  # "a 2-year experience"
            elif not pre:
                continue  # "twice a year", "a year ago"
        left, right = _sentence_bounds(text, start, end)
        if _NOT_EXPERIENCE_BEFORE.search(low, max(left, start - 40), start):
            continue
        if _NOT_EXPERIENCE_AFTER.match(low, end, right):
            continue
        months = unit.group(0).startswith("m")
        window = (max(left, start - 60), min(right, end + 80))
        experience = "experience" in low[window[0]:window[1]]  # the commonest cue, without the regex
        if months and not experience:
            continue
        required = pre in _REQUIREMENT_WORDS or figure.group("plus") or post.group("post")
        if not (required or experience or _EXPERIENCE_CUE.search(low, *window)):
            continue
        lo = _number(lo_word)
        hi = _number(hi_word) if hi_word else None
        if hi is not None and hi <= lo:
            lo, hi = (hi, hi) if figure.group("sep").isspace() else (lo, None)
        if pre in _UPPER_BOUND_WORDS:
            lo, hi = 0.0, lo
        elif hi is None and not (required or pre):
            hi = lo
        if months:
            lo, hi = lo // 12, (None if hi is None else -(-hi // 12))
        if lo > 25 or (lo > 15 and not required):
            continue  # "more than 20 years experience" describes the company
        sentence = " ".join(text[left:right].split())
        yield int(lo), (None if hi is None else int(hi)), _is_optional(low, left, end, right), start, sentence


# --- education, management and entry-level wording ------------------------------------------------

# (what it says, anchor, rest of the pattern): lower-cased phrases that start with a whole-word
# anchor, so each is only tried where its anchor is a word of the text. "BS/MS" is a bachelor's.
_PHRASES: Final = (
    ("none", "no", r"\s+(?:degree|formal\s+education|qualifications?)\s+(?:is\s+)?(?:required|necessary|needed)"),
    ("none", "degree", r"\s+(?:is\s+)?not\s+(?:required|necessary)"),
    ("phd", "ph", r"\.?\s?d\b"),
    ("phd", "phd", r"\b"),
    ("phd", "doctorate", r"\b"),
    ("phd", "doctoral", r"\s+degree"),
    ("master", "master", r"(?:'?s?\s+(?:degree|of|in)\b|'s)"),
    ("master", "masters", r"\b"),
    ("master", "msc", r"\b"),
    ("master", "m.", r"(?:sc\b|s\.)"),
    ("master", "ms", r"(?:\s+(?:degree|in)\b|\s*/\s*ph)"),
    ("master", "mba", r"\b"),
    ("master", "postgraduate", r"\s+degree"),
    ("master", "bac", r"\s*\+\s*5"),
    ("bachelor", "bachelor", r"'?s?\b"),
    ("bachelor", "bachelors", r"\b"),
    ("bachelor", "bsc", r"\b"),
    ("bachelor", "b.", r"(?:sc\b|[as]\.|tech\b)"),
    ("bachelor", "bs", r"(?:\s*/\s*(?:b[as]|ms|m\.s)\b|\s+(?:degree|in)\b)"),
    ("bachelor", "ba", r"(?:\s*/\s*(?:b[as]|ms|m\.s)\b|\s+(?:degree|in)\b)"),
    ("bachelor", "beng", r"\b"),
    ("bachelor", "btech", r"\b"),
    *(("bachelor", word, r"\s+degree") for word in ("university", "college", "undergraduate")),
    *(("bachelor", word, r"[\s-]+year\s+(?:university\s+|college\s+)?degree") for word in ("four", "4")),
    ("bachelor", "degree", r"\s+in\b"),
    ("bachelor", "bac", r"\s*\+\s*[34]"),
    ("associate", "associate", r"'?s?\s+degree"),
    *(("associate", word, r"[\s-]+year\s+degree") for word in ("two", "2")),
    ("associate", "bac", r"\s*\+\s*2"),
    ("high-school", "high", r"\s*school\b"),
    ("high-school", "highschool", r"\b"),
    ("high-school", "ged", r"\b"),
    ("high-school", "secondary", r"\s+school"),
    ("high-school", "hs", r"\s+diploma"),
    # "or equivalent experience" accepted instead of the degree
    ("equivalent", "equivalent", r"\s+(?:\w+\s+){0,3}experience"),
    ("equivalent", "lieu", r"\s+of\s+(?:a\s+)?degree"),
    ("equivalent", "or", r"\s+(?:relevant|related|comparable)\s+(?:work\s+)?experience"),
    # the role manages people
    ("manages", "direct", r"\s+reports?\b"),
    *(("manages", verb, r"\s+(?:(?:a|the|your|our)\s+(?:\w+\s+){0,3}?team\s+of\b|a\s+team\b)")
      for verb in ("manage", "manages", "managing", "lead", "leads", "leading",
                   "supervise", "supervises", "supervising", "oversee", "oversees", "overseeing")),
    ("manages", "people", r"\s+manage(?:r|ment\s+experience)"),
    ("manages", "line", r"\s+management\b"),
    *(("manages", word,
       r",?\s+(?:\w+,?\s+){0,2}(?:and\s+)?(?:develop|mentor|coach|manage|lead)\w*\s+(?:a|the|your)\s+team")
      for word in ("hire", "hiring")),
    *(("manages", word, r"\s+and\s+lead\w*\s+(?:a|the)\s+team") for word in ("build", "building")),
    # the role is for beginners
    ("entry", "entry", r"[\s-]+level\b"),
    ("entry", "no", r"\s+(?:prior\s+|previous\s+)?experience\s+(?:is\s+)?(?:required|necessary|needed)"),
    *(("entry", word, r"\s+grad(?:uate)?s?\b") for word in ("recent", "new", "fresh")),
    *(("entry", word, r"\s+(?:are\s+)?(?:welcome|wanted)") for word in ("graduate", "graduates")),
    ("entry", "will", r"\s+train\b"),
    *(("entry", word, r"\s+training\s+(?:is\s+)?provided\b") for word in ("full", "paid")),
    ("entry", "first", r"\s+job\b"),
)
# Bytes table keeping [a-z0-9] and blanking the rest: splitting the translated text gives its words
# faster than a regex findall; blanking capitals too leaves "achelor" for a glued "requiredBachelor".
_WORD_BYTES: Final = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for c in range(256))
_WORD: Final = re.compile(r"[a-z0-9]+")


def _index(
    phrases: tuple[tuple[str, str, str], ...]
) -> tuple[tuple[bytes, bytes, str, re.Pattern[str], tuple[str, ...]], ...]:
    """(first word, its tail, anchor, pattern, names) per anchor: the pattern starts with the anchor
    and has a group per phrase, named by `names`."""
    by_anchor: dict[str, list[tuple[str, str]]] = {}
    for name, anchor, rest in phrases:
        by_anchor.setdefault(anchor, []).append((name, rest))
    index = []
    for anchor, rules in by_anchor.items():
        first = _WORD.match(anchor)
        assert first is not None  # every anchor starts with a word
        word = first.group(0).encode()
        pattern = re.compile(re.escape(anchor) + "(?:" + "|".join(f"({rest})" for _, rest in rules) + ")")
        index.append((word, word[1:], anchor, pattern, tuple(name for name, _ in rules)))
    return tuple(index)


_PHRASE_INDEX: Final = _index(_PHRASES)


def _by(words: Iterable[bytes]) -> dict[bytes, tuple[int, ...]]:
    """Positions in the index of the anchors with each first word (or tail), `words` in index order."""
    positions: dict[bytes, tuple[int, ...]] = {}
    for k, word in enumerate(words):
        positions[word] = positions.get(word, ()) + (k,)
    return positions


_BY_WORD: Final = _by(entry[0] for entry in _PHRASE_INDEX)
_BY_TAIL: Final = _by(entry[1] for entry in _PHRASE_INDEX)
_TAILS: Final = frozenset(_BY_TAIL)


def _by_first() -> dict[str, tuple[tuple[bytes, str, re.Pattern[str]], ...]]:
    """(first word, anchor, pattern) of the index entries, by the anchor's first character."""
    by_first: dict[str, tuple[tuple[bytes, str, re.Pattern[str]], ...]] = {}
    for word, _, anchor, rx, _ in _PHRASE_INDEX:
        by_first[anchor[0]] = by_first.get(anchor[0], ()) + ((word, anchor, rx),)
    return by_first


_BY_FIRST: Final = _by_first()
# Words that an anchor's pattern matches from their start, the anchor not being a word of its own:
# "masters degree", "associates degree" ("phd", "bachelors", "highschool" are anchors, with the same match).
_CONTINUED: Final = {b"masters": b"master", b"associates": b"associate"}
# Words of which every match of an anchor's phrases holds one besides the anchor, whole ("or relevant
# experience", "new grads", "will train"): common anchors are only tried when one is a word of the text too.
_YEAR, _TEAM = ("year",), ("team",)
_SECOND_WORDS: Final = {
    "or": ("relevant", "related", "comparable"),
    **dict.fromkeys(("new", "recent", "fresh"), ("grad", "grads", "graduate", "graduates")),
    "will": ("train",),
    "full": ("training",),
    "paid": ("training",),
    "first": ("job",),
    "direct": ("report", "reports"),
    "entry": ("level",),
    "line": ("management",),
    "high": ("school",),  # "highschool" is an anchor of its own
    **dict.fromkeys(("two", "2", "four", "4"), _YEAR),
    **dict.fromkeys(
        ("manage", "manages", "managing", "lead", "leads", "leading", "supervise", "supervises",
         "supervising", "oversee", "oversees", "overseeing"),
        _TEAM,
    ),
}
# Per index entry, the second words it needs (empty: none).
_NEEDS: Final = tuple(frozenset(w.encode() for w in _SECOND_WORDS.get(anchor, ())) for _, _, anchor, _, _ in _PHRASE_INDEX)
_WORDS: Final = frozenset(_BY_WORD) | frozenset(_CONTINUED) | frozenset().union(*_NEEDS)
# Lower-case letters (and "?", which stands for any non-ASCII character) as "a", capitals A-Z as "A".
_CASE_BYTES: Final = bytes(97 if 97 <= c <= 122 or c == 63 else 65 if 65 <= c <= 90 else 32 for c in range(256))
# A capital after a lower-case letter: the scan skips from capital to capital.
_GLUED_CAPITAL: Final = re.compile(rb"A(?<=aA)")


def _glued_phrase(text: str, low: str, words: frozenset[bytes]) -> bool:
    """Whether a phrase whose anchor is not a word of the text starts at a capital after a lower-case
    letter ("requiredBachelor"), the one place a phrase starts inside a word; capitals outside A-Z
    lower-case to no anchor's first letter."""
    cases = text.encode("ascii", "replace").translate(_CASE_BYTES)  # one byte per character
    for capital in _GLUED_CAPITAL.finditer(cases):
        i = capital.start()
        for word, anchor, rx in _BY_FIRST.get(low[i], ()):
            if word not in words and low.startswith(anchor, i) and rx.match(low, i):
                return True
    return False


def _phrases_in(text: str, low: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the phrases in lower-cased text, in text order; a phrase inside a longer
    one is dropped ("degree in" within "master's degree in").

    An anchor is tried when its first word is a word of the text (with one of its second words, if it
    has any), or it starts a continued word ("masters"), or its tail is a lower-case run ("achelor" of
    "requiredBachelor"): an anchor that is not a word of the text only matches there, and the runs
    are only collected when there is a glued capital.
    """
    words = _WORDS.intersection(low.encode().translate(_WORD_BYTES).split())
    if not words.isdisjoint(_CONTINUED):  # "masters degree": the "master" anchor's pattern reads it
        words |= {anchor for word, anchor in _CONTINUED.items() if word in words}
    tried = {k for word in words for k in _BY_WORD.get(word, ()) if not _NEEDS[k] or not _NEEDS[k].isdisjoint(words)}
    if _glued_phrase(text, low, words):
        tails = _TAILS.intersection(text.encode().translate(_WORD_BYTES).split())
        tried.update(k for tail in tails for k in _BY_TAIL[tail])
    found = []
    for k in sorted(tried):
        _, _, anchor, rx, names = _PHRASE_INDEX[k]
        first = low.find(anchor)  # str.find gets there faster than the regex engine's scan
        for m in rx.finditer(low, first) if first >= 0 else ():
            i = m.start()
            if i == 0 or not low[i - 1].isalnum() or text[i - 1].islower() and text[i].isupper():
                group = m.lastindex
                assert group is not None  # the pattern holds a group per phrase, and one matched
                found.append((i, m.end(), names[group - 1]))
    if len(found) < 2:
        return found
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, str]] = []
    for phrase in found:
        if not kept or phrase[0] >= kept[-1][1]:
            kept.append(phrase)
    return kept


def _lower_education(a: str | None, b: str) -> str:
    return b if a is None or EDUCATION_LEVELS.index(b) < EDUCATION_LEVELS.index(a) else a


# --- level ----------------------------------------------------------------------------------------

_RANK: Final = {"intern": 0, "entry": 1, "mid": 2, "senior": 3, "lead": 4}

# Title words, lower-cased, one named group each. Rungs: intern ... executive. Roles: a "Manager"
# manages people only when the posting says so (or the title says whom: "Engineering Manager");
# "Lead" and "Supervisor" head a team at whatever level the requirements show. Jobs that are mostly
# entry level (O*NET job zones 1-2) and the rungs "Associate"/"Assistant" count as entry.
_TITLE_WORDS: Final = re.compile(
    r"\b(?<!\w)(?:"  # every group starts a word: checked once per position, and only word starts go on
    + "|".join(
        f"(?P<{name}>{pattern})"
        for name, pattern in (
            ("intern", r"(?:intern(?:ship)?s?|trainee|apprentice(?:ship)?|working\s+student|stagiaire|co-?op)\b"),
            ("executive", r"(?:chief|ceo|cto|cfo|coo|cio|cmo|cpo|ciso|president|vp|svp|evp|v\.p\.|"
                          r"vice[\s-]+president|managing\s+director|executive\s+director|general\s+manager|"
                          r"co-?founder)\b"),
            ("director", r"(?<!art\s)director\b|head\s+of\b"),
            ("people_manager", r"(?:engineering|team|people|store|shop|restaurant|branch|plant|warehouse)\s+manager\b|"
                               r"manager\s*,?\s+(?:of\s+)?\w+(?:\s+\w+)?\s+team\b"),
            ("manager", r"manager\b"),
            ("principal", r"principal\b|staff(?=\s+(?:\w+\s+)?(?:engineer|scientist|developer|designer|architect|"
                          r"researcher)\b)"),
            ("senior", r"(?:senior|sr|s[ée]nior)\b"),
            ("mid", r"(?:mid(?:-level)?|intermediate|confirm[ée]e?)\b"),
            ("junior", r"(?:junior|jr|entry[\s-]+level|graduates?|grad|d[ée]butant)\b"),
            ("lead", r"(?:lead(?!\s+generation)|leader|supervisor|foreman)\b"),
            ("entry_job", r"(?:receptionist|cashier|clerk|teller|driver|courier|customer\s+(?:service|care|support)|"
                          r"call\s+(?:cent(?:er|re)|attendant)|contact\s+cent(?:er|re)|data\s+entry|csr|front\s+desk|"
                          r"telemarketer|telesales|waiter|waitress|barista|bartender|dishwasher|cleaner|janitor|"
                          r"custodian|housekeeper|warehouse|picker|packer|(?:un)?loader|labou?rer|stocker|"
                          r"crew\s+member|nanny|caregiver|promoter|promotional\s+staff|brand\s+ambassador|"
                          r"sales\s+(?:rep|representative|associate)|security\s+guard|valet|porter|"
                          r"associate(?!\s+(?:director|vice|vp|partner|principal|professor|dean|general))|"
                          r"assistant(?!\s+(?:director|vice|vp|manager|professor|principal|general)))\b"),
            # ladder numbers after a word: "Engineer II", "Analyst 3", "Level 2"
            ("numeral", r"(?<=[a-z]{3}\s)(?<!position\s)(?<!opening\s)(?:level\s+)?(?:iv|iii|ii|i|[1-4])"
                        r"(?=\s*(?:$|[-,/(|:]))"),
        )
    )
    + ")"
)
_RUNG_OF: Final = {"principal": "lead", "junior": "entry", "entry_job": "entry"}
_NUMERAL_LEVEL: Final = {
    "i": "entry", "1": "entry", "ii": "mid", "2": "mid", "iii": "senior", "3": "senior", "iv": "lead", "4": "lead"
}


def _years_level(years: int) -> str:
    return "entry" if years <= 1 else "mid" if years < 5 else "senior"


def _decide(
    title: str, years_min: int | None, years_max: int | None, signals: dict[str, str]
) -> tuple[str, float, tuple[str, ...]]:
    """The level, its confidence and the evidence, strongest first.

    A rung named in the title wins unless the stated years put the role two rungs away
    ("Team Lead" asking for one year of customer service is an entry-level job).
    """
    said_years = ""
    by_years = None
    if years_min is not None:
        upper = "+" if years_max is None else "" if years_max == years_min else f"-{years_max}"
        said_years = f"years: {years_min}{upper}"
        by_years = _years_level(years_min)
    manages = signals.get("manages")
    words: dict[str, str] = {}  # group -> the title's own wording, first occurrence
    for m in _TITLE_WORDS.finditer(_lower(title)) if title else ():
        assert m.lastgroup is not None  # every alternative is a named group
        words.setdefault(m.lastgroup, " ".join(title[m.start():m.end()].split()))
    if words:  # else the years, the wording or the default decide

        def checked(level: str, confidence: float, why: str) -> tuple[str, float, tuple[str, ...]]:
            if by_years and abs(_RANK[level] - _RANK[by_years]) >= 2:
                return by_years, 0.6, (said_years, why)
            if by_years == level:
                confidence += 0.05
            return level, confidence, (why, said_years) if said_years else (why,)

        for level in ("intern", "executive", "director"):
            if level in words:
                return level, 0.9, (f'title: "{words[level]}"',)
        if "people_manager" in words or "manager" in words and manages:
            why = f'title: "{words.get("people_manager") or words["manager"]}"'
            return "manager", 0.85, (why, f'manages: "{manages}"') if manages else (why,)
        for group in ("principal", "senior", "mid", "junior"):
            if group in words:
                return checked(_RUNG_OF.get(group, group), 0.85, f'title: "{words[group]}"')
        if "lead" in words:
            return checked("lead", 0.75, f'title: "{words["lead"]}"')
        if "entry_job" in words:
            return checked("entry", 0.6, f'title: "{words["entry_job"]}" (entry-level job)')
        if "numeral" in words:
            return checked(
                _NUMERAL_LEVEL[words["numeral"].split()[-1].lower()], 0.75, f'title: "{words["numeral"]}"'
            )
    if manages:
        return "manager", 0.6, (f'manages: "{manages}"',)
    if by_years:
        return by_years, 0.7, (said_years,)
    if "manager" in words:
        return "mid", 0.5, (f'title: "{words["manager"]}" without reports',)
    if "entry" in signals:
        return "entry", 0.6, (f'text: "{signals["entry"]}"',)
    return "mid", 0.3, ("default: mid",)


def _figures_only(section: Section) -> bool:
    """Application steps, and headed sections the splitter could not place (links, media, labels),
    may hold a misplaced experience figure ("How to apply: ... at least 4 years of experience in
    the field"), but their phrases (degrees, "lead a team") are not the job's asks."""
    return section.kind == "process" or (section.kind == "other" and section.heading is not None)


def _label_split(section: Section) -> bool:
    """Whether the section was split from a "Label: value" line ("Minimum experience: 3 years"):
    its first block starts on the heading's line, and the next one does not (the blocks of
    one-line markup all share their heading's line)."""
    blocks = section.blocks
    return bool(
        section.heading
        and blocks
        and blocks[0].line_start == section.line_start
        and (len(blocks) == 1 or blocks[1].line_start != section.line_start)
    )


def _labelled(section: Section, index: int, text: str) -> str:
    """A block's text, with the label in front when it is the value of a label line: the figure needs the label's words."""
    return f"{section.heading}: {text}" if index == 0 and _label_split(section) else text


def extract_seniority(title: str | None, sections: Sequence[Section]) -> Seniority:
    """Read level, years, education and management from the title and the requirement-like sections.

    The first required years figure is the main requirement; optional ones ("a plus", a
    preferred section) count only when nothing is required. Education is the lowest degree asked for.
    """
    about = [section for section in sections if section.kind not in _SKIP_KINDS]  # company and perks say nothing of the role
    texts = [block.text for section in about for block in section.blocks]
    if any(_label_split(section) for section in about):
        texts = [_labelled(section, i, block.text) for section in about for i, block in enumerate(section.blocks)]
    joined = "\n".join(texts)  # one pass over the text; "\n" also ends a sentence at each block end
    text = normalize(joined)  # what Block.norm does, once for all blocks
    low = _lower(text)
    starts: list[int] = []  # block offsets, counted on the first call of where(): most postings need none

    def where(offset: int) -> tuple[Section, int]:
        """The section an offset falls in, and the offset's source line."""
        if not starts:
            norms = texts if len(text) == len(joined) else [  # invisible characters deleted: offsets moved
                _labelled(section, i, block.norm) for section in about for i, block in enumerate(section.blocks)
            ]
            starts.extend(accumulate([len(norm) + 1 for norm in norms], initial=0))
        k = bisect_right(starts, offset) - 1
        line = text.count("\n", starts[k], offset)
        for section in about:  # the section of the k-th block
            if k < len(section.blocks):
                break
            k -= len(section.blocks)
        return section, section.blocks[k].line_start + line

    years = years_optional = None  # (lo, hi, sentence, line)
    for lo, hi, optional, start, sentence in _years_in(text, low):
        section, line = where(start)
        if not (optional or section.kind == "preferred"):
            years = (lo, hi, sentence, line)
            break
        years_optional = years_optional or (lo, hi, sentence, line)

    education = education_optional = None
    signals: dict[str, str] = {}  # name -> the wording that said it
    for start, end, name in _phrases_in(text, low):
        if name in EDUCATION_LEVELS and education and _lower_education(education, name) == education:
            continue  # a required degree this low is known: whether this one is required changes nothing
        section = where(start)[0]
        if _figures_only(section):
            continue
        preferred = section.kind == "preferred"
        if name in EDUCATION_LEVELS:
            left, right = _sentence_bounds(text, start, end)
            if preferred or _is_optional(low, left, end, right):
                education_optional = _lower_education(education_optional, name)
            else:
                education = _lower_education(education, name)
        elif name not in signals and (not preferred or name == "equivalent"):
            signals[name] = " ".join(text[start:end].split())

    years_min, years_max, years_sentence, years_line = years or years_optional or (None, None, None, None)
    level, confidence, evidence = _decide(title or "", years_min, years_max, signals)
    return Seniority(
        level=level,
        confidence=round(confidence, 2),
        years_min=years_min,
        years_max=years_max,
        years_evidence=years_sentence,
        years_line=years_line,
        education=education or education_optional,
        education_equivalent="equivalent" in signals,
        manages_people="manages" in signals,
        evidence=evidence,
    )
