"""Rewrite tests/golden/<sample>.json from the current output: run only after a deliberate change."""
from __future__ import annotations

import json
from pathlib import Path

from jobscan import analyze

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    golden = ROOT / "tests" / "golden"
    golden.mkdir(exist_ok=True)
    for sample in sorted((ROOT / "samples").iterdir()):
        if sample.name.startswith("."):
            continue
        doc = analyze(sample, source=f"samples/{sample.name}").to_dict()
        target = golden / f"{sample.name}.expected.json"
        target.write_text(json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
