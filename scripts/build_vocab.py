#!/usr/bin/env python3
"""Regenerate jobscan/data/skills.jsonl and jobscan/data/words.txt from ../shared/corpus.

    python scripts/build_vocab.py [--corpus ../shared/corpus] [--report]

Layers, first wins an alias: the hand-written jobscan/data/skills_curated.toml, then O*NET 29.2
Technology Skills (Hot Technologies first), then ESCO v1.1.1 labels from the groups that name
technical knowledge (ICT, computer use, sciences) and spoken languages. A generated entry whose
name (or vendor-less name, or trailing acronym) is already an alias folds into that skill.
Generated aliases that are ordinary words (frequent in job-posting prose or in ESCO's non-ICT
labels) are left out; `--report` lists them so the curated layer can claim real ones.

words.txt lists words known to be English or posting vocabulary; the matcher never treats
them as misspelt skill names.
"""
from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from jobscan.text import tokens  # noqa: E402
from jobscan.vocab import CATEGORIES, Rule, slug  # noqa: E402

DATA = ROOT / "jobscan" / "data"
csv.field_size_limit(10**9)

VENDORS = (
    "Adobe", "Amazon", "Amazon Web Services AWS", "Apache", "Apple", "Atlassian", "Autodesk", "Bentley",
    "Cisco", "Citrix", "Corel", "Dassault Systemes", "ESRI", "Google", "Hewlett Packard", "IBM", "Intuit",
    "JetBrains", "McAfee", "Microsoft", "Novell", "Oracle", "Red Hat", "SAP", "Symantec", "The MathWorks",
    "Trimble", "VMware", "Eclipse", "Elastic", "HashiCorp", "Salesforce", "Meta", "Facebook",
)  # fmt: skip

ONET_CATEGORY = {
    "Data base management system software": "database",
    "Object oriented data base management software": "database",
    "Operating system software": "platform",
    "Network operating system software": "platform",
    "Network operating system enhancement software": "platform",
    "Enterprise resource planning ERP software": "platform",
    "Customer relationship management CRM software": "platform",
    "Business intelligence and data analysis software": "data",
    "Data mining software": "data",
    "Configuration management software": "devops",
    "Network monitoring software": "devops",
    "Enterprise system management software": "devops",
    "Clustering software": "devops",
    "Cloud-based data access and sharing software": "cloud",
    "Cloud-based management software": "cloud",
    "Cloud-based protection or security software": "cloud",
}

ESCO_LANGUAGE_GROUPS = ("L1", "T1.1")
ESCO_TECH_GROUPS = ("K06", "S5.1", "S5.6", "K05")
MAX_TOKENS = 6
# Generated aliases may not start with these: they are never how a skill name begins in a
# posting ("the MathWorks ...", "a computer"), and as first tokens they would make the matcher
# stop at nearly every word.
FUNCTION_WORDS = frozenset(
    "a an the as at s e on in of to for and or with by is be it its this that your our we you no not "
    "all any use using".split()
)


def read_curated(path: Path) -> tuple[list[dict], set[tuple[str, ...]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = data.pop("rules", {})
    drop = {tokens(a) for a in data.pop("drop", {}).get("aliases", [])}
    skills = []
    for category, entries in data.items():
        if category not in CATEGORIES:
            raise SystemExit(f"{path}: unknown category [{category}]")
        for skill_id, names in entries.items():
            skills.append({"id": skill_id, "names": names, "category": category, "source": "curated"})
    by_id = {s["id"]: s for s in skills}
    # A shared rule ("industry") lists its skills; its examples name them as "{name}".
    for name, rule in [(n, r) for n, r in rules.items() if "applies_to" in r]:
        del rules[name]
        for skill_id in rule["applies_to"]:
            own = {k: v for k, v in rule.items() if k != "applies_to"}
            for k in ("match", "reject"):
                own[k] = [e.format(name=by_id[skill_id]["names"][0]) for e in rule[k]]
            rules[skill_id] = own
    for skill_id, rule in rules.items():
        if skill_id not in by_id:
            raise SystemExit(f"{path}: rule for unknown skill {skill_id!r}")
        Rule.from_dict(rule)  # validates the shape
        by_id[skill_id]["rule"] = rule
        missing = [f for f in rule.get("forms", []) if tokens(f) not in {tokens(n) for n in by_id[skill_id]["names"]}]
        by_id[skill_id]["names"] += missing
    return skills, drop


def onet_entries(corpus: Path) -> list[dict]:
    seen: dict[str, dict] = {}
    with open(corpus / "onet_29_2" / "Technology Skills.txt", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            name = row["Example"].strip()
            entry = seen.setdefault(name, {"name": name, "hot": False, "title": row["Commodity Title"]})
            entry["hot"] |= row["Hot Technology"] == "Y"
    out = []
    for name, e in seen.items():
        base = re.sub(r"\s+software$", "", name)
        primary = [base]
        words = base.split()
        acronym = words[-1] if len(words) >= 3 else ""
        if re.fullmatch(r"[A-Z][A-Z0-9/]*[A-Z0-9]", acronym) and all(w.islower() for w in words[1:-1]):
            # "Structured query language SQL": a concept and its acronym. Product names with a
            # trailing acronym ("Career Management Systems CMS") keep only their full name.
            primary += [" ".join(words[:-1]), acronym]
        for vendor in VENDORS:
            for p in list(primary):
                if p.startswith(vendor + " ") and len(p) > len(vendor) + 3:
                    primary.append(p[len(vendor) + 1 :])
        if name != base:
            primary.append(name)
        out.append(
            {
                "id": "onet-" + slug(base),
                "names": primary,
                "category": ONET_CATEGORY.get(e["title"], "tool"),
                "source": "onet-hot" if e["hot"] else "onet",
            }
        )
    out.sort(key=lambda e: (e["source"] != "onet-hot", e["id"]))
    return out


def esco_entries(corpus: Path) -> tuple[list[dict], list[str]]:
    """ESCO skills from the chosen groups, and every ESCO label of other groups (for the word list)."""
    labels: dict[str, dict] = {}
    other_labels: list[str] = []
    with open(corpus / "esco_v1.1.1_ojd" / "esco_v_1_1_1_data_formatted.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["type"] not in ("preferredLabel", "altLabels"):
                continue
            paths = ast.literal_eval(row["hierarchy_levels"]) if row["hierarchy_levels"] else []
            codes = {c for p in paths for c in p if c}
            text = row["description"].strip()
            language = any(c in ESCO_LANGUAGE_GROUPS for c in codes)
            tech = any(c.startswith(g) for c in codes for g in ESCO_TECH_GROUPS)
            if not (language or tech):
                other_labels.append(text)
                continue
            e = labels.setdefault(row["id"], {"pref": None, "alt": [], "language": language, "codes": codes})
            if row["type"] == "preferredLabel":
                e["pref"] = text
            else:
                e["alt"].append(text)
    out = []
    for uid, e in sorted(labels.items()):
        pref = e["pref"]
        if not pref:
            continue
        if e["language"]:
            # Only the bare language names ("Swedish"), not "write Swedish".
            if not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", pref):
                continue
            out.append({"id": "esco-" + slug(pref), "names": [pref], "category": "spoken_language", "source": "esco"})
            continue
        is_skill_phrase = any(c.startswith("S") for c in e["codes"]) and not any(c.startswith("K") for c in e["codes"])
        if is_skill_phrase and pref == pref.lower():
            continue  # verb phrases such as "use spreadsheets software"
        names = [pref, *e["alt"]]
        stripped = [re.sub(r"\s*\([^)]*\)\s*$", "", n) for n in names]
        names = list(dict.fromkeys(stripped[:1] + names[:1] + stripped[1:] + names[1:]))
        category = "tool" if any(ch.isupper() for ch in pref) else "domain"
        out.append({"id": "esco-" + slug(stripped[0]), "names": names, "category": category, "source": "esco"})
    return out, other_labels


def gazetteer_entries(corpus: Path, known: set[str], curated: list[dict]) -> list[dict]:
    """Product and library names from the skill-extractor gazetteer (MIT): its one-word entries
    that are not English or posting words ("testcafe", "jooq") nor misspellings of a curated
    name ("kubeneties"). Its phrases were measured on SkillSpan train/dev and cost more
    precision than they gave recall, so they stay out. The list is lower-cased, so a name
    that is also an English word ("pulse", "sandbox", "kernel") would fire on the word; real
    products among those belong in the curated layer, with a context rule."""
    names = json.loads((corpus / "skill_extractor_gazetteer" / "skills.json").read_text(encoding="utf-8"))
    known = known | english_words()
    single = {n for n in names if len(tokens(n)) == 1 and tokens(n)[0] not in known and len(n) >= 4}
    targets = {"".join(tokens(a)) for e in curated for a in e["names"] if len("".join(tokens(a))) >= 5}
    single = sorted(
        n for n in single
        if "".join(tokens(n)) in targets
        or process.extractOne("".join(tokens(n)), targets, scorer=fuzz.ratio, score_cutoff=85) is None
    )  # fmt: skip
    return [{"id": "gaz-" + slug(n), "names": [n], "category": "tool", "source": "gazetteer"} for n in single]


def english_words() -> set[str]:
    """The English dictionary of pyspellchecker (MIT; a dev dependency, pinned so builds agree)."""
    from spellchecker import SpellChecker

    return set(SpellChecker(language="en").word_frequency.dictionary)


def posting_texts(corpus: Path) -> list[str]:
    """Real job-posting prose from the corpora that are not used for evaluation."""
    texts = []
    with open(corpus / "glassdoor_ds_jobs" / "Uncleaned_DS_jobs.csv", encoding="utf-8") as f:
        texts += [r["Job Description"] for r in csv.DictReader(f)]
    with open(corpus / "emscad" / "emscad_real_subset.csv", encoding="utf-8") as f:
        texts += [" ".join((r["company_profile"], r["description"], r["requirements"], r["benefits"])) for r in csv.DictReader(f)]
    with open(corpus / "armenian_job_posts" / "data_job_posts_first499.csv", encoding="utf-8") as f:
        texts += [r["jobpost"] for r in csv.DictReader(f)]
    ads = json.loads((corpus / "rekrute_skillner" / "rekrut_31_07_21_translated.json").read_text(encoding="utf-8"))
    texts += [" ".join(a["skills_text"]) if isinstance(a["skills_text"], list) else str(a["skills_text"]) for a in ads.values()]
    return texts


def word_lists(corpus: Path, other_labels: list[str]) -> tuple[set[str], set[str]]:
    """(common, known): words too ordinary to be a skill alias, and words never to spell-correct."""
    df: Counter[str] = Counter()
    texts = posting_texts(corpus)
    for text in texts:
        df.update({t for t in tokens(text) if t.isalpha()})
    label_df: Counter[str] = Counter()
    for label in other_labels:
        label_df.update({t for t in tokens(label) if t.isalpha()})
    prose = []
    with open(corpus / "onet_29_2" / "Occupation Data.txt", encoding="utf-8") as f:
        prose += [r["Title"] + " " + r["Description"] for r in csv.DictReader(f, delimiter="\t")]
    with open(corpus / "onet_29_2" / "Alternate Titles.txt", encoding="utf-8") as f:
        prose += [r["Alternate Title"] for r in csv.DictReader(f, delimiter="\t")]
    with open(corpus / "esco_tabiya_v1.1.2" / "occupations.csv", encoding="utf-8") as f:
        prose += [" ".join((r["PREFERREDLABEL"], r["ALTLABELS"], r["DESCRIPTION"])) for r in csv.DictReader(f)]
    prose_words = {t for text in prose for t in tokens(text) if t.isalpha()}
    common = {w for w, n in df.items() if n >= len(texts) * 0.004} | {w for w, n in label_df.items() if n >= 3}
    known = common | prose_words | set(label_df) | {w for w, n in df.items() if n >= 3}
    return common, {w for w in known if len(w) >= 4}


def build(corpus: Path, report: bool = False) -> tuple[list[dict], list[str]]:
    curated, drop = read_curated(DATA / "skills_curated.toml")
    esco, other_labels = esco_entries(corpus)
    common, known = word_lists(corpus, other_labels)
    owner: dict[tuple[str, ...], dict] = {}
    skills: dict[str, dict] = {}
    dropped: Counter[str] = Counter()

    def allowed(alias: str, key: tuple[str, ...], generated: bool, hot: bool) -> bool:
        if not key or key in owner:
            return False
        if not generated:
            return True
        reason = None
        if key in drop:
            reason = "drop"
        elif len(key) > MAX_TOKENS or len(alias) < 2 or key[0] in FUNCTION_WORDS or not alias[0].isalnum():
            reason = "shape"
        elif len(key) > 1 and key[0] in common and not hot:
            # "experience design", "job costing": phrases that begin with an everyday word are
            # rarely skill names, and the matcher would stop at every "experience" and "job".
            reason = "common-start"
        elif len(key) == 1 and (key[0] in common or key[0] in known) and not hot:
            reason = "common"
        elif len(alias) <= 3 and not hot:
            reason = "short"
        if reason:
            dropped[f"{reason}: {alias}"] += 1
        return reason is None

    for entry in curated:
        skill = {"id": entry["id"], "name": entry["names"][0], "category": entry["category"], "aliases": [],
                 "source": "curated", "fuzzy": True}  # fmt: skip
        if "rule" in entry:
            skill["rule"] = entry["rule"]
        for i, alias in enumerate(entry["names"]):
            key = tokens(alias)
            if key in owner:
                raise SystemExit(f"curated alias {alias!r} of {entry['id']} already belongs to {owner[key]['id']}")
            owner[key] = skill
            if i:
                skill["aliases"].append(alias)
        skills[skill["id"]] = skill

    for entry in onet_entries(corpus) + esco + gazetteer_entries(corpus, known, curated):
        hot = entry["source"] == "onet-hot"
        primary = entry["names"] if entry["source"].startswith("onet") else entry["names"][:2]
        home = next((owner[k] for k in map(tokens, primary) if k in owner), None)
        if home is None:
            if entry["id"] in skills:
                entry["id"] += "-" + entry["source"].split("-")[0]
            if entry["id"] in skills:
                continue
            names = [n for i, n in enumerate(dict.fromkeys(entry["names"])) if allowed(n, tokens(n), True, hot and not i)]
            if not names:
                continue
            home = {"id": entry["id"], "name": names[0], "category": entry["category"], "aliases": [],
                    "source": entry["source"].split("-")[0]}  # fmt: skip
            if hot:
                home["fuzzy"] = True
            skills[home["id"]] = home
            for n in names:
                owner[tokens(n)] = home
            home["aliases"] = names[1:]
            continue
        for n in entry["names"]:
            key = tokens(n)
            if allowed(n, key, True, hot and n == entry["names"][0]):
                owner[key] = home
                home["aliases"].append(n)

    out = []
    for skill_id in sorted(skills):
        s = skills[skill_id]
        keys = {tokens(s["name"])}
        aliases = []
        for a in s["aliases"]:
            if tokens(a) not in keys:
                keys.add(tokens(a))
                aliases.append(a)
        s["aliases"] = sorted(aliases, key=str.lower)
        out.append({k: s[k] for k in ("id", "name", "category", "aliases", "source", "fuzzy", "rule") if k in s})
    if report:
        for line in sorted(dropped):
            print(line, file=sys.stderr)
    return out, sorted(known)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--report", action="store_true", help="list the generated aliases left out, on stderr")
    args = ap.parse_args(argv)
    skills, words = build(args.corpus, args.report)
    with open(DATA / "skills.jsonl", "w", encoding="utf-8") as f:
        for s in skills:
            f.write(json.dumps(s, ensure_ascii=False, separators=(",", ":")) + "\n")
    (DATA / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    by_source = Counter(s["source"] for s in skills)
    print(f"{len(skills)} skills ({dict(sorted(by_source.items()))}), {len(words)} known words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
