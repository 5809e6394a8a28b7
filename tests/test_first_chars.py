"""The first-character guard of the cue pattern (graphbuild/relate/first_chars.py): the same
matches as the pattern alone, on real text and on generated patterns and texts."""

from __future__ import annotations

import gzip
import json
import re
from itertools import islice

import hypothesis
import hypothesis.strategies as st
import pytest

from graphbuild.relate.cues import _ALL, CONTEXT, CONTEXT_RE, CUE_RE
from graphbuild.relate.first_chars import first_chars, guarded

from .conftest import shared_path


def _matches(pattern: re.Pattern, texts) -> list:
    return [[(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(t)] for t in texts]


@pytest.fixture(scope="module")
def texts():
    texts = [p.read_text(encoding="utf-8") for folder in ("dev/passages", "relations", "seeds")
             for p in sorted(shared_path(*folder.split("/")).rglob("*.txt"))]
    with gzip.open(shared_path("bulk.jsonl.gz"), "rt", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in islice(f, 0, 6000, 6)]
    return texts + ["ſửa đổi", "\u212aết thúc", "THAY THẾ", "Sửa Đổi, Bổ Sung", "hủy bỏ"]   # case folds of re.I


def test_the_cue_pattern_is_guarded_and_finds_what_it_found_unguarded(texts):
    assert CUE_RE.pattern.startswith("(?=[")
    found = _matches(CUE_RE, texts)
    assert found == _matches(re.compile(_ALL, re.I), texts)
    assert sum(map(len, found)) > 10_000


@pytest.mark.parametrize("name", sorted(CONTEXT))
def test_each_context_pattern_finds_what_it_found_unguarded(texts, name):
    plain = re.compile(CONTEXT[name], CONTEXT_RE[name].flags)
    assert _matches(CONTEXT_RE[name], texts) == _matches(plain, texts)
    # .match at every line start, as the reader uses some of them
    starts = [[m.end() for m in re.finditer(r"\n", t)] for t in texts[:300]]
    assert [[bool(CONTEXT_RE[name].match(t, s)) for s in ss] for t, ss in zip(texts, starts)] == \
        [[bool(plain.match(t, s)) for s in ss] for t, ss in zip(texts, starts)]


@pytest.mark.parametrize("pattern, first", [
    (r"abc|d(?:e|f)", {"a", "d"}),
    (r"(?:x\s+)?yz", {"x", "y"}),
    (r"(?<!\w)chờ|\bsẽ", {"c", "s"}),
    (r"[ab]c|q", {"a", "b", "q"}),
    (r"(?P<g>k)", {"k"}),
    (r"\w+", None),                     # a class of its own: no guard
    (r"[a-z]x", None),                  # a range
    (r"(?=a)a", None),                  # a look-ahead
    (r"a?", None),                      # may match nothing
    (r"(?i:a)b", None),                 # its own flags
    (r"x|.", None),
])
def test_first_chars_reads_what_it_can_and_gives_up_on_the_rest(pattern, first):
    from re import _parser  # type: ignore[attr-defined]
    assert first_chars(list(_parser.parse(pattern))) == first
    assert (guarded(pattern) == pattern) == (first is None)


_WORDS = st.text(alphabet="abkKsSſđĐ\u212a ", min_size=1, max_size=4)


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.lists(st.tuples(st.sampled_from(["", "(?:", "(?<!\\w)"]), _WORDS, _WORDS,
                                     st.booleans()), min_size=1, max_size=5),
                  st.lists(st.text(alphabet="abkKsSſđĐ\u212a \n", max_size=40), max_size=5), st.booleans())
def test_a_guarded_pattern_finds_what_the_pattern_finds(parts, texts, ignore_case):
    alternatives = []
    for head, word, tail, optional in parts:
        body = re.escape(word) + (r"\s*" + re.escape(tail) if tail.strip() else "")
        if head == "(?:":
            body = f"(?:{re.escape(tail)})?{re.escape(word)}" if optional else f"(?:{body})"
        else:
            body = head + body
        alternatives.append(body)
    pattern = "|".join(f"(?P<c{i}>{a})" for i, a in enumerate(alternatives))
    flags = re.I if ignore_case else 0
    assert _matches(re.compile(guarded(pattern, flags), flags), texts) == _matches(re.compile(pattern, flags), texts)
