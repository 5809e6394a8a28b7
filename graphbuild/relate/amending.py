"""An amending instrument named after the one it amends.

``Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số
87/2025/QH15`` amends the ``Luật Ban hành văn bản quy phạm pháp luật`` the same document
names on its own (RELATIONS.md, decisions); ``Luật Xây dựng sửa đổi 2020`` amends ``Luật Xây
dựng năm 2014``.  A draft (``Luật Tổ chức TAND (sửa đổi)``, no number, no year) amends nothing.
"""

from __future__ import annotations

import re

from graphbuild.graph.vocab import AMENDS
from graphbuild.resolve.resolver import Mention
from graphbuild.resolve.sentences import sentence_at

_TYPE = r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Thông\s+tư)"
_AMENDING = re.compile(rf"^{_TYPE}\s+(?:sửa\s+đổi|bổ\s+sung)[\s,]*(?:bổ\s+sung\s+)?(?:một\s+số\s+điều\s+)?"
                       rf"(?:của\s+)?(?:các\s+)?(?P<inner>{_TYPE}\s.+)$", re.I)
_NAME_THEN_AMENDING = re.compile(rf"^(?P<inner>{_TYPE}\s.+?)\s+sửa\s+đổi\b", re.I)
_TAIL = re.compile(r"\s+(?:số|năm|ngày)\s.*$|\s+\d{4}.*$|\s*\(.*$", re.I)


def amended_names(m: Mention) -> list[str]:
    """The names an amending instrument's own name holds, folded; [] for any other."""
    c = m.citation
    if not (c.year or c.symbol or c.number):
        return []
    text = " ".join(c.text.split())
    hit = _AMENDING.match(text) or _NAME_THEN_AMENDING.match(text)
    if not hit:
        return []
    parts = re.split(rf"\s+và\s+(?={_TYPE}\s)|,\s+(?={_TYPE}\s)", hit["inner"], flags=re.I)
    return [_fold(_TAIL.sub("", p)) for p in parts if p.strip()]


def _fold(name: str) -> str:
    return " ".join(name.lower().replace(",", " ").split())


def amending_relations(text: str, mentions: list[Mention]) -> list[tuple]:
    out = []
    for m in mentions:
        names = amended_names(m)
        if not names:
            continue
        for other in mentions:
            if other.key == m.key or amended_names(other):
                continue
            own = _fold(_TAIL.sub("", " ".join(other.citation.text.split())))
            if own in names:
                c = other.citation
                out.append((m.key, AMENDS, other.key, c.start, c.end,
                            sentence_at(text, c.start, c.end), "name"))
    return out
