"""The vocabulary is data: these tests check the data itself, the context-rule examples, user
files in every format, and search."""
from __future__ import annotations

import json
import pickle
import string
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from jobscan.model import Block, Section
from jobscan.skills import extract_skills
from jobscan.text import blank_separators, clean, tokens
from jobscan.vocab import CATEGORIES, DATA, VocabError, builtin, load_vocabulary, search

RECORDS = [json.loads(line) for line in (DATA / "skills.jsonl").read_text(encoding="utf-8").splitlines()]
CURATED = tomllib.loads((DATA / "skills_curated.toml").read_text(encoding="utf-8"))
RULED = sorted(r["id"] for r in RECORDS if "rule" in r)


def ids_in(text: str, vocab=None) -> set[str]:
    block = Block("paragraph", text, 1, 1 + text.count("\n"))
    return {h.id for h in extract_skills([Section("requirements", None, 1, block.line_end, (block,))], vocab)}


def test_data_is_sorted_by_id_and_ids_are_unique():
    ids = [r["id"] for r in RECORDS]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


def test_vocabulary_is_large_enough():
    assert len(RECORDS) >= 3000


def test_every_entry_is_well_formed():
    for r in RECORDS:
        assert r["category"] in CATEGORIES, r["id"]
        assert r["name"].strip() == r["name"] and r["name"], r["id"]
        assert r["aliases"] == sorted(r["aliases"], key=str.lower), r["id"]
        assert r["source"] in ("curated", "onet", "esco", "gazetteer"), r["id"]


def test_no_alias_belongs_to_two_skills():
    owners = Counter(tokens(name) for r in RECORDS for name in {r["name"], *r["aliases"]})
    assert [k for k, n in owners.items() if n > 1] == []


def test_gazetteer_names_are_not_english_words():
    gazetteer = {r["name"].lower() for r in RECORDS if r["source"] == "gazetteer"}
    assert gazetteer.isdisjoint({"pulse", "sandbox", "kernel", "monolith", "pyramid", "mocking", "workspaces"})
    assert {"sailpoint", "upstash"} <= gazetteer  # product names stay


def test_data_file_is_up_to_date_with_the_curated_layer():
    by_id = {r["id"]: r for r in RECORDS}
    for category, entries in CURATED.items():
        if category in ("rules", "drop"):
            continue
        for skill_id, names in entries.items():
            record = by_id[skill_id]
            assert (record["name"], record["category"], record["source"]) == (names[0], category, "curated")
            assert set(names[1:]) <= set(record["aliases"]), skill_id


@pytest.mark.parametrize(
    "alias, skill_id",
    [
        ("k8s", "kubernetes"),
        ("golang", "go"),
        ("JS", "javascript"),
        ("ES6", "ecmascript"),
        ("Postgres", "postgresql"),
        ("React.js", "react"),
        ("ReactJS", "react"),
        (".NET", "dotnet"),
        ("dotnet", "dotnet"),
        ("CI/CD", "ci-cd"),
        ("A/B testing", "ab-testing"),
        ("amazon-web-services", "aws"),
        ("rx-java", "rxjava"),
        ("symfony2", "symfony"),
        ("babeljs", "babel"),
        ("API’s", "api-design"),
        ("parse-platform", "parse-platform"),
        ("human-computer interaction", "hci"),
        ("Cloud Watch", "aws-cloudwatch"),
        ("PRINCE 2", "prince2"),
        ("Shadow DOM", "web-components"),
        ("AutoLayout", "auto-layout"),
        ("JSTL", "jstl"),
    ],
)
def test_issue_aliases(alias, skill_id):
    assert builtin().lookup(alias).skill.id == skill_id


def test_every_context_rule_has_examples_both_ways():
    assert {"go", "r", "c", "swift", "spark", "rust", "excel", "chef", "puppet", "ruby", "dart", "julia", "elm",
            "less", "express", "shell", "unity", "ms-access", "ms-word"} <= set(RULED)  # fmt: skip
    for r in RECORDS:
        if "rule" in r:
            assert r["rule"]["match"] and r["rule"]["reject"], r["id"]
            assert r["rule"]["forms"] or r["rule"]["needs"] == "label", r["id"]  # label rules cover all names


@pytest.mark.parametrize(
    "skill_id, sentence",
    [(r["id"], s) for r in RECORDS if "rule" in r for s in r["rule"]["match"]],
)
def test_context_rule_should_match(skill_id, sentence):
    assert skill_id in ids_in(sentence)


@pytest.mark.parametrize(
    "skill_id, sentence",
    [(r["id"], s) for r in RECORDS if "rule" in r for s in r["rule"]["reject"]],
)
def test_context_rule_should_not_match(skill_id, sentence):
    assert skill_id not in ids_in(sentence)


def test_vocabulary_pickles():
    vocab = pickle.loads(pickle.dumps(builtin()))
    assert len(vocab) == len(builtin())
    assert vocab.lookup("k8s").skill.id == "kubernetes"


def test_clean_lowers_and_blanks_separators_at_the_same_length():
    assert clean("Node.JS, C++ & C#!") == "node js  c++   c# "
    assert clean("a_b\tc\x1cd\x00e") == "a b c d\x00e"
    assert clean("Café—Straße • ΣΥΣΤΗΜΑΣ") == "café straße   συστημας"
    assert clean("Café—Straße • ΣΥΣΤΗΜΑ\u00a0İ") == "café straße   συστημα İ"  # "İ" would lower to two characters


@pytest.mark.parametrize(
    "text",
    [
        "résumé 10€ naïve",  # Latin-1 only
        "€ ™ • … price? why?",  # marks beyond Latin-1 and real question marks
        "cœur œuvre łódź 中文 data_science ✓",  # letters beyond Latin-1 are kept
        "ελληνικά κείμενα, σύστημα: λογισμικό!",  # mostly beyond Latin-1
        "x\U0001F600y \ud800 z",
    ],
)
def test_blank_separators_agrees_with_the_character_by_character_definition(text):
    separators = set(string.punctuation + "".join(map(chr, range(1, 33))) + "\x7f") - set("+#")

    def by_character(c):
        return " " if c in separators or not (c.isascii() or c.isalnum()) else c

    assert blank_separators(text) == "".join(map(by_character, text))


def test_words_met_once_are_remembered_and_misspelt_names_still_found():
    vocab = pickle.loads(pickle.dumps(builtin()))
    for _ in range(2):
        assert "kubernetes" in ids_in("Zorblatt tools and Kubernets clusters.", vocab)
    assert "zorblatt" in vocab.plain  # not a misspelt name: skipped from now on
    assert "kubernets" not in vocab.plain  # a misspelt name: looked at each time
    assert "python" not in vocab.plain and "and" in vocab.plain


# --- user files --------------------------------------------------------------------------------

TOML_FILE = """
[[skill]]
name = "Zig"
category = "language"
aliases = ["ziglang"]

[[skill]]
id = "kubernetes"
name = "Kubernetes"
aliases = ["kube", "k8s", "kates"]

[[skill]]
name = "Excel"
remove = true
"""

JSON_FILE = {"skills": [{"id": "acme-stack", "name": "Acme Stack", "category": "platform", "aliases": ["AcmeOS"]}]}

CSV_FILE = "id,name,category,aliases\n,Mojo,language,mojolang|mojo lang\npython,Python,language,py3|cpython\n"


def test_user_toml_adds_overrides_and_removes(tmp_path: Path):
    path = tmp_path / "extra.toml"
    path.write_text(TOML_FILE, encoding="utf-8")
    vocab = load_vocabulary([path])
    assert vocab.lookup("ziglang").skill.id == "zig"
    assert vocab.lookup("kates").skill.id == "kubernetes"
    assert vocab.get("kubernetes").category == "devops"  # kept from the built-in entry
    assert vocab.get("excel") is None
    assert ids_in("Write Zig and use kates daily.", vocab) >= {"zig", "kubernetes"}
    assert "zig" not in builtin()


def test_user_json_and_csv(tmp_path: Path):
    (tmp_path / "a.json").write_text(json.dumps(JSON_FILE), encoding="utf-8")
    (tmp_path / "b.csv").write_text(CSV_FILE, encoding="utf-8")
    vocab = load_vocabulary([tmp_path / "a.json", tmp_path / "b.csv"])
    assert vocab.lookup("AcmeOS").skill.id == "acme-stack"
    assert vocab.lookup("mojo lang").skill.id == "mojo"
    assert vocab.lookup("py3").skill.id == "python"
    assert vocab.lookup("Python 3") is None  # the user's entry replaced the built-in aliases


def test_user_alias_moves_from_its_old_skill(tmp_path: Path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"name": "Kube Tool", "category": "tool", "aliases": ["kube"]}]), encoding="utf-8")
    vocab = load_vocabulary([path])
    assert vocab.lookup("kube").skill.id == "kube-tool"
    assert vocab.lookup("k8s").skill.id == "kubernetes"


@pytest.mark.parametrize(
    "name, body",
    [
        ("bad.toml", '[[skill]]\nname = "X"\ncategory = "nonsense"\n'),
        ("bad.json", "{not json"),
        ("bad.csv", "id,name,category\n,,\n"),
        ("bad.yaml", "skills: []"),
    ],
)
def test_bad_user_files_raise_vocab_error(tmp_path: Path, name, body):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    with pytest.raises(VocabError):
        load_vocabulary([path])


# --- search ------------------------------------------------------------------------------------


def test_search_finds_misspelt_names_first():
    assert search("kubernets")[0][0].id == "kubernetes"
    assert search("postgres")[0][0].id == "postgresql"
    assert [s.id for s, _ in search("go", limit=2)][0] == "go"
    assert "android" not in {s.id for s, _ in search("go")}  # "Google Android" only starts with "go"


def test_search_by_category_and_empty_query():
    hits = search("", category="spoken_language", limit=5)
    assert len(hits) == 5 and all(s.category == "spoken_language" for s, _ in hits)
    assert all(s.category == "cloud" for s, _ in search("amazon", category="cloud"))
    with pytest.raises(VocabError):
        search("x", category="nope")
