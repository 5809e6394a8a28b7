"""Deterministic, human-readable ids for instruments, documents and bodies."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """``"Luật Đất đai"`` -> ``"luat-dat-dai"``: ASCII, lower case, dashes."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub("-", text.lower()).strip("-")


_YEAR_IN_NAME = re.compile(r"\s*(?:\(?\s*(?:năm\s+)?((?:18|19|20)\d\d)\s*\)?)\s*$", re.I)
_CONGRESS = re.compile(r"đại\s+hội|ĐH", re.I)
_LOCAL_CONGRESS = re.compile(r"đảng\s+bộ|tỉnh|thành\s+phố|huyện|quận|xã|phường", re.I)
_ORDINAL = re.compile(r"(?:lần\s+thứ\s+)?\b([IVXL]{1,6})\b")
_PLENUM = re.compile(r"(?:Trung\s+ương|TƯ|T\.Ư|TW)\s*(\d{1,2})", re.I)
_TERM = re.compile(r"kh[oó]a\s+([IVXL]+)", re.I)


def instrument_key(symbol: str | None, year: int | None, name: str | None = None) -> str:
    """Key of an instrument: ``100/2019/NĐ-CP``; ``27-NQ/TW@2022``; ``named:...``."""
    if symbol:
        if symbol.count("/") == 2:          # state symbol with its year
            return symbol
        return f"{symbol}@{year}" if year else f"{symbol}@?"
    return "named:" + alias_key(name or "")


def alias_key(name: str, year: int | None = None) -> str:
    """Normalised name of a named instrument: the same for every way a text writes it.

    ``Nghị quyết Đại hội lần thứ XIII của Đảng`` -> ``nghi-quyet-dai-hoi-xiii``;
    ``Nghị quyết TƯ 4, khóa XII`` -> ``nghi-quyet-trung-uong-4-khoa-xii``;
    ``Luật Đất đai năm 2013`` -> ``luat-dat-dai@2013``.
    """
    name = " ".join(name.split())
    m = _YEAR_IN_NAME.search(name)
    if m and not _CONGRESS.search(name):
        year = year or int(m.group(1))
        name = name[:m.start()]
    low = name.lower()
    if low.startswith(("nghị quyết", "nghi quyết")):
        if _CONGRESS.search(name) and not _LOCAL_CONGRESS.search(name):
            ordinal = _ORDINAL.search(name)
            if ordinal:
                return f"nghi-quyet-dai-hoi-{ordinal.group(1).lower()}"
        plenum = _PLENUM.search(name)
        if plenum and not _CONGRESS.search(name):
            term = _TERM.search(name)
            base = f"nghi-quyet-trung-uong-{plenum.group(1)}"
            return f"{base}-khoa-{term.group(1).lower()}" if term else base
    base = slug(name.replace("(sửa đổi)", ""))
    return f"{base}@{year}" if year else base


def number_key(type_: str | None, number: str, year: int | None) -> str:
    """Key of an instrument known only by type and number: ``Kết luận#14@?``."""
    return f"{type_ or '?'}#{number}@{year or '?'}"


@lru_cache(maxsize=65_536)        # the same instruments recur across a corpus
def instrument_id(symbol, number, type_, year, name) -> str:
    """Id of the instrument a citation names, from what the mention alone says.

    Resolution (:mod:`graphbuild.resolve.resolver`) may map it to a dated instrument.
    """
    if symbol:
        return instrument_key(symbol, year)
    if number:
        return number_key(type_, number, year)
    return instrument_key(None, year, name or type_ or "")
