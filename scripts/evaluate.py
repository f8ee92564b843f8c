"""`make eval`: every quality figure against the labelled real corpus, in one table.

    python scripts/evaluate.py CORPUS_DIR

CORPUS_DIR is what ../shared/tools/materialize.py writes (posting files plus labels.jsonl).
Every figure runs the whole pipeline. Tuning happens on train/dev (SkillSpan's own splits; for
EMSCAD and rekrute the employer-grouped 60/40 split of eval_seniority.py); test is reported.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_seniority  # noqa: E402
import eval_skills  # noqa: E402

from jobscan import LoadError, analyze  # noqa: E402
from jobscan.model import normalize  # noqa: E402
from jobscan.vocab import builtin  # noqa: E402

_TOKEN = re.compile(r"\S+")
# The Armenian gold has one column for all qualifications, so "preferred" there is a finer reading
# of "requirements", not a different kind; the strict figure is printed beside it.
COARSER = {"preferred": "requirements"}


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


def section_token_kinds(corpus: Path, labels: list[dict], source: str) -> Counter:
    """(gold kind, predicted kind) for every token of every gold section, counted."""
    pairs: Counter = Counter()
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
                pairs[kind, _kind_at(sections, line)] += 1
    return pairs


def accuracy(pairs: Counter, coarse: bool = False) -> float:
    correct = sum(n for (gold, predicted), n in pairs.items()
                  if gold == (COARSER.get(predicted, predicted) if coarse else predicted))
    return correct / max(sum(pairs.values()), 1)


# Any figure written before "years" ("3", "3+", "3-5", "3 to 5", "three"): what a reader could
# take as the years asked for, to bound what any extractor can score against the band labels.
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_STATED_YEARS = re.compile(
    r"\b(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\b\s*\+?\s*(?:(?:-|–|to|or)\s*(\d{1,2})\s*\+?\s*)?-?(?:years?|yrs?|ans?)\b", re.I
)


def stated_years(text: str) -> set[int]:
    figures = set()
    for m in _STATED_YEARS.finditer(text):
        first = m.group(1).lower()
        figures.add(_NUMBER_WORDS.get(first) or int(first))
        if m.group(2):
            figures.add(int(m.group(2)))
    return figures


def seniority_figures(corpus: Path, labels: list[dict]) -> dict[str, tuple[int, int]]:
    """(hits, total) per figure and split: EMSCAD level, rekrute years_min in band."""
    counts: Counter = Counter()
    for label in labels:
        if label["source"] not in ("emscad", "rekrute") or not ("seniority" in label or "years" in label):
            continue
        text = (corpus / label["file"]).read_text(encoding="utf-8")
        if label["source"] == "emscad":
            split = eval_seniority.split_of(label["sections"].get("about") or label["title"])
        else:
            split = eval_seniority.split_of(text.partition("\n")[2].partition("Profile sought")[2])
        seniority = analyze(corpus / label["file"]).seniority
        if "seniority" in label:
            counts[split, "level", "n"] += 1
            counts[split, "level", "ok"] += seniority.level in eval_seniority.LEVEL_OK[label["seniority"]]
        if "years" in label:
            lo, hi = label["years"]
            counts[split, "years", "all"] += 1
            if seniority.years_min is not None:
                counts[split, "years", "n"] += 1
                counts[split, "years", "ok"] += lo <= seniority.years_min <= hi
                # The best any reader of the text could do: some stated figure inside the band.
                figures = stated_years(text) | {seniority.years_min, seniority.years_max} - {None}
                counts[split, "years", "ceiling"] += any(lo <= y <= hi for y in figures)
    return counts


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
    pairs = section_token_kinds(corpus, labels, "armenian")
    vocab = builtin()
    skills = {split: eval_skills.score(eval_skills.postings(corpus, split), vocab) for split in ("dev", "test")}
    seniority = seniority_figures(corpus, labels)
    errors = load_errors(corpus, labels)

    def share(split: str, figure: str, denominator: str = "n") -> str:
        hits, total = seniority[split, figure, "ok"], seniority[split, figure, denominator]
        return f"{hits / total:.3f}" if total else "-"

    rows = [
        ("metric", "data", "value", "required", "notes"),
        ("section kind token accuracy", "armenian gold segmentation", f"{accuracy(pairs, coarse=True):.3f}", ">= 0.95",
         f"strict {accuracy(pairs):.3f} (preferred != requirements); {sum(pairs.values())} tokens"),
        ("skill set F1 (surface, knowledge)", "skillspan tech test", f"{skills['test']['f1']:.3f}", ">= 0.55",
         f"P {skills['test']['precision']:.3f} R {skills['test']['recall']:.3f}; dev F1 {skills['dev']['f1']:.3f}"),
        ("seniority level accuracy", "emscad test split", share("test", "level"), ">= 0.75",
         f"{seniority['test', 'level', 'n']} postings; dev {share('dev', 'level')}"),
        ("years_min inside labelled band", "rekrute test split", share("test", "years"), ">= 0.95",
         f"stated in {seniority['test', 'years', 'n']}/{seniority['test', 'years', 'all']}; dev {share('dev', 'years')}; "
         f"label ceiling {seniority['test', 'years', 'ceiling'] / max(1, seniority['test', 'years', 'n']):.3f} "
         "(a stated figure in the band at all)"),
        ("postings analysed without error", "all materialized files", f"{len(labels) - len(errors)}/{len(labels)}", "all", ""),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    confusions = Counter({pair: n for pair, n in pairs.items() if pair[0] != pair[1]})
    print("\nmost common section confusions (gold -> predicted, tokens):")
    for (gold, predicted), count in confusions.most_common(6):
        print(f"  {gold:>16} -> {predicted:<16} {count}")
    for error in errors[:10]:
        print(f"error: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
