"""Loading: every format and encoding becomes blocks that remember their lines.

All postings here are made up; real posting text never goes into the repository.
"""
from __future__ import annotations

import codecs
import html
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobscan.load import _BULLET, LoadError, _line_blocks, _markup_line, decode, load_bytes, load_path, load_text
from jobscan.model import Block, Document


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def block(doc: Document, text: str) -> Block:
    """The first block whose text starts with `text`."""
    found = [b for b in doc.blocks if b.text.startswith(text)]
    assert found, f"no block starts with {text!r} in {kinds(doc)}"
    return found[0]


def headings(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind == "heading"]


def items(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind == "item"]


PLAIN = """Widget Polisher
Acme Widgets Ltd.
Springfield, OR

About Us

Acme Widgets has polished widgets since 1999.

Responsibilities
• Polish widgets to a mirror finish
- Inspect widgets for scratches
* Pack widgets for shipping
– Log every widget in the ledger
1. Train new polishers
2) Keep the workshop tidy

Requirements:
    - Two years of polishing experience
"""


# ---------------------------------------------------------------- plain text


def test_plain_text_blocks_and_exact_lines():
    doc = load_text(PLAIN, "p.txt", ".txt")
    assert doc.format == "text"
    assert block(doc, "Widget Polisher").line_start == 1
    assert block(doc, "Acme Widgets Ltd.").line_start == 2
    assert block(doc, "About Us").line_start == 5
    assert block(doc, "Acme Widgets has").line_start == 7
    assert block(doc, "Responsibilities").line_start == 9
    assert block(doc, "Requirements:").line_start == 17
    polish = block(doc, "Polish widgets")
    assert (polish.kind, polish.line_start, polish.line_end) == ("item", 10, 10)


def test_every_bullet_kind_is_an_item_without_its_marker():
    doc = load_text(PLAIN, "p.txt")
    assert items(doc) == [
        "Polish widgets to a mirror finish",
        "Inspect widgets for scratches",
        "Pack widgets for shipping",
        "Log every widget in the ledger",
        "Train new polishers",
        "Keep the workshop tidy",
        "Two years of polishing experience",
    ]
    assert [b.line_start for b in doc.blocks if b.kind == "item"] == [10, 11, 12, 13, 14, 15, 18]


def test_indented_bullet_is_deeper():
    doc = load_text("Tasks\n- Outer task\n    - Inner task\n", "x.txt")
    outer, inner = [b for b in doc.blocks if b.kind == "item"]
    assert inner.level > outer.level


@pytest.mark.parametrize("marker", ["•", "▪", "・", "●"])
def test_bullet_glued_to_text(marker):
    doc = load_text(f"Duties\n{marker}Sort parcels\n{marker}Load vans\n", "x.txt")
    assert items(doc) == ["Sort parcels", "Load vans"]


def test_hyphenated_or_dashed_text_is_not_a_bullet():
    doc = load_text("Tasks\nwell-known - not a list\n-5 degrees is cold\n", "x.txt")
    assert items(doc) == []


@pytest.mark.parametrize(
    "line, item",
    [
        ("a) first", "first"),
        ("  b. second", "second"),
        ("and then some", None),
        ("e.g. a sample", None),  # "e." opens no item without the space after it
        ("i.e.", None),
        ("x", None),
        ("   z)", None),
    ],
)
def test_line_opened_by_a_lowercase_letter_is_an_item_only_as_a_letter_bullet(line, item):
    marked = _markup_line(line)
    assert (marked[2] if marked else None) == item


_LINE = st.text(alphabet=st.sampled_from("ab.) \t-*#•1(A"), min_size=1, max_size=8).map(str.rstrip)


@given(_LINE.filter(bool))
def test_lowercase_led_lines_are_items_exactly_where_the_bullet_pattern_says(line):
    if line.lstrip()[0] in "ab":
        assert (_markup_line(line) is not None) == bool(_BULLET.match(line))


@given(st.lists(_LINE, max_size=12), st.integers(1, 50), st.booleans())
def test_line_blocks_skip_blank_lines_and_number_the_rest(lines, first, markdown):
    blocks = _line_blocks(lines, first, markdown)
    numbered = [number for number, line in enumerate(lines, first) if line]
    assert {b.line_start for b in blocks} <= set(numbered)
    for b in blocks:
        assert b.line_start == b.line_end and b.text == b.text.strip()
        if b.kind == "paragraph" and not markdown:
            assert b.text == lines[b.line_start - first].strip()


def test_hard_wrapped_paragraph_is_one_block_with_its_lines():
    wrapped = (
        "We are looking for a patient and careful widget polisher who enjoys detailed\n"
        "work, keeps a tidy bench and takes pride in the finish of every single piece\n"
        "that leaves the workshop on a Friday afternoon for our customers across the\n"
        "region.\n"
    )
    body = "\n".join(f"Line number {i} of a filler paragraph that runs to the wrap width of the" for i in range(8))
    doc = load_text("Widget Polisher\n\n" + wrapped + "\n" + body + "\n", "x.txt")
    para = block(doc, "We are looking")
    assert (para.line_start, para.line_end) == (3, 6)
    assert "\n" in para.text  # line breaks kept so later stages can place each part


def test_short_lines_are_not_taken_as_hard_wrapped():
    text = (
        "Barista\nBean Cafe\nPortland, OR\n\nAbout Us\nWe roast coffee.\nWe love people.\n\n"
        "Duties\n- Make coffee\n- Clean up\n\nBenefits\nFree coffee.\nShared tips.\n"
    )
    doc = load_text(text, "x.txt")
    assert block(doc, "About Us").text == "About Us"
    assert block(doc, "Benefits").text == "Benefits"


# ---------------------------------------------------------------- Markdown


MARKDOWN = """# Widget Polisher

**Acme Widgets** is hiring in *Springfield*.

## What you'll do

- Polish widgets with [our method](https://example.invalid/method)
- Write `notes` about each widget

**Requirements**

__Nice to have:__

### Benefits ###
"""


def test_markdown_headings_bold_lines_and_inline_markup():
    doc = load_text(MARKDOWN, "x.md", ".md")
    assert doc.format == "markdown"
    assert headings(doc) == ["Widget Polisher", "What you'll do", "Requirements", "Nice to have", "Benefits"]
    levels = {b.text: b.level for b in doc.blocks if b.kind == "heading"}
    assert levels["Widget Polisher"] == 1 and levels["What you'll do"] == 2 and levels["Benefits"] == 3
    assert items(doc) == ["Polish widgets with our method", "Write notes about each widget"]
    assert block(doc, "Acme Widgets is hiring").kind == "paragraph"
    assert block(doc, "What you'll do").line_start == 5
    assert block(doc, "Benefits").line_start == 14


def test_markdown_detected_by_content_without_extension():
    assert load_text(MARKDOWN, "stdin").format == "markdown"


def test_horizontal_rule_is_not_a_bullet():
    doc = load_text("Title\n\n---\n\n* * *\n\nText after.\n", "x.md", ".md")
    assert items(doc) == []


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("Intro\n## Skills\nPython\n", "markdown"),
        ("Intro\n   # Skills\n", "markdown"),  # up to three spaces before the '#'
        ("Intro\n    # Skills\n", "text"),  # four is not a heading
        ("Use C# daily\n## Skills\n", "markdown"),  # a '#' inside a line does not hide a later heading
        ("Use C# and F#\nIssue #42 fixed\n", "text"),
        ("#\nSkills\n", "markdown"),  # the pattern's whitespace may run over the line end
        ("#hashtag\n", "text"),
    ],
)
def test_markdown_detection_needs_a_heading_at_a_line_start(text, fmt):
    assert load_text(text, "stdin").format == fmt


def test_inline_markdown_is_stripped_only_where_it_is_markup():
    doc = load_text("Own the **deploy** pipeline\nSee [docs](https://example.invalid)\nsnake_case and 2*3 stay\n", "x.md", ".md")
    assert [b.text for b in doc.blocks] == ["Own the deploy pipeline", "See docs", "snake_case and 2*3 stay"]


# ---------------------------------------------------------------- encodings and line ends

SMALL = "Café Barista\n\nDuties\n• Pour “latte” art – daily\n• Keep 5€ float\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(SMALL.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + SMALL.encode("utf-8"), id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + SMALL.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + SMALL.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(SMALL.encode("utf-16"), id="utf-16-native-bom"),
        pytest.param(SMALL.encode("cp1252"), id="cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(data):
    assert decode(data) == SMALL
    doc = load_bytes(data, "x.txt", ".txt")
    assert doc.blocks[0].text == "Café Barista"
    assert items(doc) == ["Pour “latte” art – daily", "Keep 5€ float"]


@pytest.mark.parametrize(
    "text",
    [
        "Ingénieur Qualité\n\nÀ propos de nous : société française, près de Lyon.\n",
        "Straße Manager\nGrüße aus Köln. Überstunden werden bezahlt.\n",
        "Señor Chef\n\nCocina española; niño-friendly menú.\n",
    ],
)
def test_latin1_bytes_fall_back_to_western_european(text):
    assert decode(text.encode("latin-1")) == text


def test_non_latin_legacy_encoding_is_still_detected():
    text = (
        "Программист Python\n\n"
        "Мы ищем опытного разработчика для работы над нашим продуктом. Опыт от трёх лет.\n"
    )
    assert decode(text.encode("cp1251")) == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr-only"])
def test_crlf_and_cr_only_line_ends_keep_line_numbers(newline):
    data = PLAIN.replace("\n", newline).encode("utf-8")
    doc = load_bytes(data, "x.txt", ".txt")
    expected = load_text(PLAIN, "x.txt", ".txt")
    assert doc.blocks == expected.blocks
    assert all("\r" not in b.text for b in doc.blocks)


@pytest.mark.parametrize(
    "text, binary",
    [
        ("é" * 3700 + "\x01" * 396, False),  # 9.7% of the first 4096 characters (not bytes) are control
        ("é" * 3600 + "\x01" * 496, True),  # 12%
        ("é" * 5000 + "\x01" * 5000, False),  # only the first 4096 characters count
        ("Tab\tand form feed\x0c are text\n" * 200, False),
    ],
)
def test_binary_means_over_a_tenth_control_characters_at_the_start(text, binary):
    for data in (text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8"), text.encode("utf-16")):
        if binary:
            with pytest.raises(LoadError, match="control characters"):
                decode(data)
        else:
            assert decode(data) == text


def test_invisible_characters_normalised_for_matching_but_kept_in_text():
    text = "Sen\u00adior Engi\u200bneer\n\nRequire\u00admentsNBSP\n• 5\u00a0years of Py\u200cthon \u2019s\ufeff\n"
    doc = load_text(text, "x.txt")
    title = doc.blocks[0]
    assert title.text == "Sen\u00adior Engi\u200bneer"
    assert title.norm == "Senior Engineer"
    item = items(doc)[0]
    assert "\u00a0" in item and "\u200c" in item
    norm = [b.norm for b in doc.blocks if b.kind == "item"][0]
    assert norm == "5 years of Python 's"


def test_nbsp_in_html_becomes_a_space():
    doc = load_text("<p>Salary&nbsp;range</p><p>Second&#160;para</p>", "x.html", ".html")
    assert [b.norm for b in doc.blocks] == ["Salary range", "Second para"]


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html>
<head>
  <title>Widget Polisher | Acme</title>
  <style>.x { color: red }</style>
  <script>var tracking = "Do not show this script";</script>
</head>
<body>
  <noscript>Please enable JavaScript</noscript>
  <h1>Widget Polisher</h1>
  <p>Acme Widgets &amp; Sons &middot; Springfield</p>
  <h2>About us</h2>
  <p>We polish widgets
  by hand, since 1999.</p>
  <p><strong>Responsibilities:</strong></p>
  <ul>
    <li>Polish widgets</li>
    <li>Inspect finishes
      <ul>
        <li>Under daylight</li>
        <li>Under UV light</li>
      </ul>
    </li>
  </ul>
  <p><b>What we offer</b></p>
  <ol><li>Health plan &ndash; day one</li></ol>
  <h3>Pay&nbsp;range</h3>
  <p>Line one<br>Line two</p>
  <script>console.log("tracking again")</script>
</body>
</html>
"""


def test_html_headings_bold_paragraphs_and_items():
    doc = load_text(PAGE, "x.html", ".html")
    assert doc.format == "html"
    assert headings(doc) == ["Widget Polisher", "About us", "Responsibilities", "What we offer", "Pay range"]
    assert items(doc) == ["Polish widgets", "Inspect finishes", "Under daylight", "Under UV light", "Health plan – day one"]


def test_html_nested_list_items_are_deeper():
    doc = load_text(PAGE, "x.html", ".html")
    level = {b.text: b.level for b in doc.blocks if b.kind == "item"}
    assert level["Under daylight"] == level["Inspect finishes"] + 1
    assert level["Polish widgets"] == level["Inspect finishes"]


def test_html_drops_script_style_noscript_and_head():
    doc = load_text(PAGE, "x.html", ".html")
    text = " ".join(b.text for b in doc.blocks)
    for hidden in ("tracking", "color", "JavaScript", "| Acme"):
        assert hidden not in text


@pytest.mark.parametrize(
    "hidden",
    ["<SCRIPT>var tracking = 1;</SCRIPT>", "<Style>p { color: red }</Style>", "<svg><text>Logo</text></svg>", "<nav>Home | Jobs</nav>"],
)
def test_html_fragment_drops_hidden_tags_in_any_case(hidden):
    doc = load_text(f"<p>Sort mail.</p>{hidden}<ul><li>Lift parcels</li></ul>", "x.html", ".html")
    assert [b.text for b in doc.blocks] == ["Sort mail.", "Lift parcels"]


def test_html_entities_decoded_and_source_newlines_are_spaces():
    doc = load_text(PAGE, "x.html", ".html")
    assert block(doc, "Acme Widgets").text == "Acme Widgets & Sons · Springfield"
    assert block(doc, "We polish").text == "We polish widgets by hand, since 1999."
    assert [b.text for b in doc.blocks if b.text.startswith("Line ")] == ["Line one", "Line two"]


def test_html_lines_are_roughly_right():
    doc = load_text(PAGE, "x.html", ".html")
    lines = PAGE.split("\n")

    def source_line(fragment: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if fragment in line and "<title>" not in line)

    for text, fragment in [
        ("Widget Polisher", "<h1>"),
        ("About us", "<h2>About"),
        ("Responsibilities", "Responsibilities:"),
        ("Polish widgets", "Polish widgets"),
        ("Under UV light", "Under UV"),
        ("What we offer", "What we offer"),
        ("Pay range", "<h3>"),
    ]:
        assert abs(block(doc, text).line_start - source_line(fragment)) <= 1, text
    para = block(doc, "We polish")
    assert (para.line_start, para.line_end) == (source_line("We polish"), source_line("by hand"))
    starts = [b.line_start for b in doc.blocks]
    assert starts == sorted(starts)


@pytest.mark.parametrize("level", range(1, 7))
def test_html_heading_levels(level):
    doc = load_text(f"<div><h{level}>Who you are</h{level}><p>Patient.</p></div>", "x.html", ".html")
    assert doc.blocks[0] == Block("heading", "Who you are", 1, 1, level)


def test_html_fragment_detected_by_content():
    doc = load_text("<p><strong>About the job</strong></p><ul><li>Sort mail</li></ul>", "<stdin>")
    assert doc.format == "html"
    assert headings(doc) == ["About the job"] and items(doc) == ["Sort mail"]


def test_bold_figure_is_not_a_heading():
    doc = load_text("<p><strong>Pay</strong></p><p><strong>$50,000 - $60,000</strong></p>", "x.html", ".html")
    assert headings(doc) == ["Pay"]


def test_bold_words_inside_a_sentence_are_not_a_heading():
    doc = load_text("<p>We need <strong>Python</strong> and SQL.</p><p>More text here.</p>", "x.html", ".html")
    assert headings(doc) == []


def test_text_with_embedded_html_body():
    text = (
        "Widget Polisher\n"
        "Acme Widgets\n"
        "Springfield, OR\n"
        "\n"
        "Job Description\n"
        "\n"
        '<div class="content-intro"><p><strong>About Acme:</strong></p><p>We polish widgets.</p></div>'
        "<p><strong>What you&rsquo;ll do</strong></p><ul><li>Polish things</li><li>Inspect things</li></ul>\n"
        "<p><strong>Benefits</strong></p>\n<ul><li>Free widgets</li></ul>\n"
    )
    doc = load_text(text, "x.txt", ".txt")
    assert doc.format == "text+html"
    assert block(doc, "Widget Polisher").line_start == 1
    assert block(doc, "Springfield, OR").line_start == 3
    assert block(doc, "Job Description").line_start == 5
    assert headings(doc) == ["About Acme", "What you’ll do", "Benefits"]
    assert items(doc) == ["Polish things", "Inspect things", "Free widgets"]
    assert block(doc, "About Acme").line_start == 7
    assert block(doc, "Free widgets").line_start == 9
    assert "<" not in " ".join(b.text for b in doc.blocks)


# ---------------------------------------------------------------- JSON

JOB_POSTING = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "title": "Widget Polisher",
    "description": "<p><strong>About us</strong></p><p>We polish widgets.</p><ul><li>Polish</li><li>Inspect</li></ul>",
    "datePosted": "2031-02-03",
    "employmentType": "FULL_TIME",
    "hiringOrganization": {"@type": "Organization", "name": "Acme Widgets"},
    "jobLocation": {
        "@type": "Place",
        "address": {"addressLocality": "Springfield", "addressRegion": "OR", "addressCountry": "US"},
    },
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "minValue": 40000, "maxValue": 50000, "unitText": "YEAR"},
    },
    "qualifications": ["Two years polishing", "Steady hands"],
}


def check_job_posting(doc: Document) -> None:
    assert doc.format == "jsonld"
    assert doc.fields["title"] == "Widget Polisher"
    assert doc.fields["company"] == "Acme Widgets"
    assert doc.fields["locations"] == ["Springfield, OR, US"]
    assert doc.fields["salary"] == {"min": 40000.0, "max": 50000.0, "currency": "USD", "period": "year"}
    assert headings(doc) == ["Widget Polisher", "About us", "Qualifications"]
    assert items(doc) == ["Polish", "Inspect", "Two years polishing", "Steady hands"]


def test_bare_json_ld():
    check_job_posting(load_text(json.dumps(JOB_POSTING, indent=2), "x.json", ".json"))


def test_json_ld_in_utf16_with_bom():
    data = json.dumps(JOB_POSTING, indent=2, ensure_ascii=False).encode("utf-16")
    check_job_posting(load_bytes(data, "x.json", ".json"))


def test_json_ld_in_a_graph():
    graph = {
        "@context": "https://schema.org",
        "@graph": [{"@type": "Organization", "name": "Acme Widgets"}, {**JOB_POSTING, "@context": None}],
    }
    check_job_posting(load_text(json.dumps(graph), "x.jsonld", ".jsonld"))


def test_json_ld_type_list_and_one_element_array():
    posting = {**JOB_POSTING, "@type": ["JobPosting", "Thing"]}
    check_job_posting(load_text(json.dumps([posting]), "x.json"))


def test_json_ld_embedded_in_html_page():
    page = (
        "<!DOCTYPE html>\n<html><head>\n<title>Careers</title>\n"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebSite", "name": "Acme"}</script>\n'
        f'<script type="application/ld+json">\n{json.dumps(JOB_POSTING, indent=2)}\n</script>\n'
        "</head><body><nav><a href='/'>Home</a></nav><div id='app'></div></body></html>\n"
    )
    doc = load_text(page, "x.html", ".html")
    check_job_posting(doc)
    title_line = next(i for i, line in enumerate(page.split("\n"), 1) if '"title"' in line)
    assert block(doc, "Widget Polisher").line_start == title_line


def test_json_ld_html_escaped_description_and_entities():
    escaped = {**JOB_POSTING, "description": html.escape(JOB_POSTING["description"])}
    check_job_posting(load_text(json.dumps(escaped), "x.json"))
    plain = {**JOB_POSTING, "description": "We polish widgets &amp; gadgets &ndash; daily."}
    doc = load_text(json.dumps(plain), "x.json")
    assert block(doc, "We polish").text == "We polish widgets & gadgets – daily."


def test_json_ld_job_description_field_without_type():
    record = {"title": "Widget Polisher", "jobDescription": "Polish widgets daily. Must have steady hands.",
              "hiringOrganization": {"organizationName": "Acme Widgets"}}
    doc = load_text(json.dumps(record), "x.json")
    assert doc.format == "jsonld"
    assert doc.fields["title"] == "Widget Polisher" and doc.fields["company"] == "Acme Widgets"
    assert block(doc, "Polish widgets").kind == "paragraph"


LEVER = {
    "id": "0000-made-up",
    "text": "Widget Polisher",
    "categories": {"commitment": "Full-time", "location": "Springfield, OR", "team": "Workshop"},
    "description": "<div><b>About Acme</b></div><div>We polish widgets &amp; more.</div>",
    "descriptionPlain": "About Acme\nWe polish widgets & more.\n",
    "lists": [
        {"text": "What you&#39;ll do", "content": "<li>Polish widgets</li><li>Inspect finishes</li>"},
        {"text": "Requirements", "content": "<li>Steady hands</li>"},
    ],
    "additional": "<div><b>Important:</b> work authorization is required</div>",
    "additionalPlain": "Important: work authorization is required",
    "createdAt": 1893456000000,
    "workplaceType": "onsite",
}


def test_lever_api_record():
    doc = load_text(json.dumps(LEVER, indent=2), "x.json", ".json")
    assert doc.format == "lever"
    assert doc.fields["title"] == "Widget Polisher"
    assert doc.fields["locations"] == ["Springfield, OR"]
    assert doc.fields["employment_type"] == "Full-time"
    assert headings(doc) == ["Widget Polisher", "About Acme", "What you'll do", "Requirements"]
    assert items(doc) == ["Polish widgets", "Inspect finishes", "Steady hands"]
    assert block(doc, "Springfield, OR").text == "Springfield, OR · Full-time · Workshop"
    assert block(doc, "Important:").kind == "paragraph"
    assert "<" not in " ".join(b.text for b in doc.blocks)


GREENHOUSE = {
    "id": 1,
    "title": "Widget Polisher",
    "company_name": "Acme Widgets",
    "location": {"name": "Springfield, OR"},
    "first_published": "2031-02-03T09:00:00-05:00",
    "absolute_url": "https://example.invalid/jobs/1",
    "content": html.escape(
        "<p><strong>About us</strong></p><p>We polish widgets &amp; gadgets.</p>"
        "<p><strong>Requirements</strong></p><ul><li>Steady hands</li><li>Good eyes</li></ul>"
    ),
}


def test_greenhouse_record_with_escaped_content():
    doc = load_text(json.dumps(GREENHOUSE, indent=2), "x.json", ".json")
    assert doc.format == "greenhouse"
    assert doc.fields["title"] == "Widget Polisher"
    assert doc.fields["company"] == "Acme Widgets"
    assert doc.fields["locations"] == ["Springfield, OR"]
    assert headings(doc) == ["Widget Polisher", "About us", "Requirements"]
    assert items(doc) == ["Steady hands", "Good eyes"]
    assert block(doc, "We polish").text == "We polish widgets & gadgets."
    content_line = next(i for i, line in enumerate(json.dumps(GREENHOUSE, indent=2).split("\n"), 1) if '"content"' in line)
    assert block(doc, "Steady hands").line_start == content_line


def test_text_starting_with_a_bracket_is_not_json():
    doc = load_text("[Remote] Widget Polisher\n\nPolish widgets from home.\n", "x.txt", ".txt")
    assert doc.format == "text"
    assert doc.blocks[0].text == "[Remote] Widget Polisher"


# ---------------------------------------------------------------- paths, stdin and errors


def test_load_path_reads_file_and_uses_extension(tmp_path):
    path = tmp_path / "posting.md"
    path.write_text("Widget Polisher\n\nPolish widgets.\n", encoding="utf-8")
    doc = load_path(path)
    assert doc.format == "markdown"
    assert doc.source == str(path)


def test_load_path_dash_reads_stdin(monkeypatch):
    data = codecs.BOM_UTF8 + PLAIN.replace("\n", "\r\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = load_path("-")
    assert doc.source == "<stdin>"
    assert doc.blocks == load_text(PLAIN, "<stdin>").blocks


def assert_one_line_error(exc: pytest.ExceptionInfo, source: str, words: str) -> None:
    message = str(exc.value)
    assert message.startswith(f"{source}: ")
    assert "\n" not in message
    assert words in exc.value.reason
    assert exc.value.source == source


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \r\n\n\t\n", "empty"),
        ("bom-only.txt", codecs.BOM_UTF8, "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("control.txt", bytes(range(1, 9)) * 200, "binary"),
        ("broken.json", b'{"title": "Widget Polisher",\n "description": }', "invalid JSON at line 2"),
        ("broken-obj.txt", b'{"title": "Widget Polisher",', "invalid JSON"),
        ("other.json", b'{"name": "not a job", "items": [1, 2]}', "not a posting"),
        ("many.json", json.dumps([LEVER, LEVER]).encode(), "2 records"),
        ("number.json", b"42", "not a posting"),
    ],
)
def test_bad_files_raise_load_error_naming_the_file(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError) as exc:
        load_path(path)
    assert_one_line_error(exc, str(path), words)


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(LoadError) as exc:
        load_path(path)
    assert_one_line_error(exc, str(path), "no such file")


def test_folder(tmp_path):
    with pytest.raises(LoadError) as exc:
        load_path(tmp_path)
    assert_one_line_error(exc, str(tmp_path), "folder")


def test_load_error_is_exported():
    import jobscan

    assert jobscan.LoadError is LoadError


# ---------------------------------------------------------------- our samples

SAMPLE_FORMATS = {
    "accountant-cp1252.txt": "text",
    "backend-engineer-v1.txt": "text",
    "backend-engineer-v2.txt": "text",
    "customer-success-greenhouse.json": "greenhouse",
    "data-analyst.md": "markdown",
    "frontend-developer.html": "html",
    "intern-utf16.txt": "text",
    "japan-backend.txt": "text",
    "ml-engineer-jsonld.html": "jsonld",
    "nurse-unheaded.txt": "text",
    "product-designer-lever.json": "lever",
    "site-reliability-engineer.json": "jsonld",
    "warehouse-lead-mixed.txt": "text+html",
}


@pytest.mark.parametrize("name, fmt", sorted(SAMPLE_FORMATS.items()))
def test_sample_loads_with_expected_format(samples_dir, name, fmt):
    doc = load_path(samples_dir / name)
    assert doc.format == fmt
    assert len(doc.blocks) >= 5
    assert all(b.text.strip() and b.line_start <= b.line_end for b in doc.blocks)
    assert all("\ufffd" not in b.text for b in doc.blocks), "decoding replaced characters"


def test_every_sample_file_loads(samples_dir):
    for path in sorted(samples_dir.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            assert load_path(path).blocks, path.name


def test_legacy_encoded_samples_decode(samples_dir):
    raw = (samples_dir / "accountant-cp1252.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert decode(raw) == raw.decode("cp1252").replace("\r\n", "\n")
    raw = (samples_dir / "intern-utf16.txt").read_bytes()
    assert raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert load_path(samples_dir / "intern-utf16.txt").blocks[0].line_start == 1


def test_text_sample_line_numbers_match_the_file(samples_dir):
    path = samples_dir / "backend-engineer-v1.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    for b in load_path(path).blocks:
        first_words = b.text.split("\n")[0][:20]
        assert first_words in lines[b.line_start - 1], (b.line_start, b.text[:40])
