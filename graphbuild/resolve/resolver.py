"""Resolve citations to instruments: ``resolve_citations(citations, ...) -> [Mention]``.

Each step is a small function, tried in order (as eyecite's resolvers):

1. a state symbol with its year names one instrument (``100/2019/NĐ-CP``);
2. a dated mention gives the year (``27-NQ/TW ngày 09/11/2022`` -> ``27-NQ/TW@2022``);
3. another dated mention of the same symbol in the same document gives it;
4. a short form (``Nghị quyết 27``) is the full citation of the same type and number in the document;
5. the catalog: its candidates for the symbol (or type and number, or name), kept when
   consistent with the document's date, then with the subject words;
6. otherwise the mention stays unresolved (``27-NQ/TW@?``) or ambiguous with its candidates:
   never merged by a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.resolve.catalog import Catalog, CatalogEntry
from graphbuild.corpus.documents import year_of
from graphbuild.ids import alias_key, instrument_key, number_key
from graphbuild.graph.vocab import AMBIGUOUS, RESOLVED, UNRESOLVED
from graphbuild.models import PARTY, Citation
from graphbuild.parse import types

# Party type words and the code of their symbols: "Kết luận 14 của Bộ Chính trị" -> 14-KL/TW.
PARTY_CODES = types.PARTY_CODES            # from the parser's table of instrument types
_CENTRAL_PARTY = re.compile(r"Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương|Trung ương Đảng|BCHTW")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Mention:
    """A citation with the instrument it was resolved to."""

    citation: Citation
    key: str                                  # instrument key, e.g. "27-NQ/TW@2022"
    status: str = RESOLVED                    # resolved | ambiguous | unresolved
    rule: str = "symbol"                      # the step that decided
    candidates: tuple[str, ...] = ()          # for ambiguous mentions
    entry: CatalogEntry | None = None         # catalog facts, when the catalog decided


def resolve_citations(citations: list[Citation], *, doc_date: str | None = None,
                      catalog: Catalog | None = None) -> list[Mention]:
    """Resolve the citations of ONE document (in text order)."""
    catalog = catalog if catalog is not None else Catalog()
    doc_year = year_of(doc_date)
    dated = _dated_symbols(citations)
    # Full citations first: a short form ("Nghị quyết 27") takes the instrument its full
    # citation in the same document was resolved to.
    resolved: dict[int, Mention] = {}
    for i, c in enumerate(citations):
        if c.symbol:
            resolved[i] = _resolve_symbol(c, dated, catalog, doc_year)
    full_keys: dict[tuple, list[Mention]] = {}
    for i, m in resolved.items():
        full_keys.setdefault((m.citation.type, m.citation.number), []).append(m)
    for i, c in enumerate(citations):
        if c.symbol:
            continue
        if c.number:
            resolved[i] = _resolve_number(c, full_keys, catalog, doc_year)
        else:
            resolved[i] = _resolve_name(c, catalog)
    return [resolved[i] for i in range(len(citations))]


def _dated_symbols(citations) -> dict[str, set[int]]:
    years: dict[str, set[int]] = {}
    for c in citations:
        if c.symbol and c.year:
            years.setdefault(c.symbol, set()).add(c.year)
    return years


def _resolve_symbol(c: Citation, dated, catalog: Catalog, doc_year) -> Mention:
    if c.symbol.count("/") == 2:                               # 1. year in the symbol
        return Mention(c, c.symbol, entry=_entry(catalog, c.symbol))
    if c.year:                                                 # 2. dated mention
        key = instrument_key(c.symbol, c.year)
        return Mention(c, key, rule="date", entry=_entry(catalog, key))
    years = dated.get(c.symbol, set())
    if len(years) == 1:                                        # 3. same document
        key = instrument_key(c.symbol, next(iter(years)))
        return Mention(c, key, rule="same-document", entry=_entry(catalog, key))
    return _from_catalog(c, catalog.by_symbol.get(c.symbol, []), doc_year,
                         fallback=instrument_key(c.symbol, None))


def _resolve_number(c: Citation, full_keys, catalog: Catalog, doc_year) -> Mention:
    # 4. short form: the full citation of the same type and number, unless the short form's
    # own year, kind or issuer says it is another instrument ("Nghị quyết 27 của HĐND tỉnh").
    keys = {m.key for m in full_keys.get((c.type, c.number), ()) if same_instrument(c, m.citation)}
    if len(keys) == 1:
        key = keys.pop()
        return Mention(c, key, rule="short-form", entry=_entry(catalog, key))
    candidates = list(catalog.by_type_number.get((c.type, c.number), []))
    if c.issuer and not _CENTRAL_PARTY.search(c.issuer):
        # "Kết luận 14 của Tỉnh ủy": not the Politburo's 14-KL/TW; keep only same-issuer facts.
        candidates = [e for e in candidates if e.issuer and e.issuer in c.issuer]
    elif c.kind == PARTY or (c.issuer and _CENTRAL_PARTY.search(c.issuer)):
        code = PARTY_CODES.get(c.type)
        if code:
            symbol = f"{c.number.zfill(2) if c.number.isdigit() else c.number}-{code}/TW"
            candidates += [e for e in catalog.by_symbol.get(symbol, []) if e not in candidates]
        candidates = [e for e in candidates if e.kind in (None, PARTY)]
    if c.year:
        candidates = [e for e in candidates if e.year == c.year]
    return _from_catalog(c, candidates, doc_year, fallback=number_key(c.type, c.number, c.year))


def same_instrument(short: Citation, full: Citation) -> bool:
    if short.year and full.year and short.year != full.year:
        return False
    if short.kind and full.kind and short.kind != full.kind:
        return False
    central = bool(full.symbol and full.symbol.endswith("/TW"))
    return not (short.issuer and central and not _CENTRAL_PARTY.search(short.issuer))


def _resolve_name(c: Citation, catalog: Catalog) -> Mention:
    key = alias_key(c.name or c.text, c.year)
    entries = catalog.by_alias.get(key, [])
    if len({e.key for e in entries}) == 1:
        return Mention(c, entries[0].key, rule="alias", entry=entries[0])
    if len(entries) > 1:
        return Mention(c, "named:" + key, status=AMBIGUOUS, rule="alias",
                       candidates=tuple(sorted({e.key for e in entries})))
    return Mention(c, "named:" + key, rule="name")


def _from_catalog(c: Citation, candidates: list[CatalogEntry], doc_year, fallback: str) -> Mention:
    """5-6. Keep the catalog candidates consistent with the document; decide or give up."""
    if not candidates:
        return Mention(c, fallback, status=UNRESOLVED, rule="none")
    if doc_year:
        # An instrument cannot be cited before it exists.
        viable = [e for e in candidates if e.year is None or e.year <= doc_year]
        candidates = viable or candidates
    if len(candidates) > 1 and c.subject:
        candidates = _best_by_subject(c.subject, candidates)
    if len(candidates) == 1:
        e = candidates[0]
        return Mention(c, e.key, rule="catalog", entry=e)
    return Mention(c, fallback, status=AMBIGUOUS, rule="catalog",
                   candidates=tuple(sorted(e.key for e in candidates)))


def _best_by_subject(subject: str, candidates: list[CatalogEntry]) -> list[CatalogEntry]:
    words = set(_WORD.findall(subject.lower()))
    scored = []
    for e in candidates:
        title_words = set(_WORD.findall((e.title or "").lower()))
        overlap = len(words & title_words) / (len(title_words) or 1)
        scored.append((overlap, e))
    scored.sort(key=lambda t: -t[0])
    best = scored[0][0]
    # Decide only on a clear match: most title words present and no runner-up close to it.
    if best >= 0.5 and (len(scored) == 1 or scored[1][0] < best * 0.6):
        return [scored[0][1]]
    return candidates


def _entry(catalog: Catalog, key: str) -> CatalogEntry | None:
    return catalog.by_key.get(key)
