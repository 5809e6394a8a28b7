"""What is attached after a mention, and the kind of each: the last stages of the parser.

After each mention: its date (``ngày 29/7/2020``), year (``năm 2020``), issuer (``của Bộ Chính
trị``), term (``khóa XIII``) and subject (``về ...``); then what a list or a chain of mentions
shares (``Kết luận số 187, 188- KL/TW ngày 29/8/2025``), and whether each is a Party or a state
instrument.  Offsets are into the cleaned text.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Any

import regex

from graphbuild.models import NAMED, PARTY, STATE
from graphbuild.parse import regexes as rx
from graphbuild.parse import types
from graphbuild.parse.issuers import read_issuer

_WS = re.compile(r"\s+")
# Default kind of a number-only mention whose issuer the text does not give: Party, or for
# the types of either kind the document's context decides.
_PARTY_TYPES = types.PARTY_TYPES
_CONTEXT_TYPES = types.CONTEXT_TYPES
_PARTY_BODY = regex.compile(
    r"(?i:Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|Ban\s+Chấp\s+hành|Trung\s+ương|BCHTW|Tỉnh\s+ủy|Tỉnh\s+uỷ|"
    r"Thành\s+ủy|Thành\s+uỷ|Huyện\s+ủy|Đảng\s+ủy|Đảng|Ban\s+cán\s+sự|Quân\s+ủy|Ban\s+Tổ\s+chức\s+Trung)"
)
_CHAIN_GAP = re.compile(r"\s*(?:,|và|,\s*và)?\s*")
_CENTRAL_PARTY = re.compile(r"Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|Trung\s+ương\s+Đảng")


class RawCitation:
    """A citation under construction; offsets are into the cleaned text."""

    __slots__ = ("start", "end", "kind", "type", "number", "symbol", "sym_year", "year",
                 "date", "issuer", "term", "subject", "name", "group", "party_form")

    def __init__(self, start: int, end: int, *, type: str | None = None, number: str | None = None,
                 symbol: str | None = None, sym_year: int | None = None, kind: str | None = None,
                 name: str | None = None, year: int | None = None, party_form: bool | None = None,
                 group: int | None = None) -> None:
        self.start, self.end = start, end
        self.type, self.number, self.symbol = type, number, symbol
        self.sym_year, self.kind, self.name, self.year = sym_year, kind, name, year
        self.party_form, self.group = party_form, group
        self.date: str | None = None
        self.issuer: str | None = None
        self.term: str | None = None
        self.subject: str | None = None

    @property
    def has_attachment(self) -> bool:
        return bool(self.date or self.issuer or self.year)


# First characters of anything attach reads: "ngày", "năm", a date or year, "của", "(khóa".
# Most mentions are followed by none of them, and then no pattern needs to run.
_ATTACH_STARTS = frozenset("nNcCkK(\u212a")      # U+212A KELVIN SIGN matches "k" ignoring case


def attach(norm: str, raw: RawCitation) -> None:
    m: Any                              # a match, or the Issuer read_issuer returns
    pos = raw.end
    gap = rx.ATTACH_GAP.match
    for _ in range(6):
        gap_end = gap(norm, pos).end()  # type: ignore[union-attr]  # matches "" at worst
        char = norm[gap_end:gap_end + 1]
        if not (char in _ATTACH_STARTS or char.isdigit() or char.isspace()):
            break
        plain_gap = not norm[pos:gap_end].strip()
        if raw.date is None and (m := rx.DATE.match(norm, gap_end)):
            raw.date = _iso(m)
        elif raw.date is None and raw.issuer and (m := rx.BARE_DATE.match(norm, gap_end)):
            raw.date = _iso(m)
        elif raw.year is None and plain_gap and raw.kind != NAMED and (
                m := rx.YEAR_WORD.match(norm, gap_end) or _bare_year(norm, gap_end)):
            raw.year = int(m["year"])
        elif raw.issuer is None and (m := read_issuer(norm, gap_end)):
            raw.issuer = m.issuer
            raw.term = raw.term or m.term
        elif raw.term is None and (m := rx.TERM.match(norm, gap_end)):
            raw.term = _WS.sub(" ", m["term"])
        else:
            break
        pos = m.end()
    else:                               # six attachments read: look past the last one
        gap_end = gap(norm, pos).end()  # type: ignore[union-attr]
    if norm[gap_end:gap_end + 1] in ("v", "V") and (m := rx.SUBJECT.match(norm, gap_end)):
        raw.subject = _WS.sub(" ", m["subject"]).strip()


def _bare_year(norm: str, pos: int) -> re.Match[str] | None:
    """``45-HD/BTCTW 2025``: a year; ``27-NQ/TW 2000 cán bộ``: a quantity, not a year."""
    m = rx.BARE_YEAR.match(norm, pos)
    if m and (rx.UNIT_AFTER_NUMBER.match(norm, m.end()) or rx.COUNTED_AFTER_YEAR.match(norm, m.end())):
        return None
    return m


def _iso(m: re.Match[str]) -> str | None:
    if m["d"]:
        return _iso_date(m["y"], m["m"], m["d"])
    return _iso_date(m["y2"], m["m2"], m["d2"])


@lru_cache(maxsize=8192)                # the same dates recur across a corpus
def _iso_date(year: str, month: str, day: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:                  # "ngày 31/2/2005"
        return None


def share(norm: str, raws: list[RawCitation]) -> None:
    # A list shares what follows its last item: "Kết luận số 187, 188- KL/TW ngày 29/8/2025".
    by_group: dict[int, list[RawCitation]] = {}
    for raw in raws:
        if raw.group is not None:
            by_group.setdefault(raw.group, []).append(raw)
    for items in by_group.values():
        last = items[-1]
        for raw in items[:-1]:
            if raw.has_attachment:
                continue
            raw.date = raw.date or last.date
            raw.issuer = raw.issuer or last.issuer
            raw.term = raw.term or last.term
            raw.year = raw.year or last.year
    # "Nghị quyết số 49-NQ/TW và Kết luận số 84-KL/TW của Bộ Chính trị": the issuer is shared.
    for i in range(len(raws) - 2, -1, -1):
        cur, nxt = raws[i], raws[i + 1]
        if cur.has_attachment or cur.kind == NAMED or nxt.issuer is None:
            continue
        if _CHAIN_GAP.fullmatch(norm, cur.end, nxt.start):
            cur.issuer = nxt.issuer
            cur.term = cur.term or nxt.term


def assign_kinds(norm: str, raws: list[RawCitation]) -> None:
    known: dict[tuple[str | None, str | None], str] = {}
    for raw in raws:
        if raw.kind == NAMED:
            continue
        if raw.symbol is not None:
            raw.kind = PARTY if raw.party_form else STATE
            known.setdefault((raw.type, raw.number), raw.kind)
    mentions_party = None
    for raw in raws:
        if raw.kind is not None:
            continue
        if raw.issuer:
            raw.kind = PARTY if _PARTY_BODY.search(raw.issuer) else STATE
        elif (raw.type, raw.number) in known:
            raw.kind = known[(raw.type, raw.number)]
        elif raw.type in _PARTY_TYPES:
            raw.kind = PARTY
        elif raw.type in _CONTEXT_TYPES:
            if mentions_party is None:
                mentions_party = bool(_CENTRAL_PARTY.search(norm))
            raw.kind = PARTY if mentions_party else STATE
        else:
            raw.kind = STATE
