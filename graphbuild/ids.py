"""Deterministic, human-readable ids for instruments, documents and bodies."""

from __future__ import annotations

import hashlib
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


def instrument_id(symbol, number, type_, year, name) -> str:
    """Id of the instrument a citation names, from what the mention alone says.

    ``"49-NQ/TW"``; ``"27-NQ/TW@2022"`` when the year is known (Party numbers
    restart each term); ``"100/2019/NĐ-CP"`` (the year is in the symbol);
    ``"Nghị quyết#14"`` for a bare number; ``"named:luat-dat-dai@2013"`` by name.
    Resolution may map several of these to one instrument.
    """
    if symbol:
        if symbol.count("/") == 2:
            return symbol
        return f"{symbol}@{year}" if year else symbol
    if number:
        base = f"{type_ or '?'}#{number}"
        return f"{base}@{year}" if year else base
    name = slug(name or type_ or "")
    return f"named:{name}@{year}" if year and not name.endswith(str(year)) else f"named:{name}"


def document_id(path_or_id: str) -> str:
    return path_or_id


def short_hash(text: str, n: int = 12) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]
