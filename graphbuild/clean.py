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
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u3000": " ", "\ufeff": " ", "\u200b": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ",
    "\u2018": "'", "\u2019": "'",
    # Cyrillic look-alikes typed into symbols ("NĐ-СР"): matched as the Latin letters.
    "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H",
    "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T", "\u0425": "X",
}
_SWAP = re.compile("[" + "".join(_SWAP_TABLE) + "]")
_LINE = re.compile(r"[^\n]*\n?")
# NFC can only change text holding combining marks (or rare compatibility singletons such as
# U+212B, which match nothing here anyway); a charset search is several times faster than
# unicodedata.is_normalized.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class CleanText:
    """Normalised ``text`` plus the way back to offsets in ``original``."""

    __slots__ = ("text", "original", "_norm_starts", "_lines", "_line_maps")

    def __init__(self, text: str, original: str, lines=None):
        self.text = text
        self.original = original
        # lines: (norm_start, orig_start, orig_line, norm_len) for every line, or None
        self._lines = lines
        self._norm_starts = [line[0] for line in lines] if lines else None
        self._line_maps: dict[int, list[int]] = {}

    def orig(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (``i`` may equal ``len(text)``)."""
        if self._lines is None:
            return i
        k = bisect.bisect_right(self._norm_starts, i) - 1
        norm_start, orig_start, orig_line, norm_len = self._lines[k]
        within = i - norm_start
        if len(orig_line) == norm_len:
            return orig_start + within
        line_map = self._line_maps.get(k)
        if line_map is None:                    # built once per changed line
            line_map = self._line_maps[k] = _line_map(orig_line)
        return orig_start + line_map[min(within, len(line_map) - 1)]


def _line_map(line: str) -> list[int]:
    """For each composed offset of ``line``, the offset in ``line`` itself."""
    offsets: list[int] = []
    i, n = 0, len(line)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(line[j]):
            j += 1
        offsets.extend([i] * len(unicodedata.normalize("NFC", line[i:j])))
        i = j
    offsets.append(n)
    return offsets


_SPECIAL = re.compile("[" + "".join(_SWAP_TABLE) + "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def clean_text(original: str) -> CleanText:
    if not _SPECIAL.search(original):          # the common case: nothing to do
        return CleanText(original, original)
    swapped = _SWAP.sub(lambda m: _SWAP_TABLE[m.group()], original) if _SWAP.search(original) else original
    if not _COMBINING.search(swapped):
        return CleanText(swapped, original)
    composed = unicodedata.normalize("NFC", swapped)
    if len(composed) == len(swapped):          # nothing composed: offsets still match
        return CleanText(composed, original)
    # NFC never composes across a line break, so the composed text has the same lines.
    lines = []
    norm_pos = orig_pos = 0
    for orig_line, norm_line in zip(swapped.split("\n"), composed.split("\n")):
        lines.append((norm_pos, orig_pos, orig_line, len(norm_line)))
        norm_pos += len(norm_line) + 1
        orig_pos += len(orig_line) + 1
    return CleanText(composed, original, lines)
