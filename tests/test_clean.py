"""clean_text: the normalised text, and offsets mapped back to the original."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.parse.clean import SPECIAL_CHARACTERS, clean_text

LINES = [
    "Nghị quyết số 49-NQ/TW", "Quyết định số 123/QĐ-TTg ngày 29/7/2020", "Luật Đất đai",
    "Kết luận của Bộ Chính trị", "", "Hiến pháp năm 2013", "x", "Điều lệ Đảng",
]


@st.composite
def mixed_lines(draw):
    """Lines of Vietnamese, each left composed or decomposed, some with a dash or NBSP."""
    lines = []
    for line in draw(st.lists(st.sampled_from(LINES), min_size=1, max_size=12)):
        form = draw(st.sampled_from(["NFC", "NFD", "NFC"]))
        line = unicodedata.normalize(form, line)
        if draw(st.booleans()):
            line = line.replace(" ", draw(st.sampled_from(["\u00a0", " ", "\u2013"])), 1)
        lines.append(line)
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@settings(max_examples=300, deadline=None)
@given(mixed_lines())
def test_every_offset_maps_back_to_the_original(text):
    clean = clean_text(text)
    assert clean.text == unicodedata.normalize("NFC", clean.text)
    for i in range(len(clean.text) + 1):
        j = clean.orig(i)
        assert 0 <= j <= len(text)
        # the original up to j, cleaned, is the cleaned text up to i
        assert clean_text(text[:j]).text == clean.text[:i], (i, j)


@pytest.mark.parametrize("text", [
    "plain ascii", "Nghị quyết", unicodedata.normalize("NFD", "Nghị quyết\nLuật\nĐảng"),
    "a\u0301\n\nb\u0301c", "\u0301", "x\n" * 5 + unicodedata.normalize("NFD", "Điều lệ") + "\ny",
])
def test_given_specials_change_nothing(text):
    """Passing the special characters the caller found gives the same result."""
    present = frozenset(ch for ch in text if ch in SPECIAL_CHARACTERS)
    with_present, without = clean_text(text, present), clean_text(text)
    assert with_present.text == without.text
    assert [with_present.orig(i) for i in range(len(with_present.text) + 1)] == \
        [without.orig(i) for i in range(len(without.text) + 1)]


def test_fast_citation_constructor_equals_the_dataclass():
    """find builds citations by filling the slots directly; the result is the same value."""
    import dataclasses

    from graphbuild.parse.find import _citation
    from graphbuild.models import Citation

    values = (3, 9, "NQ 49", "party", "Nghị quyết", "49", "49-NQ/TW", 2005, "2005-06-02",
              "Bộ Chính trị", "khóa IX", "cải cách", None, "49-NQ/TW@2005")
    fast, slow = _citation(values), Citation(*values)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert [getattr(fast, f.name) for f in dataclasses.fields(Citation)] == list(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.start = 0                                        # type: ignore[misc]
    with pytest.raises(TypeError):
        _citation(values[:-1])
