"""The pipeline end to end through the library API: what a user of `jobscan.analyze` gets."""
import pickle
from pathlib import Path

import pytest

import jobscan
from jobscan import LoadError, analyze

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
needs_seeds = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is not available")

POSTING = """Data Engineer II
Fernbrook Analytics

What You'll Do
- Build batch pipelines in Python and SQL on Snowflake
- Own our Airflow deployment

What We're Looking For
- 3-5 years of data engineering experience
- Bachelor's degree in a quantitative field, or equivalent experience

Nice to Have
- Experience with dbt is a plus
"""


def test_analyze_accepts_text_path_and_str_path(tmp_path):
    path = tmp_path / "posting.md"
    path.write_text(POSTING, encoding="utf-8")
    from_text = analyze(POSTING)
    from_path = analyze(path)
    from_str = analyze(str(path))
    assert from_text.source == "<text>"
    assert from_path.source == from_str.source == str(path)
    assert from_text.sections == from_path.sections == from_str.sections


def test_analyze_reads_skills_seniority_and_sections():
    posting = analyze(POSTING)
    assert posting.meta.title == "Data Engineer II"
    kinds = [s.kind for s in posting.sections]
    assert kinds.index("responsibilities") < kinds.index("requirements") < kinds.index("preferred")
    skills = {s.name: s.requirement for s in posting.skills}
    assert skills["Python"] == "required"
    assert skills["Snowflake"] == "required"
    assert skills["dbt"] == "preferred"
    seniority = posting.seniority
    assert (seniority.years_min, seniority.years_max) == (3, 5)
    assert seniority.education == "bachelor" and seniority.education_equivalent
    assert seniority.level == "mid"


def test_posting_pickles_for_worker_processes():
    posting = analyze(POSTING)
    assert pickle.loads(pickle.dumps(posting)) == posting


def test_bad_input_raises_load_error_with_reason(tmp_path):
    with pytest.raises(LoadError) as caught:
        analyze(tmp_path / "missing.txt")
    assert caught.value.reason == "no such file"
    assert jobscan.LoadError is LoadError


@needs_seeds
def test_mercari_seed_end_to_end():
    posting = analyze(SHARED / "seeds" / "mercari-backend.txt")
    hits = {s.name: s for s in posting.skills}
    assert hits["Go"].requirement == hits["PHP"].requirement == "required"
    assert "Write code in Go and PHP" in hits["Go"].evidence
    assert "Go Bold" not in hits["Go"].evidence
    assert posting.seniority.level == "mid" and posting.seniority.years_min == 3


@needs_seeds
def test_pinterest_seed_end_to_end():
    posting = analyze(SHARED / "seeds" / "pinterest-backend.txt")
    names = {s.name for s in posting.skills}
    assert {"Python", "Java"} <= names
    assert not any(s.surface.lower().startswith("gra") for s in posting.skills)
    assert posting.seniority.level == "mid" and posting.seniority.years_min == 3
    assert posting.meta.truncated
