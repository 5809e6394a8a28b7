"""Names written in lower case that still cite one instrument.

* ``hiến pháp Mỹ``, ``hiến pháp năm 1958``: a constitution (a foreign one too: ANNOTATION.md
  counts every specific legal document) named by a proper name or a year after the lower-case
  word; not ``hiến pháp`` as a modifier (``Tòa án hiến pháp``, ``khủng hoảng hiến pháp``) nor
  the common noun (``hiến pháp và pháp luật``).  The tokenizers find only a capitalised
  ``Hiến pháp`` before a name: :func:`lowercase_constitutions` finds the others.
* ``ban hành Luật tài nguyên nước``, ``Điều 42 Luật an toàn thông tin mạng``: a law's name
  in lower case after a verb or an article that cites it (:func:`lowercase_law_name`); the
  capitalised ``Luật`` alone before a verb is the law already named (``quy định của Luật chưa
  phù hợp``), no new instrument.
"""

from __future__ import annotations

import re

from graphbuild.parse import regexes as rx

_CONSTITUTION = re.compile(
    rf"(?<![^\W\d_])hiến[ \t]+pháp(?=[ \t]+(?:[^\W\d_]|{rx.NAME_YEAR}(?!\d)))")
# Words before a lower-case "hiến pháp" that make it a modifier: "Tòa án hiến pháp", "luật
# hiến pháp", "khủng hoảng hiến pháp", "Hội đồng hiến pháp", "chuyên gia hiến pháp".
_MODIFIED = re.compile(r"(?i:án|luật|hoảng|đồng|viện|gia|sư|học|tính|quyền)[ \t]+$")
_NAME_YEAR = re.compile(rf"{rx.NAME_YEAR}$")

# What cites a law whose name is in lower case, right before ``Luật``: "ban hành", "thông
# qua", "thi hành", "căn cứ", "quy định của / tại", "một số điều của", "Điều 42 (của)".
_CITING_BEFORE = re.compile(
    r"(?:(?i:ban\s+hành|thông\s+qua|thi\s+hành|căn\s+cứ|quy\s+định\s+(?:của|tại)|điều\s+của)"
    r"|(?:Điều|điều)\s+\d+[a-zđ]?(?:\s+(?:của|tại))?)[ \t]*$")
# First words of what follows "Luật" meaning the law already named: a verb or an adjective.
_NOT_A_NAME = frozenset({"khác", "góp", "chưa", "giao", "cấm", "nghiêm", "yêu", "khẳng", "trao",
                         "dành", "xác", "đặt", "tạo", "cho", "nói", "đưa", "coi", "vừa", "lại"})
# Words that end a lower-case name (a capital or a year would): "Luật trẻ em làm đơn",
# "Luật an toàn thông tin mạng cụ thể", "Luật biểu tình và báo cáo ..."; and "và pháp luật";
# not "làm việc" ("Luật người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng").
_ENDS_NAME = frozenset({"cụ", "làm", "gửi", "chưa", "nộp", "xin", "báo", "thì", "nay"})


def lowercase_constitutions(norm: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every lower-case ``hiến pháp`` that a word or a year follows."""
    if "hiến" not in norm:
        return []
    return [m.span() for m in _CONSTITUTION.finditer(norm)]


def read_lowercase_constitution(norm: str, ts: int, te: int) -> tuple[int, str, int | None] | None:
    """``(end, name, year)`` of ``hiến pháp Mỹ`` (capitalised words on its line),
    ``hiến pháp năm 1958`` or ``hiến pháp 1992``; None for a modifier or a common noun."""
    if _MODIFIED.search(norm, max(0, ts - 12), ts):
        return None
    end, year = te, None
    while (m := rx.NAME_TOKEN.match(norm, end)) is not None and "\n" not in m.group(0):
        tok = m["tok"]
        if end == te and _NAME_YEAR.match(tok):
            return m.end(), " ".join(norm[ts:m.end()].split()), int(tok)
        if end == te and tok == "năm":
            after = rx.NAME_TOKEN.match(norm, m.end())
            if after and _NAME_YEAR.match(after["tok"]) and "\n" not in after.group(0):
                year, end = int(after["tok"]), after.end()
            break
        if not tok[0].isupper() or (tok.isupper() and len(tok) > 1 and end > te):
            break
        end = m.end()
    if end == te:
        return None
    return end, " ".join(norm[ts:end].split()), year


def lowercase_law_name(before: str, tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The words of a law's lower-case name after a citing verb or article (``before`` is the
    text before ``Luật``), cut where a lower-case name ends; ``[]`` when it is none."""
    if not tokens or tokens[0][0] in _NOT_A_NAME or _CITING_BEFORE.search(before) is None:
        return []
    for i, (tok, _) in enumerate(tokens[1:], 1):
        after = [t for t, _ in tokens[i + 1:i + 3]]
        if (tok in _ENDS_NAME and after[:1] != ["việc"]) or (tok == "và" and after == ["pháp", "luật"]):
            tokens = tokens[:i]
            break
    while tokens and tokens[-1][0] in ("và", "của", "về", "trong"):
        tokens = tokens[:-1]
    return tokens if len(tokens) >= 2 else []
