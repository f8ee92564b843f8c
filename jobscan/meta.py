"""Facts about a posting: title, company, locations, work mode, employment type, date and pay.

Structured sources state these outright (`Document.fields`) and always win. Otherwise they are
read from the posting's header (the short lines before the prose starts: title, company,
"City, ST", "Posted ..."), from labelled lines ("LOCATION: ...", "Job Type: ..."), and from the
sections where postings usually state them. Every function here is pure.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, Final

from .model import Block, Document, Meta, Salary, Section


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first, so "per annum" beats "per". A look at the
    first character comes before it, which turns most places down at once."""
    words = sorted(words, key=len, reverse=True)
    firsts = "".join(sorted({re.escape(w[0]) for w in words}))
    return f"(?=[{firsts}])(?:{'|'.join(map(re.escape, words))})"


_ASCII: Final = bytes(range(128))
_IGNORECASE_LETTERS: Final = {"ſ": "s", "ı": "i", "İ": "i", "K": "k"}  # what re.IGNORECASE also reads them as
_FOLD_BYTES: Final = bytes(c + 32 if 65 <= c <= 90 else 32 if c in b"\t\n\v\f\r\x1c\x1d\x1e\x1f" else c for c in range(256))


def _fold(text: str) -> bytes:
    """`text` as one byte a character, for fast plain searches that find where a case-insensitive
    pattern can match: letters in lower case (with "ſ", "ı", "İ" and "K", which re.IGNORECASE
    takes for "s", "i" and "k"), any digit "0"-"9", any whitespace " ", anything else "?". A bytes
    pattern's whitespace and digit classes then match where the str pattern's do."""
    raw = text.encode("ascii", "replace")
    if not text.isascii():
        spots = _occurrences(raw, (b"?",))  # every character outside ASCII, and any "?"
        if len(spots) > 64:  # many: look at each character once
            for char in set(text.encode("utf-8").translate(None, _ASCII).decode("utf-8")):
                if plain := _plain(char):
                    text = text.replace(char, plain)
            raw = text.encode("ascii", "replace")
        elif fixes := [(at, plain) for at in spots if (plain := _plain(text[at]))]:
            fixed = bytearray(raw)
            for at, plain in fixes:
                fixed[at] = ord(plain)
            raw = bytes(fixed)
    return raw.translate(_FOLD_BYTES)


@lru_cache(maxsize=1024)  # a posting holds a few characters outside ASCII, many times each
def _plain(char: str) -> str:
    """The ASCII character a fold writes for `char` outside ASCII, or "" for "?"."""
    return _IGNORECASE_LETTERS.get(char) or ("0" if char.isdecimal() else " " if char.isspace() else "")


def _occurrences(text: bytes, words: Iterable[bytes]) -> list[int]:
    """Where any of `words` occurs in `text`, in order."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
    found.sort()
    return found


def _lower(text: str) -> str:
    """`text` in lower case, with the letters re.IGNORECASE also takes for "s" and "i" made those
    (and the dot that "İ" lowers to "i" with dropped): any word a case-insensitive pattern finds in
    `text` is in it, so looking for the words first spares the pattern most short texts."""
    low = text.lower()
    return low if low.isascii() else low.replace("ſ", "s").replace("ı", "i").replace("\u0307", "")


def _holds(text: str, words: Iterable[str]) -> bool:
    low = _lower(text)
    for word in words:
        if word in low:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Pay

_SYMBOLS: Final = {
    "$": "USD", "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "S$": "SGD", "HK$": "HKD", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "₩": "KRW", "₽": "RUB", "₪": "ILS", "₺": "TRY", "₱": "PHP", "₦": "NGN", "֏": "AMD",
}
# Upper-case only, and without codes that are also common tech words (PHP, COP, GEL).
_CODES: Final = frozenset(
    "USD EUR GBP JPY CNY CAD AUD NZD CHF INR AMD SEK NOK DKK PLN CZK HUF RON BGN RUB UAH KZT "
    "BRL MXN ARS CLP ZAR SGD HKD KRW TWD ILS TRY AED SAR QAR IDR MYR THB VND NGN KES EGP PKR BDT "
    "LKR RMB".split()
)
_CODE_ALIASES: Final = {"RMB": "CNY"}
_WORDS: Final = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY",
    "rupee": "INR", "rupees": "INR", "dram": "AMD", "drams": "AMD", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "sterling": "GBP", "pounds sterling": "GBP",
}  # plain "pounds" is left out: postings ask people to lift 50 pounds more often than they pay in them
# "$" and "¥" are shared; one of these codes written near the amount says which currency is meant.
_SHARED_SYMBOL_CODES: Final = {"$": ("CAD", "AUD", "NZD", "SGD", "HKD", "MXN"), "¥": ("CNY", "RMB")}

_MULTIPLIERS: Final = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
}
_PERIOD_UNITS: Final = {  # after "per", "a", "/": "per hour", "/yr"
    "hour": "hour", "hr": "hour", "h": "hour", "day": "day", "week": "week", "wk": "week",
    "month": "month", "mth": "month", "mo": "month", "year": "year", "yr": "year", "annum": "year",
}
_PERIOD_ADVERBS: Final = {  # "$4,000 monthly", "Annual salary: $90,000"
    "hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month",
    "annual": "year", "annually": "year", "yearly": "year",
}
_PERIOD_ABBREVIATIONS: Final = {"pa": "year", "p.a.": "year"}  # after an amount only: before one, PA is Pennsylvania
_PERIODS: Final = _PERIOD_UNITS | _PERIOD_ADVERBS | _PERIOD_ABBREVIATIONS
# Words that, right next to an amount, say it is not pay: "raised $50M", "$2,000 learning budget".
_NOT_PAY: Final = frozenset(
    "revenue revenues funding funded raised raise raising valuation valued worth invested "
    "investment investors series arr sales spent spend spending expenditures budget budgets "
    "bonus bonuses stipend stipends allowance allotment reimbursement credit credits gift grant "
    "grants referral donation donations prize prizes award awards fund funds portfolio assets "
    "managing manage manages oversee overseeing training tuition fee fees cost costs price "
    "deductible deductibles premium premiums perk perks b bn billion billions trillion trillions".split()
)
# Millions a year in a currency worth about a dollar or more is a company's figure, not pay.
_STRONG_CURRENCIES: Final = frozenset("USD EUR GBP CHF CAD AUD NZD SGD".split())
_MAX_STRONG_PAY: Final = 1e6
_PER_YEAR: dict[str | None, int] = {"hour": 2080, "day": 260, "week": 52, "month": 12}
_PAY_WORD: Final = re.compile(r"\b(?:salary|salaries|pay|paid|wages?|remuneration|compensation|rate|earnings)\b", re.I)

_CODE: Final = rf"(?-i:\b(?:{_alternation(_CODES)})\b)"
_LETTERED_SYMBOLS: Final = {s for s in _SYMBOLS if s[0].isalpha()}  # "C$", "US$": not the tail of a word
_BARE_SYMBOLS: Final = set(_SYMBOLS) - _LETTERED_SYMBOLS
_CUR_BEFORE: Final = rf"(?-i:(?<![A-Za-z])(?:{_alternation(_LETTERED_SYMBOLS)})|{_alternation(_BARE_SYMBOLS)})|{_CODE}"
_CUR_AFTER: Final = rf"(?-i:{_alternation(set(_SYMBOLS) - {'$'})}|\$(?!\w)|\s?{_CODE})|\s?\b(?:{_alternation(_WORDS)})\b"
_NUMBER: Final = r"(?:\d{1,3}(?:[,.' \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d{1,2})?(?![.,]?\d)"
_MULT: Final = rf"\s?(?:{_alternation(_MULTIPLIERS)})"


def _money(tag: str) -> str:
    """One amount: optional currency, number, optional multiplier, optional currency after."""
    return (
        rf"(?:(?P<cb{tag}>{_CUR_BEFORE})\s?|(?<![A-Za-z]))(?P<n{tag}>{_NUMBER})(?!\s?%)"
        rf"(?:(?P<m{tag}>\+?{_MULT})(?![A-Za-z]))?(?P<plus{tag}>\+)?"
        # No unit glued on ("3D", "5G"), though run-together text ("$55,000Apply") is fine.
        rf"(?!(?!{_CODE})[A-Za-z](?![a-z]))(?P<ca{tag}>{_CUR_AFTER})?"
    )


_MARKS: Final = re.escape("".join(sorted({s[0] for s in _BARE_SYMBOLS})))
# Everything before a pay match's amount. First a cheap look at one character (a digit, a currency
# mark, a code's capital, the start of "from"/"up to"/...), which spares trying every alternative.
_PAY_LEAD: Final = (
    rf"(?=[\d{_MARKS}fsamunb]|(?-i:[A-Z]))(?<![\d.,/#+-])"
    r"(?:(?P<lower>from|starting\s+(?:at|from)|starts\s+at|at\s+least|min(?:imum)?)\s+"
    r"|(?P<upper>up\s*to|max(?:imum)?|no\s+more\s+than)\s+|(?P<between>between)\s+)?"
)
_SALARY: Final = re.compile(
    _PAY_LEAD
    + _money("1")
    + rf"(?:\s*(?:-|–|—|~|\bto\b|\bthrough\b|(?(between)\band\b|(?!)))\s*{_money('2')})?"
    r"(?:(?:\s*(?:gross|net|base|salary|before\s+tax(?:es)?|pre-tax))?"
    rf"(?:\s*(?:/|\bper\b|\ban?\b|\beach\b|\bevery\b)\s*(?P<unit>{_alternation(_PERIOD_UNITS)})\b"
    rf"|\s*(?P<adverb>{_alternation(_PERIOD_ADVERBS | _PERIOD_ABBREVIATIONS)})(?!\w)))?",
    re.I,
)
# _SALARY up to its amount's first digit (a little looser), to find where it can start before one digit.
_SALARY_HEAD: Final = re.compile(rf"{_PAY_LEAD}(?:{_CUR_BEFORE})?\s?\d", re.I)
# A folded text's characters as digits ("0"), what may not come right before an amount ("x": a digit,
# a letter or ".,/#+-", by _SALARY's lookbehinds, whatever currency or "up to" comes first) and the
# rest (" "): an amount can start only at a " 0".
_AMOUNT_CLASSES: Final = bytes(
    48 if 48 <= c <= 57 else 120 if c in b".,/#+-abcdefghijklmnopqrstuvwxyz" else 32 for c in range(256)
)
# How the words that can open a match before its amount end: "from", "at least", "minimum", "up to", "no more than".
_LEAD_ENDINGS: Final = (b"from", b"at", b"least", b"min", b"mum", b"to", b"max", b"than", b"between")
# The rest of a number (digits, separators, spaces) and the word after it, in a folded text.
_AFTER_NUMBER: Final = re.compile(rb"[0-9,.' ]*([a-z]*)")
# What can come first after an amount's number in a _SALARY match: a multiplier, a currency, a range
# ("to"), a period ("per", "an", "monthly", "p.a."), in the folded text's lower case; or a mark.
_WORDS_AFTER_AMOUNT: Final = frozenset(
    word.split()[0].encode()
    for word in (
        *_MULTIPLIERS, *(code.lower() for code in _CODES), *_WORDS, "to", "through", "and",
        "gross", "net", "base", "salary", "before", "pre", "per", "a", "an", "each", "every",
        *_PERIOD_ADVERBS, "pa", "p",
    )
)
_MARKS_AFTER_AMOUNT: Final = frozenset((b"+", b"$", b"?", b"-", b"~", b"/", b"%"))
# Run on the reversed folded text before a digit: the words a match can hold before its amount,
# "no more than US$" at most, stopping at an earlier digit (a match starting before that one holds it).
_WORDS_BEFORE_AMOUNT: Final = re.compile(rb"(?:\s*[^\s0-9]+){0,4}")
# A period stated before the amount: "Annual salary: $90,000", "monthly pay of 500 USD".
_PERIOD_BEFORE: Final = re.compile(
    rf"\b(?:(?P<adverb>{_alternation(_PERIOD_ADVERBS)})|per\s+(?P<unit>{_alternation(_PERIOD_UNITS)}))\b[^\n]*$", re.I
)
_WORDS_AFTER: Final = re.compile(r"[ \t]*((?:[A-Za-z][\w()'-]*[ \t]+){0,3}[A-Za-z][\w()'-]*)?")
_WORDS_BEFORE: Final = re.compile(r"((?:[A-Za-z][\w()'-]*[ \t(]+){0,2})$")
# Read backwards, the longest run of _WORDS_BEFORE's characters it can match: _WORDS_BEFORE, tried at
# every place of a text, takes ~0.5 us at each, and cannot start before the run does.
_WORDS_BEFORE_REACH: Final = re.compile(r"[ \t(]*[\w()'-]*[ \t(]*[\w()'-]*")
_STOP_WORDS: Final = frozenset(("and", "or", "plus", "with"))
# A separator followed by exactly three digits groups thousands; any other is a decimal point.
_THOUSANDS: Final = re.compile(r"[,.' \u00a0\u202f](?=\d{3}(?!\d))")
_SHARED_CODE: Final = {c: re.compile(rf"\b{c}\b") for codes in _SHARED_SYMBOL_CODES.values() for c in codes}
_BREAKS_BEFORE, _BREAKS_AFTER = re.compile(r"[\s(-]+"), re.compile(r"[\s-]+")


def parse_salary(text: str) -> Salary | None:
    """The first pay statement in `text`, or None.

    An amount counts as pay when it carries a currency ("$", "EUR", "drams"), or when it follows
    a pay word and states a period ("Remuneration: 18,000 per annum"). That keeps "3+ years",
    "401(k)", "top 10%", years and phone numbers out. Amounts in billions, and amounts next to
    words about money that is not pay ("raised $50M", "$2,000 learning budget", "signing bonus
    of $5k") are skipped.

    Ranges share a multiplier: "€60k-75k", "60-75k" and "40 - 45000" all mean thousands.
    "up to X" gives only a max, "from X" and "X+" only a min; a single amount is both.
    "$" means USD unless CAD, AUD, NZD, SGD, HKD or MXN is written within a few words.
    The period is the one stated ("/yr", "an hour", "pa", "monthly", "Annual salary:"). When
    none is stated it is inferred from the smallest amount: 10,000 or more is a year, under 200
    an hour, and in between None, since monthly pay of a few thousand is as common as yearly.
    """
    return _first_salary(text, _fold(text))


def _first_salary(text: str, fold: bytes) -> Salary | None:
    """The first pay statement among the matches of `_SALARY.finditer(text)`, which are found by
    trying _SALARY only in the few characters before each digit an amount can start with, rather
    than at every letter of a long text."""
    classes, pos = b" " + fold.translate(_AMOUNT_CLASSES), 0
    while (at := classes.find(b" 0", pos)) >= 0:  # `classes` is one ahead: `at` is the digit's index
        if _currency_before(text, fold, at):
            m = _match_up_to(text, max(pos, _words_before(fold, at)), at)
        elif not _may_follow_amount(fold, at):
            m = None  # without a currency before it, none here, nor at the digits up to what follows, is pay
        elif _lead_word_before(fold, at):
            m = _match_up_to(text, max(pos, _words_before(fold, at)), at)
        else:
            m = _SALARY.match(text, at)
        if not m:
            pos = at + 1
        # Most numbers carry no currency and no period, which turns them down at once.
        elif any(m.group("cb1", "ca1", "cb2", "ca2", "unit", "adverb")) and (salary := _salary_from_match(text, m)):
            return salary
        else:
            pos = m.end()
    return None


def _may_follow_amount(fold: bytes, at: int) -> bool:
    """Whether what follows the number starting at `at` can begin a currency, range or period after
    it: "+", "$", "/", "-", "~", "%", a character outside ASCII ("€", "–"), or one of the words such
    a match can go on with ("k", "USD", "to", "per", "monthly"). Most numbers ("5 years", "2021.")
    are followed by neither, and one small match tells that sooner than _SALARY can."""
    after = _AFTER_NUMBER.match(fold, at)
    assert after is not None  # it can match the empty string
    word = after[1]
    return word in _WORDS_AFTER_AMOUNT if word else fold[after.end() : after.end() + 1] in _MARKS_AFTER_AMOUNT


def _currency_before(text: str, fold: bytes, at: int) -> bool:
    """Whether a match's currency can end right before its amount's digit at `at`, alone or with a
    space between: "$", "€", "US$ ", "EUR "."""
    if at and fold[at - 1] in b"$?":  # "?" stands for any character outside ASCII
        return True
    return at > 1 and fold[at - 1] == 32 and (fold[at - 2] in b"$?" or "A" <= text[at - 2] <= "Z")


def _lead_word_before(fold: bytes, at: int) -> bool:
    """Whether a match can start before its amount's digit at `at` with "from", "at least", "up to", ... and spaces."""
    if not at or fold[at - 1] != 32:  # a space
        return False
    end = at - 1
    while end and fold[end - 1] == 32:
        end -= 1
    return fold.endswith(_LEAD_ENDINGS, 0, end)


def _words_before(fold: bytes, at: int) -> int:
    """Where the words a match can hold before the digit at `at` start (_WORDS_BEFORE_AMOUNT)."""
    near = fold[max(0, at - 64) : at][::-1]
    words = _WORDS_BEFORE_AMOUNT.match(near)
    assert words is not None  # it can match the empty string
    if words.end() == len(near) < at:  # they may go on before the 64 characters read
        words = _WORDS_BEFORE_AMOUNT.match(fold[:at][::-1])
        assert words is not None
    return at - words.end()


def _match_up_to(text: str, start: int, at: int) -> re.Match | None:
    """The leftmost _SALARY match starting from `start` to `at`, where its amount starts."""
    while head := _SALARY_HEAD.search(text, start, at + 1):  # [start, at) holds no digit
        if m := _SALARY.match(text, head.start()):
            return m
        start = head.start() + 1
    return None


def _salary_from_match(text: str, m: re.Match) -> Salary | None:
    currency = _currency(text, m)
    stated = _PERIODS.get((m["unit"] or m["adverb"] or "").lower())
    # Without a currency it takes a pay word, a period, and either "per"/"a"/"/" or thousands:
    # "Remuneration: 18,000 per annum" is pay, "pay is split into 12 monthly transfers" is not.
    if currency is None and not stated:
        return None
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = text[max(line_start, m.start() - 60) : m.start()]
    lo: float | None = _amount(m, "1")
    hi = _amount(m, "2")
    assert lo is not None  # the first amount's number is no optional group
    if currency is None and not (_PAY_WORD.search(before) and (m["unit"] or lo >= 1000)):
        return None
    if _near_not_pay(text, m, before):
        return None
    if hi is not None:
        lo, hi = _shorthand(lo, hi, bool(m["m1"]), bool(m["m2"]))
        if hi < lo:
            hi = None
    if m["upper"]:  # the one amount is the upper end
        if hi is None:
            hi = lo
        lo = None
    elif hi is None and not (m["lower"] or m["plus1"]):
        hi = lo
    amounts = [v for v in (lo, hi) if v is not None]
    period = stated or ((p := _PERIOD_BEFORE.search(before)) and _PERIODS[(p["unit"] or p["adverb"]).lower()])
    if not period:
        period = "year" if min(amounts) >= 10_000 else "hour" if min(amounts) < 200 else None
    if currency in _STRONG_CURRENCIES and max(amounts) * _PER_YEAR.get(period, 1) >= _MAX_STRONG_PAY:
        return None
    return Salary(min=lo, max=hi, currency=currency, period=period, text=m[0].strip())


def _amount(m: re.Match, tag: str) -> float | None:
    raw = m[f"n{tag}"]
    if raw is None:
        return None
    number = _THOUSANDS.sub("", raw).replace(",", ".")
    return float(number) * _MULTIPLIERS.get((m[f"m{tag}"] or "").strip(" +").lower(), 1.0)


def _shorthand(lo: float, hi: float, lo_mult: bool, hi_mult: bool) -> tuple[float, float]:
    """'60-75k' and '40 - 45000' write one end of a range in thousands without saying so."""
    if not lo_mult and lo < 1000 <= hi and lo * 1000 <= hi:
        return lo * 1000, hi
    if not hi_mult and hi < 1000 <= lo <= hi * 1000:
        return lo, hi * 1000
    return lo, hi


def _currency(text: str, m: re.Match) -> str | None:
    marks = [c.strip() for c in (m["ca2"], m["ca1"], m["cb1"], m["cb2"]) if c]
    for mark in marks:  # a code or a word is more specific than a symbol
        if mark in _CODES:
            return _CODE_ALIASES.get(mark, mark)
        if mark.lower() in _WORDS:
            return _WORDS[mark.lower()]
    if not marks:
        return None
    window = text[max(0, m.start() - 30) : m.end() + 30]
    shared = (c for c in _SHARED_SYMBOL_CODES.get(marks[0], ()) if c in window and _SHARED_CODE[c].search(window))
    return next((_CODE_ALIASES.get(c, c) for c in shared), _SYMBOLS[marks[0]])


def _near_not_pay(text: str, m: re.Match, before: str) -> bool:
    """Whether the words touching the amount (two before, four after, stopping at punctuation
    or a conjunction) say it is not pay."""
    reach = _WORDS_BEFORE_REACH.match(before[::-1])
    assert reach is not None  # it can match the empty string, and so can the two below
    words_before = _WORDS_BEFORE.search(before, len(before) - reach.end())
    words_after = _WORDS_AFTER.match(text, m.end())
    assert words_before is not None and words_after is not None
    words = _BREAKS_BEFORE.split(words_before[1].lower())
    for word in _BREAKS_AFTER.split((words_after[1] or "").lower()):
        if word in _STOP_WORDS:
            break
        words.append(word)
    return any(w.strip("()") in _NOT_PAY for w in words)


# ---------------------------------------------------------------------------------------------
# Dates

_MONTH_NAMES: Final = "january february march april may june july august september october november december".split()
_MONTHS: Final = {name: i for i, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])} | {"sept": 9}
_MONTH: Final = rf"(?:{_alternation(_MONTHS)})\.?"
_DATE: Final = re.compile(
    r"(?<!\d)(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})(?!\d)"
    rf"|(?<!\d)(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH}),?\s+(?P<y2>\d{{4}})(?!\d)"
    rf"|\b(?P<mon3>{_MONTH})\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}})(?!\d)"
    r"|(?<!\d)(?P<a4>\d{1,2})[/.](?P<b4>\d{1,2})[/.](?P<y4>\d{4})(?!\d)",
    re.I,
)


def parse_date(text: str) -> str | None:
    """The first calendar date in `text` as "YYYY-MM-DD", or None.

    Reads "2026-03-04" (and ISO date-times), "4 March 2026", "4th of Mar 2026", "March 4, 2026".
    Numeric day/month dates ("04/03/2026") are read only when they cannot be misread: one part is
    over 12 or both are equal; otherwise US and European order disagree and None is safer.
    """
    for m in _DATE.finditer(text):
        if m["y1"]:
            y, mo, d = int(m["y1"]), int(m["m1"]), int(m["d1"])
        elif m["y2"]:
            y, mo, d = int(m["y2"]), _MONTHS[m["mon2"].rstrip(".").lower()], int(m["d2"])
        elif m["y3"]:
            y, mo, d = int(m["y3"]), _MONTHS[m["mon3"].rstrip(".").lower()], int(m["d3"])
        else:
            a, b, y = int(m["a4"]), int(m["b4"]), int(m["y4"])
            if a != b and max(a, b) <= 12:
                continue
            mo, d = (a, b) if b > 12 else (b, a)
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


def _field_date(value: Any) -> str | None:
    """A structured source's date: text, or epoch (milli)seconds as Lever's createdAt is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
    return parse_date(str(value))


# ---------------------------------------------------------------------------------------------
# Employment type and work mode

# Most specific first: a "full-time internship" is an internship, a "temporary full-time" job temporary.
_EMPLOYMENT_TYPES: Final = (
    ("internship", re.compile(r"\bintern(?:ship)?s?\b", re.I)),
    ("volunteer", re.compile(r"\bvolunteer", re.I)),
    ("per-diem", re.compile(r"\bper[\s_-]?diem\b", re.I)),
    ("temporary", re.compile(r"\btemp(?:orary)?\b|\bseasonal\b", re.I)),
    ("contract", re.compile(r"\bcontract(?:or|ual)?\b|\bfreelance\b|\bfixed[\s_-]term\b", re.I)),
    ("part-time", re.compile(r"\bpart[\s_-]?time\b", re.I)),
    ("full-time", re.compile(r"\bfull[\s_-]?time\b|\bpermanent\b", re.I)),
)
# In prose a type word counts only where it describes the job: "This is a full-time position",
# "on a contract basis"; not "the same terms as a permanent employee".
_TYPE_IN_PROSE: Final = re.compile(
    r"\b(?:is|on)\s+an?\s+(?:[\w-]+\s+){0,3}?"
    r"(?:position|role|job|opportunity|assignment|basis|engagement|employee|internship)\b",
    re.I,
)
# How a match of it starts, sought in the folded text: plain, and with a word to look for first,
# this is a fast search.
_TYPE_IN_PROSE_STARTS: Final = (re.compile(rb"is\s+an?\s"), re.compile(rb"on\s+an?\s"))


# One of these is in every text that names a type: most texts name none, which they tell cheaply.
_TYPE_WORDS: Final = ("intern", "volunteer", "diem", "temp", "seasonal", "contract", "freelance", "fixed", "part", "full", "permanent")


def parse_employment_type(text: str) -> str | None:
    """The employment type a short text names ("FULL_TIME", "Full Time", "Contract", "Intern"), or None."""
    if not _holds(text, _TYPE_WORDS):
        return None
    return next((kind for kind, pattern in _EMPLOYMENT_TYPES if pattern.search(text)), None)


_MODE_WORDS: Final = (
    ("hybrid", re.compile(r"\bhybrid\b", re.I)),
    ("remote", re.compile(r"\bremote\b|\btelecommut|\bwork from home\b|\bwfh\b", re.I)),
    ("onsite", re.compile(r"\bon[\s_-]?site\b|\bin[\s_-]?(?:office|person)\b|\boffice[\s_-]based\b", re.I)),
)
# In a title the word must stand apart: "Data Engineer (Remote)", not "Remote Sensing Analyst".
_TITLE_MODE: Final = re.compile(
    r"(?:^|[-–—(,|/:]\s*)(remote|hybrid|on[\s-]?site|in[\s-]office|work from home)\s*(?=$|[-–—)(,|/])", re.I
)
_TITLE_MODE_WORDS: Final = ("remote", "hybrid", "site", "office", "work from home")
# In prose the words need context: "hybrid cloud" and "on-site gym" say nothing about the job.
# Each pattern comes with words one of which every match holds: a cheap test that skips most
# postings, and the places to search around in the rest.
_MODE_IN_PROSE: Final = (
    ("onsite", (b"remote", b"site", b"office", b"person"), re.compile(
        r"(?=\b[nrpjf1oim])"  # every alternative's first letter: a cheap look that skips most places
        r"(?:\bnot\s+(?:a\s+)?remote\b|\bno\s+remote\b"
        r"|\bremote\s+(?:work\s+)?(?:is\s+)?not\s+(?:available|possible|an\s+option)"
        r"|\b(?:role|position|job)\s+is\s+(?:fully\s+|100%\s+)?(?:on[\s-]?site|in[\s-](?:office|person)|office[\s-]based)\b"
        r"|\b(?:fully|100%)\s+(?:on[\s-]?site|in[\s-]office)\b"
        r"|\b(?:on[\s-]?site|in[\s-]office)\s+(?:role|position|job|only)\b|\bmust\s+(?:work\s+)?on[\s-]?site\b)",
        re.I)),
    # Not "hybrid role": that usually means a job of two halves.
    ("hybrid", (b"hybrid",), re.compile(
        r"(?=\b[hrpjo])(?:\bhybrid[\s-]+(?:remote|work(?:ing)?|model|schedule|arrangement|setup|policy)\b"
        r"|\b(?:role|position|job)\s+is\s+hybrid\b|\b(?:remote|office)[\s/-]+hybrid\b)",
        re.I)),
    # Not "work from home" alone: as a perk ("work from home Fridays") it does not make a job remote.
    ("remote", (b"remote", b"anywhere"), re.compile(
        r"(?=\b[f1cerpjw])(?:\b(?:fully|100%|completely|entirely)\s+remote\b"
        r"|\bremote[\s-]+(?:first|only|position|role|job|opportunity)\b"
        r"|\b(?:role|position|job)\s+is\s+remote\b|\bwork\s+from\s+anywhere\b)",
        re.I)),
)


_MODE_WORDS_HELD: Final = ("hybrid", "remote", "telecommut", "work from home", "wfh", "site", "office", "person")


def _mode(text: str) -> str | None:
    """The work mode a short text names: a header part, a label's value, a source's field."""
    if not _holds(text, _MODE_WORDS_HELD):
        return None
    return next((mode for mode, pattern in _MODE_WORDS if pattern.search(text)), None)


# A match of those patterns spans at most five breaks (runs of whitespace, "/" and "-"), as in
# "remote work is not an option"; this takes a word and the five words after it.
_SIX_WORDS: Final = re.compile(rb"[^\s/-]*(?:[\s/-]+[^\s/-]+){0,5}")
_PROSE_MODE_WORDS: Final = tuple(dict.fromkeys(word for _, words, _ in _MODE_IN_PROSE for word in words))
# What comes right before or after these words in every match: "on site", "onsite", "in-office",
# "office based", "in person". Most of them are elsewhere ("website", "officer", "personal"), and
# a place without its context is no place to search around.
_MODE_WORD_CONTEXT: Final = {
    b"site": ((b"on", b"on ", b"on-"), ()),
    b"office": ((b"in ", b"in-"), (b" based", b"-based")),
    b"person": ((b"in ", b"in-"), ()),
}


def _mode_in_prose(text: str, fold: bytes) -> str | None:
    """The first mode whose pattern matches `text`, searched only from five words before to five
    words after each place one of its words is: every match holds one. Such a span ends at a break
    or the end of the text, where a word boundary reads the same, so searching it alone finds what
    searching the whole text would there."""
    places: dict[bytes, list[int]] = {}
    for word in _PROSE_MODE_WORDS:
        at = fold.find(word)
        if at < 0:  # most texts hold none of the words: one find each tells it
            continue
        before, after = _MODE_WORD_CONTEXT.get(word, (b"", ()))
        spots = places[word] = []
        while at >= 0:
            if fold.endswith(before, 0, at) or after and fold.startswith(after, at + len(word)):
                spots.append(at)
            at = fold.find(word, at + 1)
    if not any(places.values()):
        return None
    # Whether a word is there at all is read in `text.lower()`, which only these letters set apart from the fold.
    lower = text.lower().encode("utf-8") if "ſ" in text or "ı" in text or "İ" in text else None
    backwards, size = fold[::-1], len(fold)
    for mode, words, pattern in _MODE_IN_PROSE:
        spots = sorted(at for word in words for at in places.get(word, ()))
        if spots and (lower is None or any(w in lower for w in words)):
            for at in spots:
                left, right = _SIX_WORDS.match(backwards, size - at), _SIX_WORDS.match(fold, at)
                assert left is not None and right is not None  # it can match the empty string
                if pattern.search(text, size - left.end(), right.end()):
                    return mode
    return None


# ---------------------------------------------------------------------------------------------
# Header and labelled lines

_LABELS: Final = {
    "title": "title|job title|position title|functional title|position|job|role|vacancy",
    "company": "company|company name|employer|organization|organisation|hiring organization|hiring company",
    "location": "location|locations|job location|position location|work location|office location|city"
    "|based in|place of work|duty station",
    "employment_type": "employment type|job type|type|employment|employment status|position type"
    "|contract type|term|schedule|commitment|work type|type of employment|job status",
    "remote": "workplace type|workplace|work mode|work model|work arrangement|location type|remote",
}
_LABEL_KEYS: Final = {label: key for key, labels in _LABELS.items() for label in labels.split("|")}
_MAX_LABEL_CHARS: Final = 41
_LABELLED: Final = re.compile(rf"^([A-Za-z][A-Za-z/&' -]{{0,{_MAX_LABEL_CHARS - 1}}}?)\s*:\s*(\S.*)$")
_POSTED: Final = re.compile(
    r"(?=[dpo])(?:date\s+posted|posting\s+date|posted(?:\s+on)?|published(?:\s+on)?|opening\s+date)\s*:?\s*"
    rf"(?P<date>{_DATE.pattern}|\d+\+?\s+\w+\s+ago|today|yesterday)",
    re.I,
)
# Every match holds one of these ("date posted" holds "post").
_POSTED_WORDS: Final = ("post", "published", "opening")
_PARTS: Final = re.compile(r"\s*[;|·•]\s*|\s+/\s+")
_DASH: Final = re.compile(r"\s[-–—]\s")
_CONNECTOR: Final = r"(?:de|da|do|del|la|le|of|upon|am|an|der|sur|en)"
_PLACE_NAME: Final = rf"[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|{_CONNECTOR}))*"
_PLACE_NAME_ONLY: Final = re.compile(_PLACE_NAME)
# "Mexico City, MX", "Denver, CO (Hybrid)", "Remote, MX", "Remote", and country-first "US, IA, Wever"
# or "US, TX," as some boards write them; "Acme, Inc." is a name, not a place.
_PLACE: Final = re.compile(
    r"^(?!.*,\s*(?:Inc|LLC|Ltd|Corp|Co|PLC|GmbH|LLP)\b)"
    rf"(?:[Rr]emote\b.*|{_PLACE_NAME}(?:\s*,\s*{_PLACE_NAME}){{1,3}}\.?(?:\s*\([^()]*\))?"
    rf"|[A-Z]{{2}}(?:\s*,\s*[^,;|]*){{1,3}})$"
)
_ABOUT: Final = re.compile(
    r"^[Aa]bout\s+(?!(?i:the|us|our|you|your|this|we|me|it|company|team|role|position|job)\b)"
    r"([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})\s*:?$"
)
_HIRING_WORDS: Final = ("seeking", "looking", "hiring", "recruiting")  # one is in every _SEEKING match
_SEEKING: Final = re.compile(
    r"^(?!(?:We|You|They|He|She|It|This|That|Our|Your|The|Who)\b)"
    r"([A-Z][\w&.'()-]*(?:\s+(?:[A-Z(][\w&.'()-]*|of|for|and|&)){0,7})\s+"
    r"(?:is|are)\s+(?:currently\s+|now\s+)?(?:seeking|looking\s+for|hiring|recruiting)\b"
)
# A last word that makes a line a job rather than an employer ("Data Scientist", "The Position").
_ROLE_WORD: Final = re.compile(
    r"\b(?:engineer|developer|scientist|analyst|manager|designer|specialist|intern|director|architect|consultant"
    r"|coordinator|assistant|officer|administrator|technician|representative|accountant|position|role|job)s?\W*$",
    re.I,
)
_TRUNCATED: Final = re.compile(
    r"(?:\.\.\.|…)\s*[(\[]?\s*(?:truncated|view\s+full|read\s+more|see\s+more|show\s+more)\b[^\n]*$"
    r"|[(\[]\s*truncated\b[^)\]]*[)\]]\s*$",
    re.I,
)
_WORD_RUN: Final = re.compile(r"\w+")
_MAX_HEADER_LINES: Final = 8
_MAX_HEADER_CHARS: Final = 150
_MAX_VALUE_WORDS: Final = 4
_MAX_TITLE_WORDS: Final = 10
_SALARY_SECTIONS: Final = ("compensation", "logistics", "benefits")
_DIGITS: Final = "0123456789"
_Fields = dict[str, Any]
_Labels = dict[str, tuple[int, str]]
_Prose = list[tuple[str, bytes]]


def _lines(blocks: Iterable[Block]) -> list[str]:
    # One split of the joined texts gives the same lines as a split per block, with far fewer calls.
    stripped = [line.strip() for line in "\n".join([b.text for b in blocks]).split("\n")]
    return [line for line in stripped if line]


def _is_prose(line: str) -> bool:
    """A sentence rather than a title or a name: long, or ending like one ("... is remote.",
    not "Engineer, Sr." or "Acme, Inc.")."""
    if len(line) > _MAX_HEADER_CHARS:
        return True
    if not line.endswith((".", "!", "?")):
        return False
    words = line.split()
    return len(words) > _MAX_TITLE_WORDS or words[-1][:1].islower()


def _header(doc: Document) -> list[str]:
    """The short lines a posting opens with: the title, then lines naming the employer, places,
    dates and terms.

    It ends at a heading or list item, a sentence (a first line only when it wraps on), a line
    ending in ":", a long labelled line ("JOB DESCRIPTION: We are ..."), and at the first blank
    line after a line of facts, so the body's own "Boston, MA" is not read as one more place.
    This needs no section split, which may not have seen a plain-text header's shape.
    """
    lines: list[str] = []
    last, facts = 0, False
    for block in doc.blocks:
        if lines and block.kind != "paragraph":
            break
        raws = block.text.split("\n")
        for offset, raw in enumerate(raws):
            line, number = raw.strip(), block.line_start + offset
            if not line:
                continue
            label = _label(line)
            # A long line whose sentence goes on in lower case on the next one is prose too.
            continues = offset + 1 < len(raws) and raws[offset + 1].lstrip()[:1].islower()
            wrapped = continues and not label and len(line.split()) > _MAX_TITLE_WORDS
            if len(lines) == _MAX_HEADER_LINES or len(line) > _MAX_HEADER_CHARS or wrapped or lines and (
                _is_prose(line)
                or line.endswith(":")
                or facts and number > last + 1
                or label and not label[1] and len(label[2].split()) > _MAX_VALUE_WORDS
            ):
                return lines
            if lines and not facts:
                facts = bool(_name_and_place(line) or any(map(_states_fact, _parts(line))))
            lines.append(line)
            last = number
    return lines


@lru_cache(maxsize=4096)  # the header's lines are read by several of the steps below
def _label(line: str) -> tuple[str, str, str] | None:
    """A "Label: value" line as (label, known key or "", value)."""
    m = _LABELLED.match(line) if ":" in line else None
    return m and (m[1], _LABEL_KEYS.get(_label_key(m[1]), ""), m[2].strip())


def _labels(lines: Sequence[str], body: str, sections: Sequence[Section]) -> _Labels:
    """The first value of each known label and the index of its line: "Location: Berlin" on one
    line, or a "Location" section whose text is a short "Berlin" (indexed after every line).

    `body` is the lines joined by "\\n": only lines with a ":" can be labelled, and finding the
    colons in it is cheaper than looking at every line. Most colons follow no known label ("Note:",
    a sentence), which the words before them tell without reading the line."""
    found: _Labels = {}
    colon = body.find(":")
    while colon >= 0:
        start = body.rfind("\n", 0, colon) + 1
        before = body[start:colon]  # a label, and the spaces _LABELLED lets come after it
        if (len(before) <= _MAX_LABEL_CHARS or before[_MAX_LABEL_CHARS:].isspace()) and (
            key := _LABEL_KEYS.get(_label_key(before))
        ) not in found and key:
            i = body.count("\n", 0, start)
            if label := _label(lines[i]):
                found[key] = (i, label[2])
        line_end = body.find("\n", colon)
        colon = body.find(":", line_end) if line_end >= 0 else -1
    for section in sections:
        key = section.heading and _LABEL_KEYS.get(_label_key(section.heading))
        if key and key not in found:
            value = _lines(section.blocks[:1])[:1]
            if value and len(value[0].split()) <= _MAX_VALUE_WORDS:
                found[key] = (len(lines), value[0])
    return found


@lru_cache(maxsize=4096)
def _label_key(label: str) -> str:
    return " ".join(label.lower().replace("/", " ").split())  # runs of spaces and "/" as one space


def _title_like(line: str) -> bool:
    label = _label(line)  # "Project Manager: Mechanical" is a title, "LOCATION: Yerevan" is not
    return len(line) <= _MAX_HEADER_CHARS and not (label and (label[1] or label[0].isupper()))


@lru_cache(maxsize=4096)
def _states_fact(part: str) -> bool:
    """Whether a header part says where, when or how the job is, rather than naming someone."""
    return bool(
        _is_place(part) or _holds(part, _POSTED_WORDS) and _POSTED.search(part) or parse_employment_type(part) or _mode(part)
    )


def _is_place(text: str) -> bool:
    # _PLACE wants "Remote" first, or a capital and a comma.
    return bool((text.startswith(("Remote", "remote")) or "," in text and "A" <= text[:1] <= "Z") and _PLACE.match(text))


@lru_cache(maxsize=4096)
def _name_and_place(line: str) -> tuple[str, str] | None:
    """"Company - City, ST" split at its last dash, when what follows the dash reads as a place
    ("Boston, MA", "Texas", "Remote") and the line has no other separators."""
    dashes = list(_DASH.finditer(line)) if "-" in line or "–" in line or "—" in line else []
    if dashes and len(_parts(line)) == 1:
        name, place = line[: dashes[-1].start()], line[dashes[-1].end() :]
        if _is_place(place) or len(place.split()) <= 3 and _PLACE_NAME_ONLY.fullmatch(place):
            return None if _ROLE_WORD.search(place) else (name, place)
    return None


def _same_words(a: str, b: str) -> bool:
    """Whether two texts say the same, ignoring case, punctuation and a plural: "Data Scientists"
    repeats "Data Scientist"."""
    a, b = (" ".join(_WORD_RUN.findall(t.lower())).rstrip("s") for t in (a, b))
    return a == b


def _names_someone(part: str) -> bool:
    """Whether a header part can be an employer's name: not a fact, a label or a job."""
    return len(part) <= _MAX_HEADER_CHARS and not (
        _label(part) or _states_fact(part) or _ROLE_WORD.search(part)
    )


@lru_cache(maxsize=4096)
def _without_posted(line: str) -> str:
    return (_POSTED.sub("", line) if _holds(line, _POSTED_WORDS) else line).strip(" ;|·•-–—")


@lru_cache(maxsize=4096)
def _parts(line: str) -> tuple[str, ...]:
    line = _without_posted(line)
    return tuple(p for p in _PARTS.split(line) if p) if any(map(line.__contains__, ";|·•/")) else (line,) if line else ()


# ---------------------------------------------------------------------------------------------
# The record


def extract_meta(doc: Document, sections: Sequence[Section]) -> Meta:
    """Title, company, locations, work mode, employment type, posting date, pay and truncation."""
    fields = doc.fields
    lines = _lines(doc.blocks)
    body = "\n".join(lines)
    labels = _labels(lines, body, sections)
    header = _header(doc)
    title, title_at = _title(fields, labels, header, doc)
    after_title = header[title_at + 1 :] if title_at is not None else []
    parts = [p for line in after_title for p in _parts(line)]
    company = fields.get("company") or _company(labels, header, title, title_at, after_title, lines)
    locations = _locations(fields, labels, after_title)
    logistics = "\n".join([s.text for s in sections if s.kind == "logistics"])
    fold = _fold(body)
    # The prose read for a mode or a type, in that order, each with its fold for the searches.
    prose = [(logistics, _fold(logistics)), (body, fold)] if logistics else [(body, fold)]
    return Meta(
        title=title,
        company=company,
        locations=locations,
        remote=_remote(fields, labels, title, locations, parts, prose),
        employment_type=_employment_type(fields, labels, title, parts, prose),
        posted=_posted(fields, body, fold),
        salary=_salary(fields, sections, body, fold),
        truncated=bool(doc.blocks) and _truncated(doc.blocks[-1].text.strip()),
    )


def _truncated(text: str) -> bool:
    """Whether the stripped `text` ends as a cut-off posting does. _TRUNCATED needs "..." or "…", or
    a closing bracket at the end: looking for those is cheaper than lowering a long last block."""
    if "..." in text or "…" in text or text.endswith((")", "]")):
        return bool(_TRUNCATED.search(text))
    return False


def _title(fields: _Fields, labels: _Labels, header: list[str], doc: Document) -> tuple[str | None, int | None]:
    """The title, and its index in the header when it was read from there.

    A labelled title ("JOB TITLE: ...") among the header lines wins over the first line (which
    then names the employer) unless it repeats that line; a "Job Title:" in the body does not.
    """
    if fields.get("title"):
        return fields["title"], None
    if "title" in labels:
        index, value = labels["title"]
        if index < len(header) and not (index and _same_words(value, header[0])):
            return value, index
    if header and _title_like(header[0]):
        return header[0], 0
    heading = next((b.text.strip() for b in doc.blocks if b.kind == "heading" and b.level <= 1), None)
    return (heading, None) if heading and _title_like(heading) else (None, None)


def _company(
    labels: _Labels,
    header: list[str],
    title: str | None,
    title_at: int | None,
    after_title: list[str],
    lines: list[str],
) -> str | None:
    """The employer: named in the header, else on a "Company:" line, else in "About X" or "X is seeking"."""
    if title_at:  # a labelled title under a bare first line: that line names the employer
        return None if _ROLE_WORD.search(header[0]) else header[0]
    if after_title:
        if named := _name_and_place(_without_posted(after_title[0])):
            return named[0]
        # A name counts only with facts after it, on its line ("Acme · Berlin, Germany · Hybrid") or
        # the next, so a heading such as "Our Mission" under the title is not taken for the employer.
        first, *rest = _parts(after_title[0]) or [""]
        if not rest and len(after_title) > 1:
            rest = list(_parts(after_title[1]))
        if _names_someone(first) and not _same_words(first, title or "") and any(map(_states_fact, rest)):
            return first
    if "company" in labels:
        return labels["company"][1]
    # An "About X" line wins over an earlier "X is seeking". Each pattern runs only on the lines cheap
    # tests leave it: opening "About"; opening with a capital and holding a hiring word.
    seeking = None
    for line in lines:
        if line[:5] in ("About", "about") and (m := _ABOUT.match(line)):
            return m[1]
        if seeking is None and "A" <= line[0] <= "Z" and "ing" in line and any(map(line.__contains__, _HIRING_WORDS)):
            seeking = (m := _SEEKING.match(line)) and m[1]
    return seeking


def _locations(fields: _Fields, labels: _Labels, after_title: list[str]) -> tuple[str, ...]:
    """Places the source lists, else the places in the header, else the first "Location:" line."""
    if fields.get("locations"):
        return tuple(fields["locations"])
    found: list[str] = []
    for i, line in enumerate(after_title):
        clean = _without_posted(line)
        named = _name_and_place(clean) if i == 0 else None
        places = [named[1]] if named else [] if _label(line) else [p for p in _parts(clean) if _is_place(p)]
        found += [p for p in (p.rstrip(" ,") for p in places) if p not in found]
    if not found and "location" in labels:
        found = [p for p in _PARTS.split(labels["location"][1]) if p]
    return tuple(found)


def _remote(
    fields: _Fields, labels: _Labels, title: str | None, locations: Sequence[str], parts: list[str], prose: _Prose
) -> str | None:
    """The source's word; else one standing in the title, the places or the header; else one in prose."""
    if fields.get("remote"):
        return _mode(str(fields["remote"]))
    stated = [labels["remote"][1]] if "remote" in labels else []
    title_mode = title and _holds(title, _TITLE_MODE_WORDS) and _TITLE_MODE.search(title)
    stated += [title_mode[1] if title_mode else "", *locations, *parts]
    # The texts are short and most name no mode: one look at them all spares a look at each.
    if _holds("\n".join(stated), _MODE_WORDS_HELD) and (mode := next(filter(None, map(_mode, stated)), None)):
        return mode
    return next((mode for text, fold in prose if (mode := _mode_in_prose(text, fold))), None)


def _employment_type(
    fields: _Fields, labels: _Labels, title: str | None, parts: list[str], prose: _Prose
) -> str | None:
    """The source's value; else a labelled line or header part; else the title; else a sentence about the job."""
    raw = fields.get("employment_type")
    if raw:
        values = raw if isinstance(raw, (list, tuple)) else [raw]
        return next((t for v in values if (t := parse_employment_type(str(v)))), None)
    stated = [labels["employment_type"][1]] if "employment_type" in labels else []
    stated += parts
    # The texts are short and most name no type: one look at them all spares a look at each.
    if _holds("\n".join(stated) + "\n" + (title or ""), _TYPE_WORDS):
        if t := next(filter(None, map(parse_employment_type, stated)), None):
            return t
        # In a title "contract" names the field ("Contract Manager"), not the terms.
        if title and (t := parse_employment_type(title)) and t != "contract":
            return t
    return next((t for text, fold in prose if (t := _type_in_prose(text, fold))), None)


def _type_in_prose(text: str, fold: bytes) -> str | None:
    """The type named by the first of the matches of `_TYPE_IN_PROSE.finditer(text)` that names one,
    tried only where _TYPE_IN_PROSE_STARTS find one can start."""
    starts = [m.start() for start in _TYPE_IN_PROSE_STARTS for m in start.finditer(fold)]
    starts.sort()
    pos = 0
    for at in starts:
        if at >= pos and (m := _TYPE_IN_PROSE.match(text, at)):
            if t := parse_employment_type(m[0]):
                return t
            pos = m.end()
    return None


def _posted(fields: _Fields, body: str, fold: bytes) -> str | None:
    if fields.get("posted"):
        return _field_date(fields["posted"])
    # Every match starts with one of these words, or with "date" of "date posted", which matches at its
    # "posted" too, with the same date: _POSTED is tried only there, in order, as finditer would.
    pos = 0
    for at in _occurrences(fold, (b"post", b"published", b"opening")):
        if at >= pos and (m := _POSTED.match(body, at)):
            if iso := parse_date(m["date"]):
                return iso
            pos = m.end()
    return None


def _salary(fields: _Fields, sections: Sequence[Section], body: str, body_fold: bytes) -> Salary | None:
    """Pay the source states; else the first in the pay, logistics and benefits sections; else the first anywhere."""
    given = fields.get("salary")
    if given:
        lo, hi = given.get("min") or None, given.get("max") or None  # feeds write 0 for "not stated"
        if lo is None and hi is None:
            return None
        currency, period = given.get("currency"), given.get("period")
        return Salary(
            min=None if lo is None else float(lo),
            max=None if hi is None else float(hi),
            currency=str(currency).upper() if currency else None,
            period=_PERIODS.get(str(period).lower()) if period else None,
        )
    for kind in _SALARY_SECTIONS:
        for section in sections:
            if section.kind == kind:
                # The heading goes in front so "REMUNERATION" still names the pay in "18,000 per annum".
                text = f"{section.heading}: {section.text}" if section.heading else section.text
                # Every amount starts with a digit, and most of these sections hold none.
                if (not text.isascii() or any(map(text.__contains__, _DIGITS))) and (salary := parse_salary(text)):
                    return salary
    return _first_salary(body, body_fold)
