#!/usr/bin/env python3
"""Suggest vocabulary fixes from SkillSpan train/dev (never test): noisy aliases, missing ones.

    python scripts/mine_vocab.py CORPUS [--min 3]

Prints, per matched surface, how often it was a gold knowledge span in the postings where it
matched (aliases rarely gold are candidates for [drop] or a context rule), and the gold spans
that occur in several postings but match nothing (candidates for new aliases). The output is
advice for editing jobscan/data/skills_curated.toml by hand; nothing is changed automatically.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_skills import postings  # noqa: E402

from jobscan.analyze import analyze_document  # noqa: E402
from jobscan.load import load_text  # noqa: E402
from jobscan.vocab import builtin  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--min", type=int, default=3, help="only report surfaces seen in at least this many postings")
    args = ap.parse_args(argv)
    vocab = builtin()
    seen: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    owner: dict[str, str] = {}
    missing: Counter[str] = Counter()
    for split in ("train", "dev"):
        for _, text, knowledge in postings(args.corpus, split):
            gold = {k.lower() for k in knowledge}
            found = set()
            for hit in analyze_document(load_text(text, "<skillspan>"), vocab).skills:
                s = hit.surface.lower()
                found.add(s)
                owner[s] = f"{hit.id} ({hit.category}, {hit.match})"
            for s in found:
                seen[s][0] += 1
                seen[s][1] += s in gold
            missing.update(gold - found)
    print("surface | postings | gold | precision | skill")
    for s, (n, g) in sorted(seen.items(), key=lambda x: (x[1][1] / x[1][0], -x[1][0])):
        if n >= args.min:
            print(f"{s} | {n} | {g} | {g / n:.2f} | {owner[s]}")
    print("\nunmatched gold spans (postings)")
    for s, n in missing.most_common():
        if n >= 2:
            print(f"{s} | {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
