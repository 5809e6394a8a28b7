"""Read the issuer named after a mention: ``của Bộ Chính trị``, ``của Ban cán sự đảng TANDTC``,
``của Bộ Chính trị, Ban Bí thư``, with the term when one follows (``khóa XIII``).
"""

from __future__ import annotations

import re

from graphbuild.parse import regexes as rx

_COMMA = re.compile(r"[ \t]*,[ \t]*")
_ISSUER_START = re.compile(r"(?i:của)[ \t]+\n?[ \t]*(?=[^\W\d_])")
_ISSUER_STOP = frozenset("""
    về ngày quy ban sửa hướng thực thành tại do đã được có là năm số nhằm theo trong đối với để
    cho phê thông ký ra nay kèm triển tổ chỉ đề tiếp xác giao yêu nêu này gồm từ đến lần
    và nhưng khi ngay vừa hết cũng sẽ
""".split())
_BODY_HEADS = frozenset("Ban Bộ Ủy Uỷ Văn Chính Quốc Thủ Hội Tòa Toà Viện Liên Tỉnh Thành Huyện Đảng".split())
_ROMAN = re.compile(rf"{rx.ROMAN}$")


class Issuer:
    __slots__ = ("issuer", "term", "_end")

    def __init__(self, issuer: str, term: str | None, end: int) -> None:
        self.issuer, self.term, self._end = issuer, term, end

    def end(self) -> int:
        return self._end


def read_issuer(norm: str, pos: int) -> Issuer | None:
    """The body after ``của`` at ``pos``: words up to a verb or preposition that ends it."""
    m = _ISSUER_START.match(norm, pos)
    if m is None or not norm[m.end()].isupper():
        return None
    pos = m.end()
    words: list[str] = []
    term = None
    end = pos
    while len(words) < 16:
        t = rx.NAME_TOKEN.match(norm, pos)
        if t is None:
            comma = _COMMA.match(norm, pos)
            nxt = rx.NAME_TOKEN.match(norm, comma.end()) if comma else None
            if words and nxt and nxt["tok"] in _BODY_HEADS:
                words.append(",")
                pos = nxt.start()               # where the comma ends
                continue
            break
        tok = t["tok"]
        low = tok.lower()
        if tok.isdigit() or (low in _ISSUER_STOP and not tok[0].isupper()):
            nxt = rx.NAME_TOKEN.match(norm, t.end())
            # "Ủy ban", "Ban Chỉ đạo": "ban" ends an issuer only as "ban hành" (issued).
            if not (low == "ban" and nxt is not None and nxt["tok"].lower() != "hành"):
                break
        if low in ("khóa", "khoá"):
            r = rx.NAME_TOKEN.match(norm, t.end())
            if r and _ROMAN.match(r["tok"]):
                term = f"{tok} {r['tok']}"      # the term is its own field, not the issuer's
                end = pos = r.end()
            break
        words.append(tok)
        end = pos = t.end()
    if not words:
        return None
    while words and words[-1] == ",":
        words.pop()
    return Issuer(" ".join(words).replace(" ,", ","), term, end)
