#!/usr/bin/env python3
"""`make eval`: every quality figure against the real corpus, one report per stage.

    python scripts/evaluate.py CORPUS

CORPUS is a folder written by ../shared/tools/materialize.py. Each stage's script tunes on
train/dev and reports test; see that script for its metric.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_skills  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    return eval_skills.main([args[0], "--split", "dev", "--split", "test"])


if __name__ == "__main__":
    raise SystemExit(main())
