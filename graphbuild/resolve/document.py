"""One node per instrument inside one document: ``unify_mentions(text, mentions)``.

After :func:`graphbuild.resolve.resolver.resolve_citations` a document may still name one
instrument in several ways.  Each rule below joins mentions only when the document itself
makes the identity clear (``../shared/corpus/RELATIONS.md``: "when in doubt, keep them
apart"); nothing is merged across documents, and nothing by world knowledge.

1. spelling: one symbol written with and without a hyphen (``18/2019/TTBCT``, ``18/2019/TT-BCT``);
2. same document: a decree, circular or law symbol without its year (``116/NĐ-CP``) when the
   document cites exactly one ``116/<year>/NĐ-CP`` (these series always carry the year);
3. adjacent: a name followed at once by its symbol (``Luật Tổ chức ... **số** 72/2025/QH15``);
4. same name: a name without a year or term (``Luật Xây dựng``, ``Nghị quyết TƯ 4``) is the one
   instrument of the document with that name and a year or term, or a symbol
   (``Luật Xây dựng năm 2014``; ``Luật Phí và lệ phí số 97/2015/QH13``; ``Nghị quyết Trung ương 4
   khóa XII``).  A name cut at a comma joins the full name the text goes on to spell
   (``Luật Thi đua, khen thưởng``).  Two versions of the name in the document (``Luật Đất đai
   2013`` and ``2024``), one named in full only after a name that may be the document's own
   law, a draft (``dự thảo Luật …``) or a new version (``Luật … (sửa đổi)``)
   leave the name apart; an amending law (``Luật Xây dựng sửa đổi 2020``) is another instrument;
5. short forms again: ``Nghị định số 116`` once rule 2 has made ``116/NĐ-CP`` one instrument.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from graphbuild.ids import alias_key
from graphbuild.models import NAMED
from graphbuild.resolve.catalog import CatalogEntry
from graphbuild.resolve.resolver import Mention, same_instrument

# Series whose symbols always carry the year: a yearless one is a shortened citation.
_DATED_TYPE_CODES = frozenset({"NĐ", "TT", "TTLT"})
_LAW_CODE = re.compile(r"(?:UBTV)?QH\d+$")
_TERM = re.compile(r"^(?P<base>.+)-khoa-(?P<term>[ivxl]+)$")
_DRAFT_BEFORE = re.compile(r"(?:dự\s+thảo|dự\s+án)[\s*_\"“]*$", re.I)
_ENACTED = re.compile(r"ban\s+hành[\s*_]*$", re.I)
_AMENDED = re.compile(r"sửa\s+đổi", re.I)
# Between a name and its symbol: spaces, markup, "số".
_NAME_TO_SYMBOL = re.compile(r"[\s*_]*(?:[Ss]ố|SỐ)?[\s*_:]*")


def unify_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions of one document (in text order), with the keys of one instrument made one."""
    if len(mentions) < 2:
        return mentions
    mentions = _rekey(mentions, _spellings(mentions), "spelling")
    mentions = _rekey(mentions, _yearless_symbols(mentions), "same-document")
    mentions = _rekey_each(mentions, _adjacent_names(text, mentions), "adjacent-symbol")
    mentions = _rekey_each(mentions, _same_names(text, mentions), "same-name")
    return _rekey_each(mentions, _short_forms(mentions), "short-form")


# --- applying a decision --------------------------------------------------------------------

def _representative(mentions: list[Mention], key: str) -> Mention:
    """The mention that says most about instrument ``key``: a symbol, else a year, else the first."""
    same = [m for m in mentions if m.key == key]
    return max(same, key=lambda m: (m.citation.symbol is not None, m.citation.year is not None,
                                    -m.citation.start))


def _moved(m: Mention, target: Mention, rule: str) -> Mention:
    """``m`` as a mention of ``target``'s instrument, with its facts (the catalog's or the
    target citation's) so that the node's facts do not depend on which mention came first."""
    entry = target.entry
    if entry is None:
        c = target.citation
        entry = CatalogEntry(key=target.key, type=c.type, symbol=c.symbol, number=c.number,
                             year=c.year or _key_year(target.key), date=c.date, issuer=c.issuer,
                             term=c.term, kind=c.kind, source="document")
    return replace(m, key=target.key, status=target.status, rule=rule,
                   candidates=target.candidates, entry=entry)


def _rekey(mentions: list[Mention], new_keys: dict[str, str], rule: str) -> list[Mention]:
    """Every mention of a key in ``new_keys`` moves to the key it maps to."""
    if not new_keys:
        return mentions
    targets = {k: _representative(mentions, k) for k in set(new_keys.values())}
    return [_moved(m, targets[new_keys[m.key]], rule) if m.key in new_keys else m for m in mentions]


def _rekey_each(mentions: list[Mention], new_keys: dict[int, str], rule: str) -> list[Mention]:
    """The mentions at the positions of ``new_keys`` move to the key it maps them to."""
    if not new_keys:
        return mentions
    targets = {k: _representative(mentions, k) for k in set(new_keys.values())}
    return [_moved(m, targets[new_keys[i]], rule) if i in new_keys else m
            for i, m in enumerate(mentions)]


# --- 1-2. symbols -------------------------------------------------------------------------

def _spellings(mentions: list[Mention]) -> dict[str, str]:
    """Symbol keys equal but for hyphens: all to the most hyphenated (the canonical form)."""
    groups: dict[str, Counter] = {}
    for m in mentions:
        if m.citation.symbol:
            groups.setdefault(m.key.replace("-", ""), Counter())[m.key] += 1
    new_keys = {}
    for counts in groups.values():
        if len(counts) > 1:
            best = max(counts, key=lambda k: (k.count("-"), counts[k]))
            new_keys.update({k: best for k in counts if k != best})
    return new_keys


def _yearless_symbols(mentions: list[Mention]) -> dict[str, str]:
    """``116/NĐ-CP@?`` -> ``116/2020/NĐ-CP`` when that is the document's only ``116/…/NĐ-CP``."""
    full: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        parts = m.key.split("/")
        if m.citation.symbol and len(parts) == 3 and "@" not in m.key:
            full.setdefault((parts[0], parts[2]), set()).add(m.key)
    new_keys = {}
    for m in mentions:
        symbol = m.citation.symbol
        if not symbol or symbol.count("/") != 1 or not m.key.startswith(symbol + "@"):
            continue
        number, code = symbol.split("/")
        if code.split("-")[0] not in _DATED_TYPE_CODES and not _LAW_CODE.match(code):
            continue
        keys = full.get((number, code), set())
        year = m.key.rsplit("@", 1)[1]
        if len(keys) == 1:
            key = next(iter(keys))
            if year == "?" or key.split("/")[1] == year:
                new_keys[m.key] = key
    return new_keys


def _key_year(key: str) -> int | None:
    parts = key.split("/")
    if len(parts) == 3 and parts[1].isdigit():
        return int(parts[1])
    tail = key.rsplit("@", 1)[1] if "@" in key else ""
    return int(tail) if tail.isdigit() else None


# --- 3-4. names -----------------------------------------------------------------------------

def _adjacent_names(text: str, mentions: list[Mention]) -> dict[int, str]:
    """A name followed by nothing but ``số`` (and markup) and a symbol of its type."""
    new_keys = {}
    for i, (m, nxt) in enumerate(zip(mentions, mentions[1:])):
        c, n = m.citation, nxt.citation
        if (c.kind == NAMED and not c.symbol and n.symbol and n.start >= c.end
                and (n.type is None or n.type == c.type)
                and _NAME_TO_SYMBOL.fullmatch(text, c.end, n.start)):
            new_keys[i] = nxt.key
    return new_keys


class _Identity:
    """What a name says of its instrument: the name without year or term, the year, the term."""

    __slots__ = ("base", "year", "term", "words")

    def __init__(self, m: Mention, name: str) -> None:
        key = alias_key(name)
        base, _, year = key.partition("@")
        term = _TERM.match(base)
        self.base = term["base"] if term else base
        self.term = term["term"] if term else None
        self.year = int(year) if year else (m.citation.year or _key_year(m.key))
        self.words = name.lower().split()


def _name(m: Mention) -> str | None:
    c = m.citation
    return c.name or (c.text if c.kind == NAMED else None)


def _same_names(text: str, mentions: list[Mention]) -> dict[int, str]:
    """Rule 4 (module docstring): names joined to the one instrument of the same name."""
    if not any(m.key.startswith("named:") for m in mentions):
        return {}
    known: dict[str, list[_Identity]] = {}       # instrument key -> identities of its names
    doubtful: set[str] = set()                   # bases with a draft or amended version
    named: list[tuple[int, Mention, _Identity]] = []
    first: dict[str, int] = {}                   # instrument key -> where it is first named
    own: set[str] = set()                        # bases that may name the document's own law
    for i, m in enumerate(mentions):
        name = _name(m)
        if not name:
            continue
        ident = _Identity(m, name)
        if _DRAFT_BEFORE.search(text, max(0, m.citation.start - 25), m.citation.start) or (
                _AMENDED.search(name) and ident.year is None):
            doubtful |= {ident.base, ident.base.replace("-sua-doi", "")}
            continue
        if _AMENDED.search(name):               # an amending law: "Luật Xây dựng sửa đổi 2020"
            continue
        known.setdefault(m.key, []).append(ident)
        first.setdefault(m.key, m.citation.start)
        if m.key.startswith("named:"):
            named.append((i, m, ident))
            if m.citation.text.isupper() or _ENACTED.search(text, max(0, m.citation.start - 20),
                                                             m.citation.start):
                own.add(ident.base)
    new_keys = {}
    for i, m, ident in named:
        if ident.base in doubtful:
            continue
        targets = {k for k, idents in known.items() if k != m.key
                   and any(_covers(other, ident) for other in idents)}
        if not targets:
            targets = _continued(text, m, ident, known)
        # The one instrument of that name; named in full only later, not when the name may be
        # the document's own ("Quốc hội ban hành Luật X", a heading "LUẬT X"): a law's own
        # text names the law it replaces in full ("Luật X số 16/2003/QH11") near its end.
        if len(targets) == 1 and (ident.base not in own
                                  or first[next(iter(targets))] < m.citation.start):
            new_keys[i] = targets.pop()
    return new_keys


def _covers(other: _Identity, ident: _Identity) -> bool:
    """``other`` may name the instrument ``ident`` names: the same name, and the year and
    term ``ident`` gives, if any."""
    return (other.base == ident.base
            and (ident.year is None or other.year == ident.year)
            and (ident.term is None or other.term == ident.term))


def _continued(text: str, m: Mention, ident: _Identity, known: dict) -> set[str]:
    """A name cut at a comma (``Luật Thi đua``) whose text goes on with the rest of a longer
    name of the document (``, khen thưởng``)."""
    targets = set()
    for key, idents in known.items():
        for other in idents:
            rest = other.words[len(ident.words):]
            if (key != m.key and rest and other.words[:len(ident.words)] == ident.words
                    and (ident.year is None or other.year == ident.year)
                    and _spelled_after(text, m.citation.end, rest)):
                targets.add(key)
    return targets


def _spelled_after(text: str, pos: int, words: list[str]) -> bool:
    pattern = r"[ \t]*,?[\s*_]*" + r"[\s,]+".join(re.escape(w) for w in words) + r"(?!\w)"
    return re.compile(pattern, re.I).match(text, pos) is not None


# --- 5. short forms --------------------------------------------------------------------------

def _short_forms(mentions: list[Mention]) -> dict[int, str]:
    """A type and number still unresolved: the one symbol of that type and number in the document."""
    new_keys = {}
    for i, m in enumerate(mentions):
        c = m.citation
        if c.symbol or not c.number or m.entry is not None or "#" not in m.key:
            continue
        keys = {o.key for o in mentions if o.citation.symbol and o.citation.type == c.type
                and o.citation.number == c.number and same_instrument(c, o.citation)}
        if len(keys) == 1:
            new_keys[i] = keys.pop()
    return new_keys
