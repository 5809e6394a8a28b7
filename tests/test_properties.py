"""Property tests of ``get_citations`` with hypothesis.

For arbitrary Unicode text, and for text stitched together from citation-like
fragments (type words, symbols, dates, issuers, digits, dashes, combining marks,
NBSP, U+00D0, line breaks), the parser never raises; every citation's offsets
slice the original text to its ``text``; citations are sorted and do not overlap;
and both tokenizers give identical results.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild import get_citations
from graphbuild.parse.tokenizers import AhoCorasickTokenizer, RegexTokenizer

try:
    TOKENIZERS = {"aho-corasick": AhoCorasickTokenizer(), "regex": RegexTokenizer()}
except ImportError:                                  # pragma: no cover
    TOKENIZERS = {"regex": RegexTokenizer()}

FRAGMENTS = [
    "Nghị quyết số 49-NQ/TW", "Nghị định 100/2019/NĐ-CP", "Quyết định số 123/QĐ-TTg",
    "Kết luận số 187, 188- KL/TW", "Thông tư số 03 /2016/TT- BTP", "Luật số 45/2019/QH14",
    "NGHỊ ĐỊNH SỐ 15/2024/NĐ-CP", "Số: ", "Decree No. ", "Nghị quyết", "Nghị định",
    "Quyết định", "Kết luận", "Quy định", "Chỉ thị", "Luật", "Bộ luật", "Hiến pháp",
    "Luật Đất đai", "Bộ luật Hình sự", "Điều lệ Đảng", "Nghị quyết Trung ương 4",
    "Nghị quyết Đại hội lần thứ XIII", "(khóa XII)", "khóa IX", "số", "số ", "Số", "SỐ",
    "ngày 29/7/2020", "ngày 26.12.2023", "ngày 5-10-1992", "ngày 14 tháng 12 năm 2004",
    "năm 2025", "ngày", "tháng", "năm", "của Bộ Chính trị", "của Ban Bí thư", "của Đảng",
    "của Chính phủ", "về", " và ", ", ", ",", ".", ";", ":", "(", ")", "/", "-", "–", "—",
    "NQ", "NĐ", "ND", "QĐ", "QD", "KL", "CT", "HD", "TW", "TƯ", "CP", "TTg", "QĐi", "BCĐ",
    "HĐND", "30a", "2019", "0", "00", "\u00d0", "\u00a0", "\n", "\t", " ", "  ",
    "Điều 5", "này", "các", "lần", "\u2019", "\u2018", "\u2212", "\r", "\u200b", "\u0421\u0420",
    "Т", "\u212a",
]

COMBINING = st.integers(0x0300, 0x0323).map(chr)

piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.integers(0, 99999).map(str),
    COMBINING,
    st.text(max_size=3),
)


@st.composite
def citation_like(draw):
    text = "".join(draw(st.lists(piece, max_size=40)))
    form = draw(st.sampled_from([None, "NFC", "NFD", "NFKC"]))
    return unicodedata.normalize(form, text) if form else text


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


def check_invariants(text: str) -> None:
    results = {}
    for name, tokenizer in TOKENIZERS.items():
        citations = get_citations(text, tokenizer=tokenizer)
        previous_end = 0
        for c in citations:
            assert 0 <= c.start < c.end <= len(text), c
            assert text[c.start:c.end] == c.text, c
            assert c.start >= previous_end, f"unsorted or overlapping at {c}"
            previous_end = c.end
            assert c.kind in ("party", "state", "named"), c
            if c.date is not None:
                assert ISO_DATE.match(c.date), c
                dt.date.fromisoformat(c.date)      # a real calendar date
        results[name] = [c.to_dict() for c in citations]
    first, *others = results.values()
    for other in others:
        assert other == first, "tokenizers disagree"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text(text):
    check_invariants(text)


@settings(max_examples=300, deadline=None)
@given(citation_like())
def test_citation_like_text(text):
    check_invariants(text)


@pytest.mark.parametrize("text", [
    "\u0300Nghị quyết số 49-NQ/TW",             # leading combining mark
    "Nghị quyết số 49-NQ/TW\u0301",              # trailing combining mark
    unicodedata.normalize("NFD", "NGHỊ ĐỊNH SỐ 15/2024/NĐ-CP ngày 29/7/2020"),
    "İNghị quyết số 49-NQ/TW",                   # lower() would change the length
    "ẞ Nghị định 100/2019/NĐ-CP",
    "\u00a0\n\t",
    "số 218, số 219, số",
    "Nghị quyết\n\nsố 49 và Nghị định\n\n100/2019/NĐ-CP",   # two line breaks: no number follows
    "Nghị quyết\nsố 49, Nghị định \t100/2019/NĐ-CP, NĐ\t\t67, Bộ\n\tluật Hình sự",
])
def test_edge_texts(text):
    check_invariants(text)


# A character that cleaning changes inside or around a type word: each must be found.
CLEANED_INSIDE_TYPE_WORDS = [
    "Nghị quyết\u00a0số 49-NQ/TW", "Nghị\u00a0quyết số 5", "NGHỊ\u3000ĐỊNH 15/2024/NĐ-CP",
    "theo Luật\u00a0Đất đai 2013", "\u00d0iều lệ Đảng", "Nghị quyết\r\nsố 5",
    "Chỉ thị\u200bsố 26-CT/TW", unicodedata.normalize("NFD", "Quyết định số 123/QĐ-TTg"),
    "\u0422\u0422 05/2016", "Nghị quyết số 49\u2013NQ/TW", "‘Luật Đất đai’ 2013",
]


@pytest.mark.skipif("aho-corasick" not in TOKENIZERS, reason="ahocorasick_rs is not installed")
@pytest.mark.parametrize("text", CLEANED_INSIDE_TYPE_WORDS)
def test_type_words_under_cleaned_characters(text):
    from graphbuild.parse.clean import clean_text
    from graphbuild.parse.find import _clean_and_tokenize

    tokenizer = TOKENIZERS["aho-corasick"]
    _, hits = _clean_and_tokenize(text, tokenizer)
    assert hits, "no type word found"
    assert [repr(h) for h in hits] == [repr(h) for h in tokenizer(clean_text(text).text)]
    check_invariants(text)


@pytest.mark.skipif("aho-corasick" not in TOKENIZERS, reason="ahocorasick_rs is not installed")
@settings(max_examples=300, deadline=None)
@given(citation_like())
def test_one_pass_tokenizing_equals_cleaning_first(text):
    """The tokenizer's one pass over the raw text (which also tells what cleaning would
    change) finds the type words that a scan of the cleaned text finds."""
    from graphbuild.parse.clean import clean_text
    from graphbuild.parse.find import _clean_and_tokenize

    tokenizer = TOKENIZERS["aho-corasick"]
    clean, hits = _clean_and_tokenize(text, tokenizer)
    expected = clean_text(text)
    assert clean.text == expected.text
    assert [repr(h) + h.ctype for h in hits] == [repr(h) + h.ctype for h in tokenizer(expected.text)]


@settings(max_examples=300, deadline=None)
@given(citation_like())
def test_the_text_given_in_utf8_too_changes_nothing(text):
    """``get_citations(text, utf8=...)`` (a JSONL record read in C hands the parser the UTF-8
    it had) gives the citations of ``text`` alone, with every tokenizer."""
    from graphbuild.parse import find

    utf8 = text.encode("utf-8", "surrogatepass")
    for tokenizer in TOKENIZERS.values():
        expected = [c.to_dict() for c in find.get_citations(text, tokenizer)]
        assert [c.to_dict() for c in find.get_citations(text, tokenizer, utf8=utf8)] == expected
