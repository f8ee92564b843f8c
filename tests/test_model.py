from hypothesis import given
from hypothesis import strategies as st

from jobscan.model import _MATCH_TABLE, normalize

# Text made mostly of the characters normalize rewrites, mixed with ordinary ones.
_SPECIAL = "".join(chr(code) for code in _MATCH_TABLE)


@given(st.text(alphabet=st.sampled_from(_SPECIAL + "ab \n'-é")))
def test_normalize_equals_translate(text):
    assert normalize(text) == text.translate(_MATCH_TABLE)


def test_normalize_plain_quotes_dashes_and_spaces():
    assert normalize("it\u2019s\u00a0a \u201cjob\u201d \u2013 now\u200b") == "it's a \"job\" - now"
