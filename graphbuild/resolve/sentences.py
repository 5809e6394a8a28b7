"""Sentences and clauses of a text: where the evidence of a mention starts and ends."""

from __future__ import annotations

import re

# Legal texts are often hard-wrapped: a line break ends a sentence or clause only after
# punctuation, or as a blank line.
SENTENCE_END = re.compile(r"(?:[.!?…]+[\"”’)]*(?=\s+[\"“(*]*[A-ZĐÀ-Ỹ0-9])|\n[ \t\r]*\n|(?<=[.!?;:*|])[ \t\r]*\n)")
CLAUSE_END = re.compile(r";|\n[ \t\r]*\n|(?<=[.:*|])[ \t\r]*\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence holding ``text[start:end]``."""
    lo = max(0, start - 1500)
    s = lo
    for m in SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    m = SENTENCE_END.search(text, end, min(len(text), end + 1000))
    e = m.end() if m else min(len(text), end + 1000)
    return s, e


def sentence_at(text: str, start: int, end: int, limit: int = 320) -> str:
    """The sentence of a mention, squeezed and cut around it to ``limit`` characters."""
    s, e = sentence_bounds(text, start, end)
    if e - s > limit:
        half = (limit - (end - start)) // 2
        s, e = max(s, start - half), min(e, end + half)
    return " ".join(text[s:e].split())
