"""Find the type words of a text: the first, hot stage of the parser.

Two interchangeable strategies (as in eyecite's tokenizers):

* :class:`AhoCorasickTokenizer` (default when ``pyahocorasick`` is installed): one
  C-speed pass over the lower-cased text for every type word at once (~120 MB/s),
  then a cheap check of what follows each hit.
* :class:`RegexTokenizer`: the same result from ``re`` scans (~35 MB/s), pure Python.

Both return :class:`TypeHit` objects sorted by offset.  A hit is kept only when
what follows could make it a citation: a number or ``số`` (``Nghị định 100``,
``Quyết định số 217``), or, for a capitalised nameable type, a word
(``Luật Đất đai``), or for ``nghị quyết`` a congress or plenum.
"""

from __future__ import annotations

import re

from . import regexes as rx

try:                                    # optional C accelerator
    import ahocorasick
except ImportError:                     # pragma: no cover - exercised by RegexTokenizer tests
    ahocorasick = None

_WS = re.compile(r"\s+")
_CANONICAL_TYPE = {t.lower(): t for t in rx.TYPE_WORDS}
_CANONICAL_TYPE.update({k.lower(): v for k, v in rx.TYPE_MISSPELLINGS.items()})
_ABBREVIATIONS_LOWER = {a.lower(): a for a in rx.TYPE_ABBREVIATIONS}

# After a type word: what a number needs ("số", a digit, "(NĐ)", "phúc thẩm số"), or for
# "nghị quyết" a congress or plenum.  Matched on the lower-cased text.
_NUMBER_FOLLOWS = re.compile(r"""
    [ \t]*(?:\([a-zđ]{2,5}\)[ \t]*)?(?:\n[ \t]*)?
    (?:số|\d|phúc\s+thẩm|sơ\s+thẩm|xử\s+phạt|liên\s+tịch)
  | [ \t]+(?:đại\s+hội|đh|hội\s+nghị|trung\s+ương|tư|t\.ư|tw|kỳ\s+họp)
""", re.VERBOSE)
# First letters of what _NUMBER_FOLLOWS accepts after a lower-case type word.
_MAY_START = frozenset("s(pxlđhtk")
_NAME_FOLLOWS = re.compile(r"\s*[^\W\d_(]|[ \t]+\(|[ \t]+\d")
_ABBREVIATION_FOLLOWS = re.compile(r"[ \t]*(?:\(|[sS]ố|SỐ|\d)")


class TypeHit:
    """A type word in the text: ``Nghị quyết``, ``NGHỊ ĐỊNH``, ``NĐ``."""

    __slots__ = ("start", "end", "written", "ctype", "abbr")

    def __init__(self, start, end, written, ctype, abbr):
        self.start, self.end, self.written, self.ctype, self.abbr = start, end, written, ctype, abbr

    def __repr__(self) -> str:
        return f"TypeHit({self.start}, {self.end}, {self.written!r})"


def lower_same_length(norm: str) -> str:
    """Lower case with the same length (U+0130 "İ" would lower to two characters)."""
    return (norm.replace("\u0130", "I") if "\u0130" in norm else norm).lower()


def _accept(norm: str, lower: str, s: int, e: int, n: int) -> TypeHit | None:
    """A hit of a full type word at ``s:e``, or None when nothing citable follows."""
    if (s and lower[s - 1].isalnum()) or (e < n and lower[e].isalnum()):
        return None
    # Most hits are words in running text ("pháp luật của", "quyết định rằng"): peek at the
    # next visible character before running any pattern.
    first = lower[e:e + 8].lstrip()[:1]
    if not first or not (first.isdigit() or first in _MAY_START or norm[s].isupper()):
        return None
    if _NUMBER_FOLLOWS.match(lower, e):
        return TypeHit(s, e, norm[s:e], _canonical(lower[s:e]), False)
    if norm[s].isupper() and _NAME_FOLLOWS.match(norm, e):
        ctype = _canonical(lower[s:e])
        if ctype in rx.NAMEABLE_TYPES:
            return TypeHit(s, e, norm[s:e], ctype, False)
    return None


def _canonical(lower_phrase: str) -> str:
    """``"nghị  quyết"`` -> ``"Nghị quyết"``."""
    found = _CANONICAL_TYPE.get(lower_phrase)
    return found if found is not None else _CANONICAL_TYPE[" ".join(lower_phrase.split())]


def _accept_abbreviation(norm: str, lower: str, s: int, e: int, n: int) -> TypeHit | None:
    written = norm[s:e]
    if written not in rx.TYPE_ABBREVIATIONS:        # must be upper case: "NĐ", not "nđ"
        return None
    if (s and lower[s - 1].isalpha()) or (e < n and lower[e].isalnum()):
        return None
    if not _ABBREVIATION_FOLLOWS.match(norm, e):
        return None
    return TypeHit(s, e, written, rx.TYPE_ABBREVIATIONS[written], True)


class RegexTokenizer:
    """Type words by ``re`` scans; no dependency beyond the standard library."""

    name = "regex"

    def __call__(self, norm: str) -> list[TypeHit]:
        lower = lower_same_length(norm)
        n = len(norm)
        hits: dict[int, TypeHit] = {}
        for scan, text in ((rx.NUMBERED_TYPE_WORD, lower), (rx.NAMED_TYPE_WORD, norm)):
            for m in scan.finditer(text):
                s, e = m.span()
                if s not in hits and (hit := _accept(norm, lower, s, e, n)):
                    hits[s] = hit
        for m in rx.TYPE_ABBREVIATION.finditer(norm):
            s, e = m.span()
            if s not in hits and (hit := _accept_abbreviation(norm, lower, s, e, n)):
                hits[s] = hit
        return [hits[k] for k in sorted(hits)]


class AhoCorasickTokenizer:
    """Type words by one Aho-Corasick pass (``pyahocorasick``) over the lower-cased text.

    Type words are matched with one or two spaces between their words (a line
    break or tab counts as a space); a wider gap inside a type word is missed,
    where :class:`RegexTokenizer` would find it.
    """

    name = "aho-corasick"

    def __init__(self):
        if ahocorasick is None:
            raise ImportError("pyahocorasick is not installed")
        automaton = ahocorasick.Automaton()
        for phrase in rx.TYPE_WORDS + tuple(rx.TYPE_MISSPELLINGS):
            words = phrase.lower().split()
            for variant in _spacings(words):
                automaton.add_word(variant, (len(variant), False))
        for abbr in _ABBREVIATIONS_LOWER:
            automaton.add_word(abbr, (len(abbr), True))
        automaton.make_automaton()
        self._automaton = automaton

    def __call__(self, norm: str) -> list[TypeHit]:
        lower = lower_same_length(norm)
        flat = lower.replace("\n", " ").replace("\t", " ")
        n = len(norm)
        hits = []
        last_end = -1
        accept, accept_abbreviation, may_start = _accept, _accept_abbreviation, _MAY_START
        for end_index, (length, is_abbr) in self._automaton.iter_long(flat):
            e = end_index + 1
            s = e - length
            if s < last_end or (e < n and flat[e].isalnum()):
                continue
            # Cheap rejection of running-text words ("pháp luật của") before any pattern runs.
            first = flat[e:e + 8].lstrip()[:1]
            if not first or not (first.isdigit() or first in may_start or norm[s].isupper()
                                 or norm[e:e + 8].lstrip()[:1].isupper()):
                continue
            hit = (accept_abbreviation if is_abbr else accept)(norm, lower, s, e, n)
            if hit is None and flat.startswith("bộ ", s):
                # "toàn bộ Luật Công chứng": the longest match "bộ luật" hid the type word "Luật".
                hit = accept(norm, lower, flat.rindex(" ", s, e) + 1, e, n)
            if hit is not None:
                hits.append(hit)
                last_end = e
        return hits


def _spacings(words: list[str]) -> set[str]:
    """``["nghị", "quyết"]`` -> ``{"nghị quyết", "nghị  quyết"}``."""
    variants = {" ".join(words)}
    for i in range(1, len(words)):
        variants.add(" ".join(words[:i]) + "  " + " ".join(words[i:]))
    return variants


def default_tokenizer():
    """The fastest tokenizer available here."""
    return AhoCorasickTokenizer() if ahocorasick is not None else RegexTokenizer()
