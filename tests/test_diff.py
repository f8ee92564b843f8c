"""`jobscan diff`: what changed between two versions of a posting, and nothing else."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from jobscan import analyze
from jobscan.cli import ExitCode, app
from jobscan.diff import CHANGE_KINDS, CHANGE_TYPES, diff, summary, unified, word_diff

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "jobscan" / "data" / "diff.schema.json").read_text(encoding="utf-8"))
V1 = ROOT / "samples" / "backend-engineer-v1.txt"
V2 = ROOT / "samples" / "backend-engineer-v2.txt"


@pytest.fixture
def runner():
    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": "160"})


def changes_between(old_text: str, new_text: str, new_source: str = "<new>"):
    return diff(analyze(old_text, source="<old>"), analyze(new_text, source=new_source))


def facts(changes):
    return {(c.kind, c.field, c.change, _hashable(c.old), _hashable(c.new)) for c in changes if c.kind not in ("item", "section")}


def _hashable(value):
    return json.dumps(value, sort_keys=True) if isinstance(value, (dict, list)) else value


def as_html(text: str) -> str:
    """A faithful HTML page of a plain-text posting: the title as <h1>, the other header lines as
    paragraphs, short lone lines as <h2>, bullet runs as lists (numbered sub-steps nested)."""
    out = ["<!doctype html><html><head><meta charset='utf-8'></head><body>"]
    for number, block in enumerate(re.split(r"\n\s*\n", text.strip())):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if number == 0:
            out.append(f"<h1>{html.escape(lines[0])}</h1>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:]))
        elif all(line.startswith(("•", "-")) or re.match(r"\d+\. ", line) for line in lines):
            items = []
            for line in lines:
                if re.match(r"\d+\. ", line):
                    items.append(f"<ol><li>{html.escape(line.split('. ', 1)[1])}</li></ol>")
                else:
                    items.append(f"<li>{html.escape(line.lstrip('•- '))}</li>")
            out.append("<ul>" + "".join(items) + "</ul>")
        elif len(lines) == 1 and len(lines[0]) < 40 and not lines[0].endswith("."):
            out.append(f"<h2>{html.escape(lines[0])}</h2>")
        else:
            out.append("<p>" + html.escape(" ".join(lines)) + "</p>")
    return "\n".join(out + ["</body></html>"])


# ---- the seed and its edited copy ----------------------------------------------------------------


@pytest.fixture(scope="module")
def mercari(seeds_dir):
    return (seeds_dir / "mercari-backend.txt").read_text(encoding="utf-8")


def edited_mercari(text: str) -> str:
    """The seed with a salary line added, Kubernetes taken out, 3+ → 5+ years and one bullet reworded."""
    edits = [
        ("  • Annual salary paid in 12 installments (monthly)\n", "  • Annual salary paid in 12 installments (monthly)\n  • Salary range: ¥8,000,000 – ¥12,000,000 per year\n"),
        ("Experience with Docker and Kubernetes or similar systems", "Experience with Docker or similar systems"),
        ("3+ years of industry programming experience", "5+ years of industry programming experience"),
        ("Solve complex architectural challenges", "Untangle hard architectural problems"),
    ]
    for old, new in edits:
        assert text.count(old) == 1
        text = text.replace(old, new)
    return text


def test_seed_edits_are_reported_as_exactly_those_changes(mercari):
    changes = changes_between(mercari, edited_mercari(mercari))
    assert facts(changes) == {
        ("metadata", "salary", "added", None, _hashable({"min": 8_000_000.0, "max": 12_000_000.0, "currency": "JPY", "period": "year"})),
        ("seniority", "years_min", "changed", 3, 5),
        # 5+ years of experience reads as senior: the level follows from the years edit.
        ("seniority", "level", "changed", "mid", "senior"),
        ("skill", "Kubernetes", "removed", "preferred", None),
    }
    items = [(c.change, c.old, c.new) for c in changes if c.kind == "item"]
    assert items == [
        ("changed", "Solve complex architectural challenges", "Untangle hard architectural problems"),
        ("changed", "3+ years of industry programming experience", "5+ years of industry programming experience"),
        ("changed", "Experience with Docker and Kubernetes or similar systems", "Experience with Docker or similar systems"),
        ("added", None, "Salary range: ¥8,000,000 – ¥12,000,000 per year"),
    ]
    assert not [c for c in changes if c.kind == "section"]


def test_seed_edit_changes_carry_their_lines(mercari):
    changes = changes_between(mercari, edited_mercari(mercari))
    years = next(c for c in changes if c.field == "years_min")
    lines = mercari.splitlines()
    assert "3+ years" in lines[years.line_old - 1]
    kubernetes = next(c for c in changes if c.field == "Kubernetes")
    assert "Kubernetes" in lines[kubernetes.line_old - 1] and kubernetes.line_new is None
    salary = next(c for c in changes if c.field == "salary")
    assert "Salary range" in edited_mercari(mercari).splitlines()[salary.line_new - 1]


def test_seed_edits_in_table_and_json(runner, mercari, tmp_path):
    (tmp_path / "old.txt").write_text(mercari, encoding="utf-8")
    (tmp_path / "new.txt").write_text(edited_mercari(mercari), encoding="utf-8")
    files = [str(tmp_path / "old.txt"), str(tmp_path / "new.txt")]
    table = runner.invoke(app, ["diff", *files])
    assert table.exit_code == ExitCode.DIFFERENT
    assert "JPY 8,000,000–12,000,000 per year" in table.output
    assert "[-Solve complex-] {+Untangle hard+} architectural [-challenges-] {+problems+}" in table.output
    assert "Experience with Docker [-and Kubernetes-] or similar systems" in table.output
    document = json.loads(runner.invoke(app, ["diff", *files, "--format", "json"]).stdout)
    jsonschema.validate(document, SCHEMA)
    assert [(c["kind"], c["field"], c["change"]) for c in document["changes"]] == [
        ("metadata", "salary", "added"),
        ("seniority", "level", "changed"),
        ("seniority", "years_min", "changed"),
        ("skill", "Kubernetes", "removed"),
        ("item", "responsibilities", "changed"),
        ("item", "requirements", "changed"),
        ("item", "preferred", "changed"),
        ("item", "compensation", "added"),
    ]


def test_seed_diff_against_itself_and_its_html_page_is_empty(mercari):
    assert changes_between(mercari, mercari) == []
    assert changes_between(mercari, as_html(mercari), "mercari.html") == []


@pytest.mark.parametrize("sample", [V1, V2], ids=lambda p: p.name)
def test_sample_against_its_html_page_is_empty(sample):
    text = sample.read_text(encoding="utf-8")
    assert changes_between(text, as_html(text), "page.html") == []


def test_formatting_only_changes_are_not_differences():
    text = V1.read_text(encoding="utf-8")
    about = re.search(r"Harborlight Payments builds.*?depends on\.", text, re.S).group()
    rewrapped = text.replace(about, "\n".join(re.findall(r".{1,50}(?:\s|$)", " ".join(about.split()))).replace(" \n", "\n"))
    assert rewrapped != text
    reformatted = rewrapped.replace("• ", "- ").replace("'", "’").replace("\n", "\r\n")
    assert changes_between(text, reformatted) == []
    assert unified(analyze(text), analyze(reformatted, source="<new>"), "old", "new") == ""


# ---- each kind of change ---------------------------------------------------------------------------

BASE = """Data Engineer
Quillfeather Analytics
Austin, TX
Full-time

About Us

Quillfeather builds forecasting tools for regional grocers.

Responsibilities

• Build batch pipelines in Python and Airflow
• Keep the warehouse tidy and documented
• Pair with analysts on new dashboards

Requirements

• 3+ years building data pipelines
• Strong SQL and dbt
• Bachelor's degree in a quantitative field

Nice to Have

• Experience with Snowflake
"""


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_metadata_changes():
    new = edit(BASE, ("Data Engineer\n", "Senior Data Engineer\n"), ("Austin, TX", "Remote, US"), ("Full-time", "Contract"))
    found = facts(changes_between(BASE, new))
    assert ("metadata", "title", "changed", "Data Engineer", "Senior Data Engineer") in found
    assert ("metadata", "locations", "changed", _hashable(["Austin, TX"]), _hashable(["Remote, US"])) in found
    assert ("metadata", "remote", "added", None, "remote") in found
    assert ("metadata", "employment_type", "changed", "full-time", "contract") in found


def test_salary_changed_from_to():
    old = BASE + "\nPay\n\nThe salary range is $120,000 - $140,000 per year.\n"
    new = old.replace("$120,000 - $140,000 per year", "$60 - $70 per hour")
    change = next(c for c in changes_between(old, new) if c.field == "salary")
    assert change.change == "changed"
    assert (change.old["min"], change.old["period"]) == (120_000, "year")
    assert (change.new["min"], change.new["max"], change.new["period"]) == (60, 70, "hour")
    assert change.line_old == change.line_new == old.splitlines().index("The salary range is $120,000 - $140,000 per year.") + 1


def test_seniority_changes():
    new = edit(BASE, ("3+ years building", "2-4 years of experience building"), ("Bachelor's degree in a quantitative field", "Master's degree in a quantitative field"))
    found = facts(changes_between(BASE, new))
    assert ("seniority", "years_min", "changed", 3, 2) in found
    assert ("seniority", "years_max", "added", None, 4) in found
    assert ("seniority", "education", "changed", "bachelor", "master") in found


def test_skill_added_removed_and_moved_with_evidence():
    new = edit(
        BASE,
        ("• Strong SQL and dbt\n", "• Strong SQL\n"),
        ("• Experience with Snowflake\n", "• Experience with Snowflake\n• Experience with dbt\n"),
        ("Python and Airflow", "Python and Spark"),
    )
    changes = {c.field: c for c in changes_between(BASE, new) if c.kind == "skill"}
    assert (changes["dbt"].change, changes["dbt"].old, changes["dbt"].new) == ("moved", "required", "preferred")
    assert changes["dbt"].evidence == "Experience with dbt"
    assert (changes["Airflow"].change, changes["Spark"].change) == ("removed", "added")
    assert changes["Spark"].line_new == new.splitlines().index("• Build batch pipelines in Python and Spark") + 1


def test_section_added_removed_and_renamed():
    new = edit(BASE, ("About Us\n\nQuillfeather builds forecasting tools for regional grocers.\n\n", ""), ("Nice to Have", "Bonus Points"))
    new += "\nBenefits\n\n• Four-day work weeks in summer\n"
    sections = {(c.change, c.old, c.new) for c in changes_between(BASE, new) if c.kind == "section"}
    assert sections == {("removed", "About Us", None), ("changed", "Nice to Have", "Bonus Points"), ("added", None, "Benefits")}


def test_item_added_removed_edited_and_moved():
    new = edit(
        BASE,
        ("• Keep the warehouse tidy and documented\n", ""),
        ("• Pair with analysts on new dashboards\n", "• Pair with analysts on their new dashboards\n• Run the on-call rotation\n"),
        ("• Strong SQL and dbt\n", ""),
        ("• Experience with Snowflake\n", "• Experience with Snowflake\n• Strong SQL and dbt\n"),
    )
    items = [(c.change, c.section_old, c.section_new, c.old, c.new) for c in changes_between(BASE, new) if c.kind == "item"]
    assert items == [
        ("removed", "responsibilities", None, "Keep the warehouse tidy and documented", None),
        ("changed", "responsibilities", "responsibilities", "Pair with analysts on new dashboards", "Pair with analysts on their new dashboards"),
        ("added", None, "responsibilities", None, "Run the on-call rotation"),
        ("moved", "requirements", "preferred", "Strong SQL and dbt", "Strong SQL and dbt"),
    ]


def test_unrelated_replacements_are_not_paired_as_edits():
    new = edit(
        BASE,
        ("• Keep the warehouse tidy and documented\n• Pair with analysts on new dashboards\n", "• Mentor two junior engineers\n• Own the quarterly cost report\n"),
    )
    items = sorted(c.change for c in changes_between(BASE, new) if c.kind == "item")
    assert items == ["added", "added", "removed", "removed"]


def test_lone_rewrite_in_place_is_one_edit():
    new = edit(BASE, ("Keep the warehouse tidy and documented", "Document the warehouse and keep it in order"))
    items = [(c.change, c.old) for c in changes_between(BASE, new) if c.kind == "item"]
    assert items == [("changed", "Keep the warehouse tidy and documented")]


def test_word_diff_marks_only_changed_words():
    assert word_diff("3+ years of Python", "5+ years of Python") == [("delete", "3+"), ("insert", "5+"), ("equal", "years of Python")]
    assert word_diff("same words", "same  words") == [("equal", "same words")]


def test_summary_lists_facts_then_counts():
    changes = diff(analyze(V1), analyze(V2))
    line = summary(changes)
    assert line.startswith("salary added; years_min 3 → 5; Kubernetes removed")
    assert "Kafka required → preferred" in line and "1 item moved" in line


def test_unified_shows_only_changed_lines():
    text = unified(analyze(V1), analyze(V2), "v1", "v2")
    changed = [line for line in text.splitlines() if line[:1] in "+-" and not line.startswith(("---", "+++"))]
    assert "-- 3+ years of professional experience building backend services in Python or Go" in changed
    assert "+- 5+ years of professional experience building backend services in Python or Go" in changed
    assert len(changed) == 8  # 3+ → 5+, Kubernetes out, one reworded bullet, Kafka moved, salary in
    assert unified(analyze(V1), analyze(V1), "a", "b") == ""


# ---- the command -----------------------------------------------------------------------------------


def test_cli_exit_codes(runner, tmp_path):
    assert runner.invoke(app, ["diff", str(V1), str(V1)]).exit_code == ExitCode.OK
    assert runner.invoke(app, ["diff", str(V1), str(V2)]).exit_code == ExitCode.DIFFERENT
    missing = runner.invoke(app, ["diff", str(V1), str(tmp_path / "nope.txt")])
    assert missing.exit_code == ExitCode.BAD_INPUT
    assert "nope.txt" in missing.output and "Traceback" not in missing.output
    mixed = runner.invoke(app, ["diff", str(tmp_path), str(V1)])
    assert mixed.exit_code == ExitCode.BAD_INPUT and "folder" in mixed.output


def test_cli_table_shows_each_kind_and_word_diff(runner):
    result = runner.invoke(app, ["diff", str(V1), str(V2)])
    for heading in ("Metadata", "Seniority", "Skills", "Items"):
        assert heading in result.output
    assert "USD 140,000–175,000 per year" in result.output
    assert "[-3+-] {+5++} years" in result.output
    assert "requirements → preferred" in result.output


def test_cli_json_follows_schema(runner):
    result = runner.invoke(app, ["diff", str(V1), str(V2), "--format", "json"])
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["equal"] is False
    kinds = [c["kind"] for c in document["changes"]]
    assert kinds == sorted(kinds, key=CHANGE_KINDS.index)
    salary = document["changes"][0]
    assert (salary["kind"], salary["field"], salary["change"], salary["line_new"]) == ("metadata", "salary", "added", 53)
    same = json.loads(runner.invoke(app, ["diff", str(V1), str(V1), "--format", "json"]).stdout)
    assert same["equal"] is True and same["changes"] == []


def test_schema_enums_are_the_models():
    change = SCHEMA["$defs"]["change"]["properties"]
    assert tuple(change["kind"]["enum"]) == CHANGE_KINDS
    assert tuple(change["change"]["enum"]) == CHANGE_TYPES


def test_cli_unified(runner):
    result = runner.invoke(app, ["diff", str(V1), str(V2), "--format", "unified"])
    assert result.exit_code == ExitCode.DIFFERENT
    assert result.stdout.startswith(f"--- {V1}\n+++ {V2}\n")


def test_cli_folders_pair_by_relative_path(runner, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        (folder / "team").mkdir(parents=True)
    (old / "team" / "backend.txt").write_text(V1.read_text(encoding="utf-8"), encoding="utf-8")
    (new / "team" / "backend.txt").write_text(V2.read_text(encoding="utf-8"), encoding="utf-8")
    (old / "same.txt").write_text(BASE, encoding="utf-8")
    (new / "same.txt").write_text(BASE.replace("• ", "- "), encoding="utf-8")
    (old / "gone.txt").write_text(BASE, encoding="utf-8")
    (new / "fresh.md").write_text(BASE, encoding="utf-8")
    table = runner.invoke(app, ["diff", str(old), str(new)])
    assert table.exit_code == ExitCode.DIFFERENT
    assert "team/backend.txt" in table.output and "salary added" in table.output
    assert "1 changed, 1 added, 1 removed, 1 unchanged" in table.output
    document = json.loads(runner.invoke(app, ["diff", str(old), str(new), "--format", "json"]).stdout)
    jsonschema.validate(document, SCHEMA)
    assert {p["path"]: p["status"] for p in document["postings"]} == {
        "fresh.md": "added", "gone.txt": "removed", "same.txt": "unchanged", "team/backend.txt": "changed",
    }
    unified_text = runner.invoke(app, ["diff", str(old), str(new), "--format", "unified"]).stdout
    assert f"Only in {new}: fresh.md" in unified_text and f"+++ {new}/team/backend.txt" in unified_text


def test_cli_folders_go_on_past_a_bad_file(runner, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "broken.json").write_text("{not json", encoding="utf-8")
    (new / "broken.json").write_text("{not json", encoding="utf-8")
    (old / "ok.txt").write_text(BASE, encoding="utf-8")
    (new / "ok.txt").write_text(BASE, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "broken.json" in result.stderr and "Traceback" not in result.output
    assert "1 unchanged" in result.stdout


def test_cli_posting_text_cannot_style_or_escape(runner, tmp_path):
    new = BASE.replace("Keep the warehouse tidy and documented", "Keep the [bold red]warehouse[/] tidy \x1b[31mand documented")
    (tmp_path / "old.txt").write_text(BASE, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt")], color=True)
    assert "\x1b[31m" not in result.output
    assert "[bold red]warehouse[/]" in result.output and "\\x1b" in result.output


# ---- properties ------------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = st.sampled_from("build run own ship the data pipelines with Python SQL for teams across regions and on call".split())
BULLETS = st.lists(st.lists(WORDS, min_size=3, max_size=9).map(" ".join), min_size=1, max_size=8, unique=True)


def bulleted(bullets: list[str]) -> str:
    return "Data Engineer\nQuillfeather Analytics\n\nResponsibilities\n\n" + "".join(f"• {b}\n" for b in bullets)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(BULLETS, BULLETS)
def test_diff_is_empty_for_equal_postings_and_mirrors_when_reversed(old_bullets, new_bullets):
    old, new = analyze(bulleted(old_bullets), source="a"), analyze(bulleted(new_bullets), source="b")
    assert diff(old, old) == []
    forward = [c for c in diff(old, new) if c.kind == "item"]
    backward = [c for c in diff(new, old) if c.kind == "item"]
    mirror = {"added": "removed", "removed": "added", "changed": "changed", "moved": "moved"}
    assert sorted(mirror[c.change] for c in forward) == sorted(c.change for c in backward)
    # Every bullet on each side is accounted for: kept, edited, added or removed.
    touched_old = {c.old for c in forward if c.old is not None}
    touched_new = {c.new for c in forward if c.new is not None}
    assert touched_old <= set(old_bullets) and touched_new <= set(new_bullets)
    assert set(old_bullets) - touched_old <= set(new_bullets)
