"""Form data (a URL's query string, a form body) decodes as the standard library decodes it, only faster.

nukg.web.protocol reads percent-escapes with one call of the C decoder of escape sequences; what it
gives must be what urllib.parse.parse_qsl gives, strict UTF-8 included, for any input.
"""

from urllib.parse import parse_qsl, quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nukg.core.errors import BadRequest
from nukg.web.protocol import form_pairs, percent_decoded


def standard(raw: bytes):
    """What the endpoint decoded with before: the stdlib, strictly (None: refused)."""
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None


def ours(raw: bytes):
    try:
        return form_pairs(raw, "The URL's query string")
    except BadRequest:
        return None


# Bytes from an alphabet that makes the hard cases likely: escapes (good, bad, cut short), separators,
# plus signs, backslashes (which the decoder of escape sequences reads) and UTF-8 (whole or broken).
PIECES = st.sampled_from([b"%", b"%4", b"%41", b"%zz", b"%C3", b"%A9", b"%c3%a9", b"%5C", b"%25", b"&", b"=", b"+",
                          b"\\", b"\\x41", b"\\n", b"a", b"query", b"\xc3\xa9", b"\xff", b"\xe2\x82", b"#", b";", b" "])


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=24).map(b"".join))
def test_any_form_data_decodes_as_the_standard_library_decodes_it(raw):
    assert ours(raw) == standard(raw)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_any_text_quoted_comes_back_whole(text):
    assert form_pairs(b"query=" + quote(text, safe="").encode("ascii"), "x") == [("query", text)]


@pytest.mark.parametrize(("raw", "decoded"), [
    (b"a+b", b"a b"), (b"%41%42", b"AB"), (b"100%", b"100%"), (b"%%41", b"%A"), (b"%4", b"%4"),
    (b"\\x41", b"\\x41"), (b"%5Cx41", b"\\x41"), (b"\\%41", b"\\A"), (b"%2B", b"+"),
])
def test_percent_decoding(raw, decoded):
    assert percent_decoded(raw) == decoded


def test_the_two_kinds_of_undecodable_data_are_told_apart():
    with pytest.raises(BadRequest, match="is not valid UTF-8"):
        form_pairs(b"query=\xff", "The URL's query string")
    with pytest.raises(BadRequest, match="percent-escapes that are not UTF-8"):
        form_pairs(b"query=%FF", "The URL's query string")
