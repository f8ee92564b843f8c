import copy
import pickle
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobscan.model import _MATCH_TABLE, Block, Document, Section, new_block, new_document, new_section, normalize

# Text made mostly of the characters normalize rewrites, mixed with ordinary ones.
_SPECIAL = "".join(chr(code) for code in _MATCH_TABLE)


@given(st.text(alphabet=st.sampled_from(_SPECIAL + "ab \n'-é")))
def test_normalize_equals_translate(text):
    assert normalize(text) == text.translate(_MATCH_TABLE)


def test_normalize_plain_quotes_dashes_and_spaces():
    assert normalize("it\u2019s\u00a0a \u201cjob\u201d \u2013 now\u200b") == "it's a \"job\" - now"


def _same_object(fast, built):
    """Equal, same hash and repr, the same instance dict, and a pickle round trip gives it back."""
    assert type(fast) is type(built)
    assert fast == built and hash(fast) == hash(built) and repr(fast) == repr(built)
    assert vars(fast) == vars(built) and list(vars(fast)) == list(vars(built))
    assert pickle.loads(pickle.dumps(fast)) == built
    assert copy.deepcopy(fast) == built


_KINDS = st.sampled_from(["heading", "paragraph", "item"])


@given(_KINDS, st.text(), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(-1, 6))
def test_new_block_is_the_dataclass_block(kind, text, start, end, level):
    _same_object(new_block(kind, text, start, end, level), Block(kind, text, start, end, level))
    _same_object(new_block(kind, text, start, end), Block(kind, text, start, end))


@given(st.sampled_from(["about", "other"]), st.none() | st.text(), st.integers(0, 99), st.integers(0, 99), st.lists(st.text()))
def test_new_section_is_the_dataclass_section(kind, heading, start, end, texts):
    blocks = tuple(Block("item", text, start, end) for text in texts)
    fast, built = new_section(kind, heading, start, end, blocks), Section(kind, heading, start, end, blocks)
    _same_object(fast, built)
    assert fast.to_dict() == built.to_dict()


def test_fast_built_objects_stay_frozen():
    with pytest.raises(FrozenInstanceError):
        new_block("item", "Python", 1, 1).text = "Java"
    with pytest.raises(FrozenInstanceError):
        new_section("other", None, 1, 1, ()).kind = "about"


@given(st.text(), st.sampled_from(["text", "html"]), st.lists(st.text(), max_size=3), st.none() | st.dictionaries(st.text(), st.text()))
def test_new_document_is_the_dataclass_document(source, fmt, texts, fields):
    blocks = tuple(Block("paragraph", text, 1, 1) for text in texts)
    built = Document(source, fmt, blocks) if fields is None else Document(source, fmt, blocks, fields)
    fast = new_document(source, fmt, blocks, fields)
    assert type(fast) is type(built) and fast == built and repr(fast) == repr(built)
    assert vars(fast) == vars(built) and list(vars(fast)) == list(vars(built))
    assert pickle.loads(pickle.dumps(fast)) == built
