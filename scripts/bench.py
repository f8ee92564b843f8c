#!/usr/bin/env python3
"""Skill matching throughput against flashtext, side by side on the same files in one run.

    python scripts/bench.py CORPUS [--repeat 3]

CORPUS is a folder written by ../shared/tools/materialize.py; every posting file in it is read
into memory once. Then (a) flashtext's KeywordProcessor, built from the O*NET Technology Skills
names plus every ESCO preferred and alternative label (~104k terms), runs extract_keywords over
each text, and (b) jobscan's extract_skills runs over each text's sections, as the pipeline's
loader and section splitter make them (done once, before the clock starts). Prints
files/s and MB/s for both (best CPU time of --repeat interleaved rounds; build times are not
counted) and the median of the rounds' ratios.
"""
from __future__ import annotations

import argparse
import csv
import pickle
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from jobscan.load import LoadError, load_bytes  # noqa: E402
from jobscan.sections import split_sections  # noqa: E402
from jobscan.skills import extract_skills  # noqa: E402
from jobscan.vocab import builtin  # noqa: E402

csv.field_size_limit(10**9)


def flashtext_terms(corpus: Path) -> list[str]:
    terms = set()
    with open(corpus / "onet_29_2" / "Technology Skills.txt", encoding="utf-8") as f:
        terms.update(r["Example"] for r in csv.DictReader(f, delimiter="\t"))
    with open(corpus / "esco_v1.1.1_ojd" / "esco_v_1_1_1_data_formatted.csv", encoding="utf-8") as f:
        terms.update(r["description"] for r in csv.DictReader(f) if r["type"] in ("preferredLabel", "altLabels"))
    return sorted(terms)


def cpu_time(fn) -> float:
    """CPU seconds this process spends in `fn`: unlike wall time, not skewed by other load."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        print("bench needs flashtext: .venv/bin/pip install flashtext", file=sys.stderr)
        return 2

    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.name != "labels.jsonl")
    texts, sectioned = [], []
    for p in files:
        data = p.read_bytes()
        try:
            sectioned.append(split_sections(load_bytes(data, str(p), p.suffix.lower())))
        except LoadError:
            continue  # not a posting: left out of both sides
        texts.append(data.decode("utf-8", errors="replace"))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} files, {mb:.1f} MB", file=sys.stderr)

    terms = flashtext_terms(args.shared)
    kp = KeywordProcessor()
    for term in terms:
        kp.add_keyword(term)
    fresh = pickle.dumps(builtin())

    def run_flashtext():
        for text in texts:
            kp.extract_keywords(text)


    flash, ours = [], []
    for _ in range(args.repeat):  # interleaved, so both see the same machine
        flash.append(cpu_time(run_flashtext))
        vocab = pickle.loads(fresh)  # a fresh copy each run: no memo carried over from the last
        ours.append(cpu_time(lambda: [extract_skills(sections, vocab) for sections in sectioned]))
    t_flash, t_ours = min(flash), min(ours)
    for name, t, size in (("flashtext", t_flash, f"{len(terms)} terms"), ("jobscan", t_ours, f"{len(vocab)} skills")):
        print(f"{name:10s} {len(texts) / t:8.0f} files/s  {mb / t:6.2f} MB/s  ({t:.2f} s, {size})")
    # Each round times both back to back, so a round's ratio is fair even when the machine's
    # load drifts between rounds; the median round is the figure to quote.
    ratios = sorted(f / o for f, o in zip(flash, ours))
    print(f"ratio      {statistics.median(ratios):.2f}x flashtext (median of {len(ratios)} rounds; "
          f"range {ratios[0]:.2f}-{ratios[-1]:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
