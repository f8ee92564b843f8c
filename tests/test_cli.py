import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscan import __version__
from jobscan.cli import ExitCode, app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
POSTING = """Platform Engineer
Lumenhollow Freight

Responsibilities
• Run the deployment pipeline for our routing services
• Keep on-call load humane

Requirements
• 4+ years operating Linux fleets
• Comfort with Terraform
"""


@pytest.fixture
def runner():
    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": "200"})


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"jobscan {__version__}"


def test_every_command_and_option_has_help(runner):
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help, f"{name} has no help text"
        assert "Example:" in (command.epilog or ""), f"{name} has no example"
        for param in command.params:
            if param.name != "help":
                assert getattr(param, "help", None), f"{name} --{param.name} has no help text"
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output


def test_show_table_lists_sections(runner, tmp_path):
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 0, result.output
    assert "Platform Engineer" in result.output
    assert "responsibilities" in result.output and "requirements" in result.output


def test_show_json_is_the_posting_document(runner, tmp_path):
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    result = runner.invoke(app, ["show", str(path), "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "1.1"
    assert doc["title"] == "Platform Engineer"
    kinds = [s["kind"] for s in doc["sections"]]
    assert "responsibilities" in kinds and "requirements" in kinds


def test_show_reads_stdin(runner):
    result = runner.invoke(app, ["show", "-", "--format", "json"], input=POSTING)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_show_missing_file_is_one_line_error(runner, tmp_path):
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["show", str(missing)])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stdout == ""
    assert result.stderr.strip() == f"error: {missing}: no such file"
    assert "Traceback" not in result.output


def test_scan_folder_skips_hidden_and_other_extensions(runner, tmp_path):
    (tmp_path / "a.txt").write_text(POSTING, encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "b.md").write_text("# Data Analyst\n\n## Requirements\n- SQL\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(POSTING, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(POSTING, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = runner.invoke(app, ["scan", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "nested" / "b.md")]


def test_scan_bad_file_reported_and_batch_goes_on(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(POSTING, encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    before = bad.read_bytes()
    result = runner.invoke(app, ["scan", str(tmp_path), "--format", "json"])
    assert result.exit_code == ExitCode.BAD_INPUT
    docs = json.loads(result.stdout)
    assert [d["source"] for d in docs] == [str(good)]
    assert str(bad) in result.stderr and "invalid JSON" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert bad.read_bytes() == before


def test_scan_csv_has_one_row_per_posting(runner):
    result = runner.invoke(app, ["scan", str(SAMPLES), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len([p for p in SAMPLES.iterdir() if not p.name.startswith(".")])
    assert all(int(row["sections"]) > 0 for row in rows)


def test_scan_table_of_samples(runner):
    result = runner.invoke(app, ["scan", str(SAMPLES)])
    assert result.exit_code == 0, result.stderr
    assert "Harborlight" in result.stdout
    assert "postings" in result.stdout


def test_posting_text_cannot_style_or_drive_the_terminal(runner, tmp_path):
    hostile = "[bold red]Boss[/bold red] \x1b[31mRed\x1b[0m \x1b]0;pwned\x07 Engineer\n\nRequirements\n- [link=x]click[/link]\n"
    path = tmp_path / "hostile.txt"
    path.write_text(hostile, encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "200", "TERM": "xterm-256color", "FORCE_COLOR": "1"}).invoke(app, ["show", str(path)])
    assert result.exit_code == 0
    assert "[bold red]Boss[/bold red]" in result.stdout
    assert "\x1b]0;pwned" not in result.stdout
    assert "\x1b[31mRed" not in result.stdout
    assert "\\x1b[31mRed" in result.stdout


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-m", "jobscan", "--version"], capture_output=True, text=True, check=False)
    assert completed.returncode == 0
    assert completed.stdout.strip() == f"jobscan {__version__}"


def test_show_lists_skills_and_seniority(runner, tmp_path):
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 0, result.output
    assert "Skills" in result.output and "Terraform" in result.output
    assert "Seniority" in result.output and "4+" in result.output


def test_skills_search_finds_misspelling(runner):
    result = runner.invoke(app, ["skills", "kubernets", "--format", "json", "--limit", "3"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "kubernetes"


def test_skills_category_filter_and_unknown_category(runner):
    result = runner.invoke(app, ["skills", "--category", "cloud", "--format", "json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert listed and {s["category"] for s in listed} == {"cloud"}
    bad = runner.invoke(app, ["skills", "--category", "clouds"])
    assert bad.exit_code == ExitCode.BAD_INPUT
    assert "unknown category 'clouds'" in bad.stderr


def test_user_vocabulary_adds_a_skill_everywhere(runner, tmp_path):
    vocab = tmp_path / "house.toml"
    vocab.write_text('[[skill]]\nname = "Routeweaver"\ncategory = "tool"\naliases = ["RW engine"]\n', encoding="utf-8")
    path = tmp_path / "posting.txt"
    path.write_text(POSTING.replace("Comfort with Terraform", "Comfort with the RW engine"), encoding="utf-8")
    without = json.loads(runner.invoke(app, ["show", str(path), "--format", "json"]).stdout)
    assert "Routeweaver" not in [s["name"] for s in without["skills"]]
    shown = json.loads(runner.invoke(app, ["show", str(path), "--format", "json", "--vocab", str(vocab)]).stdout)
    hit = next(s for s in shown["skills"] if s["name"] == "Routeweaver")
    assert (hit["requirement"], hit["surface"]) == ("required", "RW engine")
    listed = runner.invoke(app, ["skills", "routeweaver", "--vocab", str(vocab), "--format", "json"])
    assert json.loads(listed.stdout)[0]["name"] == "Routeweaver"


def test_broken_vocabulary_file_is_one_line_error(runner, tmp_path):
    vocab = tmp_path / "broken.json"
    vocab.write_text("{nope", encoding="utf-8")
    result = runner.invoke(app, ["scan", str(SAMPLES), "--vocab", str(vocab)])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and str(vocab) in result.stderr
