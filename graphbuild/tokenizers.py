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

# The same lookaheads as RegexTokenizer's patterns (one definition in regexes).
_NUMBER_FOLLOWS = re.compile(rx.NUMBER_FOLLOWS, re.VERBOSE)
# First letters of what _NUMBER_FOLLOWS accepts after a lower-case type word.
_MAY_START = frozenset("s(pxlđhtk")
_NAME_FOLLOWS = re.compile(rx.NAME_FOLLOWS)
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


# Keys of the automaton end with what must follow a numbered type word, so running-text
# words ("quyết định rằng", "pháp luật của") never leave the C scan.
_NUMBER_CONTEXTS = ("số", "(", "phúc", "sơ", "xử", "liên") + tuple("0123456789")
_PLENUM_CONTEXTS = ("đại", "đh", "hội", "trung", "tư", "t.ư", "tw", "kỳ")


class AhoCorasickTokenizer:
    """Type words by Aho-Corasick passes (``pyahocorasick``), most of the work in C.

    * numbered types on the lower-cased text, each key ending with what a number needs
      (``nghị định số``, ``quyết định 1``, ``thông tư (``); ``nghị quyết`` also with a
      congress or plenum (``nghị quyết đại``, ``nghị quyết trung``);
    * named types on the text itself, capitalised only (``Luật``, ``BỘ LUẬT``, ``Điều lệ``);
    * abbreviations on the text itself (``NĐ 67``, ``QĐ số``).

    One or two spaces may stand between words (a line break or tab counts as a
    space); a wider gap is missed, where :class:`RegexTokenizer` would find it.
    """

    name = "aho-corasick"

    def __init__(self):
        if ahocorasick is None:
            raise ImportError("pyahocorasick is not installed")
        self._numbered = ahocorasick.Automaton()
        for phrase in rx.TYPE_WORDS + tuple(rx.TYPE_MISSPELLINGS):
            contexts = _NUMBER_CONTEXTS + (_PLENUM_CONTEXTS if phrase.lower().endswith("quyết") else ())
            for variant in _spacings(phrase.lower().split()):
                for gap in (" ", "  "):
                    for context in contexts:
                        key = variant + gap + context
                        self._numbered.add_word(key, (len(key), len(variant)))
                self._numbered.add_word(variant + "(", (len(variant) + 1, len(variant)))
        self._named = ahocorasick.Automaton()
        for phrase in sorted(rx.NAMEABLE_TYPES - {"Nghị quyết"}):
            for form in _capitalised_forms(phrase):
                for variant in _spacings(form.split()):
                    self._named.add_word(variant, (len(variant), len(variant), False))
        for abbr in rx.TYPE_ABBREVIATIONS:
            for context in (" ", "  ", "("):
                for follow in ("số", "Số", "SỐ") + tuple("0123456789") if context != "(" else ("",):
                    key = abbr + context + follow
                    self._named.add_word(key, (len(key), len(abbr), True))
                self._named.add_word(abbr + "(", (len(abbr) + 1, len(abbr), True))
        self._numbered.make_automaton()
        self._named.make_automaton()

    def __call__(self, norm: str) -> list[TypeHit]:
        lower = lower_same_length(norm)
        n = len(norm)
        found: dict[int, tuple] = {}
        flat_lower = lower.replace("\n", " ").replace("\t", " ")
        for end_index, (key_len, type_len) in self._numbered.iter_long(flat_lower):
            start = end_index + 1 - key_len
            found.setdefault(start, (start + type_len, False))
        flat = norm.replace("\n", " ").replace("\t", " ")
        for end_index, (key_len, type_len, is_abbr) in self._named.iter_long(flat):
            start = end_index + 1 - key_len
            found.setdefault(start, (start + type_len, is_abbr))
        hits = []
        last_end = -1
        for s in sorted(found):
            e, is_abbr = found[s]
            if s < last_end:
                continue
            hit = (_accept_abbreviation if is_abbr else _accept)(norm, lower, s, e, n)
            if hit is not None:
                hits.append(hit)
                last_end = e
        return hits


def _capitalised_forms(phrase: str) -> set[str]:
    """``"Bộ luật"`` -> ``{"Bộ luật", "Bộ Luật", "BỘ LUẬT"}``: how a name's type word is written."""
    first, *rest = phrase.split()
    forms = {phrase.upper()}
    for mask in range(2 ** len(rest)):
        words = [w.capitalize() if mask >> i & 1 else w.lower() for i, w in enumerate(rest)]
        forms.add(" ".join([first] + words))
    return forms


def _spacings(words: list[str]) -> set[str]:
    """``["nghị", "quyết"]`` -> ``{"nghị quyết", "nghị  quyết"}``."""
    variants = {" ".join(words)}
    for i in range(1, len(words)):
        variants.add(" ".join(words[:i]) + "  " + " ".join(words[i:]))
    return variants


def default_tokenizer():
    """The fastest tokenizer available here."""
    return AhoCorasickTokenizer() if ahocorasick is not None else RegexTokenizer()
