"""The samples' JSON documents match the reviewed goldens (`make goldens` rewrites them on purpose)."""
import json
from pathlib import Path

import jsonschema
import pytest

from jobscan import analyze

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if not p.name.startswith("."))
SCHEMA = json.loads((ROOT / "jobscan" / "data" / "posting.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_matches_golden(sample):
    expected = json.loads((ROOT / "tests" / "golden" / f"{sample.name}.expected.json").read_text(encoding="utf-8"))
    assert analyze(sample, source=f"samples/{sample.name}").to_dict() == expected


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_document_follows_schema(sample):
    jsonschema.validate(analyze(sample).to_dict(), SCHEMA)


def test_schema_is_valid_and_versioned():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    from jobscan.model import SCHEMA_VERSION

    assert SCHEMA["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def test_schema_enums_are_the_models():
    from jobscan.model import EDUCATION_LEVELS, REQUIREMENTS, SECTION_KINDS, SENIORITY_LEVELS
    from jobscan.vocab import CATEGORIES

    props = SCHEMA["properties"]
    assert props["sections"]["items"]["properties"]["kind"]["enum"] == list(SECTION_KINDS)
    skill = props["skills"]["items"]["properties"]
    assert skill["category"]["enum"] == list(CATEGORIES)
    assert skill["requirement"]["enum"] == list(REQUIREMENTS)
    seniority = props["seniority"]["oneOf"][1]["properties"]
    assert seniority["level"]["enum"] == [*SENIORITY_LEVELS, None]
    assert seniority["education"]["enum"] == [*EDUCATION_LEVELS, None]
