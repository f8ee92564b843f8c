import copy
import pickle
from dataclasses import FrozenInstanceError, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobscan.model import _MATCH_TABLE, Block, Document, Meta, Posting, Salary, Section, Seniority, SkillHit, normalize

# Text made mostly of the characters normalize rewrites, mixed with ordinary ones.
_SPECIAL = "".join(chr(code) for code in _MATCH_TABLE)


@given(st.text(alphabet=st.sampled_from(_SPECIAL + "ab \n'-é")))
def test_normalize_equals_translate(text):
    assert normalize(text) == text.translate(_MATCH_TABLE)


def test_normalize_plain_quotes_dashes_and_spaces():
    assert normalize("it\u2019s\u00a0a \u201cjob\u201d \u2013 now\u200b") == "it's a \"job\" - now"


def _same_object(copy_, original):
    """Equal, with the same hash and repr, and a pickle round trip and a deep copy give it back."""
    assert type(copy_) is type(original)
    assert copy_ == original and hash(copy_) == hash(original) and repr(copy_) == repr(original)
    assert pickle.loads(pickle.dumps(copy_)) == original
    assert copy.deepcopy(copy_) == original


_KINDS = st.sampled_from(["heading", "paragraph", "item"])


@given(_KINDS, st.text(), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(-1, 6))
def test_blocks_compare_by_value_and_survive_pickle_and_copy(kind, text, start, end, level):
    block = Block(kind, text, start, end, level)
    _same_object(Block(kind=kind, text=text, line_start=start, line_end=end, level=level), block)
    _same_object(replace(block), block)
    assert Block(kind, text, start, end) == replace(block, level=0)
    assert block != replace(block, line_end=end + 1) and block != (kind, text, start, end, level)


@given(st.sampled_from(["about", "other"]), st.none() | st.text(), st.integers(0, 99), st.integers(0, 99), st.lists(st.text()))
def test_sections_compare_by_value_and_survive_pickle_and_copy(kind, heading, start, end, texts):
    blocks = tuple(Block("item", text, start, end) for text in texts)
    section = Section(kind, heading, start, end, blocks)
    _same_object(Section(kind, heading, start, end, tuple(blocks)), section)
    assert section.to_dict() == pickle.loads(pickle.dumps(section)).to_dict()
    assert section.items == list(texts)


def test_objects_stay_frozen():
    block = Block("item", "Python", 1, 1)
    with pytest.raises(FrozenInstanceError):
        block.text = "Java"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del block.text  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        Section("other", None, 1, 1, ()).kind = "about"  # type: ignore[misc]
    assert block.text == "Python"


@given(st.text(), st.sampled_from(["text", "html"]), st.lists(st.text(), max_size=3), st.none() | st.dictionaries(st.text(), st.text()))
def test_documents_compare_by_value_and_survive_pickle(source, fmt, texts, fields):
    blocks = tuple(Block("paragraph", text, 1, 1) for text in texts)
    document = Document(source, fmt, blocks, fields)
    assert document.fields == (fields or {}) and document == Document(source, fmt, blocks, dict(fields or {}))
    assert hash(document) == hash(Document(source, fmt, blocks, {"other": "facts"}))  # fields are not hashed
    assert pickle.loads(pickle.dumps(document)) == document and repr(pickle.loads(pickle.dumps(document))) == repr(document)


def test_postings_survive_pickle():
    meta = Meta(title="Engineer", locations=("Paris",), salary=Salary(1.0, None, "EUR", "year"))
    hit = SkillHit("python", "Python", "language", "required", "requirements", "Python", 3, "Python.", "exact", 100, 5, ("Python",))
    posting = Posting("a.txt", "text", meta, (Section("about", None, 1, 1, ()),), (hit,), Seniority("senior", 0.5))
    again = pickle.loads(pickle.dumps(posting))
    assert again == posting and hash(again) == hash(posting) and again.to_dict() == posting.to_dict()
