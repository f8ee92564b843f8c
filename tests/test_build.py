"""The compiled stages (setup.py) are built from the sources beside them.

An editable install leaves them in jobscan/, where Python imports them before the .py files: one
older than its source would run, and be tested, as the code was before the edit.
"""
from pathlib import Path

import jobscan

PACKAGE = Path(jobscan.__file__).resolve().parent


def test_no_compiled_stage_is_older_than_its_source():
    stale = []
    for compiled in PACKAGE.glob("*.so"):
        source = compiled.with_name(compiled.name.split(".")[0] + ".py")
        if source.exists() and source.stat().st_mtime > compiled.stat().st_mtime:
            stale.append(source.name)
    assert not stale, f"{', '.join(stale)} changed after compiling: run `make install` (JOBSCAN_PURE=1: no compiling)"
