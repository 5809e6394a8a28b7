"""Find citations in text: ``get_citations(text) -> list[Citation]``.

Stages: clean the text (offset map kept), locate every symbol and every type
word, read what follows each type word (a symbol, a list of bare numbers, or a
name), then read what is attached after each mention (date, ``năm``, issuer,
term, subject) and share list-wide attachments.  All matching runs on the
cleaned text; offsets are mapped back to the original at the end.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Any

from graphbuild.parse import regexes as rx
from graphbuild.parse import types
from graphbuild.parse.clean import CleanText, clean_text
from graphbuild.ids import instrument_id
from graphbuild.models import NAMED, Citation
from graphbuild.parse.attach import RawCitation, assign_kinds, attach, share
from graphbuild.parse.lowercase import lowercase_constitutions, read_lowercase_constitution
from graphbuild.parse.names import scan_name
from graphbuild.parse.tokenizers import TypeHit, default_tokenizer
from graphbuild.parse.symbols import (
    canonical_code, canonical_number, dash_symbol, is_party_slash_symbol, party_symbol, state_symbol,
    type_of_code,
)

_WS = re.compile(r"\s+")

# Types that, written in lower case, still cite an instrument before a bare number.
_STRONG_LOWERCASE = types.LOWERCASE_CITES
_SO_BEFORE_SYMBOL = re.compile(r"[ \t]*\n?[ \t]*(?i:số)[ \t]*:?[ \t]*\n?[ \t]*")
_YEARLIKE = re.compile(rf"{rx.YEAR}$")
_SLASH_AFTER = re.compile(r"[ \t]*[-/]")


_Symbols = dict[int, re.Match[str]]   # symbol matches by start offset (find_symbols)


_DEFAULT_TOKENIZER: Any = None


def load_default_tokenizer() -> Any:
    """The tokenizer get_citations uses by default, built once (about 0.2 s).

    Worker processes forked after this call share it instead of each building its own.
    """
    global _DEFAULT_TOKENIZER
    if _DEFAULT_TOKENIZER is None:
        _DEFAULT_TOKENIZER = default_tokenizer()
    return _DEFAULT_TOKENIZER


def get_citations(text: str, tokenizer=None, utf8: bytes | None = None) -> list[Citation]:
    """Every citation in ``text``, in order, with offsets into ``text`` itself.

    ``tokenizer`` finds type words (:mod:`graphbuild.parse.tokenizers`); the fastest
    available is used by default.  ``utf8``, when the caller has it, is ``text.encode()``
    (the scan runs on UTF-8: :attr:`graphbuild.models.Document.utf8`).
    """
    if not isinstance(text, str):       # what the compiled build's signature check says
        raise TypeError(f"str object expected; got {'None' if text is None else type(text).__name__}")
    if not text:
        return []
    if tokenizer is None:
        tokenizer = _DEFAULT_TOKENIZER if _DEFAULT_TOKENIZER is not None else load_default_tokenizer()
    clean, hits = _clean_and_tokenize(text, tokenizer, utf8)
    raws = _find(clean.text, hits)
    if not raws:
        return []
    for raw in raws:
        attach(clean.text, raw)
    share(clean.text, raws)
    assign_kinds(clean.text, raws)
    return [_finish(clean, raw) for raw in raws]


# --- locating mentions ----------------------------------------------------------

def _clean_and_tokenize(text: str, tokenizer, utf8: bytes | None = None) -> tuple[CleanText, list[TypeHit]]:
    """The cleaned text and its type words, in one pass over ``text`` when the tokenizer
    can tell from its own scan what cleaning would change."""
    locate = getattr(tokenizer, "locate", None)
    if locate is None:
        clean = clean_text(text)
        return clean, tokenizer(clean.text)
    candidates, specials = locate(text, raw=True, data=utf8)
    if not specials:                    # the common case: the text is already clean
        return CleanText(text, text), tokenizer.accept(text, candidates)
    clean = clean_text(text, specials)
    if candidates is not None:          # dashes and quotes: the same type words, same offsets
        return clean, tokenizer.accept(clean.text, candidates)
    return clean, tokenizer(clean.text)


# Where a SYMBOL match can begin: a digit with no word character, slash, dot or dash before
# it (SYMBOL's own lookbehind).  The lookbehind comes after the digit so that the search
# skips along on the digit alone.
_SYMBOL_START = re.compile(r"[0-9](?<![\w/.\-][0-9])")


def find_symbols(norm: str) -> _Symbols:
    """Symbol matches by start offset, found from their slashes.

    For each slash that may be a symbol's, the symbol holding it begins at most
    SYMBOL_REACH before it: only the places where a symbol can begin are tried, left
    to right, as ``SYMBOL.finditer`` over that window would.
    """
    found = {}
    last_end = 0
    for anchor in rx.SYMBOL_ANCHOR.finditer(norm):
        k = anchor.start()
        if k < last_end:
            continue
        pos, endpos = max(last_end, k - rx.SYMBOL_REACH), anchor.end() + 40
        while (start := _SYMBOL_START.search(norm, pos, k + 1)) is not None:
            m = rx.SYMBOL.match(norm, start.start(), endpos)
            if m is None:
                pos = start.start() + 1
            elif m.end() > k:                # it begins at or before the slash: it holds it
                found[m.start()] = m
                last_end = m.end()
                break
            else:
                pos = m.end()
    return found


def _with_lowercase_constitutions(norm: str, hits: list[TypeHit]) -> list[TypeHit]:
    """The tokenizer's hits and every lower-case ``hiến pháp`` before a word or year."""
    starts = {h.start for h in hits}
    extra = [TypeHit(s, e, norm[s:e], "Hiến pháp", False)
             for s, e in lowercase_constitutions(norm) if s not in starts]
    return sorted(hits + extra, key=lambda h: h.start) if extra else hits


def _find(norm: str, hits: list[TypeHit]) -> list[RawCitation]:
    hits = _with_lowercase_constitutions(norm, hits)
    symbols = find_symbols(norm)
    raws: list[RawCitation] = []
    covered_until = 0
    for group, hit in enumerate(hits):
        if hit.start < covered_until:
            continue
        found = _read_after_type(norm, hit, symbols, group)
        if found:
            raws.extend(found)
            covered_until = found[-1].end
    if symbols:
        spans = sorted((r.start, r.end) for r in raws)
        starts = [sp[0] for sp in spans]
        for start, m in symbols.items():
            k = bisect.bisect_right(starts, start) - 1
            if k >= 0 and spans[k][0] <= start < spans[k][1]:
                continue
            raws.append(_symbol_raw(m, start))
    raws.sort(key=lambda r: r.start)
    return _drop_overlaps(raws)


def _read_after_type(norm: str, hit: TypeHit, symbols: _Symbols, group: int) -> list[RawCitation]:
    written, ctype = hit.written, hit.ctype
    ts, te = hit.start, hit.end
    p = rx.AFTER_TYPE.match(norm, te).end()  # type: ignore[union-attr]  # matches "" at worst
    gap = norm[te:p]
    had_so = "số" in gap or "Số" in gap or "SỐ" in gap

    sym = symbols.get(p)
    if sym is not None:
        raw = _symbol_raw(sym, ts)
        raw.type = ctype
        return [raw] + _continue_list(norm, raw.end, symbols, ctype, group, first=raw)
    if written == "TT":                  # "TT" alone is too ambiguous without a symbol
        return []
    dash = rx.DASH_SYMBOL.match(norm, p)
    if dash and p > te:
        return [RawCitation(ts, dash.end(), type=ctype, number=canonical_number(dash["d_num"]),
                     symbol=dash_symbol(dash["d_num"], dash["d_codes"]))]
    number_year = rx.NUMBER_YEAR.match(norm, p)
    if number_year and p > te:          # "Nghị quyết 52/2017": number and year, no codes
        return [RawCitation(ts, number_year.end(), type=ctype, year=int(number_year["year"]),
                     number=canonical_number(number_year["num"]), group=group)]
    number = _bare_number(norm, p)
    if number is not None and p > te:
        lowercase = written[0].islower()
        if lowercase and ctype not in _STRONG_LOWERCASE and not had_so:
            return []
        if ctype == "Lệnh" and not had_so:
            return []
        first = RawCitation(ts, number.end(), type=ctype, number=canonical_number(number["num"]),
                     group=group)
        return [first] + _continue_list(norm, first.end, symbols, ctype, group, first=first)
    if ctype in rx.NAMEABLE_TYPES and not hit.abbr:
        return _read_name(norm, hit, ctype, symbols)
    return []


def _bare_number(norm: str, p: int) -> re.Match[str] | None:
    m = rx.BARE_NUMBER.match(norm, p)
    if not m or _YEARLIKE.match(m["num"]) or rx.UNIT_AFTER_NUMBER.match(norm, m.end()):
        return None
    return m


def _continue_list(norm: str, pos: int, symbols: _Symbols, ctype: str, group: int, *,
                   first: RawCitation) -> list[RawCitation]:
    """Further items of a list: ``số 218``, ``70 71 72``, ``188- KL/TW``."""
    items: list[RawCitation] = []
    first.group = group
    while True:
        sep = rx.LIST_SEPARATOR.match(norm, pos)
        if sep is None or sep.end() == pos:
            break
        q = sep.end()
        start = sep.start("so") if sep["so"] else q
        sym = symbols.get(q)
        if sym is not None:
            if first.symbol is not None and not sep.group().strip(" \t,"):
                break            # "A, B": two mentions; only "A và B" / "A, số B" share a type
            raw = _symbol_raw(sym, start)
            raw.type, raw.group = ctype, group
            items.append(raw)
            break
        if first.symbol is not None:
            break                # after a full symbol only another symbol continues
        m = _bare_number(norm, q)
        if m is None or _SLASH_AFTER.match(norm, m.end()):
            break
        items.append(RawCitation(start, m.end(), type=ctype, number=canonical_number(m["num"]),
                          group=group))
        pos = m.end()
    return items


def _symbol_raw(m: re.Match[str], start: int) -> RawCitation:
    ctype, number, symbol, year, party_form = _symbol_fields(m)
    return RawCitation(start, m.end(), type=ctype, number=number, symbol=symbol, sym_year=year,
                party_form=party_form)


def _symbol_fields(m: re.Match[str]) -> tuple:
    """``(type, number, symbol, year, party form)`` of a SYMBOL match."""
    groups = m.groups()
    found = _SYMBOL_FIELDS.get(groups)
    if found is None:
        if len(_SYMBOL_FIELDS) >= _SYMBOL_CACHE_SIZE:
            _SYMBOL_FIELDS.clear()
        found = _SYMBOL_FIELDS[groups] = _read_symbol(m)
    return found


# The same symbols recur across a corpus ("49-NQ/TW", "100/2019/NĐ-CP"): their fields are
# read once.  The key is every group of the match, so a hit is always an identical reading.
_SYMBOL_FIELDS: dict[tuple, tuple] = {}
_SYMBOL_CACHE_SIZE = 50_000


def _read_symbol(m: re.Match[str]) -> tuple:
    if m["p_num"] is not None:
        return (type_of_code(_canon_type_code(m["p_type"])), canonical_number(m["p_num"]),
                party_symbol(m["p_num"], m["p_type"], m["p_issuer"]), None, True)
    codes = m["s_codes"]
    number = canonical_number(m["s_num"])
    year = int(m["s_year"]) if m["s_year"] else None
    full = state_symbol(m["s_num"], m["s_year"], codes)
    code_type = full.split("/")[-1].split("-")[0]
    ctype = type_of_code(code_type)
    # "131/2021/NĐ- C": cut off before the issuer, no full symbol
    symbol = None if year is not None and ctype is not None and "-" not in full.split("/")[-1] else full
    if symbol is not None and m["s_unit"]:
        symbol += m["s_unit"]                # "04/1999/TT-BCA(C13)": the ministry's department
    if ctype is None and year is not None and code_type.startswith(("QH", "UBTVQH")):
        ctype = "Luật" if code_type.startswith("QH") else "Pháp lệnh"
    return ctype, number, symbol, year, is_party_slash_symbol(codes)


def _canon_type_code(code: str) -> str:
    return canonical_code(code, position="type")


def _read_name(norm: str, hit: TypeHit, ctype: str, symbols: _Symbols) -> list[RawCitation]:
    ts, te = hit.start, hit.end
    written = hit.written
    before = norm[max(0, ts - 12):ts].split()
    if before and (before[-1].lower() in rx.GENERIC_WORDS or before[-2:] == ["các", "bản"]):
        return []                       # "các nghị quyết", "những luật", "các bản Hiến pháp"
    if ctype == "Nghị quyết":
        for pattern in (rx.CONGRESS_RESOLUTION, rx.PLENUM_RESOLUTION):
            m = pattern.match(norm, te, te + 300)     # bounded: a name is short
            if m:
                name = _WS.sub(" ", norm[ts:m.end()])
                raws = [RawCitation(ts, m.end(), type=ctype, kind=NAMED, name=name)]
                if pattern is rx.PLENUM_RESOLUTION:
                    raws[0].term = m["term"]
                    pos = m.end()
                    while extra := rx.EXTRA_TERM.match(norm, pos):
                        raws.append(RawCitation(extra.start("term"), extra.end(), type=ctype, kind=NAMED,
                                         name=f"{name.split('(')[0].strip()} {extra['term']}"))
                        raws[-1].term = extra["term"]
                        pos = extra.end()
                return raws
        return []
    if not written[0].isupper():
        return _lowercase_constitution(norm, hit) if ctype == "Hiến pháp" else []
    scanned = scan_name(norm, ts, te, ctype)
    if scanned is None:
        return []
    end, name, year = scanned
    so = _SO_BEFORE_SYMBOL.match(norm, end)
    sym = symbols.get(so.end()) if so else None
    if sym is not None:
        raw = _symbol_raw(sym, ts)
        raw.type, raw.name = ctype, name
        return [raw]
    return [RawCitation(ts, end, type=ctype, kind=NAMED, name=name, year=year)]


def _lowercase_constitution(norm: str, hit: TypeHit) -> list[RawCitation]:
    read = read_lowercase_constitution(norm, hit.start, hit.end)
    if read is None:
        return []
    end, name, year = read
    return [RawCitation(hit.start, end, type="Hiến pháp", kind=NAMED, name=name, year=year)]


def _drop_overlaps(raws: list[RawCitation]) -> list[RawCitation]:
    kept: list[RawCitation] = []
    for raw in raws:
        if kept and raw.start < kept[-1].end:
            if raw.end - raw.start > kept[-1].end - kept[-1].start:
                kept[-1] = raw
            continue
        kept.append(raw)
    return kept


def _finish(clean: CleanText, raw: RawCitation) -> Citation:
    if clean.maps_offsets:
        start, end = clean.orig(raw.start), clean.orig(raw.end)
    else:
        start, end = raw.start, raw.end
    year = raw.sym_year or (int(raw.date[:4]) if raw.date else None) or raw.year
    return _citation((
        start, end, clean.original[start:end], raw.kind, raw.type, raw.number, raw.symbol,
        year, raw.date, raw.issuer, raw.term, raw.subject, raw.name,
        instrument_id(raw.symbol, raw.number, raw.type, year, raw.name),
    ))


# Citation is a frozen dataclass with slots: its generated __init__ sets each field through
# object.__setattr__, the largest single cost of the many citations the parser builds.  The
# slot descriptors set the same fields directly; a test checks both give equal citations.
_CITATION_FIELDS = tuple(f.name for f in dataclasses.fields(Citation))
_CITATION_SLOTS = tuple(getattr(Citation, name).__set__ for name in _CITATION_FIELDS)
_new_object = object.__new__


def _citation(values: tuple) -> Citation:
    """``Citation(*values)``, faster."""
    if len(values) != len(_CITATION_SLOTS):
        raise TypeError(f"a citation has {len(_CITATION_SLOTS)} fields, not {len(values)}")
    citation = _new_object(Citation)
    for set_slot, value in zip(_CITATION_SLOTS, values):
        set_slot(citation, value)
    return citation
