"""Canonical symbols, numbers and the type a symbol's code stands for.

Rules (``../shared/corpus/ANNOTATION.md``): numbers padded to two digits with
the letter suffix kept (``4`` -> ``04``, ``30a``); codes restored (``QD`` -> ``QĐ``,
``ND`` -> ``NĐ``, ``TƯ`` -> ``TW``, ``HDND`` -> ``HĐND``, ``BCD`` -> ``BCĐ``); no spaces;
``TTg``, ``QĐi``, ``CTr``, ``TTr`` keep their mixed case.
"""

from __future__ import annotations

import re

from graphbuild.parse import types

# Type a symbol's type code stands for, when no type word is written (from the types table).
CODE_TYPES = types.CODE_TYPES

_MIXED = {"TTG": "TTg", "QĐI": "QĐi", "QDI": "QĐi", "CTR": "CTr", "TTR": "TTr"}
# Issuer codes of Party bodies: central committee, provincial committees, central boards.
_PARTY_ISSUERS = {"TW", "TƯ", "T.Ư", "T.W", "TU", "HU", "ĐU", "QU", "BTCTW", "VPTW", "UBKTTW",
                  "BTGTW", "BDVTW", "BCĐTW", "BCSĐ", "ĐUK", "BCĐ"}
_SPACES = re.compile(r"\s+")


def canonical_number(raw: str) -> str:
    """``"04"`` -> ``"4"``, ``"30A"`` -> ``"30a"``: digits without leading zeros, suffix lower."""
    digits = raw.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZđĐ")
    suffix = raw[len(digits):].lower()
    return str(int(digits)) + suffix if digits else raw


def padded_number(number: str) -> str:
    """``"4"`` -> ``"04"``, ``"00123"`` -> ``"123"``, ``"30A"`` -> ``"30a"``."""
    number = canonical_number(number)
    digits = number.rstrip("abcdefghijklmnopqrstuvwxyzđ")
    return digits.zfill(2) + number[len(digits):]


def canonical_code(code: str, *, position: str) -> str:
    """Restore one code. ``position`` is ``"type"`` (NQ, QĐ, KL) or ``"issuer"`` (TW, CP, HĐND)."""
    if " " in code or "\n" in code or "\t" in code:
        code = _SPACES.sub("", code)
    upper = code.upper()
    if upper in _MIXED:
        return _MIXED[upper]
    if code in ("TTg", "QĐi", "CTr", "TTr"):
        return code
    if upper in ("TƯ", "T.Ư", "T.W"):
        return "TW"
    code = upper
    if position == "type":
        if code.startswith("QD"):
            code = "QĐ" + code[2:]
        elif code.startswith("ND"):
            code = "NĐ" + code[2:]
    else:
        if code.startswith("HD") and len(code) > 2:      # HDND, HDTV, HDNN, HDBT
            code = "HĐ" + code[2:]
        if code.startswith("BCD"):                        # BCD, BCDTW
            code = "BCĐ" + code[3:]
        if code in ("BCSD",):
            code = "BCSĐ"
    return code


def party_symbol(number: str, type_code: str, issuers: str) -> str:
    issuer = "-".join(canonical_code(c, position="issuer") for c in _split_codes(issuers))
    return f"{padded_number(number)}-{canonical_code(type_code, position='type')}/{issuer}"


def state_symbol(number: str, year: str | None, codes: str) -> str:
    parts = _split_codes(codes)
    first = parts[0]
    fixed = [canonical_code(first, position="type" if _looks_like_type(first) else "issuer")]
    fixed += [canonical_code(c, position="issuer") for c in parts[1:]]
    middle = f"/{year}" if year else ""
    return f"{padded_number(number)}{middle}/{'-'.join(fixed)}"


def dash_symbol(number: str, codes: str) -> str:
    return f"{padded_number(number)}-{'-'.join(canonical_code(c, position='issuer') for c in _split_codes(codes))}"


def type_of_code(code: str) -> str | None:
    """Type word for a (canonical) type code, or None."""
    return CODE_TYPES.get(code)


def is_party_slash_symbol(codes: str) -> bool:
    """Old Party style ``33/TB-TW``: state-looking slash symbol whose issuer is TW."""
    parts = _split_codes(codes)
    return len(parts) >= 2 and canonical_code(parts[-1], position="issuer") in _PARTY_ISSUERS


def _split_codes(codes: str) -> list[str]:
    if " " in codes or "\n" in codes or "\t" in codes:
        codes = _SPACES.sub("", codes)
    return [c for c in codes.split("-") if c]


def _looks_like_type(code: str) -> bool:
    upper = code.upper()
    return upper.startswith(("QD", "ND")) or canonical_code(code, position="type") in CODE_TYPES
