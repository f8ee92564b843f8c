"""Sections: headings found in text and markup, named by the vocabulary, headless text classed by content.

Postings here are made up, except the two seeds, which are read from ../shared and never copied.
"""
from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobscan.load import load_path, load_text
from jobscan.model import SECTION_KINDS, Section
from jobscan.sections import (
    _GLUED_LABEL,
    _NON_WORD,
    _WORD,
    WEAK_MATCH,
    _anchored,
    _cues,
    _glued_split,
    _heading_key,
    _inline_label,
    _tokens,
    classify_text,
    heading_vocabulary,
    match_heading,
    split_sections,
)


def sections_of(text: str, suffix: str = ".txt") -> tuple[Section, ...]:
    return split_sections(load_text(text, "x" + suffix, suffix))


def headed(sections) -> list[tuple[str, str]]:
    return [(s.heading, s.kind) for s in sections if s.heading is not None]


def section(sections, heading: str) -> Section:
    found = [s for s in sections if s.heading == heading]
    assert found, f"no section {heading!r} in {headed(sections)}"
    return found[0]


# ---------------------------------------------------------------- the vocabulary as data


@pytest.fixture(scope="module")
def raw_vocabulary() -> dict[str, list[str]]:
    return json.loads(resources.files("jobscan.data").joinpath("headings.json").read_text(encoding="utf-8"))


def test_vocabulary_kinds_are_section_kinds(raw_vocabulary):
    assert set(raw_vocabulary) <= set(SECTION_KINDS)
    assert all(raw_vocabulary[kind] for kind in raw_vocabulary), "a kind with no phrases"


def test_vocabulary_phrases_are_normalised(raw_vocabulary):
    """A phrase that is not in key form can never match exactly ("nice-to-have" vs "nice to have")."""
    bad = [(kind, p) for kind, phrases in raw_vocabulary.items() for p in phrases if _heading_key(p) != p]
    assert bad == []


def test_vocabulary_lists_sorted_without_duplicates(raw_vocabulary):
    for kind, phrases in raw_vocabulary.items():
        assert phrases == sorted(set(phrases)), kind


def test_no_phrase_under_two_kinds(raw_vocabulary):
    owner: dict[str, str] = {}
    clashes = []
    for kind, phrases in raw_vocabulary.items():
        for phrase in phrases:
            if phrase in owner:
                clashes.append((phrase, owner[phrase], kind))
            owner[phrase] = kind
    assert clashes == []
    assert len(heading_vocabulary()) == len(owner)


def test_every_phrase_matches_its_own_kind(raw_vocabulary):
    for kind, phrases in raw_vocabulary.items():
        for phrase in phrases:
            assert match_heading(phrase) == (kind, 100.0), phrase


# ---------------------------------------------------------------- matching wordings


@pytest.mark.parametrize(
    "wording, kind",
    [
        # the list
        ("What you'll do", "responsibilities"),
        ("Who you are", "requirements"),
        ("Minimum qualifications", "requirements"),
        ("Bonus points", "preferred"),
        ("Perks & benefits", "benefits"),
        ("Pay range", "compensation"),
        ("How to apply", "process"),
        ("Equal Opportunity Employer", "eeo"),
        # case, curly quotes, punctuation and trailing colons do not matter
        ("WHAT YOU’LL DO", "responsibilities"),
        ("Who You Are:", "requirements"),
        ("How To Apply?", "process"),
        ("Perks and Benefits", "benefits"),
        ("Must-haves", "requirements"),
        # wordings not listed word for word
        ("What You’ll Be Working On", "responsibilities"),
        ("Your Responsibilities Will Include", "responsibilities"),
        ("Minimum Qualifications & Experience", "requirements"),
        ("Requirements / Qualifications", "requirements"),
        ("Bonus Points If You Have", "preferred"),
        ("Pay Range (USD)", "compensation"),
        ("We are an Equal Opportunity Employer", "eeo"),
        ("About Acme Widgets", "about"),
        ("Bold Challenges", "responsibilities"),
    ],
)
def test_match_heading(wording, kind):
    found, score = match_heading(wording)
    assert found == kind, (wording, found, score)
    assert score >= WEAK_MATCH


@pytest.mark.parametrize("wording", ["Lorem ipsum dolor", "Python Developer", "Meet Our CEO", "Product Catalog", "", "  :  "])
def test_unrelated_wording_matches_nothing(wording):
    kind, score = match_heading(wording)
    assert kind is None or score < WEAK_MATCH, (wording, kind, score)


@pytest.mark.parametrize(
    "wording",
    [
        "Team Lunch Fridays",  # one word of three shared with "our team"
        "Benefit Concert Tickets Raffle",  # one of four with the benefits phrases
        "Conducting research for a changing society",
    ],
)
def test_wording_sharing_too_few_words_names_nothing(wording):
    assert match_heading(wording) == (None, 0.0)


# ---------------------------------------------------------------- headings in plain text

HEADED = """Widget Polisher
Acme Widgets
Springfield, OR

About Acme Widgets

Acme Widgets has polished widgets for hobbyists since 1999 and ships to forty countries.

What You'll Be Doing

- Polish widgets to a mirror finish
- Inspect every widget under daylight

WHAT WE ASK

- Two years of polishing experience
- Steady hands

Things we hope you bring:
- Experience with brass widgets

Our Workshop Family

We believe in honest work; our values are craft, care and patience.

Perks And Benefits
- Health insurance from day one
- Free widgets
"""


def test_plain_text_heading_shapes():
    sections = sections_of(HEADED)
    assert headed(sections) == [
        ("About Acme Widgets", "about"),  # Title Case, blank line after, known wording
        ("What You'll Be Doing", "responsibilities"),
        ("WHAT WE ASK", "requirements"),  # UPPER CASE: kind from what it holds
        ("Things we hope you bring", "requirements"),  # trailing colon; kind from its item
        ("Our Workshop Family", "culture"),  # Title Case after other headings, blank line after
        ("Perks And Benefits", "benefits"),  # right above a list
    ]


def test_sections_keep_lines_and_items():
    sections = sections_of(HEADED)
    first = sections[0]
    assert (first.heading, first.line_start) == (None, 1)
    doing = section(sections, "What You'll Be Doing")
    assert (doing.line_start, doing.line_end) == (9, 12)
    assert doing.items == ["Polish widgets to a mirror finish", "Inspect every widget under daylight"]
    perks = section(sections, "Perks And Benefits")
    assert (perks.line_start, perks.line_end) == (26, 28)
    assert perks.to_dict() == {
        "kind": "benefits",
        "heading": "Perks And Benefits",
        "line_start": 26,
        "line_end": 28,
        "text": "Health insurance from day one\nFree widgets",
        "items": ["Health insurance from day one", "Free widgets"],
    }
    starts = [s.line_start for s in sections]
    assert starts == sorted(starts)
    assert all(s.line_start <= s.line_end for s in sections)
    assert all(s.kind in SECTION_KINDS for s in sections)


def test_inline_labels():
    sections = sections_of(
        "Widget Polisher\n"
        "JOB TITLE: Widget Polisher II\n"
        "LOCATION: Springfield, OR\n"
        "SALARY: $20 per hour\n"
        "Job Description: We polish widgets for hobbyists.\n"
        "JOB REQUIREMENTS: Two years of experience polishing widgets.\n"
        "this line: has a colon but is no label.\n"
    )
    assert headed(sections) == [
        ("JOB TITLE", section(sections, "JOB TITLE").kind),
        ("LOCATION", "logistics"),
        ("SALARY", "compensation"),
        ("Job Description", "summary"),
        ("JOB REQUIREMENTS", "requirements"),
    ]
    assert section(sections, "JOB TITLE").text == "Widget Polisher II"
    assert section(sections, "SALARY").line_start == 4
    assert "this line: has" in section(sections, "JOB REQUIREMENTS").text


def test_headings_glued_to_text():
    sections = sections_of(
        "Widget Polisher\n\n"
        "Acme Widgets builds widgets for hobbyist teams.Responsibilities:Actively pursue widget quality."
        "Requirements:Two years of polishing experience.Benefits:Health insurance and free widgets.\n"
    )
    assert headed(sections) == [
        ("Responsibilities", "responsibilities"),
        ("Requirements", "requirements"),
        ("Benefits", "benefits"),
    ]
    assert section(sections, "Responsibilities").text == "Actively pursue widget quality."
    assert section(sections, "Benefits").line_start == 3
    assert "hobbyist teams." in sections[0].text


def test_glued_unknown_label_is_left_alone():
    sections = sections_of("Widget Polisher\n\nWe sell widgets.Springfield:Best city around. Work hard.\n")
    assert headed(sections) == []


@pytest.mark.parametrize(
    "glued, split",
    [
        ("Polish widgets (daily).Benefits:Health insurance.", True),
        ("Polish widgets 24/7Benefits:Health insurance.", True),
        ("Polish widgets…Benefits:Health insurance.", True),
        ("Polish widgets. Benefits:Health insurance.", False),  # a space before: an inline label's business
        ("Polish WIDGETSBenefits:Health insurance.", False),
        ("Polish widgets.Benefits: Health insurance.", False),  # no capital right after the colon
    ],
)
def test_glued_label_needs_text_right_before_it(glued, split):
    sections = sections_of("Widget Polisher\n\nAcme Widgets builds widgets. " + glued + "\n")
    assert headed(sections) == ([("Benefits", "benefits")] if split else [])


@pytest.mark.parametrize(
    "text",
    [
        # a short sentence is not a heading
        "Widget Polisher\n\nAbout Us\n\nWe polish widgets.\n\nYou will love it here\n\nMore text follows here.\n",
        # single capitalised words in a list, the last one included
        "Widget Polisher\n\nAbout Us\n\nWe polish widgets.\n\nTools we use\nPolisher\nBuffer\nLathe\n",
        "Widget Polisher\n\nAbout Us\n\nWe polish widgets.\n\nTools:\n- Polisher\n- Buffer\n\n- Lathe\n",
        "Widget Polisher\n\nAbout Us\n\nWe polish widgets.\n\nYou will use a polisher.\nPolisher\nBuffer\n",
    ],
)
def test_false_headings_not_taken(text):
    assert [h for h, _ in headed(sections_of(text))] in (["About Us"], ["About Us", "Tools"])


def test_company_line_under_the_title_is_not_a_heading():
    sections = sections_of(
        "Widget Polisher\nAcme Widgets\nSpringfield Works\n\nWe polish widgets for hobbyists across the region.\n\n"
        "Responsibilities\n- Polish widgets\n"
    )
    assert headed(sections) == [("Responsibilities", "responsibilities")]
    assert sections[0].heading is None and sections[0].line_start == 1


# ---------------------------------------------------------------- headings in markup


def test_html_headings_and_bold_paragraphs():
    sections = sections_of(
        "<h1>Widget Polisher</h1>"
        "<p>Acme Widgets &middot; Springfield</p>"
        "<h2>The role</h2><p>You polish widgets.</p>"
        "<p><strong>What you&rsquo;ll do:</strong></p><ul><li>Polish</li><li>Inspect</li></ul>"
        "<p><b>Nice to have</b></p><ul><li>Brass experience</li></ul>"
        "<h3>Compensation</h3><p>$20 per hour.</p>"
        "<p><strong>Equal Opportunity Employer</strong></p><p>Acme Widgets hires without regard to race or age.</p>",
        ".html",
    )
    assert headed(sections) == [
        ("The role", "summary"),
        ("What you’ll do", "responsibilities"),
        ("Nice to have", "preferred"),
        ("Compensation", "compensation"),
        ("Equal Opportunity Employer", "eeo"),
    ]
    assert section(sections, "What you’ll do").items == ["Polish", "Inspect"]
    assert sections[0].heading is None  # the <h1> title opens no section


def test_markdown_headings():
    sections = sections_of(
        "# Widget Polisher\n\nAcme Widgets, Springfield.\n\n## Who you are\n\n- Patient\n- Careful\n\n"
        "**Bonus points**\n\n- Brass\n\n### How to apply\n\nEmail us a photo of a widget you polished.\n",
        ".md",
    )
    assert headed(sections) == [("Who you are", "requirements"), ("Bonus points", "preferred"), ("How to apply", "process")]
    assert section(sections, "Who you are").line_start == 5


def test_unknown_heading_kind_comes_from_its_content():
    sections = sections_of(
        "<h1>Widget Polisher</h1><h2>Our Promise</h2>"
        "<p>We offer health insurance, dental and vision plans, and paid time off.</p>"
        "<h2>The Fine Print</h2><p>Acme Widgets is an equal opportunity employer.</p>",
        ".html",
    )
    assert headed(sections) == [("Our Promise", "benefits"), ("The Fine Print", "eeo")]


# ---------------------------------------------------------------- postings without headings

HEADLESS = """Widget Polisher
Acme Widgets, Springfield

Acme Widgets is a family-owned company founded in 1999 and headquartered in Springfield, with offices in four countries.

You will polish widgets to a mirror finish, inspect each one under daylight and be responsible for packing orders.

You have at least 2 years of experience polishing metal and a diploma in a technical field. Knowledge of brass is required.

Experience with antique widgets is a plus and would be nice to have.

The salary is $20 to $24 per hour, paid weekly.

We offer health insurance, dental and vision plans, a 401(k) match and paid time off from day one.

To apply, send your resume and a short cover letter. Interviews take place in the workshop.

Acme Widgets is an equal opportunity employer. All qualified applicants will receive consideration without regard to race, religion, sex or age.
"""


def test_headless_posting_gets_kinds_from_content():
    sections = sections_of(HEADLESS)
    assert all(s.heading is None for s in sections)
    assert [(s.kind, s.line_start) for s in sections] == [
        ("other", 1),
        ("about", 4),
        ("responsibilities", 6),
        ("requirements", 8),
        ("preferred", 10),
        ("compensation", 12),
        ("benefits", 14),
        ("process", 16),
        ("eeo", 18),
    ]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("We are an equal opportunity employer and do not discriminate on the basis of race or religion.", "eeo"),
        ("Reasonable accommodation is available to applicants with disabilities; we are an affirmative action employer.", "eeo"),
        ("We offer paid time off, health insurance and a generous parental leave policy.", "benefits"),
        ("The pay range for this role is $50,000 to $60,000 per year.", "compensation"),
        ("Send your resume and cover letter to the hiring team; interviews start next month.", "process"),
        ("Bachelor's degree and 3+ years of experience with SQL are required.", "requirements"),
        ("Experience with Kubernetes is a plus.", "preferred"),
    ],
)
def test_classify_text(text, kind):
    assert classify_text(text)[0] == kind


def test_classify_text_without_cues():
    assert classify_text("Widgets are round.") == (None, 0.0)


@pytest.mark.parametrize(
    "text",
    [
        "3+ years of c++/python, 401(k) match",
        "café-owner naïve résumé",  # letters outside [a-z] split words, as in _WORD
        "k\u212aelvin i\u0307 ß straße",
        "lone \ud800 surrogate",
        "",
        "  \t\n ",
    ],
)
def test_tokens_are_the_word_pattern_tokens(text):
    assert _tokens(text) == [word.encode() for word in _WORD.findall(text)]


# Lower-cased text made of what the cue patterns match, near misses ("analysis and", "this a") and
# word or non-word characters glued on, which decide where a word boundary stands.
_CUE_TEXT = st.lists(
    st.sampled_from(
        [
            "5 years of relevant experience", "1 year of experience", "3+ yrs", "is a company", "is an  firm",
            "is a global software company", "we are a team", "we are an agency", "for over 5 years", "for nearly 20 years",
            "for more than 3 years", "since 1999", "since 2020", "founded in 2020", "established in 1999", "$5",
            "analysis and", "this a company", "years of", "experience", "is", "a", "an", "we are", "for", "since",
        ]
    )
    | st.sampled_from([" ", "  ", "", "_", "\u00e9", "-", ".", "\n", "x", "9"]),
    max_size=12,
).map("".join)


@given(_CUE_TEXT)
def test_cue_patterns_run_wherever_they_can_match(text):
    """A pattern skipped for a missing 'when' string or word would have found nothing."""
    words = set(_tokens(text))
    for pattern, when, needed, _ in _cues().patterns_when:
        if pattern.search(text):
            assert any(string in text for string in when), pattern.pattern
            assert needed <= words, pattern.pattern


_LEADING_WORDS = re.compile(r"^([^\\(]+)\(\?<=\\b\1\)")


@given(_CUE_TEXT)
def test_cue_patterns_with_the_boundary_after_their_words_match_as_with_it_first(text):
    """'is a(?<=\\bis a)n? ' finds what '\\bis an? ' finds, where it finds it."""
    rewritten = [p for p, *_ in _cues().patterns_when if _LEADING_WORDS.match(p.pattern)]
    assert len(rewritten) >= 3
    for pattern in rewritten:
        opening = _LEADING_WORDS.match(pattern.pattern)
        boundary_first = re.compile(r"\b" + opening.group(1) + pattern.pattern[opening.end():])
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in boundary_first.finditer(text)]


def test_text_before_the_first_heading_is_classed_too():
    sections = sections_of(
        "Widget Polisher\n\nAcme Widgets is an equal opportunity employer.\n\nResponsibilities\n- Polish widgets\n"
    )
    assert [(s.heading, s.kind) for s in sections][-2:] == [(None, "eeo"), ("Responsibilities", "responsibilities")]


# ---------------------------------------------------------------- our samples


@pytest.mark.parametrize(
    "name, expected",
    [
        ("backend-engineer-v1.txt", ["about", "responsibilities", "requirements", "preferred", "benefits", "compensation", "eeo"]),
        ("data-analyst.md", ["about", "responsibilities", "requirements", "preferred", "benefits", "logistics", "process", "culture"]),
        ("ml-engineer-jsonld.html", ["about", "responsibilities", "requirements", "preferred", "compensation", "benefits", "eeo"]),
        ("customer-success-greenhouse.json", ["summary", "responsibilities", "requirements", "preferred", "benefits", "eeo"]),
        ("product-designer-lever.json", ["about", "summary", "responsibilities", "requirements", "preferred", "benefits", "compensation"]),
    ],
)
def test_sample_heading_kinds(samples_dir, name, expected):
    sections = split_sections(load_path(samples_dir / name))
    assert [s.kind for s in sections if s.heading is not None] == expected


def test_unheaded_sample_still_gets_sections(samples_dir):
    kinds = [s.kind for s in split_sections(load_path(samples_dir / "nurse-unheaded.txt"))]
    assert {"responsibilities", "requirements", "compensation", "eeo"} <= set(kinds)


# ---------------------------------------------------------------- the seeds

MERCARI = [
    ("Our Mission", "culture"),
    ("Our Culture", "culture"),
    ("Work Responsibilities", "responsibilities"),
    ("Bold Challenges", "responsibilities"),
    ("Required Experience", "requirements"),
    ("Preferred Experience", "preferred"),
    ("Screening Criteria", "process"),
    ("Language Requirements", "requirements"),
    ("Related Articles", "other"),
    ("Working Conditions", "logistics"),
    ("Employment Status", "logistics"),
    ("Office Location", "logistics"),
    ("Work Hours", "logistics"),
    ("Corporate Sites", "other"),
    ("Owned Media", "other"),
    ("About Mercari", "about"),
]


def test_mercari_seed(seeds_dir):
    path = seeds_dir / "mercari-backend.txt"
    sections = split_sections(load_path(path))
    assert headed(sections) == MERCARI
    lines = path.read_text(encoding="utf-8").split("\n")
    for s in sections:
        if s.heading is not None:
            assert lines[s.line_start - 1].strip() == s.heading
        bullets = [line for line in lines[s.line_start - 1 : s.line_end] if re.match(r"\s*(?:•|\d+\.)\s", line)]
        assert len(s.items) == len(bullets), s.heading
    assert len(section(sections, "Work Responsibilities").items) == 8


def test_pinterest_seed(seeds_dir):
    sections = split_sections(load_path(seeds_dir / "pinterest-backend.txt"))
    found = dict(headed(sections))
    assert found["About Pinterest"] == "about"
    assert found["What you’ll do"] == "responsibilities"
    assert found["What we’re looking for"] == "requirements"
    assert section(sections, "What you’ll do").items
    assert section(sections, "What we’re looking for").items


# ---------------------------------------------------------------- fast paths equal the plain patterns

# Label-like text: words glued to colons, capitals after sentence ends, long runs before a colon.
_LABEL_TEXT = st.lists(
    st.sampled_from(["Benefits", "Work Location", "R&D", "and", "x", "A", "Skills & Tools", "requirements"])
    | st.sampled_from([":", ": ", " ", ".", "..", "\n", "\t", "  ", "(", ")", "&", "9", "\u2026", "\u00a0", "-", "a" * 60]),
    max_size=14,
).map("".join)


@given(_LABEL_TEXT)
def test_glued_split_is_the_pattern_split(text):
    assert _glued_split(text) == _GLUED_LABEL.split(text)


_LAZY_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 /&,()'’-]{1,50}?)\s*:[ \t]*(?=\S)")


@given(_LABEL_TEXT)
def test_inline_label_is_the_lazy_pattern_match(text):
    """The greedy label, tried only where the first colon is near, is the lazy one but for trailing spaces."""
    fast, plain = _inline_label(text), _LAZY_LABEL.match(text)
    assert (fast and (fast.span(), fast.group(1).strip())) == (plain and (plain.span(), plain.group(1).strip()))


@given(_LABEL_TEXT | st.text())
def test_heading_key_is_the_same_on_ascii_and_unicode_paths(text):
    from jobscan.model import normalize

    lowered = normalize(text).lower().replace("&", " and ")
    assert _heading_key(text) == " ".join(_NON_WORD.sub(" ", lowered).split())


def test_anchored_patterns():
    assert _anchored(re.compile(r"^(?:develop|design)\w*\b"))
    assert not _anchored(re.compile(r"^develop|design"))
    assert not _anchored(re.compile(r"(?:^develop)"))
    assert not _anchored(re.compile(r"^develop", re.M))
    assert _anchored(re.compile(r"^[|(]x"))
