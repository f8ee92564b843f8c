"""Quality figures against the labelled real corpus: `make eval` runs this on a materialized corpus.

    python scripts/evaluate.py CORPUS_DIR

CORPUS_DIR is what ../shared/tools/materialize.py writes (posting files plus labels.jsonl).
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from jobscan import LoadError, analyze
from jobscan.model import normalize

_TOKEN = re.compile(r"\S+")


def read_labels(corpus: Path) -> list[dict]:
    with open(corpus / "labels.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _kind_at(sections, line: int) -> str:
    """The kind of the last section that starts at or before the line and still covers it."""
    kind = "none"
    for section in sections:
        if section.line_start <= line <= section.line_end:
            kind = section.kind
    return kind


def section_token_accuracy(corpus: Path, labels: list[dict], source: str) -> tuple[float, int, Counter]:
    """Share of gold-section tokens whose line falls in a predicted section of the same kind."""
    correct = total = 0
    confusions: Counter = Counter()
    for label in labels:
        if label["source"] != source or not label.get("sections"):
            continue
        path = corpus / label["file"]
        text = normalize(path.read_bytes().decode("utf-8").replace("\r\n", "\n"))
        sections = analyze(path).sections
        for kind, gold in label["sections"].items():
            gold = normalize(gold.replace("\r\n", "\n")).strip()
            start = text.find(gold)
            if start < 0:
                continue
            for token in _TOKEN.finditer(gold):
                line = text.count("\n", 0, start + token.start()) + 1
                predicted = _kind_at(sections, line)
                total += 1
                if predicted == kind:
                    correct += 1
                else:
                    confusions[(kind, predicted)] += 1
    return correct / max(total, 1), total, confusions


def load_errors(corpus: Path, labels: list[dict]) -> list[str]:
    errors = []
    for label in labels:
        try:
            analyze(corpus / label["file"])
        except LoadError as exc:
            errors.append(str(exc))
    return errors


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    corpus = Path(argv[0])
    labels = read_labels(corpus)
    accuracy, tokens, confusions = section_token_accuracy(corpus, labels, "armenian")
    errors = load_errors(corpus, labels)
    rows = [
        ("section kind token accuracy", "armenian (gold segmentation)", f"{accuracy:.3f}", f"{tokens} tokens"),
        ("postings analysed without error", "all materialized files", f"{len(labels) - len(errors)}/{len(labels)}", ""),
    ]
    width = [max(len(row[i]) for row in rows) for i in range(4)]
    print("  ".join(h.ljust(w) for h, w in zip(("metric", "data", "value", "n"), width)))
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, width)))
    if confusions:
        print("\nmost common section confusions (gold -> predicted, tokens):")
        for (gold, predicted), count in confusions.most_common(8):
            print(f"  {gold:>16} -> {predicted:<16} {count}")
    for error in errors[:10]:
        print(f"error: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
