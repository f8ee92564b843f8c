#!/usr/bin/env python3
"""Skill extraction quality against SkillSpan knowledge spans (surface match, set F1 per posting).

    python scripts/eval_skills.py CORPUS [--split dev] [--domain tech] [--errors N]

CORPUS is a folder written by ../shared/tools/materialize.py. For each posting the predicted set
is the lower-cased surfaces of its hits and the gold set its lower-cased knowledge spans; true
positives, false positives and false negatives are summed over postings (micro average).
Hits of category "soft" are left out: SkillSpan files soft skills ("communication skills")
under its separate *skill* label, not under knowledge.
Tune on train/dev; the figure to report is tech test.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jobscan.analyze import analyze_document  # noqa: E402
from jobscan.load import load_text  # noqa: E402
from jobscan.vocab import Vocabulary, builtin  # noqa: E402


def predicted(text: str, vocab: Vocabulary) -> set[str]:
    """Lower-cased surfaces of the hits the whole pipeline finds (soft skills left out)."""
    posting = analyze_document(load_text(text, "<skillspan>"), vocab)
    return {s.lower() for h in posting.skills if h.category != "soft" for s in (h.surfaces or (h.surface,))}


def postings(corpus: Path, split: str, domain: str = "tech") -> list[tuple[str, str, list[str]]]:
    out = []
    with open(corpus / "labels.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["source"] == "skillspan" and d["split"] == split and f"-{domain}-" in d["file"]:
                out.append((d["file"], (corpus / d["file"]).read_text(encoding="utf-8"), d["knowledge"]))
    return out


def score(items, vocab: Vocabulary, errors: Counter | None = None) -> dict[str, float]:
    tp = fp = fn = 0
    for _, text, knowledge in items:
        gold = {k.lower() for k in knowledge}
        pred = predicted(text, vocab)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if errors is not None:
            errors.update(f"FP {p}" for p in pred - gold)
            errors.update(f"FN {g}" for g in gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"postings": len(items), "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--split", action="append", help="train, dev or test (default: dev and test)")
    ap.add_argument("--domain", default="tech", choices=["tech", "house"])
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent errors (train/dev only)")
    args = ap.parse_args(argv)
    vocab = builtin()
    print(f"skills: SkillSpan {args.domain} knowledge, surface set match (micro P/R/F1)")
    for split in args.split or ["dev", "test"]:
        errors: Counter | None = Counter() if args.errors and split != "test" else None
        s = score(postings(args.corpus, split, args.domain), vocab, errors)
        print(
            f"  {args.domain} {split:5s} postings={s['postings']:3d}  P={s['precision']:.3f}  "
            f"R={s['recall']:.3f}  F1={s['f1']:.3f}  (tp={s['tp']} fp={s['fp']} fn={s['fn']})"
        )
        if errors:
            for e, n in errors.most_common(args.errors):
                print(f"    {n:3d} {e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
