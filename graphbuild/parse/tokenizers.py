"""Find the type words of a text: the first, hot stage of the parser.

Two interchangeable strategies (as in eyecite's tokenizers):

* :class:`AhoCorasickTokenizer` (default when ``ahocorasick-rs`` is installed): two
  compiled DFA passes over the UTF-8 bytes for every type word at once (300-500 MB/s),
  which also tell whether the text needs cleaning, then a cheap check of what follows
  each hit.
* :class:`RegexTokenizer`: the same result from ``re`` scans, pure Python.

Both return :class:`TypeHit` objects sorted by offset.  A hit is kept only when
what follows could make it a citation: a number or ``số`` (``Nghị định 100``,
``Quyết định số 217``), or, for a capitalised nameable type, a word
(``Luật Đất đai``), or for ``nghị quyết`` a congress or plenum.
"""

from __future__ import annotations

import re
from itertools import product

from graphbuild.parse import regexes as rx
from graphbuild.parse import types
from graphbuild.parse.clean import PUNCTUATION_SWAPS, SPECIAL_CHARACTERS

try:                                    # optional compiled scanner
    import ahocorasick_rs
except ImportError:                     # pragma: no cover - exercised by RegexTokenizer tests
    ahocorasick_rs = None  # type: ignore[assignment]

_CANONICAL_TYPE = {t.lower(): t for t in rx.TYPE_WORDS}
_CANONICAL_TYPE.update({k.lower(): v for k, v in rx.TYPE_MISSPELLINGS.items()})

# What may follow each type word when it cites by number or plenum (one definition in
# regexes, shared with RegexTokenizer's patterns).
_FOLLOWS = {ctype: re.compile(rx.follows_re(ctype), re.VERBOSE) for ctype in rx.TYPE_WORDS}
# The first words of what _FOLLOWS accepts: the contexts ending the automaton's numbered keys.
_NUMBER_CONTEXTS = ("số", "(") + tuple(q.split()[0] for q in types.NUMBER_QUALIFIERS) \
    + tuple("0123456789")
_PLENUM_CONTEXTS = tuple(dict.fromkeys(w.split()[0] for w in types.PLENUM_WORDS))
# First letters of what _FOLLOWS accepts after a lower-case type word (digits aside).
_MAY_START = frozenset(c[0] for c in _NUMBER_CONTEXTS + _PLENUM_CONTEXTS if not c.isdigit())
_NAME_FOLLOWS = re.compile(rx.NAME_FOLLOWS)
_ABBREVIATION_FOLLOWS = re.compile(r"[ \t]*(?:\(|[sS]ố|SỐ|\d)")


class TypeHit:
    """A type word in the text: ``Nghị quyết``, ``NGHỊ ĐỊNH``, ``NĐ``."""

    __slots__ = ("start", "end", "written", "ctype", "abbr")

    def __init__(self, start: int, end: int, written: str, ctype: str, abbr: bool) -> None:
        self.start, self.end, self.written, self.ctype, self.abbr = start, end, written, ctype, abbr

    def __repr__(self) -> str:
        return f"TypeHit({self.start}, {self.end}, {self.written!r})"


def lower_same_length(norm: str) -> str:
    """Lower case with the same length (U+0130 "İ" would lower to two characters)."""
    return (norm.replace("\u0130", "I") if "\u0130" in norm else norm).lower()


# How far _FOLLOWS may read: the type word's own context, lower-cased on demand.
_FOLLOW_WINDOW = 96


def _accept(norm: str, s: int, e: int, n: int, ctype: str | None = None,
            peek: bool = True) -> TypeHit | None:
    """A hit of a full type word at ``s:e`` (of type ``ctype``, when the caller knows it), or
    None when nothing citable follows."""
    if (s and norm[s - 1].isalnum()) or (e < n and norm[e].isalnum()):
        return None
    # Most hits of a plain scan are words in running text ("pháp luật của", "quyết định
    # rằng"): peek at the next visible character before running any pattern.
    if peek:
        first = norm[e:e + 8].lstrip()[:1].lower()
        if not first or not (first.isdigit() or first in _MAY_START or norm[s].isupper()):
            return None
    ctype = ctype or _canonical(lower_same_length(norm[s:e]))
    if _FOLLOWS[ctype].match(lower_same_length(norm[e:e + _FOLLOW_WINDOW])):
        return TypeHit(s, e, norm[s:e], ctype, False)
    if norm[s].isupper() and _NAME_FOLLOWS.match(norm, e):
        if ctype in rx.TITLE_TYPES:
            return TypeHit(s, e, norm[s:e], ctype, False)
    return None


def _accept_whole_word(norm: str, s: int, e: int, n: int, ctype: str) -> TypeHit | None:
    """A numbered key's hit whose context ("số", a digit) _FOLLOWS always accepts."""
    if (s and norm[s - 1].isalnum()) or (e < n and norm[e].isalnum()):
        return None
    return TypeHit(s, e, norm[s:e], ctype, False)


def _canonical(lower_phrase: str) -> str:
    """``"nghị  quyết"`` -> ``"Nghị quyết"``."""
    found = _CANONICAL_TYPE.get(lower_phrase)
    return found if found is not None else _CANONICAL_TYPE[" ".join(lower_phrase.split())]


def _accept_abbreviation(norm: str, s: int, e: int, n: int) -> TypeHit | None:
    written = norm[s:e]
    if written not in rx.TYPE_ABBREVIATIONS:        # must be upper case: "NĐ", not "nđ"
        return None
    if (s and norm[s - 1].isalpha()) or (e < n and norm[e].isalnum()):
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
                if s not in hits and (hit := _accept(norm, s, e, n)):
                    hits[s] = hit
        for m in rx.TYPE_ABBREVIATION.finditer(norm):
            s, e = m.span()
            if s not in hits and (hit := _accept_abbreviation(norm, s, e, n)):
                hits[s] = hit
        return [hits[k] for k in sorted(hits)]


# Keys of the automaton end with what must follow a numbered type word (_NUMBER_CONTEXTS,
# _PLENUM_CONTEXTS), so running-text words ("quyết định rằng", "pháp luật của") never leave
# the compiled scan.
# The scans run on UTF-8 bytes: one table lower-cases ASCII and reads a line break or tab
# as a space, the other only flattens.  Both keep every byte where it was.  (Keys spelling
# out every gap instead would spare the second table but grow the named DFA by 120 MB.)
_LOWER_FLAT = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\n\t", b"abcdefghijklmnopqrstuvwxyz  ")
_FLAT = bytes.maketrans(b"\n\t", b"  ")
# UTF-8 continuation bytes: a run of UTF-8 holds as many characters as bytes that are not one.
_CONTINUATION = bytes(range(0x80, 0xC0))
_NAME, _ABBR, _SPECIAL, _NUMBERED, _NUMBERED_SURE = 0, 1, 2, 3, 4
# Contexts after which _FOLLOWS always matches, unless the gap is two line breaks.
_SURE_CONTEXTS = frozenset(("số",) + tuple("0123456789"))


class AhoCorasickTokenizer:
    """Type words by two Aho-Corasick DFA passes over UTF-8 bytes (``ahocorasick_rs``).

    * numbered types on the ASCII-lower-cased bytes, each key ending with what a number
      needs (``nghị định số``, ``quyết định 1``, ``thông tư (``), its non-ASCII letters in
      either case (``nghỊ quyẾt``); ``nghị quyết`` also with a congress or plenum;
    * named types on the bytes themselves, capitalised only (``Luật``, ``BỘ LUẬT``), with
      the abbreviations (``NĐ 67``, ``QĐ số``) and, in the same pass, every character that
      :func:`graphbuild.parse.clean.clean_text` would change.

    :meth:`locate` with ``raw=True`` reads uncleaned text and says when cleaning could change
    what it finds, so the common clean text is scanned once and never copied; :meth:`accept`
    then checks what follows each candidate, on the cleaned text.  One or two spaces may stand
    between words (a line break or tab counts as a space); a wider gap is missed, where
    :class:`RegexTokenizer` would find it.
    """

    name = "aho-corasick"

    def __init__(self) -> None:
        if ahocorasick_rs is None:
            raise ImportError("ahocorasick_rs is not installed")
        numbered: dict[bytes, tuple] = {}           # key -> (type word length, type, kind)
        for phrase in rx.TYPE_WORDS + tuple(rx.TYPE_MISSPELLINGS):
            ctype = rx.TYPE_MISSPELLINGS.get(phrase, phrase)
            contexts = _NUMBER_CONTEXTS + (_PLENUM_CONTEXTS if ctype in types.PLENUM_TYPES else ())
            for variant in _spacings(phrase.lower().split()):
                keys = [variant + gap + context for gap in (" ", "  ") for context in contexts]
                for key in keys + [variant + "("]:
                    context = key[len(variant):].lstrip(" ")
                    kind = _NUMBERED_SURE if context in _SURE_CONTEXTS else _NUMBERED
                    for spelling in _either_case(key):
                        numbered[spelling.encode()] = (len(variant), ctype, kind)
        named: dict[bytes, tuple] = {}
        for phrase in sorted(rx.TITLE_TYPES):
            for form in _capitalised_forms(phrase):
                for variant in _spacings(form.split()):
                    named[variant.encode()] = (len(variant), phrase, _NAME)
        for abbr in rx.TYPE_ABBREVIATIONS:
            for context in (" ", "  "):
                for follow in ("số", "Số", "SỐ") + tuple("0123456789"):
                    key = abbr + context + follow
                    named[key.encode()] = (len(abbr), None, _ABBR)
            named[(abbr + "(").encode()] = (len(abbr), None, _ABBR)
        if any(ch in key.decode() for key in (*numbered, *named) for ch in "-'"):
            raise AssertionError("a key holds a dash or quote: PUNCTUATION_SWAPS would be unsafe")
        for ch in SPECIAL_CHARACTERS:
            named[ch.encode("utf-8", "surrogatepass")] = (1, ch, _SPECIAL)
        self._numbered, self._numbered_info = _automaton(numbered)
        self._named, self._named_info = _automaton(named)

    def __call__(self, norm: str) -> list[TypeHit]:
        candidates, _ = self.locate(norm)
        return self.accept(norm, candidates or [])

    def locate(self, text: str, raw: bool = False,
               data: bytes | None = None) -> tuple[list[tuple] | None, frozenset[str]]:
        """Candidate type words ``(start, end, type, kind)`` in ``text``, in order, and the
        characters in it that clean_text would change.

        With ``raw`` (the text is not cleaned yet), the candidates are None when cleaning
        could change what a scan finds (a character other than a dash or quote): the
        caller cleans the text and scans it again.  ``data``, when given, is ``text`` in UTF-8.
        """
        if data is None:
            data = text.encode("utf-8", "surrogatepass")
        named_info = self._named_info
        found_specials: set[str] = set()
        named = []
        for index, start, _ in self._named.find_matches_as_indexes(data.translate(_FLAT)):
            info = named_info[index]
            if info[2] == _SPECIAL:
                found_specials.add(info[1])
            else:
                named.append((start, info))
        specials = frozenset(found_specials)
        if raw and not specials <= PUNCTUATION_SWAPS:
            return None, specials
        numbered_info = self._numbered_info
        # Both lists come sorted by start; a numbered key wins a start both claim.
        found = [(start, numbered_info[index]) for index, start, _
                 in self._numbered.find_matches_as_indexes(data.translate(_LOWER_FLAT))]
        if named:
            numbered_starts = {start for start, _ in found}
            found += [hit for hit in named if hit[0] not in numbered_starts]
            found.sort()                         # starts are unique: ints decide
        candidates = []
        if len(data) == len(text):               # ASCII: bytes are characters
            for s, (type_len, ctype, kind) in found:
                candidates.append((s, s + type_len, ctype, kind))
        else:                                    # the bytes before a hit, counted as characters
            byte_pos = s = 0                     # (counted, not decoded: no str is made)
            for byte_start, (type_len, ctype, kind) in found:
                s += len(data[byte_pos:byte_start].translate(None, _CONTINUATION))
                byte_pos = byte_start
                candidates.append((s, s + type_len, ctype, kind))
        return candidates, specials

    @staticmethod
    def accept(norm: str, candidates: list[tuple]) -> list[TypeHit]:
        """The candidates that a citation may follow, read on the cleaned text."""
        n = len(norm)
        hits = []
        last_end = -1
        for s, e, ctype, kind in candidates:
            if s < last_end:
                continue
            if kind == _ABBR:
                hit = _accept_abbreviation(norm, s, e, n)
            elif kind == _NUMBERED_SURE and norm[e:e + 2] != "\n\n":
                hit = _accept_whole_word(norm, s, e, n, ctype)
            else:                                # a numbered key holds what follows: no peek
                hit = _accept(norm, s, e, n, ctype, peek=kind == _NAME)
            if hit is not None:
                hits.append(hit)
                last_end = e
        return hits


def _automaton(keys: dict[bytes, tuple]):
    patterns = list(keys)
    automaton = ahocorasick_rs.BytesAhoCorasick(
        patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.DFA)
    return automaton, [keys[p] for p in patterns]


def _either_case(key: str) -> set[str]:
    """``"nghị số"`` -> ``{"nghị số", "nghỊ số", "nghị sỐ", "nghỊ sỐ"}``: the spellings of a
    lower-case key in text whose ASCII letters alone were lower-cased."""
    options = [(ch, ch.upper()) if not ch.isascii() and len(ch.upper()) == 1 and ch.upper() != ch
               else (ch,) for ch in key]
    return {"".join(p) for p in product(*options)}


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
    return AhoCorasickTokenizer() if ahocorasick_rs is not None else RegexTokenizer()
