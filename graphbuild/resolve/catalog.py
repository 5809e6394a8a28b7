"""A catalog of known instruments: facts that date and name what texts cite.

The default catalog (``data/catalog.json``) holds hand-checked facts about core
Party and state instruments; ``graphbuild catalog build`` learns more from the
full citations of a corpus (symbol + date + issuer + subject + name).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable

from graphbuild.fileio import write_atomic
from graphbuild.ids import alias_key, instrument_key
from graphbuild.parse.symbols import canonical_number

DEFAULT_CATALOG = Path(__file__).resolve().parents[1] / "data" / "catalog.json"

_PARTY_CODES = re.compile(r"-[A-ZĐa-z]+/")


@dataclass(frozen=True)
class CatalogEntry:
    key: str
    type: str | None = None
    symbol: str | None = None
    number: str | None = None
    year: int | None = None
    date: str | None = None
    issuer: str | None = None
    term: str | None = None
    title: str | None = None
    name: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    count: int = 0
    source: str = "manual"

    def to_json(self) -> dict:
        d = {k: v for k, v in asdict(self).items() if v not in (None, (), 0, "")}
        if self.aliases:
            d["aliases"] = list(self.aliases)
        return d


def _entry_from_json(d: dict, source: str = "manual") -> CatalogEntry:
    symbol = d.get("symbol")
    date = d.get("date")
    year = d.get("year") or (int(date[:4]) if date else None)
    if symbol and symbol.count("/") == 2:
        year = int(symbol.split("/")[1])
    name = d.get("name")
    number = d.get("number")
    if symbol and not number:
        number = canonical_number(re.split(r"[-/]", symbol)[0])
    kind = d.get("kind") or (("party" if _PARTY_CODES.search(symbol) else "state") if symbol else None)
    aliases = list(d.get("aliases", ()))
    title = d.get("title")
    # A law titled by its name is also cited by name and year: "Luật Đất đai 2013".
    if title and d.get("type") and title.startswith(d["type"]) and year:
        aliases.append(f"{title} {year}")
    if name:
        aliases.append(name)
    return CatalogEntry(
        key=instrument_key(symbol, year, name), type=d.get("type"), symbol=symbol, number=number,
        year=year, date=date, issuer=d.get("issuer"), term=d.get("term"), title=title, name=name,
        kind=kind, aliases=tuple(dict.fromkeys(aliases)), count=d.get("count", 0),
        source=d.get("source", source),
    )


@dataclass
class Catalog:
    entries: list[CatalogEntry] = field(default_factory=list)

    def __post_init__(self):
        self.by_key: dict[str, CatalogEntry] = {}
        self.by_symbol: dict[str, list[CatalogEntry]] = defaultdict(list)
        self.by_type_number: dict[tuple[str, str], list[CatalogEntry]] = defaultdict(list)
        self.by_alias: dict[str, list[CatalogEntry]] = defaultdict(list)
        for e in self.entries:
            self._index(e)

    def _index(self, e: CatalogEntry) -> None:
        if e.key in self.by_key:
            return
        self.by_key[e.key] = e
        if e.symbol:
            self.by_symbol[e.symbol].append(e)
        if e.type and e.number:
            self.by_type_number[(e.type, e.number)].append(e)
        for alias in e.aliases:
            self.by_alias[alias_key(alias)].append(e)
        if e.name:
            self.by_alias[alias_key(e.name, None)].append(e)

    def add(self, entry: CatalogEntry) -> None:
        self.entries.append(entry)
        self._index(entry)

    def __len__(self) -> int:
        return len(self.by_key)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Catalog":
        """Load a catalog JSON file (the default catalog when ``path`` is None)."""
        path = Path(path) if path else DEFAULT_CATALOG
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: cannot read catalog ({exc})") from exc
        items = data["instruments"] if isinstance(data, dict) else data
        return cls([_entry_from_json(d) for d in items])

    def save(self, path: str | Path, description: str = "") -> None:
        """Write the catalog as JSON, atomically (temp file, then rename)."""
        payload = {"description": description or "graphbuild catalog",
                   "instruments": [e.to_json() for e in sorted(self.by_key.values(), key=lambda e: e.key)]}
        write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))


def learn_catalog(citation_batches: Iterable[Iterable], base: Catalog | None = None) -> Catalog:
    """A catalog of every instrument cited with its symbol and date (or a year in the symbol).

    ``citation_batches`` yields the citations of one document at a time.  Facts
    seen most often win; ``base`` entries are kept as they are.
    """
    facts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    counts: Counter = Counter()
    for citations in citation_batches:
        for c in citations:
            if not c.symbol or not c.year:
                continue
            key = instrument_key(c.symbol, c.year)
            counts[key] += 1
            f = facts[key]
            f["symbol"][c.symbol] += 1
            f["year"][c.year] += 1
            for attr in ("type", "date", "issuer", "term", "kind"):
                value = getattr(c, attr)
                if value:
                    f[attr][value] += 1
            if c.subject:
                f["title"]["về " + c.subject[:200]] += 1
            if c.name and c.name != c.type:
                f["aliases"][f"{c.name} {c.year}"] += 1
    catalog = Catalog(list(base.entries) if base else [])
    for key, f in sorted(facts.items()):
        if key in catalog.by_key:
            continue
        top = {attr: counter.most_common(1)[0][0] for attr, counter in f.items() if attr != "aliases"}
        catalog.add(_entry_from_json({**top, "aliases": sorted(f.get("aliases", {})),
                                      "count": counts[key]}, source="corpus"))
    return catalog
