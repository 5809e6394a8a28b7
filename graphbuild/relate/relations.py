"""Which instrument cites which, and how, with the sentence that shows it.

Two rules:

* **subject rule** — the instrument a document is or reports on (the ``Số: 15/2024/NĐ-CP``
  header of a legal text, ``ban hành Kế hoạch số 08-KH/BCĐ`` in a news lead, or a mention
  that opens a line of the lead) cites what the document cites, with the relation named
  by the cue that leads the clause or sentence of each mention (``Căn cứ`` -> BASED_ON,
  ``thực hiện`` -> IMPLEMENTS, ...), else CITES;
* **phrase rule** — ``A ... <cue> B`` inside one clause: ``Kết luận số 84-KL/TW ... về tổng
  kết 15 năm thực hiện Nghị quyết số 49-NQ/TW`` -> 84-KL/TW REVIEWS 49-NQ/TW.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from graphbuild.graph.vocab import (AMENDS, BASED_ON, CITES, GUIDES, IMPLEMENTS, RELATION_TYPES, REPEALS,  # noqa: F401
                                    REPLACES, REVIEWS)
from graphbuild.resolve.resolver import Mention
from graphbuild.resolve.sentences import CLAUSE_END, SENTENCE_END, sentence_at, sentence_bounds  # noqa: F401
from graphbuild.resolve.subject import HEAD, find_subject, is_header_number  # noqa: F401

# Relation cues, strongest first: a clause with "tổng kết ... thực hiện" reviews.
RELATION_CUES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (rel, re.compile(pattern, re.I)) for rel, pattern in (
        (AMENDS, r"sửa\s+đổi|bổ\s+sung\s+một\s+số|sửa\s+đổi,\s*bổ\s+sung"),
        (REPLACES, r"thay\s+thế"),
        (REPEALS, r"bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|hết\s+hiệu\s+lực"),
        (REVIEWS, r"tổng\s+kết|sơ\s+kết"),
        (GUIDES, r"hướng\s+dẫn|quy\s+định\s+chi\s+tiết|quy\s+định\s+(?:việc\s+)?(?:thực\s+hiện|thi\s+hành)"),
        (IMPLEMENTS, r"thực\s+hiện|triển\s+khai|thi\s+hành|cụ\s+thể\s+hóa|cụ\s+thể\s+hoá|"
                       r"quán\s+triệt|chương\s+trình\s+hành\s+động"),
        (BASED_ON, r"căn\s+cứ"),
    ))
# RELATION_TYPES (the vocabulary) lists these in the same order, CITES (no cue) last;
# tests/test_vocab.py keeps the two equal.

# "A được sửa đổi bởi B", "A bị bãi bỏ bởi B": the cue's subject is B.
_PASSIVE_BEFORE = re.compile(r"(?:được|bị)\s*$", re.I)
_AGENT_AFTER = re.compile(r"\s*(?:,?\s*bổ\s+sung\s*)?(?:một\s+số\s+điều\s*)?(?:bởi|tại|theo|bằng)\b", re.I)
# "A hết hiệu lực kể từ ngày B có hiệu lực": the cue's subject is A, the repealing act is B.
_TARGET_FIRST = frozenset({"hết hiệu lực"})
_COORDINATION = re.compile(r"\bvà\b|;|\bcũng\s+như\b|\bđồng\s+thời\b|\bhoặc\b", re.I)
MAX_PHRASE_GAP = 250


@dataclass(frozen=True, slots=True)
class Relation:
    source: str          # instrument key
    type: str            # AMENDS, IMPLEMENTS, ... or CITES
    target: str          # instrument key
    start: int           # offsets of the evidence mention (the target's)
    end: int
    sentence: str
    rule: str            # "subject:<cue>" or "phrase:<cue>"


def relation_of(text: str) -> tuple[str, str] | None:
    """``(relation, cue)`` for the strongest cue in ``text``, else None."""
    for rel, pattern in RELATION_CUES:
        m = pattern.search(text)
        if m:
            return rel, " ".join(m.group().lower().split())
    return None


def find_relations(text: str, mentions: list[Mention], subject: Mention | None) -> list[Relation]:
    """Instrument-to-instrument relations of one document."""
    phrase = _phrase_relations(text, mentions)
    if subject is None:
        return phrase
    # A plain CITES from the subject adds nothing where a named relation links the same pair.
    named = {frozenset((r.source, r.target)) for r in phrase}
    subject_rels = [r for r in _subject_relations(text, mentions, subject)
                    if not (r.type == CITES and frozenset((r.source, r.target)) in named)]
    return subject_rels + phrase


def _subject_relations(text, mentions, subject: Mention) -> list[Relation]:
    found = []
    seen = set()
    starts = sorted(m.citation.start for m in mentions)
    for m in mentions:
        if m.key == subject.key or m is subject:
            continue
        c = m.citation
        rel = _leading_cue(text, starts, c.start)
        rel_type, cue = rel if rel else (CITES, "")
        key = (rel_type, m.key)
        sentence = sentence_at(text, c.start, c.end)
        if key in seen:
            continue
        seen.add(key)
        found.append(Relation(subject.key, rel_type, m.key, c.start, c.end, sentence,
                              f"subject:{cue}" if cue else "subject"))
    return found


def _leading_cue(text: str, starts: list[int], start: int):
    """The cue before the first mention of the clause holding ``start``, else of its sentence.

    ``starts``: the sorted start offsets of the document's mentions.
    """
    s_start, _ = sentence_bounds(text, start, start)
    clause_start = s_start
    for m in CLAUSE_END.finditer(text, s_start, start):
        clause_start = m.end()
    for lo in (clause_start, s_start):
        first = starts[bisect.bisect_left(starts, lo)]        # start itself is in the list
        rel = relation_of(text[lo:first])
        if rel:
            return rel
    return None


def _phrase_relations(text, mentions: list[Mention]) -> list[Relation]:
    found = []
    for a, b in zip(mentions, mentions[1:]):
        ca, cb = a.citation, b.citation
        if a.key == b.key or cb.start - ca.end > MAX_PHRASE_GAP:
            continue
        gap = text[ca.end:cb.start]
        if SENTENCE_END.search(gap) or ";" in gap:
            continue
        rel = None
        for rel_type, pattern in RELATION_CUES:
            m = pattern.search(gap)
            if m and not _COORDINATION.search(gap, 0, m.start()):
                rel = (rel_type, " ".join(m.group().lower().split()), m)
                break
        if rel is None:
            continue
        source, target, rule = a.key, b.key, f"phrase:{rel[1]}"
        if _PASSIVE_BEFORE.search(gap, 0, rel[2].start()) and _AGENT_AFTER.match(gap, rel[2].end()):
            source, target, rule = b.key, a.key, f"phrase:được {rel[1]} bởi"
        elif rel[1] in _TARGET_FIRST:
            source, target = b.key, a.key
        found.append(Relation(source, rel[0], target, cb.start, cb.end,
                              sentence_at(text, ca.start, cb.end, limit=420), rule))
    return found
