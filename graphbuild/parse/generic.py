"""Generic mentions of a common-noun type (``Quy chế``, ``Quy định``, ``Nội quy``, ``Bộ quy tắc``,
``Điều lệ``): a name that fits many instruments cites none (``../shared/corpus/ANNOTATION.md``:
"generic or plural mentions" are no citations, like ``Nghị quyết Đại hội đảng bộ các cấp``).

* A name whose owner is a level, not a body: ``Quy chế ... của Đảng bộ cấp huyện``, ``Quy chế
  làm việc mẫu của Ủy ban nhân dân cấp xã``, ``Quy định ... các cấp``: one per body of that level.
* A short title of common words alone (at most three, all in lower case: ``Quy chế làm việc``,
  ``Quy chế tuyển sinh``) with no issuer, year, number or date: every body has one.  It names one
  instrument only listed with other instruments, which fix whose it is (``Điều lệ Đảng, Quy
  chế làm việc và Nghị quyết Trung ương 4``).  A long title (``Quy chế thực hiện nếp sống văn
  minh trong việc cưới, việc tang và lễ hội``) names one.
* Neither is generic when an instrument issues it, cited just before (``Thông tư số ... ban
  hành Quy chế ...``) or after, in the same clause (``Bộ Quy tắc ứng xử trên mạng xã hội ban hành kèm theo Quyết
  định ...``).
"""

from __future__ import annotations

import re

from graphbuild.parse import regexes as rx

_LEVEL = re.compile(
    r"(?<![^\W\d_])(?i:cấp[ \t\n]+(?:huyện|xã|tỉnh|cơ[ \t\n]+sở|trên|dưới)|các[ \t\n]+cấp)(?![^\W\d_])")
_SHORT = 3
_TYPE_ALTERNATIVES = "|".join(
    w.replace(" ", r"\s+") for w in sorted(rx.TYPE_WORDS, key=len, reverse=True))
# Text of the same sentence: no sentence mark, no blank line (hard-wrapped lines go on).
_SAME_SENTENCE = r"(?:(?!\.\s|\n[ \t]*\n)[^;!?()])"
# Another instrument right after (", Nghị quyết ...", " và Luật ...") or before in the same
# clause ("Điều lệ Đảng, " before the type word).
_LISTED_AFTER = re.compile(rf"[ \t]*(?:,|[ \t]và)[ \t]+(?:{_TYPE_ALTERNATIVES})(?![^\W\d_])")
_LISTED_BEFORE = re.compile(
    rf"(?<![^\W\d_])(?:{_TYPE_ALTERNATIVES})(?![^\W\d_])[^;.:!?()\n]{{0,60}}(?:,|[ \t]và)[ \t]*$")
# An instrument issues (amends, replaces) it: "Thông tư 30/2024/TT-BGDĐT ban hành Quy chế ...",
# "Thông tư ... sửa đổi Quy định ...", "Nghị định 315/2025/NĐ-CP Quy chế làm việc mẫu ...",
# "Ban hành kèm theo Quyết định này Quy chế ...", "Quy chế tuyển sinh ban hành kèm theo ...".
_ISSUED_BEFORE = re.compile(
    rf"(?<![^\W\d_])(?:{_TYPE_ALTERNATIVES})(?![^\W\d_]){_SAME_SENTENCE}{{0,200}}?"
    r"(?:(?i:ban\s+hành|kèm\s+theo|sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ)|[0-9]+[^\s]*/[^\s]*[A-ZĐ])\s*$"
    rf"|(?<![^\W\d_])(?:{_TYPE_ALTERNATIVES})(?:\s+này)?\s*$")
_ISSUED_AFTER = re.compile(
    rf"{_SAME_SENTENCE}{{0,100}}?(?<![^\W\d_])(?i:ban\s+hành|kèm\s+theo)(?![^\W\d_])")


def generic_name(norm: str, ts: int, end: int, words: list[str], specific_after: bool) -> bool:
    """Is the name ``norm[ts:end]`` (its words after the type word: ``words``) a generic
    mention?  ``specific_after``: a number or a date follows it."""
    if _ISSUED_AFTER.match(norm, end) or _ISSUED_BEFORE.search(norm, max(0, ts - 300), ts):
        return False
    if _LEVEL.search(norm, ts, end):
        return True
    if (specific_after or len(words) > _SHORT or not words or any(not w.islower() for w in words)
            or _LISTED_AFTER.match(norm, end)):
        return False
    return _LISTED_BEFORE.search(norm, max(0, ts - 80), ts) is None
