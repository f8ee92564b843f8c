"""The compiled stages (setup.py) are built from the sources beside them.

An editable install leaves them in jobscan/, where Python imports them before the .py files: one
older than its source would run, and be tested, as the code was before the edit.
"""
import ast
import importlib
import os
from pathlib import Path

import pytest

import jobscan

PACKAGE = Path(jobscan.__file__).resolve().parent


def compiled_modules() -> list[str]:
    """setup.py's COMPILED list, read without running setup.py."""
    tree = ast.parse((PACKAGE.parent / "setup.py").read_text(encoding="utf-8"))
    return next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "COMPILED"
    )


def test_no_compiled_stage_is_older_than_its_source():
    stale = []
    for compiled in PACKAGE.glob("*.so"):
        source = compiled.with_name(compiled.name.split(".")[0] + ".py")
        if source.exists() and source.stat().st_mtime > compiled.stat().st_mtime:
            stale.append(source.name)
    assert not stale, f"{', '.join(stale)} changed after compiling: run `make install` (JOBSCAN_PURE=1: no compiling)"


@pytest.mark.skipif(bool(os.environ.get("JOBSCAN_PURE")), reason="JOBSCAN_PURE=1: the stages were installed pure on purpose")
def test_the_stages_are_compiled():
    """An install falls back to pure Python with only a warning (a type error, no compiler): here
    that fallback fails the suite instead of silently costing the speed."""
    pure = [name for name in compiled_modules() if Path(importlib.import_module(f"jobscan.{name}").__file__).suffix != ".so"]
    assert not pure, f"{', '.join(pure)} run as pure Python: see the warning `make install` printed"
