#!/usr/bin/env python3
"""`make bench`: the whole pipeline's throughput beside flashtext's, on the same files in one run.

    python scripts/bench.py CORPUS [--repeat 5]

CORPUS is a folder written by ../shared/tools/materialize.py; every posting file in it is read
into memory once, as bytes. Then, in one process, (a) flashtext's KeywordProcessor, built from the
O*NET Technology Skills names plus every ESCO preferred and alternative label (~104k terms),
decodes each file and runs extract_keywords over it, and (b) jobscan analyses each file end to end:
decode and load, sections, facts, seniority and skills. Prints files/s and MB/s for both (best CPU
time of --repeat interleaved rounds; building the keyword index and reading the vocabulary are not
counted; every jobscan round starts with a fresh vocabulary and empty string caches), the median
of the rounds' ratios, and peak memory.
"""
from __future__ import annotations

import argparse
import csv
import pickle
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from jobscan import meta, sections  # noqa: E402
from jobscan.analyze import analyze_document  # noqa: E402
from jobscan.load import LoadError, load_bytes  # noqa: E402
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


def forget_strings() -> None:
    """Empty the bounded per-string caches (heading and header-line lookups): each round starts as
    cold as the first, so repeating the corpus cannot make later rounds cheaper than one pass."""
    for module in (meta, sections):
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and info().maxsize > 1:
                value.cache_clear()


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
    blobs = [(str(p), p.read_bytes(), p.suffix.lower()) for p in files]
    mb = sum(len(data) for _, data, _ in blobs) / 1e6
    print(f"{len(blobs)} files, {mb:.1f} MB", file=sys.stderr)

    terms = flashtext_terms(args.shared)
    kp = KeywordProcessor()
    for term in terms:
        kp.add_keyword(term)
    fresh = pickle.dumps(builtin())

    def run_flashtext():
        for _, data, _ in blobs:
            kp.extract_keywords(data.decode("utf-8", errors="replace"))

    def run_jobscan(vocab):
        for source, data, suffix in blobs:
            try:
                analyze_document(load_bytes(data, source, suffix), vocab)
            except LoadError:
                pass

    flash, ours = [], []
    for _ in range(args.repeat):  # interleaved, so both see the same machine
        flash.append(cpu_time(run_flashtext))
        vocab = pickle.loads(fresh)  # a fresh copy each run: no memo carried over from the last
        forget_strings()
        ours.append(cpu_time(lambda: run_jobscan(vocab)))
    t_flash, t_ours = min(flash), min(ours)
    for name, t, size in (("flashtext", t_flash, f"{len(terms)} terms"), ("jobscan", t_ours, f"{len(vocab)} skills")):
        print(f"{name:10s} {len(blobs) / t:8.0f} files/s  {mb / t:6.2f} MB/s  ({t:.2f} s, {size})")
    # Each round times both back to back, so a round's ratio is fair even when the machine's
    # load drifts between rounds; the median round is the figure to quote.
    ratios = sorted(f / o for f, o in zip(flash, ours))
    print(f"ratio      {statistics.median(ratios):.2f}x flashtext (median of {len(ratios)} rounds; "
          f"range {ratios[0]:.2f}-{ratios[-1]:.2f})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB (both together, index and vocabulary included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
