"""Bytes to blocks: read any posting file and keep where each piece came from.

Formats are told apart by content (the extension only breaks ties), because
scraped postings arrive with whatever name the scraper gave them.
"""
from __future__ import annotations

import bisect
import codecs
import html
import json
import re
import sys
from pathlib import Path
from typing import Any, Final, Iterator

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, ProcessingInstruction, Doctype, Declaration, CData

from .model import Block, Document

POSTING_EXTENSIONS: Final = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonld", ""})
MAX_BYTES: Final = 20 * 1024 * 1024


class LoadError(Exception):
    """A posting that cannot be read; the message is the one-line reason shown to users."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


# ---------------------------------------------------------------- bytes -> str

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_PREFIXES: Final = tuple(bom for bom, _ in _BOMS)


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Decode with BOM, then strict UTF-8, then a detector; line ends become '\\n'."""
    if data.startswith(_BOM_PREFIXES):
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                text = data[len(bom):].decode(encoding, errors="replace")
                break
        binary = _looks_binary(text)
    else:
        if data.find(b"\x00", 0, 8192) >= 0:
            raise LoadError(source, "binary file (contains NUL bytes), not a posting")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
            binary = _looks_binary(text)
        else:
            # UTF-8 keeps each control character as one byte and the first 4096 characters within
            # 16384 bytes: without a control byte there (nearly every file) there is nothing to count.
            binary = _control_count(data[:16384]) > 0 and _looks_binary(text)
    if binary:
        raise LoadError(source, "binary file (mostly control characters), not a posting")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decode_legacy(data: bytes) -> str:
    """Postings that are not UTF-8 are nearly always Windows-1252; trust the detector only when it is sure."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is not None and best.encoding not in ("ascii", "utf_8") and best.chaos < 0.2:
        try:
            guess = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            guess = None
        # On short Latin-script text the detector often picks a sibling code page (cp1250, cp1257,
        # mac_roman) that turns "café" into "cafť"; only a non-Latin script is worth leaving cp1252 for.
        if guess is not None and _mostly_non_latin(guess):
            return guess
    return data.decode("cp1252", errors="replace")


def _mostly_non_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if ord(c) > 0x24F) > len(letters) * 0.3


_CONTROL_BYTES: Final = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20))


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return _control_count(sample.encode("utf-8", "surrogatepass")) > len(sample) * 0.1


def _control_count(data: bytes) -> int:
    """Control bytes other than whitespace; in UTF-8 one per control character. ~10x faster than a regex."""
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


# ---------------------------------------------------------------- entry points


def load_path(path: str | Path) -> Document:
    """Load one posting file; '-' reads standard input."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        return load_bytes(data, "<stdin>")
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise LoadError(source, "is a folder; give its files or use 'jobscan scan'")
        if size > MAX_BYTES:
            raise LoadError(source, f"file is {size // (1024 * 1024)} MiB; postings over {MAX_BYTES // (1024 * 1024)} MiB are refused")
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(source, "no such file") from None
    except PermissionError:
        raise LoadError(source, "permission denied") from None
    except IsADirectoryError:
        raise LoadError(source, "is a folder; give its files or use 'jobscan scan'") from None
    except OSError as exc:
        raise LoadError(source, exc.strerror or str(exc)) from None
    return load_bytes(data, source, suffix=path.suffix.lower())


def load_bytes(data: bytes, source: str, suffix: str = "") -> Document:
    return load_text(decode(data, source), source, suffix)


def load_text(text: str, source: str = "<text>", suffix: str = "") -> Document:
    """Pick the format from the content and build the document."""
    stripped = text.lstrip("\ufeff \t\n")
    if not stripped or stripped.isspace():
        raise LoadError(source, "empty file")
    if stripped[0] in "{[" or suffix in (".json", ".jsonld"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            if suffix in (".json", ".jsonld") or stripped[0] == "{":
                raise LoadError(source, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
        else:
            return _load_json(data, text, source)
    html_start = _html_start_line(text)
    if html_start is not None:
        if html_start == _first_content_line(text) or suffix in (".html", ".htm"):
            return _load_html_page(text, source)
        lines = text.split("\n")
        head = "\n".join(lines[: html_start - 1])
        blocks = _text_blocks(head, 1) + list(_html_blocks(text, base_line=1, skip_lines=html_start - 1))
        return Document(source, "text+html", tuple(blocks))
    markdown = suffix in (".md", ".markdown") or _has_md_heading(text)
    return Document(source, "markdown" if markdown else "text", tuple(_text_blocks(text, 1)))


# ---------------------------------------------------------------- plain text and Markdown

_BULLET: Final = re.compile(r"^\s*(?:[•\-\*–—·・▪►◦○●■□➢✓✔‣⁃]|\d{1,2}[.)]|[a-z][.)]|\(\w{1,3}\))\s+(?=\S)")
_GLUED_BULLET: Final = re.compile(r"^\s*[•・▪►◦●■➢✓✔‣](?=\S)")
_MD_HEADING: Final = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
_MD_BOLD_LINE: Final = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_MD_INLINE: Final = re.compile(r"(\*\*|__)(.+?)\1|`([^`]+)`|\[([^\]]+)\]\([^)]*\)")
_LABEL_LINE: Final = re.compile(r"^\s*[A-Z][A-Z0-9 /&,()'’-]{2,60}:(?:\s|$)")
_RULE_LINE: Final = re.compile(r"^\s*(?:[-=_*]\s*){3,}$")


def _has_md_heading(text: str) -> bool:
    """Whether `_MD_HEADING` finds a match anywhere in `text`.

    A multi-line `^` search tries every position; only a line whose first non-space
    character is '#' can match, so find those with str.find and try the pattern there.
    """
    pos = text.find("#")
    while pos >= 0:
        line_start = text.rfind("\n", 0, pos) + 1
        if pos - line_start <= 3 and not text[line_start:pos].strip(" ") and _MD_HEADING.match(text, line_start):
            return True
        line_end = text.find("\n", pos)
        if line_end < 0:
            return False
        pos = text.find("#", line_end)
    return False


def _has_inline_markdown(text: str) -> bool:
    """Whether `_MD_INLINE` can match. Most text has no inline Markdown, and substring tests are far
    cheaper than the regex; a one-character test (memchr) goes first, being ~10x cheaper again."""
    return ("*" in text and "**" in text) or ("_" in text and "__" in text) or "`" in text or ("]" in text and "](" in text)


def _strip_markdown(text: str) -> str:
    return _MD_INLINE.sub(_inline_content, text) if _has_inline_markdown(text) else text


def _inline_content(match: re.Match) -> str:
    return match.group(2) or match.group(3) or match.group(4)


def _wrap_width(lengths: list[int]) -> int | None:
    """The width hard-wrapped text was cut at, or None for text that keeps one line per thought.

    `lengths` are the lengths of the non-blank lines, right-stripped, sorted.
    """
    if len(lengths) < 8:
        return None
    longest = lengths[int(len(lengths) * 0.95) - 1]
    if not 50 <= longest <= 100:
        return None
    near_width = bisect.bisect_right(lengths, longest) - bisect.bisect_left(lengths, longest - 18)
    # Nobody wraps prose at under 50 columns: lines that short are one thought each (bullets, headings).
    return longest if near_width >= len(lengths) * 0.4 else None


# No line pattern (rule, heading, bold line, bullet) can start with a capital letter, and most lines
# do: those skip straight to paragraph handling. The other first characters pick which patterns to try.
_CAPITALS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_RULE_LEADS: Final = frozenset("-=_*")
_BOLD_LEADS: Final = frozenset("*_")
_LOWERCASE: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
_BULLET_LEADS: Final = frozenset("•-*–—·・▪►◦○●■□➢✓✔‣⁃(") | _LOWERCASE
_RULE: Final = ("rule", 0, "")


def _text_blocks(text: str, first_line: int) -> list[Block]:
    """Blocks of plain text or Markdown whose first line is numbered `first_line`."""
    lines = [line.rstrip() for line in text.split("\n")]
    lengths = [len(line) for line in lines if line]
    width = _wrap_width(sorted(lengths)) if len(lengths) >= 8 else None  # fewer lines are never wrapped: no sort
    if width is None:
        return _line_blocks(lines, first_line, _has_inline_markdown(text))
    return _wrapped_blocks(lines, first_line, width - 18, _has_inline_markdown(text))


def _markup_line(line: str) -> tuple[str, int, str] | None:
    """A non-blank line's markup as (kind, level, text): a rule, a heading or a list item; None for prose."""
    lead = line[0]
    if lead.isspace():
        lead = line.lstrip()[0]
    if lead in _LOWERCASE:
        # Most of these lines are prose; a letter opens a list item only as "a. " or "b) ".
        after = line.index(lead) + 1
        if line[after : after + 1] not in (".", ")"):
            return None
    if lead in _RULE_LEADS and line[-1] in _RULE_LEADS and _RULE_LINE.match(line):  # lines come right-stripped
        return _RULE
    if lead == "#":
        heading = _MD_HEADING.match(line)
        if heading:
            return "heading", len(heading.group(1)), _strip_markdown(heading.group(2))
    if lead in _BOLD_LEADS:
        bold = _MD_BOLD_LINE.match(line)
        if bold and len(bold.group(1)) <= 80:
            return "heading", 3, bold.group(1).strip().rstrip(":").strip()
    if lead in _BULLET_LEADS or lead.isdecimal():
        bullet = _BULLET.match(line) or _GLUED_BULLET.match(line)
        if bullet:
            return "item", _indent_level(line), _strip_markdown(line[bullet.end():]).strip()
    return None


def _line_blocks(lines: list[str], first_line: int, markdown: bool) -> list[Block]:
    """Text that is not hard-wrapped: every non-blank line is a block of its own."""
    blocks = []
    number = first_line - 1
    for line in lines:
        number += 1
        if not line:
            continue
        if line[0] not in _CAPITALS:
            marked = _markup_line(line)
            if marked is not None:
                kind, level, body = marked
                if kind != "rule":
                    blocks.append(Block(kind, body, number, number, level))
                continue
            line = line.lstrip()  # lines come right-stripped
        if markdown:
            line = _strip_markdown(line).strip()
        blocks.append(Block("paragraph", line, number, number))
    return blocks


def _wrapped_blocks(lines: list[str], first_line: int, full_length: int, markdown: bool) -> list[Block]:
    """Hard-wrapped text: a line continues the paragraph or item above if that one ran to `full_length`."""
    # (kind, first line, level, lines): the lines of the open paragraph or item grow in place.
    groups: list[tuple[str, int, int, list[str]]] = []
    parts: list[str] | None = None
    previous_length = 0
    for number, line in enumerate(lines, first_line):
        if not line:
            parts = None
            continue
        if line[0] not in _CAPITALS:
            marked = _markup_line(line)
            if marked is not None:
                kind, level, body = marked
                parts = None
                if kind == "item":
                    previous_length = len(line)
                    parts = [body]
                    groups.append((kind, number, level, parts))
                elif kind == "heading":
                    groups.append((kind, number, level, [body]))
                continue
        continues = previous_length >= full_length and parts is not None and not (":" in line and _LABEL_LINE.match(line))
        previous_length = len(line)
        if markdown:
            line = _strip_markdown(line)
        if continues:
            assert parts is not None  # `continues` says so
            parts.append(line)
        else:
            parts = [line]
            groups.append(("paragraph", number, 0, parts))
    blocks = []
    for kind, start, level, parts in groups:
        # A paragraph keeps its line breaks, an item's wrapped lines join with spaces, a heading is as found.
        if kind == "paragraph":
            body = "\n".join(parts).strip()
        elif kind == "item":
            body = " ".join([part.strip() for part in parts]).strip()
        else:
            body = parts[0]
        blocks.append(Block(kind, body, start, start + len(parts) - 1, level))
    return blocks


def _indent_level(line: str) -> int:
    indent = len(line) - len(line.lstrip())
    return 1 + indent // 4


def _first_content_line(text: str) -> int:
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            return number
    return 1


# ---------------------------------------------------------------- HTML

_HTML_TAG: Final = re.compile(r"<(?:!doctype|html|body|div|p|ul|ol|li|h[1-6]|br|strong|span|table|section|article)\b[^>]*>", re.I)
_DROP_TAGS: Final = frozenset({"script", "style", "noscript", "template", "nav", "svg", "iframe", "head"})
# Markup that can put a _DROP_TAGS element in the tree: the tags themselves, and those that make
# libxml2 imply a <head>. Without any, the walk over the whole tree looking for them is skipped.
_DROP_MARKUP: Final = re.compile(r"<(?:script|style|noscript|template|nav|svg|iframe|head|meta|link|title|base)", re.I)
_HEADING_TAGS: Final = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS: Final = frozenset(
    "p div section article header footer main aside ul ol li dl dt dd table tr td th tbody thead "
    "blockquote pre form fieldset figure figcaption address center hr".split()
) | frozenset(_HEADING_TAGS)
_LIST_TAGS: Final = frozenset({"ul", "ol"})
_BOLD_TAGS: Final = frozenset({"strong", "b"})
_SPACE: Final = re.compile(r"[ \t\n\r\f\v\u00a0]+")


def _html_start_line(text: str) -> int | None:
    """The line where HTML markup begins, if the text carries enough of it (two tags) to be HTML."""
    if "<" not in text:
        return None
    tags = _HTML_TAG.finditer(text, 0, 200_000)
    first = next(tags, None)
    if first is None or next(tags, None) is None:
        return None
    return text.count("\n", 0, first.start()) + 1


def _load_html_page(text: str, source: str) -> Document:
    posting = _find_jsonld_posting(text)
    if posting is not None:
        return _from_jsonld(posting, text, source)
    return Document(source, "html", tuple(_html_blocks(text, base_line=1)))


class _Locator:
    """Finds the source line of extracted text by searching forward in the raw markup.

    lxml does not report source lines through BeautifulSoup, but text comes out in
    document order, so the first distinctive word of each block, searched from the
    previous hit, lands on the right line.
    """

    _WORD = re.compile(r"[A-Za-z0-9]{3,}|[A-Za-z0-9]+")
    _LONG_WORD = re.compile(r"[A-Za-z0-9]{3,}")

    def __init__(self, raw: str, base_line: int, start: int = 0):
        self.raw = raw
        self.base_line = base_line
        self.cursor = start
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]

    def line_of(self, text: str) -> int:
        word = self._LONG_WORD.search(text) or self._WORD.search(text)
        if word:
            found = self.raw.find(word.group(), self.cursor)
            if found >= 0:
                self.cursor = found
        return self.base_line + bisect.bisect_right(self.line_starts, self.cursor) - 1

    def span_of(self, text: str) -> tuple[int, int]:
        first = self.line_of(text)
        words = self._WORD.findall(text)
        if not words:
            return first, first
        found = self.raw.find(words[-1], self.cursor)
        last = first if found < 0 else self.base_line + bisect.bisect_right(self.line_starts, found) - 1
        return first, max(first, last)


_BODY_TAG: Final = re.compile(r"<body\b[^>]*>", re.I)


def _html_blocks(markup: str, base_line: int, skip_lines: int = 0) -> Iterator[Block]:
    """Blocks from HTML: headings, bold-only paragraphs as headings, list items, paragraphs."""
    start = 0
    if skip_lines:
        start = len("\n".join(markup.split("\n")[:skip_lines])) + 1
    body = _BODY_TAG.search(markup, start)
    # Text in <head> (the <title> repeats the job title) is dropped, so lines are searched from <body>.
    locator = _Locator(markup, base_line, body.end() if body else start)
    soup = BeautifulSoup(markup[start:], "lxml")
    if _DROP_MARKUP.search(markup, start):
        # A plain walk: soup.find_all(_DROP_TAGS) builds a matcher and runs it on every node.
        for tag in [node for node in soup.descendants if isinstance(node, Tag) and node.name in _DROP_TAGS]:
            tag.decompose()
    root = soup.body or soup
    for kind, text, level in _walk(root, 0):
        first, last = locator.span_of(text)
        yield Block(kind, text, first, last, level)


def _walk(node: Tag, depth: int) -> Iterator[tuple[str, str, int]]:
    """Yield (kind, text, level) in reading order; inline runs between block tags become paragraphs."""
    run: list[str] = []
    bold_only: list[bool] = []

    def flush() -> Iterator[tuple[str, str, int]]:
        text = _clean("".join(run))
        if text:
            if bold_only and all(bold_only) and _reads_as_heading(text):
                yield "heading", text.rstrip(":").strip() or text, 4
            else:
                for line in text.split("\n"):
                    if line.strip():
                        yield "paragraph", line.strip(), 0
        run.clear()
        bold_only.clear()

    for child in node.children:
        if isinstance(child, (Comment, ProcessingInstruction, Doctype, Declaration, CData)):
            continue
        if isinstance(child, NavigableString):
            # Source line breaks inside HTML are spaces; only <br> breaks a line.
            run.append(str(child).replace("\n", " "))
            if str(child).strip():
                bold_only.append(False)
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            run.append("\n")
            continue
        if name not in _BLOCK_TAGS:
            text = _inline_text(child)
            run.append(text)
            if text.strip():
                bold_only.append(name in _BOLD_TAGS or _is_bold_inline(child))
            continue
        yield from flush()
        if name in _HEADING_TAGS:
            text = _clean(child.get_text(" "))
            if text:
                yield "heading", text, _HEADING_TAGS[name]
        elif name == "li":
            yield from _list_item(child, depth + 1)
        elif name in _LIST_TAGS:
            yield from _walk(child, depth)
        elif name == "hr":
            continue
        else:
            yield from _walk(child, depth)
    yield from flush()


_NOT_TEXT: Final = (Comment, ProcessingInstruction, Doctype, Declaration, CData)


def _inline_text(tag: Tag) -> str:
    """An inline element's text: source line breaks are spaces, <br> inside it still breaks."""
    parts = []
    for piece in tag.descendants:
        if isinstance(piece, Tag) and piece.name == "br":
            parts.append("\n")
        elif isinstance(piece, NavigableString) and not isinstance(piece, _NOT_TEXT):
            parts.append(str(piece).replace("\n", " "))
    return "".join(parts)


def _reads_as_heading(text: str) -> bool:
    """Bold runs are headings when they are short words, not a bold figure such as a pay range."""
    letters = sum(c.isalpha() for c in text)
    return len(text) <= 80 and "\n" not in text and letters >= len(text.replace(" ", "")) / 2


def _list_item(node: Tag, depth: int) -> Iterator[tuple[str, str, int]]:
    """An <li>'s own text is one item; nested lists inside it become deeper items."""
    own: list[str] = []
    nested: list[Tag] = []
    for child in node.children:
        if isinstance(child, Tag) and child.name in _LIST_TAGS:
            nested.append(child)
        elif isinstance(child, Tag) and child.name in ("p", "div") and own and _clean("".join(own)):
            own.append(" " + child.get_text(" "))
        elif isinstance(child, Tag):
            own.append(child.get_text(" ") if child.name != "br" else " ")
        elif isinstance(child, NavigableString) and not isinstance(child, Comment):
            own.append(str(child))
    text = _clean("".join(own)).replace("\n", " ")
    if text:
        yield "item", text, depth
    for lst in nested:
        for li in lst.children:  # lst.find_all("li", recursive=False) without its matcher setup
            if isinstance(li, Tag) and li.name == "li":
                yield from _list_item(li, depth + 1)


def _is_bold_inline(tag: Tag) -> bool:
    """A span styled bold, or an inline wrapper whose only text is bold, reads as bold."""
    style = str(tag.get("style") or "").replace(" ", "").lower()  # a str: "style" holds one value
    if "font-weight:bold" in style or "font-weight:700" in style:
        return True
    texts = [t for t in tag.find_all(string=True) if t.strip()]
    return bool(texts) and all(t.find_parent(["strong", "b"]) is not None for t in texts)


def _clean(text: str) -> str:
    lines = [_SPACE.sub(" ", part).strip() for part in text.split("\n")]
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- JSON formats


def _load_json(data: Any, raw: str, source: str) -> Document:
    posting = _find_job_posting(data)
    if posting is not None:
        return _from_jsonld(posting, raw, source)
    record = data[0] if isinstance(data, list) and len(data) == 1 else data
    if isinstance(record, dict):
        if "text" in record and ("lists" in record or "categories" in record or "descriptionPlain" in record):
            return _from_lever(record, raw, source)
        if "content" in record and "title" in record:
            return _from_greenhouse(record, raw, source)
        if "jobDescription" in record or ("title" in record and "description" in record):
            return _from_jsonld(record, raw, source)
    if isinstance(data, list):
        raise LoadError(source, f"JSON array of {len(data)} records; expected one posting per file")
    raise LoadError(source, "JSON is not a posting (no schema.org JobPosting, Lever or Greenhouse record)")


def _find_job_posting(data: Any) -> dict | None:
    """The first schema.org JobPosting anywhere in a JSON-LD structure (@graph, lists, nesting)."""
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if "JobPosting" in kinds:
                return item
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)
    return None


_LD_SCRIPT: Final = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.S | re.I)


def _find_jsonld_posting(page: str) -> dict | None:
    for match in _LD_SCRIPT.finditer(page):
        try:
            data = json.loads(html.unescape(match.group(1)) if "&quot;" in match.group(1) else match.group(1))
        except json.JSONDecodeError:
            continue
        posting = _find_job_posting(data)
        if posting is not None and (posting.get("description") or posting.get("title")):
            return posting
    return None


def _text_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("name") or value.get("organizationName") or value.get("@value") or "")
    if isinstance(value, list):
        return ", ".join(t for t in (_text_of(v) for v in value) if t)
    return "" if value is None else str(value)


_ANY_TAG: Final = re.compile(r"</?(?:p|li|br|strong|b|em|i|u|div|span|ul|ol|h[1-6]|a)\b[^>]*>", re.I)
_ESCAPED_TAG: Final = re.compile(r"&lt;/?(?:p|li|br|strong|b|em|i|u|div|span|ul|ol|h[1-6]|a)\b", re.I)
_ENTITY: Final = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")


def _rich_blocks(value: str, locator: _Locator) -> Iterator[Block]:
    """A JSON string field holds HTML or plain text; both become blocks on the field's line."""
    if not value or not value.strip():
        return
    line = locator.line_of(value)
    if _ESCAPED_TAG.search(value):
        value = html.unescape(value)  # feeds often HTML-escape the description: "&lt;p&gt;..."
    if _html_start_line(value) is not None or _ANY_TAG.search(value):
        for block in _html_blocks(value, base_line=line):
            yield Block(block.kind, block.text, line, line, block.level)
    else:
        if _ENTITY.search(value):
            value = html.unescape(value)
        for block in _text_blocks(value, line):
            yield Block(block.kind, block.text, line, line, block.level)


def _from_jsonld(posting: dict, raw: str, source: str) -> Document:
    locator = _Locator(raw, 1)
    title = _text_of(posting.get("title"))
    blocks: list[Block] = []
    if title:
        blocks.append(Block("heading", title, locator.line_of(title), locator.line_of(title), 1))
    blocks.extend(_rich_blocks(_text_of(posting.get("description") or posting.get("jobDescription")), locator))
    for key, heading in _JSONLD_LIST_FIELDS:
        value = posting.get(key)
        items = value if isinstance(value, list) else [value] if isinstance(value, str) and value.strip() else []
        items = [_text_of(v).strip() for v in items if _text_of(v).strip()]
        if not items:
            continue
        line = locator.line_of(key)
        blocks.append(Block("heading", heading, line, line, 2))
        if len(items) == 1:
            blocks.extend(_rich_blocks(items[0], locator))
        else:
            blocks.extend(Block("item", html.unescape(_clean(item)), line, line, 1) for item in items)
    return Document(source, "jsonld", tuple(blocks), _jsonld_fields(posting))


_JSONLD_LIST_FIELDS: Final = (
    ("responsibilities", "Responsibilities"),
    ("qualifications", "Qualifications"),
    ("skills", "Skills"),
    ("experienceRequirements", "Experience Requirements"),
    ("educationRequirements", "Education Requirements"),
    ("jobBenefits", "Benefits"),
)


def _jsonld_fields(posting: dict) -> dict[str, Any]:
    org = posting.get("hiringOrganization")
    fields: dict[str, Any] = {
        "title": _text_of(posting.get("title")) or None,
        "company": _text_of(org) or None,
        "posted": _text_of(posting.get("datePosted")) or None,
        "employment_type": _text_of(posting.get("employmentType")) or None,
        "remote": _text_of(posting.get("jobLocationType")) or None,
        "locations": _jsonld_locations(posting.get("jobLocation")),
        "salary": _jsonld_salary(posting.get("baseSalary"), posting.get("salaryCurrency")),
    }
    return {key: value for key, value in fields.items() if value}


def _jsonld_locations(value: Any) -> list[str]:
    places = value if isinstance(value, list) else [value] if value else []
    out = []
    for place in places:
        if isinstance(place, str):
            out.append(place)
            continue
        address = place.get("address", place) if isinstance(place, dict) else {}
        if isinstance(address, str):
            out.append(address)
            continue
        parts = [
            _text_of(address.get("addressLocality") or address.get("locality")),
            _text_of(address.get("addressRegion") or address.get("regionCode") or address.get("region")),
            _text_of(address.get("addressCountry") or address.get("countryCode")),
        ]
        text = ", ".join(p for p in parts if p) or _text_of(address.get("fullText"))
        if text:
            out.append(text)
    return out


def _jsonld_salary(value: Any, currency: Any) -> dict | None:
    if not isinstance(value, dict):
        return None
    amount = value.get("value", value)
    if isinstance(amount, dict):
        low = amount.get("minValue", amount.get("value"))
        high = amount.get("maxValue", amount.get("value"))
        unit = amount.get("unitText") or value.get("unitText")
    else:
        low, high, unit = value.get("minSalary"), value.get("maxSalary"), value.get("unitText")
    numbers = [_number(low), _number(high)]
    if not any(numbers):
        return None
    return {
        "min": numbers[0] or None,
        "max": numbers[1] or None,
        "currency": _text_of(value.get("currency") or currency) or None,
        "period": _text_of(unit).lower() or None,
    }


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _from_lever(record: dict, raw: str, source: str) -> Document:
    """Mirror the Lever hosted page: title, categories line, description, lists, additional."""
    locator = _Locator(raw, 1)
    title = _text_of(record.get("text"))
    categories = record.get("categories") or {}
    blocks: list[Block] = []
    if title:
        line = locator.line_of(title)
        blocks.append(Block("heading", title, line, line, 1))
    summary = " · ".join(_text_of(categories.get(k)) for k in ("location", "commitment", "team") if categories.get(k))
    if summary:
        line = locator.line_of(_text_of(categories.get("location")) or summary)
        blocks.append(Block("paragraph", summary, line, line))
    blocks.extend(_rich_blocks(_text_of(record.get("description")) or _text_of(record.get("descriptionPlain")), locator))
    for entry in record.get("lists") or []:
        heading = _clean(html.unescape(_text_of(entry.get("text"))))
        if heading:
            line = locator.line_of(heading)
            blocks.append(Block("heading", heading, line, line, 3))
        content = _text_of(entry.get("content"))
        blocks.extend(_rich_blocks(content if "<li" in content else f"<ul>{content}</ul>", locator))
    blocks.extend(_rich_blocks(_text_of(record.get("additional")) or _text_of(record.get("additionalPlain")), locator))
    locations = [loc for loc in [_text_of(categories.get("location"))] + list(categories.get("allLocations") or []) if loc]
    fields = {
        "title": title or None,
        "locations": list(dict.fromkeys(locations)),
        "employment_type": _text_of(categories.get("commitment")) or None,
        "remote": _text_of(record.get("workplaceType")) or None,
        "posted": record.get("createdAt"),
    }
    return Document(source, "lever", tuple(blocks), {k: v for k, v in fields.items() if v})


def _from_greenhouse(record: dict, raw: str, source: str) -> Document:
    locator = _Locator(raw, 1)
    title = _text_of(record.get("title"))
    blocks: list[Block] = []
    if title:
        line = locator.line_of(title)
        blocks.append(Block("heading", title, line, line, 1))
    content = _text_of(record.get("content"))
    if "&lt;" in content:
        content = html.unescape(content)
    blocks.extend(_rich_blocks(content, locator))
    location = _text_of(record.get("location"))
    fields = {
        "title": title or None,
        "company": _text_of(record.get("company_name") or record.get("company")) or None,
        "locations": [location] if location else [],
        "posted": _text_of(record.get("first_published") or record.get("updated_at")) or None,
    }
    return Document(source, "greenhouse", tuple(blocks), {k: v for k, v in fields.items() if v})
