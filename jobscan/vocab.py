"""The skill vocabulary: data file -> immutable `Vocabulary` with the indexes the matcher needs.

Every alias is cut into the tokens `tokens()` produces, so the matcher walks a token trie
once per posting instead of looping over aliases; its cost does not grow with the vocabulary.
The built-in data (jobscan/data/skills.jsonl, made by scripts/build_vocab.py) is read once per
process; user files (TOML, JSON or CSV) are merged on top and win by id or by name.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, Levenshtein

from .text import tokens

DATA = Path(__file__).resolve().parent / "data"

CATEGORIES = (
    "language",
    "framework",
    "library",
    "database",
    "cloud",
    "devops",
    "data",
    "ml",
    "tool",
    "platform",
    "methodology",
    "certification",
    "spoken_language",
    "soft",
    "domain",
)
# Categories whose hits count as technical context for ambiguous names ("Go" next to "PHP").
TECH_CATEGORIES = frozenset(CATEGORIES) - {"spoken_language", "soft", "domain", "certification"}

FUZZY_MIN_LEN = 6  # shorter names ("Go", "Rust", "Java") are never matched fuzzily
FUZZY_MIN_SCORE = 88


class VocabError(ValueError):
    """A vocabulary file that cannot be read or holds an invalid entry."""


def squash(key: Sequence[str]) -> str:
    """A key with its spaces gone: "Postgre SQL" and "PostgreSQL" agree."""
    return "".join(key)


def slug(text: str) -> str:
    s = re.sub(r"\+", "p", text.lower())
    s = s.replace("#", "sharp")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "skill"


@dataclass(frozen=True)
class Rule:
    """Context a name that is also an ordinary word needs before it counts as the skill.

    `forms` are the ambiguous spellings; they must be written exactly so. `not_prev` and
    `not_next` are token sequences that must not touch the name ("-" means an attached hyphen,
    as in "C-level"); `needs="tech"` asks for another technical skill or a cue word in the same
    sentence, `needs="cue"` for a cue word, `needs="label"` for a label such as "Industry:", and
    `needs="list"` for a list of technologies around it (a line of tags: "reactjs frontend
    docker"). `match`/`reject` are example sentences, run by the tests.
    """

    forms: tuple[str, ...]
    not_prev: tuple[tuple[str, ...], ...] = ()  # a 1-tuple of one punctuation mark means "attached"
    not_next: tuple[tuple[str, ...], ...] = ()
    needs: str = ""
    cues: frozenset[str] = frozenset()
    match: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Rule:
        def seqs(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
            return tuple(tokens(w) or (w.strip(),) for w in words)

        return cls(
            forms=tuple(d.get("forms", ())),
            not_prev=seqs(d.get("not_prev", ())),
            not_next=seqs(d.get("not_next", ())),
            needs=d.get("needs", ""),
            cues=frozenset(d.get("cues", ())),
            match=tuple(d.get("match", ())),
            reject=tuple(d.get("reject", ())),
        )

    @functools.cached_property
    def prev_parts(self) -> tuple[frozenset[str], tuple[tuple[str, ...], ...], frozenset[str]]:
        """`not_prev` split for quick checks: (single words, longer sequences, punctuation)."""
        return _parts(self.not_prev)

    @functools.cached_property
    def next_parts(self) -> tuple[frozenset[str], tuple[tuple[str, ...], ...], frozenset[str]]:
        return _parts(self.not_next)

    def to_dict(self) -> dict[str, Any]:
        return {
            "forms": list(self.forms),
            "not_prev": [" ".join(s) for s in self.not_prev],
            "not_next": [" ".join(s) for s in self.not_next],
            "needs": self.needs,
            "cues": sorted(self.cues),
            "match": list(self.match),
            "reject": list(self.reject),
        }


def _parts(seqs: tuple[tuple[str, ...], ...]):
    marks = frozenset(q[0] for q in seqs if not q[0][0].isalnum())
    words = frozenset(q[0] for q in seqs if len(q) == 1 and q[0][0].isalnum())
    return words, tuple(q for q in seqs if len(q) > 1), marks


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    source: str = "curated"
    rule: Rule | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "aliases": list(self.aliases),
            "source": self.source,
        }
        if self.rule:
            d["rule"] = self.rule.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Skill:
        rule = d.get("rule")
        return cls(
            id=d["id"],
            name=d["name"],
            category=d["category"],
            aliases=tuple(d.get("aliases", ())),
            source=d.get("source", "curated"),
            rule=Rule.from_dict(rule) if rule else None,
        )


class Entry(NamedTuple):
    """What one alias key leads to."""

    skill: Skill
    match: str  # "exact" (the canonical name) | "alias"
    forms: frozenset[str] | None  # spellings that must be written exactly so (empty: any case)
    rule: Rule | None  # set when this name is ambiguous
    dot: bool = False  # the name starts with "." (".NET"): the text must have it, unglued


class Head(NamedTuple):
    """What a token that can start a match leads to."""

    entry: Entry | None  # the one-token alias it is
    node: dict[str, Any] | None  # its trie node, when longer aliases start with it
    joins: dict[str, Entry] | None  # second word -> the skill the two spell together ("tensor" "flow")
    misspellable: bool  # not a known word, so it may be a misspelt name
    # When it is no name alone and not misspellable: the words that must come next for a match
    # (a match starts at "data" in "data science", not in "data and ..."), a set lookup.
    nexts: frozenset[str] | None


def _compact(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """An immutable set of skills plus the token trie, the fuzzy index and the word list.

    `skills` is given in priority order: when two skills claim the same alias key, the one
    listed first keeps it (the built-in data has none; `merged` puts user skills first).
    It is stored sorted by id.
    """

    skills: tuple[Skill, ...]
    words: frozenset[str] = frozenset()
    fuzzy_ids: frozenset[str] = frozenset()  # skills whose long names may match fuzzily
    trie: dict[str, Any] = field(init=False, repr=False)  # token -> child node; "" -> the `Entry` ending there
    _by_id: dict[str, Skill] = field(init=False, repr=False)
    _fuzzy: dict[str, list[tuple[str, Entry]]] = field(init=False, repr=False)
    _fuzzy_shapes: frozenset[tuple[str, int]] = field(init=False, repr=False)  # (first two letters, length)
    # (first letter, length) -> the names one letter longer, as long or shorter
    _near: dict[tuple[str, int], list[str]] = field(init=False, repr=False)
    _squashed: dict[str, Entry] = field(init=False, repr=False)
    heads: dict[str, Head] = field(init=False, repr=False)  # first tokens of aliases and join heads
    label_cues: frozenset[str] = field(init=False, repr=False)  # words that "label" rules look for
    known: frozenset[str] = field(init=False, repr=False)  # English, posting and vocabulary words
    plain: set[str] = field(init=False, repr=False)  # words no match starts at (grows with words met)
    _fuzzy_memo: dict[str, tuple[Entry, int] | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        trie: dict = {}
        by_id: dict[str, Skill] = {}
        fuzzy: dict[str, list[tuple[str, Entry]]] = {}
        squashed: dict[str, Entry] = {}
        join_pairs: set[tuple[str, str]] = set()
        for skill in self.skills:
            if skill.id in by_id:
                raise VocabError(f"duplicate skill id {skill.id!r}")
            by_id[skill.id] = skill
            name_key = tokens(skill.name)
            rule = skill.rule
            ambiguous: dict[tuple[str, ...], set[str]] = {}
            if rule:
                for form in rule.forms:
                    ambiguous.setdefault(tokens(form), set()).add(_compact(form))
            for alias in skill.names:
                key = tokens(alias)
                if not key:
                    continue
                node = trie
                for tok in key:
                    node = node.setdefault(tok, {})
                if "" in node:
                    continue
                # A rule without forms covers every name of its skill, in any case.
                ruled = rule is not None and (key in ambiguous or not rule.forms)
                forms = frozenset(ambiguous.get(key, ())) if ruled else None
                dot = alias.startswith(".")
                entry = Entry(skill, "exact" if key == name_key else "alias", forms, rule if ruled else None, dot)
                node[""] = entry
                if not ruled and skill.id in self.fuzzy_ids:
                    flat = squash(key)
                    if len(flat) >= FUZZY_MIN_LEN and flat.isalpha():
                        if len(key) == 1:
                            for variant in _deletions(flat):
                                fuzzy.setdefault(variant, []).append((flat, entry))
                        squashed.setdefault(flat, entry)
                        join_pairs.update((flat[:i], flat[i:]) for i in range(3, len(flat) - 1))
        object.__setattr__(self, "skills", tuple(sorted(self.skills, key=lambda s: s.id)))
        object.__setattr__(self, "trie", trie)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_fuzzy", fuzzy)
        targets = {t for pairs in fuzzy.values() for t, _ in pairs}
        shapes = frozenset((t[:2], len(t) + d) for t in targets for d in range(-2, 3))
        object.__setattr__(self, "_fuzzy_shapes", shapes)
        near: dict[tuple[str, int], list[str]] = {}
        for t in sorted(targets):
            for d in (-1, 0, 1):
                near.setdefault((t[0], len(t) + d), []).append(t)
        object.__setattr__(self, "_near", near)
        object.__setattr__(self, "_squashed", squashed)
        known = self.words | frozenset(trie)
        tails: dict[str, set[str]] = {}
        for a, b in join_pairs:
            # Only splits into plausible words: "tensor|flow", "postgre|sql", not "and|roid".
            if b in known and len(b) >= 2 and a not in _FUNCTION_WORDS:
                tails.setdefault(a, set()).add(b)
        heads = {}
        for tok in trie.keys() | tails.keys():
            node = trie.get(tok, {})
            joins = {b: squashed[tok + b] for b in tails[tok]} if tok in tails else None
            entry, misspellable = node.get(""), tok not in known
            nexts = None if entry is not None or misspellable else frozenset(node).union(joins or ()) - {""}
            heads[tok] = Head(entry, node if len(node) > ("" in node) else None, joins, misspellable, nexts)
        object.__setattr__(self, "heads", heads)
        labels = (s.rule.cues for s in self.skills if s.rule is not None and s.rule.needs == "label")
        object.__setattr__(self, "label_cues", frozenset().union(*labels))
        object.__setattr__(self, "known", known)
        object.__setattr__(self, "plain", set(self._plain_words()))
        object.__setattr__(self, "_fuzzy_memo", {})

    def __reduce__(self):
        return (Vocabulary, (self.skills, self.words, self.fuzzy_ids))

    def __len__(self) -> int:
        return len(self.skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self.skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._by_id

    def get(self, skill_id: str) -> Skill | None:
        return self._by_id.get(skill_id)

    def lookup(self, text: str) -> Entry | None:
        """The entry a whole name or alias leads to, e.g. `lookup("k8s").skill.id == "kubernetes"`."""
        node = self.trie
        for tok in tokens(text):
            child = node.get(tok)
            if child is None:
                return None
            node = child
        return node.get("")

    def fuzzy(self, token: str) -> tuple[Entry, int] | None:
        """The skill a misspelt word most likely means ("kubernets"), with its score, or None.

        Only long words that are neither a known English/posting word nor a vocabulary token
        are tried, against the long names of curated and popular skills, through a
        one-deletion index (so cost is independent of vocabulary size). The first two letters
        must be right and the length within two of a name's, which rules out most words at once.
        """
        if len(token) < FUZZY_MIN_LEN or not token.isalpha() or token in self.words or token in self.trie:
            return None
        if (token[:2], len(token)) not in self._fuzzy_shapes:
            return None
        memo = self._fuzzy_memo
        if token in memo:
            return memo[token]
        if len(memo) > 100_000:
            memo.clear()
        # A name that shares a one-deletion variant with the word is at most one letter longer or
        # shorter and at most two insertions/deletions away from it: one C call rules out most
        # words before their variants are made.
        near = self._near.get((token[0], len(token)))
        if near is None or process.extractOne(token, near, scorer=Indel.distance, score_cutoff=2) is None:
            memo[token] = None
            return None
        best: tuple[Entry, int] | None = None
        seen: set[str] = set()
        for variant in _deletions(token):
            for target, entry in self._fuzzy.get(variant, ()):
                if target in seen or target[0] != token[0]:
                    continue
                seen.add(target)
                if Levenshtein.distance(token, target, score_cutoff=2) > 2:
                    continue
                score = round(fuzz.ratio(token, target))
                if score >= FUZZY_MIN_SCORE and (best is None or score > best[1]):
                    best = (entry, score)
        memo[token] = best
        return best

    def misspelt(self, token: str) -> tuple[Entry, int] | None:
        """`fuzzy` for a word that is not a head: one that is no misspelt name goes in `plain`
        as a word no match starts at, so later postings skip it at C speed."""
        found = self.fuzzy(token)
        if found is None:
            plain = self.plain
            if len(plain) > len(self.known) + 500_000:  # bound the memory of a long-running process
                plain.clear()
                plain.update(self._plain_words())
            plain.add(token)
        return found

    def _plain_words(self) -> frozenset[str]:
        return self.known.difference(self.heads)

    def search(self, query: str = "", category: str | None = None, limit: int = 20) -> list[tuple[Skill, float]]:
        """Skills whose name or an alias resembles `query` (all skills, by id, when it is empty)."""
        if category is not None and category not in CATEGORIES:
            raise VocabError(f"unknown category {category!r}; choose from {', '.join(CATEGORIES)}")
        pool = [s for s in self.skills if category is None or s.category == category]
        if not query.strip():
            return [(s, 100.0) for s in pool[:limit]]
        choices: dict[int, str] = {}
        owners: list[Skill] = []
        for skill in pool:
            for alias in skill.names:
                choices[len(owners)] = alias.lower()
                owners.append(skill)
        best: dict[str, tuple[Skill, float]] = {}
        q = query.lower().strip()
        # WRatio finds candidates fast; the rescoring keeps partial matches to whole words of the
        # name (or to long queries), so "go" finds Go and "Go lang", not "Google Android".
        for choice, _, i in process.extract(q, choices, scorer=fuzz.WRatio, limit=limit * 10, score_cutoff=60):
            score = fuzz.ratio(q, choice)
            if len(choice) > len(q):
                words = choice.split()
                if q in words or (len(q) >= 4 and (choice.startswith(q) or f" {q}" in choice)):
                    score = max(score, 95 if words[0].startswith(q) else 90)  # the query starts a word
                elif len(q) >= 4:
                    score = max(score, 0.85 * fuzz.partial_ratio(q, choice))
            skill = owners[i]
            if score >= 60 and (skill.id not in best or best[skill.id][1] < score):
                best[skill.id] = (skill, score)
        ranked = sorted(best.values(), key=lambda p: (-p[1], p[0].source != "curated", p[0].id))
        return [(s, min(score, 100.0)) for s, score in ranked[:limit]]

    def merged(self, extra: Iterable[Skill], removed: Iterable[str] = ()) -> Vocabulary:
        """A new vocabulary where `extra` skills replace those with the same id and take their aliases."""
        extra = list(extra)
        gone = set(removed) | {s.id for s in extra}
        taken = {tokens(a) for s in extra for a in s.names}
        kept = []
        for skill in self.skills:
            if skill.id in gone:
                continue
            aliases = tuple(a for a in skill.aliases if tokens(a) not in taken)
            if tokens(skill.name) in taken:
                if not aliases:
                    continue
                skill = replace(skill, name=aliases[0], aliases=aliases[1:])
            elif len(aliases) != len(skill.aliases):
                skill = replace(skill, aliases=aliases)
            kept.append(skill)
        return Vocabulary(tuple(extra) + tuple(kept), self.words, self.fuzzy_ids | {s.id for s in extra})


_FUNCTION_WORDS = frozenset("a an the and or of to in on at for by as is be it no".split())


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


# --- reading -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def builtin() -> Vocabulary:
    """The vocabulary shipped in jobscan/data, read once per process."""
    skills = []
    fuzzy_ids = []
    with open(DATA / "skills.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            skills.append(Skill.from_dict(d))
            if d.get("fuzzy"):
                fuzzy_ids.append(d["id"])
    words = frozenset((DATA / "words.txt").read_text(encoding="utf-8").split())
    return Vocabulary(tuple(skills), words, frozenset(fuzzy_ids))


def load_vocabulary(extra: Sequence[Path] = ()) -> Vocabulary:
    """The built-in vocabulary with each user file in `extra` merged on top, later files winning."""
    vocab = builtin()
    for path in extra:
        skills, removed = read_user_file(Path(path), vocab)
        vocab = vocab.merged(skills, removed)
    return vocab


def read_user_file(path: Path, base: Vocabulary) -> tuple[list[Skill], list[str]]:
    """Skills from a TOML, JSON or CSV file, with ids resolved against `base` (by id, then name).

    Each entry has `name` and optionally `id`, `category`, `aliases` (a list, or a "|"-separated
    string in CSV) and `remove` (true drops the skill). Returns (skills, ids to remove).
    """
    try:
        suffix = path.suffix.lower()
        if suffix == ".toml":
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            records = data.get("skill", data.get("skills", []))
        elif suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            records = data.get("skills", []) if isinstance(data, dict) else data
        elif suffix == ".csv":
            with open(path, encoding="utf-8", newline="") as f:
                records = list(csv.DictReader(f))
        else:
            raise VocabError(f"{path}: unknown vocabulary format (use .toml, .json or .csv)")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError, csv.Error) as e:
        raise VocabError(f"{path}: {e}") from e
    if not isinstance(records, list):
        raise VocabError(f"{path}: expected a list of skills")
    by_name = {s.name.lower(): s for s in base.skills}
    skills: list[Skill] = []
    removed: list[str] = []
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, Mapping) or not str(rec.get("name") or rec.get("id") or "").strip():
            raise VocabError(f"{path}: entry {n} needs a name")
        name = str(rec.get("name") or "").strip()
        given_id = str(rec.get("id") or "").strip()
        old = base.get(given_id) if given_id else None
        old = old or (by_name.get(name.lower()) if name else None)
        skill_id = given_id or (old.id if old else slug(name))
        if _truthy(rec.get("remove")):
            removed.append(skill_id)
            continue
        aliases = rec.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a.strip() for a in re.split(r"[|;]", aliases) if a.strip()]
        category = str(rec.get("category") or (old.category if old else "")).strip()
        if category not in CATEGORIES:
            raise VocabError(f"{path}: entry {n} ({name or skill_id}): category must be one of {', '.join(CATEGORIES)}")
        skills.append(
            Skill(
                id=skill_id,
                name=name or (old.name if old else skill_id),
                category=category,
                aliases=tuple(str(a) for a in aliases),
                source=f"user:{path.name}",
                rule=old.rule if old else None,
            )
        )
    return skills, removed


def _truthy(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("1", "true", "yes")


def search(query: str = "", category: str | None = None, limit: int = 20, vocab: Vocabulary | None = None):
    """Fuzzy-search the vocabulary (the built-in one unless `vocab` is given); see `Vocabulary.search`."""
    return (vocab or builtin()).search(query, category, limit)
