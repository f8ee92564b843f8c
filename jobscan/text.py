"""Lower-casing and tokenising text without changing its length, so offsets carry over.

The vocabulary cuts every alias into `tokens()`, and the matcher cuts postings the same way with
`clean()` and `str.split()`. Compiled with the stages (setup.py): both run for every posting.
"""
from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Final

# Tokens are what `str.split()` leaves once every separator is a space: ASCII punctuation other
# than "+" and "#" (kept for C++ and C#), and non-ASCII marks that are not letters or digits.
# So "Node.js", "node js" and "Node . js" share one key, as do "amazon-web-services" and
# "Amazon Web Services". `clean()` keeps the length of its input, so offsets carry over.
_SEPARATORS: Final = str.maketrans(
    {c: " " for c in string.punctuation + "".join(map(chr, range(1, 33))) + "\x7f" if c not in "+#"}
)  # "\x00" stays: the matcher puts it between blocks
# For ASCII text, lower-casing and `_SEPARATORS` as one bytes table: ~10x faster than the str methods.
_ASCII_CLEAN: Final = bytes(32 if b in _SEPARATORS else ord(chr(b).lower()) for b in range(128)) + bytes(range(128, 256))
_NON_ASCII_MARKS: Final = re.compile(r"[^\x00-\x7f\w]")
# For other text, `_SEPARATORS` and `_NON_ASCII_MARKS` as one Latin-1 table (which does not
# lower-case); characters beyond Latin-1 (in one posting out of eight, mostly "€", "™", "•") are
# cleaned apart.
_LATIN1_CLEAN: Final = bytes(32 if b in _SEPARATORS or (b > 127 and _NON_ASCII_MARKS.match(chr(b))) else b for b in range(256))

# Python's own str.lower, called through a name: compiled, text.lower() is mypyc's, which lowers a
# final "Σ" to "σ" where Python writes "ς".
_python_lower: Callable[[str], str] = str.lower


def lower_same_length(text: str) -> str:
    """`text.lower()`, but never changing the length, so offsets stay valid (e.g. for "İ")."""
    low = text.lower() if "Σ" not in text else _python_lower(text)
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def clean(text: str) -> str:
    """`text` lower-cased with every separator turned into a space, at the same length."""
    return blank_separators(text if text.isascii() else lower_same_length(text))


def blank_separators(low: str) -> str:
    """`clean` for text that `lower_same_length` has lower-cased (ASCII text may be as written)."""
    if low.isascii():
        return low.encode("ascii").translate(_ASCII_CLEAN).decode("ascii")
    # Not str.translate, ~20x slower than bytes.translate from the first non-ASCII character on,
    # unless most of the text is beyond Latin-1.
    encoded = low.encode("latin-1", "replace")
    cleaned = encoded.translate(_LATIN1_CLEAN).decode("latin-1")
    wide = encoded.count(b"?") - low.count("?")  # the characters beyond Latin-1, now blank
    if not wide:
        return cleaned
    if wide > len(low) >> 4:
        return _NON_ASCII_MARKS.sub(" ", low).translate(_SEPARATORS)
    parts: list[str] = []
    at = 0
    i = encoded.find(b"?")
    while i >= 0:
        if low[i].isalnum():  # a letter or digit (what \w means beyond ASCII): put back
            parts += cleaned[at:i], low[i]
            at = i + 1
        i = encoded.find(b"?", i + 1)
    parts.append(cleaned[at:])
    return "".join(parts)


def tokens(text: str) -> tuple[str, ...]:
    """The match key of a name or alias: its lower-cased tokens."""
    return tuple(clean(text).split())
