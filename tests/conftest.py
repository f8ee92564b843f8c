"""Shared fixtures: the samples we wrote, and the real corpus in ../shared when it is present."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """samples/: postings written for this project, in every format the loader reads."""
    return REPO / "samples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared: seeds, corpus and tools; tests that need it skip on machines without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return seeds


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real postings, one file each, written once per test session by materialize.py."""
    tool = shared_dir / "tools" / "materialize.py"
    if not tool.is_file():
        pytest.skip("../shared/tools/materialize.py is not present")
    out = tmp_path_factory.mktemp("corpus") / "postings"
    # The tool uses only the standard library, so any Python 3 will do.
    python = shutil.which("python3") or sys.executable
    done = subprocess.run([python, str(tool), str(out)], capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"materialize.py failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return out
