"""Regular expressions of the parser, as named constants built by small ``*_re`` helpers.

Every pattern runs on text already passed through :mod:`graphbuild.parse.clean`
(NFC, plain spaces, every dash as ``-``, ``Ð`` as ``Đ``).
"""

from __future__ import annotations

import re

import regex

from graphbuild.parse import types

FLAGS = regex.VERBOSE | regex.V1
# Hot scans use the standard library's ``re``: several times faster than ``regex`` here.
RE_FLAGS = re.VERBOSE


# --- type words -------------------------------------------------------------

# The type words, their misspellings and abbreviations: views of the table in
# :mod:`graphbuild.parse.types`, where a new type goes.
TYPE_WORDS = types.WORDS
TYPE_MISSPELLINGS = types.MISSPELLINGS
TYPE_ABBREVIATIONS = types.ABBREVIATIONS     # case-sensitive, only before a number
NAMEABLE_TYPES = types.NAMEABLE_TYPES        # cited by a name, congress or plenum
TITLE_TYPES = types.TITLE_TYPES              # cited by a capitalised word and a name


def _words_re(phrases) -> str:
    """``"phúc thẩm"`` -> ``phúc\\s+thẩm``, each phrase a branch."""
    return "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in phrases)


# What follows a type word that cites by number ("số", a digit, "(NĐ)", "phúc thẩm số").
# On lower-cased text; shared by both tokenizers.
NUMBER_FOLLOWS = rf"""
    [ \t]*(?:\([a-zđ]{{2,5}}\)[ \t]*)?(?:\n[ \t]*)?
    (?:số|\d|{_words_re(types.NUMBER_QUALIFIERS)})
"""
# What follows a type word of a congress or plenum ("nghị quyết Đại hội XII", "Nghị quyết TƯ 4").
PLENUM_FOLLOWS = rf"[ \t]+(?:{_words_re(types.PLENUM_WORDS)})"


def follows_re(ctype: str) -> str:
    """What may follow the type word ``ctype`` when it cites by number or plenum."""
    if ctype in types.PLENUM_TYPES:
        return f"{NUMBER_FOLLOWS}|{PLENUM_FOLLOWS}"
    return NUMBER_FOLLOWS


# What follows a capitalised type word that cites by name: a word (after blank lines, for a
# title heading), "(" or a year.  Shared by both tokenizers.
NAME_FOLLOWS = r"\s*[^\W\d_(]|[ \t]+\(|[ \t]+\d"


def numbered_type_re() -> str:
    # Runs on the LOWER-CASED text (same length as the text), so "Nghị quyết", "NGHỊ ĐỊNH",
    # "thông tư liên tịch" need no IGNORECASE.  Only a type word followed by what a number
    # needs ("số", a digit, "(NĐ)", "phúc thẩm số") is a hit: "quyết định" the verb is not;
    # the types of a congress or plenum also before one ("nghị quyết trung ương").
    # Word boundaries are checked by the caller.
    def words(phrases) -> str:
        return _words_re(p.lower() for p in sorted(phrases, key=len, reverse=True))
    phrases = TYPE_WORDS + tuple(TYPE_MISSPELLINGS)
    plenum = [p for p in phrases if TYPE_MISSPELLINGS.get(p, p) in types.PLENUM_TYPES]
    return rf"(?:{words(phrases)})(?={NUMBER_FOLLOWS})|(?:{words(plenum)})(?={PLENUM_FOLLOWS})"


NUMBERED_TYPE_WORD = re.compile(numbered_type_re(), RE_FLAGS)


def named_type_re() -> str:
    # Runs on the text itself: a named instrument's type word is capitalised
    # ("Luật Đất đai", "LUẬT DÂN QUÂN TỰ VỆ", "Bộ luật Hình sự") and followed by a word;
    # "nghị quyết" of a congress or plenum may be lower case ("nghị quyết Đại hội XII").
    # The lower-case "nghị quyết Đại hội" is found by NUMBERED_TYPE_WORD: every form here starts
    # with a capital, so the scan skips fast over lower-case text.
    title = sorted(TITLE_TYPES, key=len, reverse=True)
    forms = []
    for phrase in title:
        first, *rest = phrase.split()
        forms.append(r"\s+".join([re.escape(first)] + [f"[{w[0]}{w[0].upper()}]{re.escape(w[1:])}"
                                                          for w in rest]))
        forms.append(r"\s+".join(re.escape(w.upper()) for w in phrase.split()))
    return rf"""(?:{"|".join(forms)})(?={NAME_FOLLOWS})"""


NAMED_TYPE_WORD = re.compile(named_type_re(), RE_FLAGS)

# "NĐ 67", "QĐ số 11692", "NQ 57": abbreviations, case-sensitive, only before a number.
# The caller checks that no letter precedes (a leading lookbehind would slow the scan).
TYPE_ABBREVIATION = re.compile(
    "(?:" + "|".join(sorted(TYPE_ABBREVIATIONS, key=len, reverse=True)) + ")"
    r"(?![^\W\d_])(?=[ \t]*(?:\(|[sS]ố|SỐ|\d))")

# --- symbols ----------------------------------------------------------------

# A number: "49", "04", "30a"; never glued to a preceding letter, digit, slash or dot.
NUMBER = r"[0-9]{1,5}(?:[a-zA-Z](?![^\W\d_]))?"
YEAR = r"(?:19[4-9]\d|20[0-4]\d)"
NAME_YEAR = r"(?:1[789]\d\d|20[0-4]\d)"      # "Hiến pháp năm 1936", "Bộ luật Dân sự 1995"
# A code of a symbol: "NQ", "TW", "TTg", "QĐi", "CTr", "BCĐ", "UBTVQH14", "T.Ư".
# Only upper case letters (and the few mixed-case codes), so "NĐ-CPngày" stops at "CP".
CODE = r"(?:T\.Ư|T\.W|TTg|QĐi|QDi|CTr|TTr|[A-ZĐƯ][A-ZĐƯ]*[0-9]{0,4}(?![0-9]))"
# A later code of a symbol ("-CP", "- BTP"): two letters at least, and no line break before
# the dash, so "05/2013/TT-BKHCN\n- Thông tư" does not swallow the "T" of the next line.
NEXT_CODE = r"[ \t]{0,2}-[ \t]{0,2}\n?[ \t]{0,2}(?:T\.Ư|T\.W|TTg|[A-ZĐƯ][A-ZĐƯ]+[0-9]{0,4}(?![0-9]))"
SPACE = r"[ \t]{0,2}(?:\n[ \t]{0,2})?"           # odd spaces or one line break
# A dotted serial glued to an issuer code: "101-SL/L.003" (the laws of 1957), "4814/CCTKV.05-TTKT3"
# (a regional office); two to four digits, so a footnote mark ("49-NQ/TW.1") or a sentence end
# ("... 49-NQ/TW. 2") stays out, and no letter after them (a road's "QL.19B").
DOTTED = r"(?:\.[0-9]{2,4}(?![0-9A-Za-z]|\.[0-9]))?"
ISSUER_CODES = rf"{CODE}{DOTTED}(?:{NEXT_CODE}{DOTTED})*"


def party_symbol_re() -> str:
    # Examples: "49-NQ/TW", "21- KL/TW", "78 - CT/TƯ", "06-HD/BTCTW-BTGTW", "08-QĐi/TW".
    return rf"""
        (?P<p_num>{NUMBER}){SPACE}-{SPACE}(?P<p_type>{CODE}){SPACE}/{SPACE}
        (?P<p_issuer>{ISSUER_CODES})
    """


def state_symbol_re() -> str:
    # Examples: "100/2019/NĐ-CP", "45/2019/QH14", "03 /2016/TT- BTP", "30a/2008/NQ-CP",
    # "123/QĐ-TTg", "50/CP", "33/TB-TW" (old Party style), "134/VBHN-VPQH"; the department
    # of a ministry glued on in brackets (a letter and its number) is part of the symbol:
    # "04/1999/TT-BCA(C13)", "729/1998/QĐ-BCA(V19)"; not a short name, "NĐ-CP(NĐ100)".
    return rf"""
        (?P<s_num>{NUMBER}){SPACE}/{SPACE}
        (?:(?P<s_year>{YEAR}){SPACE}/{SPACE})?
        (?P<s_codes>{ISSUER_CODES})
        (?P<s_unit>\([A-ZĐ][0-9]{{1,3}}\)(?![\w(]))?
    """


def symbol_re() -> str:
    return rf"""
        (?<![\w/.\-])
        (?:{party_symbol_re()}|{state_symbol_re()})
    """


SYMBOL = re.compile(symbol_re(), RE_FLAGS)

# Every symbol has a slash followed (maybe after a year) by an upper-case code: "49-NQ/TW",
# "100/2019/NĐ-CP", "123/QĐ-TTg". Scanning for that literal slash first is many times faster
# than trying SYMBOL at every position; dates ("29/7/2020") fail at once.
SYMBOL_ANCHOR = re.compile(r"/[ \t]{0,2}\n?[ \t]{0,2}(?:\d{4}[ \t]{0,2}/[ \t]{0,2}\n?[ \t]{0,2})?[A-ZĐƯ]")
SYMBOL_REACH = 32      # how far before its slash a symbol may start

# "31-CP", "15-QĐ": a number and one code joined by a dash, only right after a type word.
DASH_SYMBOL = re.compile(
    rf"(?P<d_num>{NUMBER}){SPACE}-{SPACE}(?P<d_codes>{CODE}(?:{NEXT_CODE})*)(?![\w/])")

# --- what may stand between a type word and its number ------------------------

# "(NĐ)", " số ", " số: ", " Số ", " xử phạt số ", " phúc thẩm số "
AFTER_TYPE = re.compile(
    rf"""
    (?:[ \t]*\([A-ZĐ]{{2,5}}\))?
    (?:\s+(?:{_words_re(types.NUMBER_QUALIFIERS)}))?
    (?:\s*(?i:số)(?:\s*[:.])?)?
    [ \t]*\n?[ \t]*
    """,
    RE_FLAGS,
)

# A number and a year with no codes after a type word: "Nghị quyết 52/2017", "Thông tư 03/2024".
NUMBER_YEAR = re.compile(rf"(?P<num>{NUMBER})[ \t]*/[ \t]*(?P<year>{YEAR})(?![\d/\w-])")

# A bare number after a type word: "14", "05", "377"; not "5 năm", "3/2020", "1.500".
BARE_NUMBER = re.compile(rf"(?P<num>{NUMBER})(?![\d/.,]\d)(?!\w)")

# Separator between items of a list of numbers: "217, số 218", "59 70 71", "71, 57", "70 và 71".
LIST_SEPARATOR = re.compile(r"(?:[ \t]*,[ \t]*|[ \t]+và[ \t]+|[ \t]+)(?P<so>(?i:số)[ \t]*)?")

# Words that make a number a quantity, not an instrument: "Kế hoạch 5 năm".
UNIT_AFTER_NUMBER = re.compile(
    r"""
    [ \t]*(?:%|(?i:năm|tháng|ngày|tuần|giờ|phút|tuổi|lần|người|tỷ|tỉ|triệu|nghìn|ngàn|
       đồng|km|ha|m2|tấn|kg|điểm|tiết|trang|bước|nội\s+dung|nhiệm\s+vụ|giải\s+pháp|
       trường\s+hợp|mục\s+tiêu|điều|khoản|chương|tiêu\s+chí|nhóm|loại|cấp|đơn\s+vị|
       xã|huyện|tỉnh|dự\s+án|công\s+trình|văn\s+bản|buổi|lượt|học\s+sinh|sinh\s+viên)
       (?![^\W\d_]))
    (?<!ngày(?=[ \t]\d))            # "Thông tư số 01 ngày 2-3-1985": a date, not "1 day"
    """,
    RE_FLAGS,
)

# --- attachments after a mention ---------------------------------------------

DAY_MONTH_YEAR = rf"(?P<d>\d{{1,2}})\s*[/.\-]\s*(?P<m>\d{{1,2}})\s*[/.\-]\s*(?P<y>{YEAR})"
WORDY_DATE = rf"(?P<d2>\d{{1,2}})\s+(?i:tháng)\s+(?P<m2>\d{{1,2}})\s*,?\s+(?i:năm)\s+(?P<y2>{YEAR})"


def date_re() -> str:
    # Examples: "ngày 29/7/2020", "ngày 26.12.2023", "ngày 5-10-1992",
    # "ngày 14 tháng 12 năm 2004", "NGÀY 30 THÁNG 6 NĂM 2020", "(ngày 25/10/2017)".
    return rf"""
        (?i:ngày|ngay)\s+(?:{DAY_MONTH_YEAR}|{WORDY_DATE})(?!\d)
    """


DATE = re.compile(date_re(), RE_FLAGS)
BARE_DATE = re.compile(rf"{DAY_MONTH_YEAR}(?![\d/])")

# What may come between a mention and its attachments: ", ", " (", "]"...
ATTACH_GAP = re.compile(r"[ \t]*(?:[,(][ \t]*)?\n?[ \t]*")
YEAR_WORD = re.compile(rf"(?i:năm)\s+(?P<year>{YEAR})(?![\d/\-])")
# Nouns counted by a number that looks like a year: "2000 cán bộ", "2025 hộ dân".
COUNTED_AFTER_YEAR = re.compile(r"[ \t]+(?i:cán\s+bộ|hộ|doanh\s+nghiệp|hồ\s+sơ|vụ|căn|suất|chỉ\s+tiêu|lao\s+động|đảng\s+viên)(?![^\W\d_])")
BARE_YEAR = re.compile(rf"(?P<year>{YEAR})(?![\d/\-.,]\d|\w)")
TERM = re.compile(r"\(?\s*(?P<term>(?i:khóa|khoá)\s+[IVXL]+)\b\s*\)?")

SUBJECT = re.compile(r"(?i:về)\s+(?P<subject>[^\n;]{3,200}?)(?=[.;\n]|$|\s\(|;)")

# --- named instruments ----------------------------------------------------------

ROMAN = r"(?:[IVXL]{1,6})"
ORDINAL = rf"(?:{ROMAN}|\d{{1,2}}|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười(?:\s+\p{{L}}+)?)"


def congress_resolution_re() -> str:
    # Examples: "Nghị quyết Đại hội lần thứ XIII của Đảng", "Nghị quyết Đại hội XII của Đảng",
    # "Nghị quyết Đại hội Đại biểu toàn quốc lần thứ XIII của Đảng",
    # "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Đồng Nai lần thứ I, nhiệm kỳ 2025-2030".
    # Not: "Nghị quyết Đại hội đảng bộ các cấp" (no ordinal).
    return rf"""
        [ \t]+(?i:Đại\s+hội|ĐH)
        (?:[ \t]+(?!(?i:các|cấp|lần|về|và|của|trong|đã|được|này|nhiệm|năm|sẽ|đề|ra|thì|là)(?![\p{{L}}]))\p{{L}}+){{0,10}}?
        (?:[ \t]+(?i:lần\s+thứ)[ \t]+(?P<ordinal>{ORDINAL})|[ \t]+(?P<roman>{ROMAN}))(?![\p{{L}}])
        (?:,?[ \t]+(?i:nhiệm\s+kỳ)[ \t]+\d{{4}}\s*-\s*\d{{4}})?
        (?:[ \t]+của[ \t]+Đảng(?![\p{{L}}]))?
    """


CONGRESS_RESOLUTION = regex.compile(congress_resolution_re(), FLAGS)


def plenum_resolution_re() -> str:
    # Examples: "Nghị quyết Trung ương 4 khóa XII", "Nghị quyết T.Ư 4, khóa XII",
    # "Nghị quyết TƯ 4", "Nghị quyết Trung ương 3 (khóa VIII)", "Nghị quyết Trung ương 4 (khóa XI,
    # khóa XII)", "Nghị quyết Hội nghị Trung ương 8 khóa XI".
    return rf"""
        [ \t]+(?:(?i:Hội\s+nghị)[ \t]+)?(?:Trung\s+ương|TRUNG\s+ƯƠNG|TƯ|T\.Ư|TW)[ \t]+(?P<plenum>\d{{1,2}})(?![\p{{N}}/])
        (?:,?[ \t]*(?P<open>\()?[ \t]*(?P<term>(?i:khóa|khoá)[ \t]+{ROMAN})(?![\p{{L}}])
           (?(open)[ \t]*\))?)?
    """


PLENUM_RESOLUTION = regex.compile(plenum_resolution_re(), FLAGS)
EXTRA_TERM = re.compile(rf"[ \t]*,[ \t]*(?P<term>(?i:khóa|khoá)[ \t]+{ROMAN})(?![^\W\d_])")

# One token of a name: a word, an acronym ("TAND", "GD&ĐT") or a year.
NAME_TOKEN = re.compile(
    r"[ \t]*\n?[ \t]*(?P<tok>[^\W\d_](?:[\w&.]*[^\W\d_])?|\d{1,4}|\((?i:sửa\s+đổi)\))")

# Generic or plural words right before a type word: "các nghị quyết", "những luật".
GENERIC_WORDS = frozenset({"các", "những", "mọi", "từng", "một", "nhiều", "mỗi", "hai", "ba", "bốn", "vài"})
