"""Read the name of an instrument cited by name: ``Luật Đất đai 2013``, ``Điều lệ Đảng``.

A name is a run of words after the type word.  Title-case words and acronyms
belong to it; lower-case words do unless they are function words that end a
name (``này``, ``quy định``, ``được``...).  A law's name in lower case needs a
year, a number or a citing verb before it (:mod:`graphbuild.parse.lowercase`).  A year (``2013``, ``năm 2013``) ends
the name and is kept.  ``Luật sửa đổi, bổ sung một số điều của Luật A và Luật B``
is one name.
"""

from __future__ import annotations

import re

from graphbuild.parse import regexes as rx
from graphbuild.parse import types
from graphbuild.parse.generic import generic_name
from graphbuild.parse.lowercase import lowercase_law_name
from graphbuild.parse.name_words import (
    AMEND_STOP as _AMEND_STOP, CAPITALISED_INSTITUTIONS as _CAPITALISED_INSTITUTIONS,
    INSTITUTIONS as _INSTITUTIONS, JOINERS as _JOINERS, NOT_A_LAW as _NOT_A_LAW,
    NOT_A_RULE as _NOT_A_RULE, SO_IN_WORD as _SO_IN_WORD, STOP_BIGRAMS, STOP_WORDS,
    TRAILING as _TRAILING, TYPE_STARTS as _TYPE_STARTS, TYPE_WORDS_LOWER as _TYPE_WORDS_LOWER,
    run_to_number,
)

_SENTENCE_MARKS = frozenset(".!?:\n*#>|-")
_WEAK_TYPES = types.COMMON_NOUN_TYPES      # also common nouns: a name needs more evidence
_STATUTES = types.STATUTE_TYPES            # names with commas, amending laws
_LAW_WORDS = frozenset({"Luật", "Bộ luật"})
_YEAR = re.compile(rf"{rx.NAME_YEAR}$")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_AMEND_SEPARATOR = re.compile(r"[ \t]*[,;][ \t]*\n?[ \t]*")
_THEN_NUMBER = re.compile(r"[ \t]*\n?[ \t]*(?i:số)[ \t]*:?[ \t]*\n?[ \t]*\d")
_THEN_DATE = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*(?i:ngày)[ \t]+\d")
# A law's title heading: "LUẬT\n\nTHANH NIÊN" (type word alone on its line, title in capitals).
_HEADING_TITLE = re.compile(r"[ \t]*\n\s*\n[ \t]*(?P<title>[^\W\d_][^\n\d]{1,80}?)[ \t]*(?=\n)")
_ANAPHOR_AFTER = re.compile(r"[ \t]+(?:này|nêu|đó|ấy|trên|nào|hiện\s+hành|mới|cũ|sửa\s+đổi)(?![^\W\d_])")
_DIGIT_NEXT = re.compile(r"[ \t]*\n?[ \t]*:?[ \t]*\d")
# Where a clause ends after a word: punctuation, a line break, the end, "số" and a number, a year.
_CLAUSE_END = re.compile(
    rf"[ \t]*(?:[;,.:!?)\]\n]|$|(?i:số)[ \t]*:?[ \t]*\d|(?:(?i:năm)[ \t]+)?{rx.NAME_YEAR}(?!\d))")


def scan_name(norm: str, ts: int, te: int, ctype: str) -> tuple[int, str, int | None] | None:
    """``(end, name, year)`` of the name after the type word at ``ts:te``, or None.

    The rules, in order: what stands before may rule a name out (:func:`_ruled_out_before`);
    a law's title heading is read whole (:func:`_heading_title`); a word that ends every name
    may stand right after the type word (:func:`_ends_at_once`); then the words are read one
    by one (:func:`_read_words`), trimmed (:func:`_trimmed`) and judged (:func:`_plausible`);
    a common-noun type's name that fits many instruments is none (:func:`generic_name`).
    """
    before = norm[max(0, ts - 30):ts]
    if _ruled_out_before(norm, ts, te, ctype, before):
        return None
    heading = _heading_title(norm, ts, te)
    if heading is not None:
        return heading
    scan = _Scan(norm, te, ctype)
    if _ends_at_once(scan):
        return None
    _read_words(scan)
    tokens = _trimmed(scan)
    if not tokens and not _bare_type_cites(norm, ts, te, ctype, before):
        return None
    if not _plausible(norm, ts, te, ctype, tokens, scan.year, scan.amending, before):
        if ctype not in _LAW_WORDS or not tokens or tokens[0][0].lower() in _NOT_A_LAW:
            return None
        tokens = lowercase_law_name(before, tokens)      # "ban hành Luật tài nguyên nước"
        if not tokens:
            return None
    if ctype in _WEAK_TYPES and tokens and generic_name(
            norm, ts, tokens[-1][1], [t for t, _ in tokens], _terminated(norm, tokens)):
        return None                                      # "Quy chế làm việc": whose?
    end = tokens[-1][1] if tokens else te
    name = " ".join(norm[ts:te].split() + [t for t, _ in tokens])
    return end, name, scan.year


class _Scan:
    """One name being read: its tokens so far, its year, and where the reading stands.

    The token after the current one is read ahead once and kept, so that the next step
    does not match it again.
    """

    def __init__(self, norm: str, te: int, ctype: str) -> None:
        self.norm = norm
        self.ctype = ctype
        self.tokens: list[tuple[str, int]] = []     # (token, end offset)
        self.year: int | None = None
        self.pos = te
        self.amending = False                       # "Luật sửa đổi, bổ sung ...": a longer name
        self.checkpoint: int | None = None          # tokens before the first comma in the name
        self.ahead_pos = te
        self.ahead: re.Match[str] | None = rx.NAME_TOKEN.match(norm, te)
        self.ahead_low = self.ahead["tok"].lower() if self.ahead else ""

    def token(self, pos: int) -> tuple[re.Match[str] | None, str]:
        """The token at ``pos`` and its lower case."""
        if pos == self.ahead_pos:
            return self.ahead, self.ahead_low
        m = rx.NAME_TOKEN.match(self.norm, pos)
        return m, m["tok"].lower() if m else ""

    def peek(self, pos: int) -> tuple[re.Match[str] | None, str]:
        """The token at ``pos``, kept as the one read ahead."""
        m = rx.NAME_TOKEN.match(self.norm, pos)
        self.ahead_pos, self.ahead = pos, m
        self.ahead_low = m["tok"].lower() if m else ""
        return m, self.ahead_low

    def take(self, m: re.Match[str]) -> None:
        """Add the token ``m`` to the name and go on after it."""
        self.tokens.append((m["tok"], m.end()))
        self.pos = m.end()


# Decisions of a word rule: no decision (the next rule decides), the word was taken, or the
# name ends before it.
_UNDECIDED, _TAKEN, _STOP = 0, 1, 2


def _ruled_out_before(norm: str, ts: int, te: int, ctype: str, before: str) -> bool:
    """What stands before the type word makes it no instrument's: ``Đại học Luật``, ``Công ty
    Luật`` (an institution), ``Báo Pháp Luật`` on one line (a newspaper), a common-noun type
    in quotes or in capitals (``"Quy chế"``, ``QUY ĐỊNH``: a heading, not a citation)."""
    words_before = before.split()
    if ctype in _LAW_WORDS and words_before and words_before[-1].lower() in _INSTITUTIONS:
        return True
    same_line = before.rsplit("\n", 1)[-1].split()
    if ctype == "Luật" and same_line and same_line[-1] in _CAPITALISED_INSTITUTIONS:
        return True
    return ctype in _WEAK_TYPES and (before.rstrip(" \t")[-1:] in ('"', "“", "'", "‘")
                                     or norm[ts:te].isupper())


def _heading_title(norm: str, ts: int, te: int) -> tuple[int, str, int | None] | None:
    """A law's title heading: the type word in capitals alone on its line, a blank line,
    the title in capitals (``LUẬT\\n\\nTHANH NIÊN``): the name is the title line."""
    if not norm[ts:te].isupper():
        return None
    heading = _HEADING_TITLE.match(norm, te)
    if heading is None or not heading["title"].isupper():
        return None
    return heading.end("title"), f"{norm[ts:te]} {heading['title'].strip()}", None


def _ends_at_once(scan: _Scan) -> bool:
    """A lower-case word that ends every name follows the type word: an anaphor or a verb
    (``Luật này``, ``Bộ luật đã``).  Not ``đối`` (``đối thoại``), nor ``về`` after a
    common-noun type (``Quy chế về ...``), nor after ``Hiến pháp``, cited bare."""
    ahead, low = scan.ahead, scan.ahead_low
    return (ahead is not None and scan.ctype != "Hiến pháp" and not ahead["tok"][0].isupper()
            and low in STOP_WORDS and low != "đối"
            and not (low == "về" and scan.ctype in _WEAK_TYPES))


def _read_words(scan: _Scan) -> None:
    """Read the words of the name, one by one, until a rule ends it (at most 25 words, 60
    for an amending law)."""
    while len(scan.tokens) < (60 if scan.amending else 25):
        m, low = scan.token(scan.pos)
        if m is None:
            if not _past_separator(scan):
                break
            continue
        nxt, nlow = scan.peek(m.end())
        if _number_ends(scan, m, low, nxt):
            break
        decision = _amendment(scan, m, low, nxt, nlow)
        if decision == _UNDECIDED:
            decision = _so_in_word(scan, m, low)
        if decision == _UNDECIDED:
            decision = _and_continues(scan, m, low, nxt, nlow)
        if decision == _STOP:
            break
        if decision == _TAKEN:
            continue
        if (_verb_ends(scan, m["tok"], low, nlow) or _next_instrument(scan, m["tok"], low, nlow)
                or _function_word_ends(scan, m["tok"], low, nxt, nlow)):
            break
        scan.take(m)


def _past_separator(scan: _Scan) -> bool:
    """A comma (or ``;`` in an amending law) inside the name, when a lower-case word of a
    law's or ordinance's name follows (``Luật Hòa giải, đối thoại tại Tòa án``).  Not a
    capital, a number, a word that ends names or a type word; the place of the first comma
    is kept to cut the name there if nothing after it confirms it (:func:`_trimmed`)."""
    norm, pos = scan.norm, scan.pos
    sep = (_AMEND_SEPARATOR if scan.amending else _COMMA).match(norm, pos)
    nxt = rx.NAME_TOKEN.match(norm, sep.end()) if sep and scan.tokens else None
    if nxt is None or nxt["tok"].isdigit():
        return False
    nlow = nxt["tok"].lower()
    if scan.amending:
        if nlow in _AMEND_STOP:
            return False
    elif (nxt["tok"][0].isupper() or (nlow in STOP_WORDS and nlow != "đối")
          or nlow in _TYPE_WORDS_LOWER or scan.ctype not in _STATUTES):
        return False
    if scan.checkpoint is None and not scan.amending:
        scan.checkpoint = len(scan.tokens)
    scan.pos = scan.ahead_pos = nxt.start()      # where the separator ends
    scan.ahead, scan.ahead_low = nxt, nlow
    return True


def _number_ends(scan: _Scan, m: re.Match[str], low: str, nxt: re.Match[str] | None) -> bool:
    """A number ends the name.  A year is kept in it when a word precedes (``Luật Đất đai
    2013``, ``... năm 2013``; ``Hiến pháp 2013`` alone too); ``số`` before a digit starts
    the symbol (``... số 87/2025/QH15``) and is left out."""
    tok = m["tok"]
    has_words = bool(scan.tokens) or scan.ctype == "Hiến pháp"
    if tok.isdigit():
        if _YEAR.match(tok) and has_words:
            scan.tokens.append((tok, m.end()))
            scan.year = int(tok)
        return True
    if low == "năm":
        if nxt and _YEAR.match(nxt["tok"]) and has_words:
            scan.tokens += [(tok, m.end()), (nxt["tok"], nxt.end())]
            scan.year = int(nxt["tok"])
        return True
    return low == "số" and _DIGIT_NEXT.match(scan.norm, m.end()) is not None


def _amendment(scan: _Scan, m: re.Match[str], low: str, nxt: re.Match[str] | None,
               nlow: str) -> int:
    """Amendment words in a name: ``(sửa đổi)``; ``sửa đổi`` first after a law's type word
    opens an amending law's long name (``Luật sửa đổi, bổ sung một số điều của Luật A và
    Luật B``); ``sửa đổi`` and a year after words names an amended law (``Luật Sở hữu trí tuệ
    sửa đổi 2009``), which ends at the year."""
    if m["tok"].startswith("("):
        scan.take(m)
        return _TAKEN
    if low != "sửa" or nxt is None or nlow != "đổi":
        return _UNDECIDED
    if not scan.tokens:
        if scan.ctype not in _STATUTES:
            return _UNDECIDED
        scan.amending = True
        scan.take(m)
        scan.take(nxt)
        return _TAKEN
    after = rx.NAME_TOKEN.match(scan.norm, nxt.end())
    if after and after["tok"].lower() == "năm":
        after = rx.NAME_TOKEN.match(scan.norm, after.end())
    if after is None or not _YEAR.match(after["tok"]):
        return _UNDECIDED
    scan.take(m)
    scan.take(nxt)
    scan.take(after)
    scan.year = int(after["tok"])
    return _STOP


def _so_in_word(scan: _Scan, m: re.Match[str], low: str) -> int:
    """``số`` as the end of a word, not before a number: ``dân số``, ``một số``, ``đa số``."""
    if low == "số" and scan.tokens and scan.tokens[-1][0].lower() in _SO_IN_WORD:
        scan.take(m)
        return _TAKEN
    return _UNDECIDED


def _and_continues(scan: _Scan, m: re.Match[str], low: str, nxt: re.Match[str] | None,
                   nlow: str) -> int:
    """``và`` where nothing new can start belongs to the name: before a word that ends names
    elsewhere but stands last in its clause (``doanh nghiệp nhỏ và vừa;``), or before words
    that run to ``số`` and a number with no type word, verb, list word or punctuation between
    (``Luật Phòng, chống thiên tai và Đê điều số 60/2020/QH14``): a name followed by its
    number is one citation.  Not in an amending law's name, read on by its own rules."""
    if m["tok"] != "và" or not scan.tokens or scan.amending or nxt is None:
        return _UNDECIDED
    if nxt["tok"] == nlow and nlow in STOP_WORDS and _CLAUSE_END.match(scan.norm, nxt.end()):
        run = [nxt]
    else:
        run = run_to_number(scan.norm, nxt)
    if not run:
        return _UNDECIDED
    for tok in [m, *run]:
        scan.take(tok)
    return _TAKEN


def _verb_ends(scan: _Scan, tok: str, low: str, nlow: str) -> bool:
    """A two-word verb in lower case ends the name: ``Luật Đất đai quy định``, ``Luật hiện
    hành``; but ``sửa đổi, bổ sung`` and ``… của Luật ban hành …`` belong to an amending law's."""
    return (tok == low and (low, nlow) in STOP_BIGRAMS and not (scan.amending and (
        low in ("sửa", "bổ") or (low == "ban" and scan.tokens[-1][0].lower() == "luật"))))


def _next_instrument(scan: _Scan, tok: str, low: str, nlow: str) -> bool:
    """A capitalised type word starts the next instrument (``Luật Đất đai và Luật Nhà ở``);
    a stop word in capitals ends the name (``LUẬT ĐẤT ĐAI NĂM``).  Not the first word of a
    consolidated text (``Văn bản hợp nhất Luật ...``), nor the laws an amending law names."""
    title = tok[0].isupper()
    if title and (low in _TYPE_WORDS_LOWER or f"{low} {nlow}" in _TYPE_STARTS) and not (
            scan.ctype == "Văn bản hợp nhất" and not scan.tokens) and not (
            scan.amending and low in ("luật", "bộ", "pháp")):
        return True
    return tok.isupper() and len(tok) > 1 and low in STOP_WORDS


def _function_word_ends(scan: _Scan, tok: str, low: str, nxt: re.Match[str] | None,
                        nlow: str) -> bool:
    """A lower-case function word ends the name, unless it joins words of it: ``tại`` and
    ``với`` before a capital in a law's name (``... đối thoại tại Tòa án``), ``đối`` not
    before ``với`` (``đối ngoại``), ``về``/``của``/``và``/``trong``/``đối`` inside a
    common-noun type's name (``Quy chế làm việc của Ban Chấp hành``).  In an amending law
    only a verb or anaphor ends it (``ngày``, ``này``, ``được``...)."""
    if tok[0].isupper():
        return False
    tokens, ctype = scan.tokens, scan.ctype
    if scan.amending:
        return low in _AMEND_STOP
    if (low in ("tại", "với") and tokens and nxt is not None and nxt["tok"][0].isupper()
            and ctype in _STATUTES and nlow not in _TYPE_WORDS_LOWER):
        return False                            # "... tại Tòa án", "... với Nhân dân"
    if low == "đối" and nlow != "với":
        return False                            # "đối thoại", "đối ngoại": a word, not "đối với"
    if low not in STOP_WORDS:
        return False
    first_about = not tokens and low == "về" and ctype in _WEAK_TYPES
    if (low not in _JOINERS or not tokens or nxt is None) and not first_about:
        return True
    if low == "và" and nxt and (nxt["tok"][0].isupper() or nlow in STOP_WORDS):
        return True
    return low in ("của", "về", "trong", "đối") and (
        ctype not in _WEAK_TYPES or nlow in STOP_WORDS - _JOINERS)


def _trimmed(scan: _Scan) -> list[tuple[str, int]]:
    """The tokens read, without words that cannot end a name (``... của``, ``... và``); cut
    at the first comma when nothing after it confirms the comma belonged to the name (a name
    word in capitals, a number or a date next); none for ``Hiến pháp`` before a lower-case
    word (``Hiến pháp và pháp luật``: the Constitution, bare)."""
    tokens = scan.tokens
    while tokens and tokens[-1][0].lower() in _TRAILING:
        tokens.pop()
    if (scan.checkpoint is not None and scan.year is None and not _terminated(scan.norm, tokens)
            and not any(t[0][0].isupper() for t in tokens[scan.checkpoint:])):
        tokens = tokens[:scan.checkpoint]
    if (scan.ctype == "Hiến pháp" and tokens and tokens[0][0][0].islower()
            and tokens[0][0] not in ("nước", "năm")):
        tokens = []
    return tokens


def _bare_type_cites(norm: str, ts: int, te: int, ctype: str, before: str) -> bool:
    """Only ``Hiến pháp`` cites with no name (the Constitution): capitalised, with no anaphor
    after (``Hiến pháp này``) and not a copy of it (``bản Hiến pháp``)."""
    return (ctype == "Hiến pháp" and not _ANAPHOR_AFTER.match(norm, te) and norm[ts].isupper()
            and "bản" not in before[-8:])


def _at_sentence_start(before: str) -> bool:
    """Nothing but a sentence or item mark before: "", ". ", "\\n", "2. ", "* "."""
    stripped = before.rstrip()
    if not stripped or stripped[-1] in _SENTENCE_MARKS:
        return True
    return stripped.endswith(".") and stripped.rstrip(".")[-1:].isdigit()


def _terminated(norm: str, tokens: list[tuple[str, int]]) -> bool:
    end = tokens[-1][1] if tokens else 0
    return bool(_THEN_NUMBER.match(norm, end) or _THEN_DATE.match(norm, end))


def _plausible(norm: str, ts: int, te: int, ctype: str, tokens: list[tuple[str, int]],
               year: int | None, amending: bool, before: str) -> bool:
    first = tokens[0][0] if tokens else ""
    first_low = first.lower()
    title = bool(first) and first[0].isupper()
    sentence_start = _at_sentence_start(before)
    if ctype in ("Luật", "Bộ luật"):
        if first_low in _NOT_A_LAW:
            return False
        return title or year is not None or amending or _terminated(norm, tokens)
    if ctype == "Hiến pháp":
        return not tokens or title or year is not None or first_low == "nước"
    if ctype == "Pháp lệnh":
        return title or year is not None or len(tokens) >= 2
    if ctype == "Văn bản hợp nhất":
        return title
    if ctype == "Điều lệ":
        return title or (not sentence_start and len(tokens) >= 3
                         and any(t[0][0].isupper() for t in tokens))
    # Quy chế, Quy định, Nội quy, Bộ quy tắc: common nouns at a sentence start.
    if sentence_start:
        return False
    if ctype == "Quy định":
        last = before.rstrip(" \t")[-1:]
        return first_low not in _NOT_A_RULE and before[-1:] in (" ", "\t") and last.islower()
    return len(tokens) >= 2 or title
