"""The instrument types the parser knows: one table, from which every per-type set is derived.

Each row says how a type is written and read: its word in the canonical spelling used in
output, the misspellings and abbreviations newsrooms write for it, the type codes of its
symbols, the kind of a number-only mention with no issuer, the code of its Party symbols,
and what may follow the word in a citation (a number, a congress or plenum, a name).

The regexes (:mod:`graphbuild.parse.regexes`), the tokenizer keys
(:mod:`graphbuild.parse.tokenizers`), the symbol codes (:mod:`graphbuild.parse.symbols`),
the name rules (:mod:`graphbuild.parse.names`) and the resolver's Party codes are built
from this table: a new type, or a new abbreviation of one, is a row here.
"""

from __future__ import annotations

from dataclasses import dataclass

# What may follow a type word in a citation.
NUMBER = "number"       # a number or symbol: "Nghị định 100/2019/NĐ-CP", "Quyết định số 217"
PLENUM = "plenum"       # a congress or plenum: "nghị quyết Đại hội XIII", "Nghị quyết TƯ 4"
NAME = "name"           # a name after the capitalised word alone: "Luật Đất đai"

# Kind of a number-only mention whose issuer the text does not give.
PARTY, STATE, EITHER = "party", "state", "either"      # EITHER: the document's context decides


@dataclass(frozen=True)
class InstrumentType:
    """One row of the table."""

    word: str                                   # canonical spelling: "Nghị quyết"
    codes: tuple[str, ...] = ()                 # type codes of its symbols: NQ in 49-NQ/TW
    abbreviations: tuple[str, ...] = ()         # before a number, upper case: "NĐ 67"
    misspellings: tuple[str, ...] = ()          # a diacritic missing: "Nghi quyết"
    kind: str = STATE                           # PARTY, STATE or EITHER
    party_code: str | None = None               # "Kết luận 14 của Bộ Chính trị" -> 14-KL/TW
    lowercase_cites: bool = False               # "nghị định 100": lower case cites a bare number
    follows: frozenset[str] = frozenset({NUMBER})
    common_noun: bool = False                   # also a common noun: a name needs more evidence


def _row(word: str, *codes: str, follows: tuple[str, ...] = (NUMBER,), **facts) -> InstrumentType:
    return InstrumentType(word, codes, follows=frozenset(follows), **facts)


# Order matters only for ties in the regexes' longest-first alternations.
TYPES: tuple[InstrumentType, ...] = (
    _row("Nghị quyết", "NQ", abbreviations=("NQ",), misspellings=("Nghi quyết",), kind=EITHER,
         party_code="NQ", lowercase_cites=True, follows=(NUMBER, PLENUM)),
    _row("Nghị quyết liên tịch", "NQLT"),
    _row("Nghị định", "NĐ", abbreviations=("NĐ", "ND"), misspellings=("Nghi định", "Nghị đinh"),
         lowercase_cites=True),
    _row("Quyết định", "QĐ", "QĐNS", "TTg", abbreviations=("QĐ",), party_code="QĐ",
         lowercase_cites=True),
    _row("Kết luận", "KL", kind=PARTY, party_code="KL", lowercase_cites=True),
    _row("Quy định", "QĐi", kind=PARTY, party_code="QĐ", follows=(NUMBER, NAME), common_noun=True),
    _row("Chỉ thị", "CT", kind=PARTY, party_code="CT", lowercase_cites=True),
    _row("Hướng dẫn", "HD", kind=PARTY, party_code="HD"),
    _row("Thông báo", "TB", kind=EITHER, party_code="TB"),
    _row("Thông tri"),
    _row("Kế hoạch", "KH", kind=EITHER, party_code="KH"),
    _row("Chương trình", "CTr"),
    _row("Thông tư", "TT", abbreviations=("TT",), lowercase_cites=True),
    _row("Thông tư liên tịch", "TTLT", abbreviations=("TTLT",), lowercase_cites=True),
    _row("Luật", follows=(NUMBER, NAME)),
    _row("Bộ luật", follows=(NUMBER, NAME)),
    _row("Pháp lệnh", "PL", lowercase_cites=True, follows=(NUMBER, NAME)),
    _row("Hiến pháp", follows=(NUMBER, NAME)),
    _row("Tờ trình", "TTr"),
    _row("Báo cáo", "BC"),
    _row("Công văn", "CV", lowercase_cites=True),
    _row("Công điện", "CĐ"),
    _row("Văn bản hợp nhất", "VBHN", follows=(NUMBER, NAME)),
    _row("Điều lệ", follows=(NUMBER, NAME), common_noun=True),
    _row("Đề án", "ĐA"),
    _row("Quy chế", "QC", follows=(NUMBER, NAME), common_noun=True),
    _row("Nội quy", follows=(NUMBER, NAME), common_noun=True),
    _row("Bản án", "HC", "DS", "HS", "KDTM"),      # court cases: 01/2020/HC-PT, 12/2019/DS-ST
    _row("Sắc lệnh", "SL", lowercase_cites=True),
    _row("Sắc luật"),
    _row("Lệnh", "L"),
    _row("Bộ quy tắc", follows=(NUMBER, NAME), common_noun=True),
)

BY_WORD: dict[str, InstrumentType] = {t.word: t for t in TYPES}

# --- derived views, one per use ----------------------------------------------------

WORDS: tuple[str, ...] = tuple(t.word for t in TYPES)
MISSPELLINGS: dict[str, str] = {m: t.word for t in TYPES for m in t.misspellings}
ABBREVIATIONS: dict[str, str] = {a: t.word for t in TYPES for a in t.abbreviations}
CODE_TYPES: dict[str, str] = {c: t.word for t in TYPES for c in t.codes}
PARTY_CODES: dict[str, str] = {t.word: t.party_code for t in TYPES if t.party_code}
LOWERCASE_CITES: frozenset[str] = frozenset(t.word for t in TYPES if t.lowercase_cites)
PARTY_TYPES: frozenset[str] = frozenset(t.word for t in TYPES if t.kind == PARTY)
CONTEXT_TYPES: frozenset[str] = frozenset(t.word for t in TYPES if t.kind == EITHER)
PLENUM_TYPES: frozenset[str] = frozenset(t.word for t in TYPES if PLENUM in t.follows)
# Types a capital alone makes a citation of ("Luật Đất đai").
TITLE_TYPES: frozenset[str] = frozenset(t.word for t in TYPES if NAME in t.follows)
# Types that may be cited without a number: by a name, or by a congress or plenum.
NAMEABLE_TYPES: frozenset[str] = TITLE_TYPES | PLENUM_TYPES
COMMON_NOUN_TYPES: frozenset[str] = frozenset(t.word for t in TYPES if t.common_noun)

# What may stand between a type word and its number, besides spaces: "Bản án phúc thẩm số",
# "Quyết định xử phạt số", "Thông tư liên tịch số"; and the words of a congress or plenum.
NUMBER_QUALIFIERS: tuple[str, ...] = ("phúc thẩm", "sơ thẩm", "xử phạt", "liên tịch")
PLENUM_WORDS: tuple[str, ...] = ("đại hội", "đh", "hội nghị", "trung ương", "tư", "t.ư", "tw",
                                 "kỳ họp")
