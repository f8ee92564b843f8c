"""The skill matcher: token boundaries, case rules, fuzzy matching, requirement cues, years,
one hit per skill, and the seed postings. Sentences here are made up for the tests."""
from __future__ import annotations

import html
import json
import re
from dataclasses import FrozenInstanceError, fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobscan.model import Block, Section, SkillHit
from jobscan.skills import _sentences, extract_skills

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def section(kind: str, *texts: str, item: bool = False, start: int = 1) -> Section:
    blocks = []
    line = start
    for text in texts:
        blocks.append(Block("item" if item else "paragraph", text, line, line + text.count("\n")))
        line += text.count("\n") + 1
    return Section(kind, None, start, line - 1, tuple(blocks))


def hits(text: str, kind: str = "requirements") -> dict[str, SkillHit]:
    return {h.id: h for h in extract_skills([section(kind, text)])}


def surfaces(text: str) -> dict[str, str]:
    return {i: h.surface for i, h in hits(text).items()}


# --- boundaries and case --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, skill_id, surface",
    [
        ("Strong C++ and C# skills.", "cpp", "C++"),
        ("Strong C++ and C# skills.", "csharp", "C#"),
        ("Services on .NET and ASP.NET Core.", "dotnet", ".NET"),
        ("Services on .NET and ASP.NET Core.", "aspnet-core", "ASP.NET Core"),
        ("APIs in Node.js with Express.", "nodejs", "Node.js"),
        ("We maintain CI/CD pipelines.", "ci-cd", "CI/CD pipelines"),
        ("Networking: TCP/IP, DNS and IDS/IPS.", "tcp-ip", "TCP/IP"),
        ("Networking: TCP/IP, DNS and IDS/IPS.", "ids-ips", "IDS/IPS"),
        ("Run A/B testing on features.", "ab-testing", "A/B testing"),
        ("Tags: amazon-web-services java-ee", "aws", "amazon-web-services"),
        ("Tokenised text like Node . js counts too.", "nodejs", "Node . js"),
        ("Knowledge of the Docker ecosystem.", "docker", "Docker ecosystem"),
        ("Knowledge of DevOps practices.", "devops", "DevOps practices"),
        ("Scripting on Unix systems.", "unix", "Unix systems"),
    ],
)
def test_tech_names_with_punctuation(text, skill_id, surface):
    assert surfaces(text)[skill_id] == surface


def test_java_is_not_found_inside_javascript():
    assert set(hits("Frontend in JavaScript and TypeScript.")) >= {"javascript", "typescript"}
    assert "java" not in hits("Frontend in JavaScript and TypeScript.")


def test_dotnet_needs_its_dot_unglued():
    assert "dotnet" not in hits("Report the net revenue in Java.")
    assert "dotnet" not in hits("We wrote Java.NET bridges.")
    assert "dotnet" in hits("C#/.NET developers")


def test_case_rules():
    assert "go" in hits("Services written in Go and Python.")
    assert "go" not in hits("Ready to go with Python and Java.")
    assert "r" in hits("Statistics in R and Python.")
    assert "r" not in hits("Statistics in r and Python.")
    assert "c" in hits("Firmware in C and C++.")
    assert "c" not in hits("Vitamin C and Python.")


@pytest.mark.parametrize(
    "text, skill_id",
    [
        ("Services in Python and Ruby.", "ruby"),
        ("Build tools in Java and/or Groovy.", "groovy"),
        ("Unit tests with Mocha or Jest.", "mocha"),
        ("Small APIs with Flask and Django.", "flask"),
    ],
)
def test_ruled_name_joined_to_a_tech_name_by_and_or(text, skill_id):
    assert skill_id in hits(text)


def test_joined_ruled_name_must_still_be_written_as_a_name():
    assert "go" not in hits("Pick Python and go home early.")
    assert "ruby" not in hits("Loved by Python and ruby fans.")


def test_heading_blocks_are_never_matched():
    heading = Block("heading", "Python", 1, 1)
    body = Block("paragraph", "Nothing technical here.", 2, 2)
    assert extract_skills([Section("requirements", None, 1, 2, (heading, body))]) == ()


def test_section_heading_is_matched_only_when_it_names_no_known_section():
    body = (Block("paragraph", "Nothing technical here.", 2, 2),)
    found = extract_skills([Section("requirements", "HTML5 CSS3", 1, 2, body)])
    assert [(h.id, h.surface, h.line) for h in found] == [("html", "HTML5", 1), ("css", "CSS3", 1)]
    assert extract_skills([Section("eeo", "Accessibility & equal opportunity", 1, 2, body)]) == ()


def test_industry_label_run_together_on_one_line():
    line = "Role: QA Tester Industry: Retail Publishing Company size: 50 people"
    assert {"retail", "publishing"} <= set(hits(line))
    assert "retail" not in hits("Role: QA Tester Location: Leeds. We sell Retail software in Java.")
    far = "Role: QA. Industry: Software. " + "We ship code to customers every week and then some more " * 2 + "for Retail."
    assert "retail" not in hits(far)


def test_industry_label_as_section_heading():
    heading = Block("heading", "Industry:", 1, 1)
    values = Block("paragraph", "Retail Publishing", 2, 2)
    later = Block("paragraph", "We build Retail tools.", 3, 3)
    found = extract_skills([Section("other", "Industry", 1, 3, (heading, values, later))])
    assert {h.id: h.surface for h in found} == {"retail": "Retail", "publishing": "Publishing"}
    assert extract_skills([section("about", "Retail Publishing")]) == ()


# --- fuzzy ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, skill_id, surface",
    [
        ("Experience with Kubernets in production.", "kubernetes", "Kubernets"),
        ("Solid Javascipt skills.", "javascript", "Javascipt"),
        ("We store data in Postgre SQL.", "postgresql", "Postgre SQL"),
        ("Models trained with Tensor Flow.", "tensorflow", "Tensor Flow"),
    ],
)
def test_fuzzy_hits(text, skill_id, surface):
    hit = hits(text)[skill_id]
    assert hit.surface == surface
    assert hit.match in ("fuzzy", "alias") and 0 < hit.score <= 100


@pytest.mark.parametrize(
    "text",
    [
        "Experience with Gra",  # a cut-off word is not a skill
        "Be sensible and reliable.",  # close to "Ansible" but an English word
        "A scalar value and a reactive mindset.",  # close to "Scala", "React"
        "Jav and Pyth are not words.",  # too short to correct
        "Our docket is full of exciting tasks.",
    ],
)
def test_fuzzy_non_hits(text):
    assert not [h for h in hits(text).values() if h.match == "fuzzy"]


# --- requirement --------------------------------------------------------------------------


def test_requirement_from_section_kind():
    assert hits("Python and Docker.", "requirements")["python"].requirement == "required"
    assert hits("Python and Docker.", "preferred")["python"].requirement == "preferred"
    assert hits("Write code in Go and PHP.", "responsibilities")["php"].requirement == "required"
    assert hits("Our team uses Python.", "summary")["python"].requirement == "mentioned"
    assert hits("You have experience with Python.", "summary")["python"].requirement == "required"


@pytest.mark.parametrize("kind", ["about", "eeo", "culture", "benefits", "process"])
def test_company_text_is_only_mentioned(kind):
    found = hits("We built our platform in Python; experience with Java is required.", kind)
    assert {h.requirement for h in found.values()} == {"mentioned"}


@pytest.mark.parametrize(
    "text",
    [
        "Docker is a plus.",
        "Nice to have: Docker.",
        "Docker experience preferred.",
        "Bonus points for Docker.",
        "Ideally you know Docker.",
        "Familiarity with Docker is a plus.",
    ],
)
def test_preferred_cues(text):
    assert hits(text)["docker"].requirement == "preferred"


def test_cue_applies_to_its_clause_only():
    found = hits("Python is required; Docker is a plus.")
    assert found["python"].requirement == "required"
    assert found["docker"].requirement == "preferred"


def test_one_hit_per_skill_keeps_strongest_requirement_and_first_evidence():
    sections = [
        section("preferred", "Python would be nice."),
        section("requirements", "Also Java.", "5+ years of Python in production.", start=2),
    ]
    result = extract_skills(sections)
    assert [h.id for h in result] == ["python", "java"]  # order of first mention
    python = result[0]
    assert python.requirement == "required"
    assert python.evidence == "Python would be nice."
    assert python.section == "preferred" and python.line == 1
    assert python.years == 5


@pytest.mark.parametrize(
    "text",
    ["Experience with compiled languages (e.g. Go or Rust).", "Experience with compiled languages ( e.g . Go or Rust ) ."],
)
def test_an_abbreviation_ends_no_sentence(text):
    found = hits(text, kind="summary")
    assert found["rust"].requirement == "required"  # "Experience with" is in the same sentence
    assert found["rust"].evidence == text


# --- years, lines, evidence -------------------------------------------------------------------


def test_sentence_ends():
    text = "Use Go. Know e.g. Rust or i.e . C! Why?\n\nNext one\nwrapped line\n- Item. End"
    assert [text[a:b] for a, b in _sentences(text)] == [
        "Use Go.", "Know e.g. Rust or i.e . C!", "Why?", "Next one\nwrapped line", "- Item.", "End"]  # fmt: skip


@pytest.mark.parametrize(
    "text, skill_id, years",
    [
        ("5+ years of Python.", "python", 5),
        ("Python (3+ years).", "python", 3),
        ("3-5 years experience with Java and Spring.", "spring", 3),
        ("At least two years of Go and Kubernetes.", "go", 2),
        ("Python and a can-do attitude.", "python", None),
    ],
)
def test_years(text, skill_id, years):
    assert hits(text)[skill_id].years == years


def test_line_and_evidence_in_a_multiline_paragraph():
    text = "We are a small team.\nYou know Kubernetes well.\nYou like Terraform."
    found = hits(text)
    assert found["kubernetes"].line == 2
    assert found["kubernetes"].evidence == "You know Kubernetes well."
    assert found["terraform"].line == 3


def test_mentions_are_located_past_repeated_words_and_runs_of_separators():
    found = hits("Data, data  science and DATA -- machine learning")
    assert found["data-science"].surface == "data  science"
    assert found["machine-learning"].surface == "machine learning"
    found = hits("preKubernetes, Kubernetes!\nterraform -- kubernetes;;  Terraform\tand  Ansible")
    assert (found["kubernetes"].surface, found["kubernetes"].line) == ("Kubernetes", 1)
    assert (found["terraform"].surface, found["terraform"].line) == ("terraform", 2)
    assert (found["ansible"].surface, found["ansible"].line) == ("Ansible", 2)


def test_blocks_with_and_without_non_ascii_text_in_one_posting():
    posting = [section("requirements", "Café owners: Kubernetes • Docker", "Python, Go and Rust."),
               section("preferred", "ΣΥΣΤΗΜΑΤΑ Terraform", item=True)]  # fmt: skip
    found = {h.id: h for h in extract_skills(posting)}
    assert [found[i].surface for i in ("kubernetes", "docker", "python", "terraform")] == [
        "Kubernetes", "Docker", "Python", "Terraform"]  # fmt: skip
    assert found["terraform"].requirement == "preferred"


def test_no_match_spans_two_blocks_and_text_holding_the_gap_token_still_matches():
    posting = [section("requirements", "Docker", "Compose and Amazon", "Web Services")]
    assert [(h.id, h.line) for h in extract_skills(posting)] == [("docker", 1), ("web-services", 3)]
    with_gap = [section("requirements", "Python \x00 Docker", "Kubernetes")]
    assert [(h.id, h.line) for h in extract_skills(with_gap)] == [("python", 1), ("docker", 1), ("kubernetes", 2)]


def test_offsets_survive_invisible_characters():
    found = hits("Know\u00ad ledge of Dock\u200ber and Python 3.")
    assert found["python"].surface == "Python 3"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Python", "C++", ".NET", "Go", " ", "\n", ".", "-", "/", "\u00a0", "\u200b", "é", "\x1c",
                                 "Kubernets", "5+ years of", "nice to have", "Java", "İ", "is a plus;", "Tensor", "Flow"]),
                max_size=30))
def test_any_text_gives_consistent_hits(parts):
    text = "".join(parts)
    for hit in extract_skills([section("requirements", text)]):
        line = text.split("\n")[hit.line - 1]
        assert hit.surface in line or "\n" in hit.surface


def test_hits_are_the_same_as_built_by_the_dataclass():
    hit = hits("5+ years of Python.")["python"]
    rebuilt = SkillHit(**{f.name: getattr(hit, f.name) for f in fields(SkillHit)})
    assert hit == rebuilt and hash(hit) == hash(rebuilt) and repr(hit) == repr(rebuilt)
    with pytest.raises(FrozenInstanceError):
        hit.years = 3  # type: ignore[misc]


def test_to_dict_has_every_field():
    d = hits("5+ years of Python.")["python"].to_dict()
    assert list(d) == ["id", "name", "category", "requirement", "section", "surface", "line", "evidence", "match",
                       "score", "years", "surfaces"]  # fmt: skip
    assert json.loads(json.dumps(d)) == d


def test_every_spelling_of_a_skill_is_kept_once():
    hit = hits("We use React daily.\n\n- ReactJS and react hooks\n- Strong REACT skills")["react"]
    assert hit.surface == "React"
    assert hit.surfaces == ("React", "ReactJS")


def test_every_spelling_of_a_dotted_name_is_kept():
    hit = hits(".NET experience is a plus.\n\n3+ years of .NET framework development.")["dotnet"]
    assert hit.surfaces == (".NET", ".NET framework")
    assert (hit.requirement, hit.years) == ("required", 3)


def test_spellings_of_ambiguous_names_come_from_accepted_mentions():
    hit = hits("- Write services in Go and PHP\n- Go Bold with golang tooling")["go"]
    assert hit.surfaces == ("Go", "golang")


# --- seeds (../shared/seeds; skipped without it) --------------------------------------------

needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is not available")

MERCARI_KINDS = {
    "Our Mission": "about",
    "Our Culture": "culture",
    "Work Responsibilities": "responsibilities",
    "Bold Challenges": "responsibilities",
    "Required Experience": "requirements",
    "Preferred Experience": "preferred",
}


def plain_sections(text: str, kinds: dict[str, str]) -> list[Section]:
    """A tiny stand-in for the section splitter: known heading lines start sections."""
    sections: list[Section] = []
    kind, blocks = "other", []
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped in kinds:
            sections.append(Section(kind, None, 1, n, tuple(blocks)))
            kind, blocks = kinds[stripped], [Block("heading", stripped, n, n)]
        elif stripped:
            is_item = stripped.startswith(("\u2022", "-", "*"))
            blocks.append(Block("item" if is_item else "paragraph", stripped.lstrip("\u2022-* "), n, n))
    sections.append(Section(kind, None, 1, n, tuple(blocks)))
    return sections


@needs_shared
def test_mercari_seed_go_and_php_required_and_go_bold_ignored():
    text = (SHARED / "seeds" / "mercari-backend.txt").read_text(encoding="utf-8")
    found = {h.id: h for h in extract_skills(plain_sections(text, MERCARI_KINDS))}
    assert found["go"].requirement == found["php"].requirement == "required"
    assert found["go"].evidence == "Write code in Go and PHP"
    culture = [s for s in plain_sections(text, MERCARI_KINDS) if s.kind in ("culture", "other")]
    assert "go" not in {h.id for h in extract_skills(culture)}


@needs_shared
def test_pinterest_seed_python_java_and_truncated_text():
    raw = (SHARED / "seeds" / "pinterest-backend.txt").read_text(encoding="utf-8")
    # The listing is cut off inside its last <li>, so split on the opening tags.
    items = [html.unescape(re.sub(r"<[^>]+>", "", li)).strip() for li in re.split(r"<li[^>]*>", raw)[1:]]
    found = extract_skills([section("requirements", *items, item=True)])
    ids = {h.id for h in found}
    assert {"python", "java"} <= ids
    truncated = [i for i in items if i.startswith("Experience with Gra")]
    assert truncated and extract_skills([section("requirements", *truncated, item=True)]) == ()


# --- corpus (SkillSpan dev, rebuilt from ../shared/corpus; skipped without it) -------------------


@pytest.mark.skipif(not (SHARED / "corpus" / "skillspan").is_dir(), reason="../shared is not available")
def test_skillspan_tech_dev_f1_does_not_regress():
    postings: dict[tuple, list] = {}
    with open(SHARED / "corpus" / "skillspan" / "json" / "dev.json", encoding="utf-8") as f:
        for line in f:
            s = json.loads(line)
            if s["source"] == "tech":
                postings.setdefault(s["idx"], []).append(s)
    tp = fp = fn = 0
    for sents in postings.values():
        gold, span = set(), []
        for s in sents:
            for tok, tag in zip(s["tokens"] + ["."], s["tags_knowledge"] + ["O"]):
                if tag == "I" and span:
                    span.append(tok)
                    continue
                if span:
                    gold.add(" ".join(span).lower())
                span = [tok] if tag in ("B", "I") else []
        text = "\n".join(" ".join(s["tokens"]) for s in sents)
        pred = {h.surface.lower() for h in extract_skills([section("requirements", text)]) if h.category != "soft"}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.48, f1
