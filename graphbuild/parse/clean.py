"""Normalise text for matching while keeping a map back to the original offsets.

Matching runs on a normalised copy: NFC, non-breaking and odd spaces as plain
spaces, every dash as ``-``, ``Ð`` (U+00D0, Icelandic eth) as ``Đ``.  The swaps
are one character for one, so offsets stay; only NFC can change the length.
Then the text is composed line by line (NFC never crosses a line break) and
only the lines that changed keep a map, built on demand.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

_SWAP_TABLE = {
    "\r": " ",       # CRLF text reads like LF text; offsets stay one for one
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u3000": " ", "\ufeff": " ", "\u200b": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ",
    "\u2018": "'", "\u2019": "'",
    # Look-alikes that lower-case or compose into ASCII: "NGHİ ĐỊNH", "187-\u212aL/TW".
    "\u0130": "I", "\u212a": "K",
    # Cyrillic look-alikes typed into symbols ("NĐ-СР"): matched as the Latin letters.
    "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H",
    "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T", "\u0425": "X",
}
# NFC can only change text holding combining marks, or the rare canonical singletons such as
# U+212B ANGSTROM SIGN, which are left as they are (U+212A KELVIN SIGN is swapped above):
# only lines holding a mark are composed.  A charset search is several times faster than unicodedata.is_normalized.
_MARK_RANGES = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
_MARKS = "".join(f"{chr(first)}-{chr(last)}" for first, last in _MARK_RANGES)
_MARKED_CLUSTER = re.compile(f".?[{_MARKS}]+", re.S)
_MARK = re.compile(f"[{_MARKS}]")


class CleanText:
    """Normalised ``text`` plus the way back to offsets in ``original``."""

    __slots__ = ("text", "original", "_norm_starts", "_lines", "_line_maps")

    def __init__(self, text: str, original: str, lines=None):
        self.text = text
        self.original = original
        # lines: (norm_start, orig_start, orig_line, norm_len) for each line whose length NFC
        # changed, in order; None when there is none.  Text between them maps one for one.
        self._lines = lines
        self._norm_starts: list[int] = [line[0] for line in lines] if lines else []
        self._line_maps: dict[int, list[int]] = {}

    @property
    def maps_offsets(self) -> bool:
        """Whether offsets differ between the text and the original (NFC changed a length)."""
        return self._lines is not None

    def orig(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (``i`` may equal ``len(text)``)."""
        if self._lines is None:
            return i
        k = bisect.bisect_right(self._norm_starts, i) - 1
        if k < 0:                               # before the first changed line
            return i
        norm_start, orig_start, orig_line, norm_len = self._lines[k]
        within = i - norm_start
        if within > norm_len:                   # past that line, before the next changed one
            return orig_start + len(orig_line) + within - norm_len
        line_map = self._line_maps.get(k)
        if line_map is None:                    # built once per changed line
            line_map = _line_map(orig_line)
            if len(line_map) != norm_len + 1:   # a composition outside Latin marks (Hangul...)
                line_map = _exact_line_map(orig_line, norm_len)
            self._line_maps[k] = line_map
        return orig_start + line_map[min(within, len(line_map) - 1)]


def _line_map(line: str) -> list[int]:
    """For each composed offset of ``line``, the offset in ``line`` itself.

    Only clusters holding combining marks can compose; the text between them maps one
    to one, so it is copied as a range instead of being normalised character by character.
    """
    offsets: list[int] = []
    done = 0
    for m in _MARKED_CLUSTER.finditer(line):
        offsets.extend(range(done, m.start()))
        offsets.extend([m.start()] * len(unicodedata.normalize("NFC", m.group())))
        done = m.end()
    offsets.extend(range(done, len(line) + 1))
    return offsets


def _exact_line_map(line: str, norm_len: int) -> list[int]:
    """Slow but exact: the shortest prefix of ``line`` whose NFC form is k characters long."""
    offsets, i = [], 0
    for k in range(norm_len + 1):
        while i < len(line) and len(unicodedata.normalize("NFC", line[:i])) < k:
            i += 1
        offsets.append(i)
    return offsets


_SPECIAL = re.compile("[" + "".join(_SWAP_TABLE) + _MARKS + "]")
# Every character that makes clean_text change a text: a scanner that meets none of these
# may skip cleaning (the tokenizer checks for them in the same pass as the type words).
SPECIAL_CHARACTERS = frozenset(_SWAP_TABLE) | frozenset(
    chr(c) for first, last in _MARK_RANGES for c in range(first, last + 1))


# Swaps that never touch a type word: dashes and quotes stand in no tokenizer key, so type
# words found before these swaps are the ones found after (offsets are one for one).
PUNCTUATION_SWAPS = frozenset(ch for ch, to in _SWAP_TABLE.items() if to in "-'")


def clean_text(original: str, present: frozenset[str] | None = None) -> CleanText:
    """The normalised text; ``present``, when the caller knows it, is the set of
    SPECIAL_CHARACTERS in ``original``, which spares a pass over the text."""
    if present is None:
        present = frozenset(_SPECIAL.findall(original))
    if not present:                            # the common case: nothing to do
        return CleanText(original, original)
    swapped = original
    for char in present.intersection(_SWAP_TABLE):   # one C pass per kind of character
        swapped = swapped.replace(char, _SWAP_TABLE[char])
    if present.issubset(_SWAP_TABLE):          # no combining mark: nothing to compose
        return CleanText(swapped, original)
    # NFC never composes across a line break: compose only the lines holding a combining mark
    # (in the corpora a decomposed document is mostly a few pasted lines among thousands),
    # found by a search, and keep the place of those whose length changed.
    parts: list[str] = []
    lines = []
    done = norm_pos = 0                        # copied up to here; length of the output so far
    while mark := _MARK.search(swapped, done):
        line_start = swapped.rfind("\n", 0, mark.start()) + 1
        line_end = swapped.find("\n", mark.start())
        line_end = len(swapped) if line_end < 0 else line_end
        line = swapped[line_start:line_end]
        composed = unicodedata.normalize("NFC", line)
        norm_pos += line_start - done
        if len(composed) != len(line):
            lines.append((norm_pos, line_start, line, len(composed)))
        parts += (swapped[done:line_start], composed)
        norm_pos += len(composed)
        done = line_end
    parts.append(swapped[done:])
    return CleanText("".join(parts), original, lines or None)
