"""`jobscan compare`: postings side by side, their skills matrix and how alike they are."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import referencing
from typer.testing import CliRunner

from jobscan import analyze
from jobscan.cli import ExitCode, app
from jobscan.compare import compare, similarity_of, skill_similarity, yearly
from jobscan.model import Salary

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "jobscan" / "data"
SCHEMA = json.loads((DATA / "compare.schema.json").read_text(encoding="utf-8"))
POSTING_SCHEMA = json.loads((DATA / "posting.schema.json").read_text(encoding="utf-8"))
SAMPLES = ROOT / "samples"


@pytest.fixture
def runner():
    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": "200"})


def validate(document):
    registry = referencing.Registry().with_resource(POSTING_SCHEMA["$id"], referencing.Resource.from_contents(POSTING_SCHEMA))
    jsonschema.Draft202012Validator(SCHEMA, registry=registry).validate(document)


def posting(requirements: str, preferred: str = "", years: str = "3+") -> str:
    text = f"Platform Engineer\nNorthbeam Labs\n\nRequirements\n\n• {years} years of experience\n"
    text += "".join(f"• Experience with {name}\n" for name in requirements.split(",") if name)
    if preferred:
        text += "\nNice to Have\n\n" + "".join(f"• Experience with {name}\n" for name in preferred.split(","))
    return text


# ---- the seeds ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return [analyze(seeds_dir / "mercari-backend.txt"), analyze(seeds_dir / "pinterest-backend.txt")]


def test_seeds_levels_years_and_unique_languages(seeds):
    comparison = compare(seeds)
    assert [(p.seniority.level, p.seniority.years_min) for p in comparison.postings] == [("mid", 3), ("mid", 3)]
    by_name = {row.name: row.by_posting for row in comparison.skills}
    assert by_name["Go"][0] and by_name["PHP"][0] and by_name["Go"][1] is None and by_name["PHP"][1] is None
    assert by_name["Python"][1] and by_name["Java"][1] and by_name["Python"][0] is None and by_name["Java"][0] is None
    assert {"Go", "PHP"} <= set(comparison.unique_skills(0))
    assert {"Python", "Java"} <= set(comparison.unique_skills(1))


def test_seeds_json_has_each_requirement_per_posting(runner, seeds_dir):
    result = runner.invoke(app, ["compare", str(seeds_dir / "mercari-backend.txt"), str(seeds_dir / "pinterest-backend.txt"), "--format", "json"])
    assert result.exit_code == ExitCode.OK, result.output
    document = json.loads(result.stdout)
    validate(document)
    rows = {row["name"]: row["by_posting"] for row in document["skills"]}
    assert rows["Go"] == ["required", None] and rows["PHP"] == ["required", None]
    assert rows["Python"] == [None, "required"] and rows["Java"] == [None, "required"]
    assert [p["seniority"]["level"] for p in document["postings"]] == ["mid", "mid"]


def test_seeds_table(runner, seeds_dir):
    result = runner.invoke(app, ["compare", str(seeds_dir / "mercari-backend.txt"), str(seeds_dir / "pinterest-backend.txt")])
    assert result.exit_code == ExitCode.OK
    lines = result.output.splitlines()
    assert any(line.split() == ["level", "mid", "mid"] for line in lines)
    assert any(line.split() == ["years", "3+", "3+"] for line in lines)
    assert any(line.split() == ["Go", "✓"] for line in lines)
    assert "similarity" in result.output


# ---- the matrix and similarity -------------------------------------------------------------------------


def test_rows_group_by_category_and_sort_by_how_many_ask():
    postings = [analyze(posting("Python,SQL,Docker")), analyze(posting("Python,Docker")), analyze(posting("Python,Rust"))]
    rows = [(row.category, row.name, row.asked_by) for row in compare(postings).skills]
    languages = [r for r in rows if r[0] == "language"]
    assert languages[0] == ("language", "Python", 3)
    assert [r[2] for r in languages] == sorted((r[2] for r in languages), reverse=True)
    categories = [r[0] for r in rows]
    assert categories == sorted(categories, key=lambda c: [r[0] for r in rows].index(c))  # each category in one block


def test_weighted_jaccard():
    a = analyze(posting("Python,SQL"))
    assert skill_similarity(a, a) == 1.0
    assert skill_similarity(a, analyze(posting("Rust,Haskell"))) == 0.0
    # Python required in both, SQL required in one and preferred in the other: (1 + 0.6) / (1 + 1).
    assert skill_similarity(a, analyze(posting("Python", "SQL"))) == pytest.approx(0.8)


def test_similarity_adds_level_and_years_agreement():
    a, b = analyze(posting("Python")), analyze(posting("Python", years="8+"))
    assert skill_similarity(a, b) == 1.0
    assert a.seniority.level != b.seniority.level
    assert similarity_of(a, b) < 1.0
    assert similarity_of(a, b) == pytest.approx(similarity_of(b, a))


def test_similarity_matrix_is_symmetric_with_ones_on_the_diagonal():
    postings = [analyze(posting(s)) for s in ("Python,SQL", "Python", "Rust")]
    matrix = compare(postings).similarity
    for i in range(3):
        assert matrix[i][i] == 1.0
        for j in range(3):
            assert matrix[i][j] == matrix[j][i]
    assert matrix[0][1] > matrix[0][2]


def test_category_filter():
    comparison = compare([analyze(posting("Python,Docker")), analyze(posting("Rust,Docker"))], category="devops")
    assert [row.name for row in comparison.skills] == ["Docker"]


@pytest.mark.parametrize(
    "salary, expected",
    [
        (Salary(30, 40, "USD", "hour"), (62_400, 83_200)),
        (Salary(5_000, None, "EUR", "month"), (60_000, None)),
        (Salary(90_000, 120_000, "GBP", "year"), (90_000, 120_000)),
        (Salary(300, 400, "USD", None), None),
        (None, None),
    ],
)
def test_yearly_salary(salary, expected):
    assert yearly(salary) == expected


def test_compare_takes_two_to_twenty():
    one = analyze(posting("Python"))
    with pytest.raises(ValueError):
        compare([one])
    with pytest.raises(ValueError):
        compare([one] * 21)


# ---- the command ---------------------------------------------------------------------------------------


def test_cli_counts_and_category_checked(runner):
    assert runner.invoke(app, ["compare", str(SAMPLES / "data-analyst.md")]).exit_code == ExitCode.BAD_INPUT
    too_many = [str(SAMPLES / "data-analyst.md")] * 21
    result = runner.invoke(app, ["compare", *too_many])
    assert result.exit_code == ExitCode.BAD_INPUT and "2 to 20" in result.output
    bad = runner.invoke(app, ["compare", str(SAMPLES / "data-analyst.md"), str(SAMPLES / "data-analyst.md"), "--category", "nope"])
    assert bad.exit_code == ExitCode.BAD_INPUT and "unknown category" in bad.output


def test_cli_bad_file_is_reported_and_the_rest_compared(runner, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{nope", encoding="utf-8")
    files = [str(SAMPLES / "backend-engineer-v1.txt"), str(broken), str(SAMPLES / "data-analyst.md")]
    result = runner.invoke(app, ["compare", *files, "--format", "json"])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "broken.json" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert len(json.loads(result.stdout)["postings"]) == 2


def test_cli_only_diff_hides_agreed_rows(runner):
    files = [str(SAMPLES / "backend-engineer-v1.txt"), str(SAMPLES / "backend-engineer-v2.txt")]
    full = runner.invoke(app, ["compare", *files, "--format", "json"])
    only = runner.invoke(app, ["compare", *files, "--format", "json", "--only-diff"])
    all_rows = json.loads(full.stdout)["skills"]
    differing = json.loads(only.stdout)["skills"]
    assert {r["name"] for r in differing} == {r["name"] for r in all_rows if len(set(r["by_posting"])) > 1}
    assert {"Kubernetes", "Kafka"} <= {r["name"] for r in differing}
    table = runner.invoke(app, ["compare", *files, "--only-diff"]).output
    assert "PostgreSQL" not in table and "Kubernetes" in table
    assert "company" not in table and "years" in table


def test_cli_markdown(runner):
    files = [str(SAMPLES / "backend-engineer-v1.txt"), str(SAMPLES / "backend-engineer-v2.txt")]
    result = runner.invoke(app, ["compare", *files, "--format", "markdown"])
    assert result.exit_code == ExitCode.OK
    lines = result.stdout.splitlines()
    assert lines[0] == "|  | backend-engineer-v1.txt | backend-engineer-v2.txt |"
    assert "| **years** | 3+ | 5+ |" in lines
    assert "| **salary per year** |  | USD 140k–175k/yr |" in lines
    assert "| Kubernetes | devops | ✓ |  |" in lines
    widths = {line.count(" | ") for line in lines if line.startswith("| Kubernetes")}
    assert widths == {3}


def test_markdown_cells_cannot_break_the_table(runner, tmp_path):
    sneaky = tmp_path / "sneaky.txt"
    sneaky.write_text(posting("Python").replace("Platform Engineer", "Engineer | <b>night</b> *shift*"), encoding="utf-8")
    result = runner.invoke(app, ["compare", str(sneaky), str(SAMPLES / "data-analyst.md"), "--format", "markdown"])
    title = next(line for line in result.stdout.splitlines() if line.startswith("| **title**"))
    assert title.count(" | ") == 2
    assert "Engineer \\| \\<b\\>night\\</b\\> \\*shift\\*" in title


def test_cli_many_postings_split_into_tables_that_fit(tmp_path):
    files = []
    for number in range(12):
        path = tmp_path / f"posting-{number:02}.txt"
        path.write_text(posting("Python,SQL" if number % 2 else "Python,Rust"), encoding="utf-8")
        files.append(str(path))
    result = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "80"}).invoke(app, ["compare", *files])
    assert result.exit_code == ExitCode.OK
    assert "(postings 1–" in result.output and "of 12)" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert "#12" in result.output  # the similarity matrix names every posting


def test_cli_posting_text_is_escaped(runner, tmp_path):
    sneaky = tmp_path / "sneaky.txt"
    sneaky.write_text(posting("Python").replace("Platform Engineer", "[red]Platform[/red] \x1b]0;pwned\x07Engineer"), encoding="utf-8")
    result = runner.invoke(app, ["compare", str(sneaky), str(SAMPLES / "data-analyst.md")], color=True)
    assert "\x1b]0;" not in result.output and "\x07" not in result.output
    assert "[red]Platform[/red]" in result.output and "\\x1b]0;pwned\\x07" in result.output
