"""Read the name of an instrument cited by name: ``Luật Đất đai 2013``, ``Điều lệ Đảng``.

A name is a run of words after the type word.  Title-case words and acronyms
belong to it; lower-case words do unless they are function words that end a
name (``này``, ``quy định``, ``được``...).  A year (``2013``, ``năm 2013``) ends
the name and is kept.  ``Luật sửa đổi, bổ sung một số điều của Luật A và Luật B``
is one name.
"""

from __future__ import annotations

import re

from graphbuild.parse import regexes as rx
from graphbuild.parse import types

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
_SO_IN_WORD = frozenset({"dân", "một", "đa", "thuật", "chữ", "hệ", "chỉ", "tần"})
# Words that may stand inside a name although they end one elsewhere.
_JOINERS = frozenset({"về", "của", "và", "trong", "đối"})
# Words that cannot end a name.
_TRAILING = frozenset({"về", "của", "và", "trong", "đối", "với", "các", "tại", "cho", "sửa", "đổi"})
# Lower-case words that end even "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B".
_AMEND_STOP = frozenset("ngày này được đã có là đang sẽ thì mà khi để cho nêu trên".split())
# "Luật sư", "Luật gia", "Luật học", "Luật pháp", "Luật lệ", "Luật chơi" are no laws.
_NOT_A_LAW = frozenset({"sư", "gia", "học", "pháp", "lệ", "chơi", "hóa", "hoá", "sự", "khoa"})
# "quy định chi tiết", "Quy định rõ": the verb, not the instrument.
_NOT_A_RULE = frozenset({"chi", "chức", "kèm", "rõ", "cụ", "tại", "như", "thêm", "mức", "việc",
                         "trách", "thời", "các", "những", "một", "nhiều"})
# Institutions named after the law: "Đại học Luật", "Công ty Luật", "Tạp chí Luật học".
_INSTITUTIONS = frozenset({"học", "trường", "khoa", "ty", "phòng", "chí", "viện", "hãng", "đoàn",
                           "nhân", "sĩ", "ngành", "viên", "hội"})
# Names written with a capital: "Báo Pháp Luật TP.HCM", "Cộng đồng Dân Luật Việt Nam" (a site
# footer in many articles), "PHÁP LUẬT DÂN SỰ".  Lower case, "pháp Luật Đất đai" and "nhân
# dân Luật Trẻ em" still cite laws.
_CAPITALISED_INSTITUTIONS = frozenset({"Pháp", "PHÁP", "Dân", "DÂN"})
_SENTENCE_MARKS = frozenset(".!?:\n*#>|-")
_TYPE_WORDS_LOWER = frozenset(t.lower() for t in rx.TYPE_WORDS) | {"luật"}
# First two words of every type word: "nghị định" of "Nghị định", "thông tư" of "Thông tư liên tịch".
_TYPE_STARTS = frozenset(" ".join(t.lower().split()[:2]) for t in rx.TYPE_WORDS)
_WEAK_TYPES = types.COMMON_NOUN_TYPES      # also common nouns: a name needs more evidence
_YEAR = re.compile(rf"{rx.NAME_YEAR}$")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_AMEND_SEPARATOR = re.compile(r"[ \t]*[,;][ \t]*\n?[ \t]*")
_THEN_NUMBER = re.compile(r"[ \t]*\n?[ \t]*(?i:số)[ \t]*:?[ \t]*\n?[ \t]*\d")
_THEN_DATE = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*(?i:ngày)[ \t]+\d")
# A law's title heading: "LUẬT\n\nTHANH NIÊN" (type word alone on its line, title in capitals).
_HEADING_TITLE = re.compile(r"[ \t]*\n\s*\n[ \t]*(?P<title>[^\W\d_][^\n\d]{1,80}?)[ \t]*(?=\n)")
_ANAPHOR_AFTER = re.compile(r"[ \t]+(?:này|nêu|đó|ấy|trên|nào|hiện\s+hành|mới|cũ|sửa\s+đổi)(?![^\W\d_])")
_DIGIT_NEXT = re.compile(r"[ \t]*\n?[ \t]*:?[ \t]*\d")


def scan_name(norm: str, ts: int, te: int, ctype: str) -> tuple[int, str, int | None] | None:
    """``(end, name, year)`` of the name after the type word at ``ts:te``, or None."""
    before = norm[max(0, ts - 30):ts]
    words_before = before.split()
    if ctype in ("Luật", "Bộ luật") and words_before and words_before[-1].lower() in _INSTITUTIONS:
        return None                 # "Đại học Luật", "Công ty Luật", "Văn phòng Luật"
    same_line = before.rsplit("\n", 1)[-1].split()
    if ctype == "Luật" and same_line and same_line[-1] in _CAPITALISED_INSTITUTIONS:
        return None                 # "Báo Pháp Luật TP.HCM", on one line
    if ctype in _WEAK_TYPES and (before.rstrip(" \t")[-1:] in ('"', "“", "'", "‘") or norm[ts:te].isupper()):
        return None
    if (norm[ts:te].isupper() and (heading := _HEADING_TITLE.match(norm, te))
            and heading["title"].isupper()):
        return heading.end("title"), f"{norm[ts:te]} {heading['title'].strip()}", None
    # the token read ahead last time round, where it starts, and in lower case
    ahead_pos, ahead = te, rx.NAME_TOKEN.match(norm, te)
    ahead_low = ahead["tok"].lower() if ahead else ""
    if (ahead and ctype != "Hiến pháp" and not ahead["tok"][0].isupper() and ahead_low in STOP_WORDS
            and ahead_low != "đối" and not (ahead_low == "về" and ctype in _WEAK_TYPES)):
        return None                 # "Luật này", "Bộ luật đã": the loop below would stop at once
    tokens: list[tuple[str, int]] = []      # (token, end offset)
    year = None
    pos = te
    amending = False
    checkpoint = None                       # tokens before the first comma inside the name
    while len(tokens) < (60 if amending else 25):
        if pos == ahead_pos:
            m, low = ahead, ahead_low
        else:
            m = rx.NAME_TOKEN.match(norm, pos)
            low = m["tok"].lower() if m else ""
        if m is None:
            sep = (_AMEND_SEPARATOR if amending else _COMMA).match(norm, pos)
            nxt = rx.NAME_TOKEN.match(norm, sep.end()) if sep and tokens else None
            if nxt is None or nxt["tok"].isdigit():
                break
            nlow = nxt["tok"].lower()
            if amending:
                if nlow in _AMEND_STOP:
                    break
            elif (nxt["tok"][0].isupper() or (nlow in STOP_WORDS and nlow != "đối")
                  or nlow in _TYPE_WORDS_LOWER
                  or ctype not in ("Luật", "Bộ luật", "Pháp lệnh")):
                break
            if checkpoint is None and not amending:
                checkpoint = len(tokens)
            pos = ahead_pos = nxt.start()       # where the separator ends
            ahead, ahead_low = nxt, nlow
            continue
        tok = m["tok"]
        ahead_pos = m.end()
        nxt = ahead = rx.NAME_TOKEN.match(norm, ahead_pos)
        nlow = ahead_low = nxt["tok"].lower() if nxt else ""
        if tok.isdigit():
            if _YEAR.match(tok) and (tokens or ctype == "Hiến pháp"):
                tokens.append((tok, m.end()))
                year = int(tok)
            break
        if low == "năm":
            if nxt and _YEAR.match(nxt["tok"]) and (tokens or ctype == "Hiến pháp"):
                tokens += [(tok, m.end()), (nxt["tok"], nxt.end())]
                year = int(nxt["tok"])
            break
        if low == "số" and _DIGIT_NEXT.match(norm, m.end()):
            break                               # "... số 87/2025/QH15": the symbol follows
        if tok.startswith("("):                 # "(sửa đổi)"
            tokens.append((tok, m.end()))
            pos = m.end()
            continue
        if not tokens and low == "sửa" and nxt and nlow == "đổi" and ctype in ("Luật", "Pháp lệnh", "Bộ luật"):
            amending = True
            tokens += [(tok, m.end()), (nxt["tok"], nxt.end())]
            pos = nxt.end()
            continue
        if low == "số" and tokens and tokens[-1][0].lower() in _SO_IN_WORD:
            tokens.append((tok, m.end()))
            pos = m.end()
            continue
        if low == "sửa" and nxt and nlow == "đổi" and tokens:
            # "Luật Sở hữu trí tuệ sửa đổi 2009": an amended law named with its year.
            after = rx.NAME_TOKEN.match(norm, nxt.end())
            if after and after["tok"].lower() == "năm":
                after = rx.NAME_TOKEN.match(norm, after.end())
            if after and _YEAR.match(after["tok"]):
                tokens += [(tok, m.end()), (nxt["tok"], nxt.end()), (after["tok"], after.end())]
                year = int(after["tok"])
                break
        if (tok == low and (low, nlow) in STOP_BIGRAMS
                and not (amending and low in ("sửa", "bổ"))):
            break
        title = tok[0].isupper()
        caps = tok.isupper() and len(tok) > 1
        if title and (low in _TYPE_WORDS_LOWER or f"{low} {nlow}" in _TYPE_STARTS) and not (
                ctype == "Văn bản hợp nhất" and not tokens) and not (
                amending and low in ("luật", "bộ", "pháp")):
            break
        if caps and low in STOP_WORDS:
            break
        if amending and not title:
            if low in _AMEND_STOP:
                break
        elif not title and low in ("tại", "với") and tokens and nxt is not None and nxt["tok"][0].isupper() \
                and ctype in ("Luật", "Bộ luật", "Pháp lệnh") and nlow not in _TYPE_WORDS_LOWER:
            pass                                 # "... tại Tòa án", "... với Nhân dân"
        elif not title and low == "đối" and nlow != "với":
            pass                                 # "đối thoại", "đối ngoại": a word, not "đối với"
        elif not title and low in STOP_WORDS:
            first_about = not tokens and low == "về" and ctype in _WEAK_TYPES
            if (low not in _JOINERS or not tokens or nxt is None) and not first_about:
                break
            if low == "và" and nxt and (nxt["tok"][0].isupper() or nlow in STOP_WORDS):
                break
            if low in ("của", "về", "trong", "đối") and (
                    ctype not in _WEAK_TYPES or nlow in STOP_WORDS - _JOINERS):
                break
        tokens.append((tok, m.end()))
        pos = m.end()
    while tokens and tokens[-1][0].lower() in _TRAILING:
        tokens.pop()
    if (checkpoint is not None and year is None and not _terminated(norm, tokens)
            and not any(t[0][0].isupper() for t in tokens[checkpoint:])):
        # A comma inside a name must lead to a name word ("..., đối thoại tại Tòa án"),
        # a number or a date; else the name stopped at the comma.
        tokens = tokens[:checkpoint]
    if ctype == "Hiến pháp" and tokens and tokens[0][0][0].islower() and tokens[0][0] not in ("nước", "năm"):
        tokens = []                          # "Hiến pháp và pháp luật": the Constitution, bare
    if not tokens and (ctype != "Hiến pháp" or _ANAPHOR_AFTER.match(norm, te)
                       or not norm[ts].isupper() or "bản" in before[-8:]):
        return None
    if not _plausible(norm, ts, te, ctype, tokens, year, amending, before):
        return None
    end = tokens[-1][1] if tokens else te
    name = " ".join(norm[ts:te].split() + [t for t, _ in tokens])
    return end, name, year


def _at_sentence_start(before: str) -> bool:
    """Nothing but a sentence or item mark before: "", ". ", "\\n", "2. ", "* "."""
    stripped = before.rstrip()
    if not stripped or stripped[-1] in _SENTENCE_MARKS:
        return True
    return stripped.endswith(".") and stripped.rstrip(".")[-1:].isdigit()


def _terminated(norm: str, tokens: list[tuple[str, int]]) -> bool:
    end = tokens[-1][1] if tokens else 0
    return bool(_THEN_NUMBER.match(norm, end) or _THEN_DATE.match(norm, end))


def _plausible(norm: str, ts: int, te: int, ctype: str, tokens: list[tuple[str, int]],
               year: int | None, amending: bool, before: str) -> bool:
    first = tokens[0][0] if tokens else ""
    first_low = first.lower()
    title = bool(first) and first[0].isupper()
    sentence_start = _at_sentence_start(before)
    if ctype in ("Luật", "Bộ luật"):
        if first_low in _NOT_A_LAW:
            return False
        return title or year is not None or amending or _terminated(norm, tokens)
    if ctype == "Hiến pháp":
        return not tokens or title or year is not None or first_low == "nước"
    if ctype == "Pháp lệnh":
        return title or year is not None or len(tokens) >= 2
    if ctype == "Văn bản hợp nhất":
        return title
    if ctype == "Điều lệ":
        return title or (not sentence_start and len(tokens) >= 3
                         and any(t[0][0].isupper() for t in tokens))
    # Quy chế, Quy định, Nội quy, Bộ quy tắc: common nouns at a sentence start.
    if sentence_start:
        return False
    if ctype == "Quy định":
        last = before.rstrip(" \t")[-1:]
        return first_low not in _NOT_A_RULE and before[-1:] in (" ", "\t") and last.islower()
    return len(tokens) >= 2 or title


# --- issuers: "của Bộ Chính trị", "của Ban cán sự đảng TANDTC", "của Bộ Chính trị, Ban Bí thư"

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
