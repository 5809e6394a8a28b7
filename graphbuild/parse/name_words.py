"""The word lists of :mod:`graphbuild.parse.names`: which words end a name, which join it, which
words after a type word rule a law or a rule out (all checked on lower-cased words except
``CAPITALISED_INSTITUTIONS``); and :func:`run_to_number`, the words after ``và`` up to the
name's number.
"""

from __future__ import annotations

import re

from graphbuild.parse import regexes as rx

# Lower-case words that end a name (checked on the lower-cased word).
STOP_WORDS = frozenset("""
    này nêu trên đó ấy được đã có sẽ là thì mà để cho tại theo ngày số nhằm với khi nếu
    do bởi mới cũ điều khoản chương mục đến từ vào ra trước sau cũng vẫn
    đang sắp không các những như hoặc hay gồm bao qua nay thay bị phải cần nên
    còn rất đều chỉ lại tiếp nhưng vì tuy đây kia vừa liên cùng chung tới giữa
    về của và trong đối
""".split())
# Two-word verbs that end a name: "Luật Đất đai quy định", "Luật hiện hành".
STOP_BIGRAMS = frozenset({
    ("quy", "định"), ("hướng", "dẫn"), ("ban", "hành"), ("thi", "hành"), ("áp", "dụng"),
    ("hiện", "hành"), ("có", "hiệu"), ("sửa", "đổi"), ("bổ", "sung"), ("thay", "thế"),
    ("hết", "hiệu"), ("quy", "đinh"),
})
# "số" inside a word: "dân số", "một số", "đa số", "kỹ thuật số".
SO_IN_WORD = frozenset({"dân", "một", "đa", "thuật", "chữ", "hệ", "chỉ", "tần"})
# Words that may stand inside a name although they end one elsewhere.
JOINERS = frozenset({"về", "của", "và", "trong", "đối"})
# Words that cannot end a name.
TRAILING = frozenset({"về", "của", "và", "trong", "đối", "với", "các", "tại", "cho", "sửa", "đổi"})
# Lower-case words that end even "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B".
AMEND_STOP = frozenset("ngày này được đã có là đang sẽ thì mà khi để cho nêu trên".split())
# "Luật sư", "Luật gia", "Luật học", "Luật pháp", "Luật lệ", "Luật chơi" are no laws.
NOT_A_LAW = frozenset({"sư", "gia", "học", "pháp", "lệ", "chơi", "hóa", "hoá", "sự", "khoa"})
# "quy định chi tiết", "Quy định rõ": the verb, not the instrument.
NOT_A_RULE = frozenset({"chi", "chức", "kèm", "rõ", "cụ", "tại", "như", "thêm", "mức", "việc",
                         "trách", "thời", "các", "những", "một", "nhiều"})
# Institutions named after the law: "Đại học Luật", "Công ty Luật", "Tạp chí Luật học".
INSTITUTIONS = frozenset({"học", "trường", "khoa", "ty", "phòng", "chí", "viện", "hãng", "đoàn",
                           "nhân", "sĩ", "ngành", "viên", "hội"})
# Names written with a capital: "Báo Pháp Luật TP.HCM", "Cộng đồng Dân Luật Việt Nam" (a site
# footer in many articles), "PHÁP LUẬT DÂN SỰ".  Lower case, "pháp Luật Đất đai" and "nhân
# dân Luật Trẻ em" still cite laws.
CAPITALISED_INSTITUTIONS = frozenset({"Pháp", "PHÁP", "Dân", "DÂN"})
TYPE_WORDS_LOWER = frozenset(t.lower() for t in rx.TYPE_WORDS) | {"luật"}
# First two words of every type word: "nghị định" of "Nghị định", "thông tư" of "Thông tư liên tịch".
TYPE_STARTS = frozenset(" ".join(t.lower().split()[:2]) for t in rx.TYPE_WORDS)
# Nouns of documents that are no type word: "và văn bản số 12/UBND" is another document.
_RUN_ENDS = TYPE_STARTS | frozenset({"văn bản", "hợp đồng", "giấy phép", "hồ sơ", "tài liệu"})
# Words that cannot stand between "và" and the number of one name (run_to_number):
# a list ("và các ..."), a verb, an anaphor, a citing preposition.
NOT_IN_AND_RUN = AMEND_STOP | frozenset("các những theo tại hoặc hay như tới về của với".split())
_DIGIT_NEXT = re.compile(r"[ \t]*\n?[ \t]*:?[ \t]*\d")


def run_to_number(norm: str, first: re.Match[str]) -> list[re.Match[str]]:
    """The words from ``first`` to a ``số`` before a number (at most 8), or none when a type
    word, a two-word verb, a number, a list word (``các``, ``theo``...) or punctuation comes
    first."""
    run: list[re.Match[str]] = []
    tok: re.Match[str] | None = first
    while tok is not None and len(run) < 8 and "\n" not in tok.group(0):
        low = tok["tok"].lower()
        if low == "số" and run and _DIGIT_NEXT.match(norm, tok.end()):
            return run
        nxt = rx.NAME_TOKEN.match(norm, tok.end())
        nlow = nxt["tok"].lower() if nxt else ""
        if (tok["tok"].isdigit() or low in TYPE_WORDS_LOWER or low in NOT_IN_AND_RUN
                or f"{low} {nlow}" in _RUN_ENDS or (low, nlow) in STOP_BIGRAMS
                or (low in STOP_WORDS and nlow.isdigit())):
            return []
        run.append(tok)
        tok = nxt
    return []
