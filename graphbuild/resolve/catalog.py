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

from graphbuild.fileio import json_problem, write_atomic
from graphbuild.ids import alias_key, instrument_key
from graphbuild.parse.symbols import canonical_number
from graphbuild.resolve.dates import ISO_DATE as _ISO_DATE

DEFAULT_CATALOG = Path(__file__).resolve().parents[1] / "data" / "catalog.json"

_PARTY_CODES = re.compile(r"-[A-ZĐa-z]+/")


CATALOG_FORMAT = "graphbuild-catalog"
CATALOG_VERSION = 1           # a file without "version" is version 1 (the format has not changed)
_ENTRY_TYPES = {"key": str, "symbol": str, "type": str, "number": str, "date": str, "issuer": str,
                "term": str, "title": str, "name": str, "kind": str, "source": str,
                "year": int, "count": int, "aliases": list}


def check_catalog_data(data) -> list[dict]:
    """The instrument entries of a parsed catalog file, checked against the catalog schema
    (an object ``{"format": "graphbuild-catalog", "version": 1, "instruments": [...]}``, each
    entry an object of the :class:`CatalogEntry` fields with their types, with a symbol or a
    name); raises ``ValueError`` with one line for the first problem."""
    if not isinstance(data, dict):
        raise ValueError(f'a JSON {type(data).__name__.replace("dict", "object").replace("list", "array")}, '
                         'not an object with an "instruments" array')
    if data.get("format", CATALOG_FORMAT) != CATALOG_FORMAT:
        raise ValueError(f"format {str(data['format'])[:40]!r}, not {CATALOG_FORMAT!r}")
    version = data.get("version", CATALOG_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= CATALOG_VERSION:
        raise ValueError(f"version {str(version)[:40]!r}; this graphbuild reads version {CATALOG_VERSION}")
    items = data.get("instruments")
    if not isinstance(items, list):
        raise ValueError('no "instruments" array')
    for i, entry in enumerate(items):
        _check_entry(i, entry)
    return items


def _check_entry(i: int, entry) -> None:
    if not isinstance(entry, dict):
        raise ValueError(f"instrument {i}: not an object")
    for name, value in entry.items():
        wanted = _ENTRY_TYPES.get(name)
        if wanted is None:
            raise ValueError(f"instrument {i}: unknown field {name[:40]!r}")
        if isinstance(value, bool) or not isinstance(value, wanted) or (
                wanted is list and not all(isinstance(a, str) for a in value)):
            raise ValueError(f"instrument {i}: {name} {str(value)[:40]!r} is not "
                             f"{'a list of strings' if wanted is list else wanted.__name__}")
    if not entry.get("symbol") and not entry.get("name"):
        raise ValueError(f"instrument {i}: neither a symbol nor a name")
    if entry.get("date") and not _ISO_DATE.fullmatch(entry["date"]):
        raise ValueError(f"instrument {i}: date {entry['date'][:40]!r} is not an ISO date")
    parts = entry.get("symbol", "").split("/")
    if len(parts) == 3 and not parts[1].isdigit():
        raise ValueError(f"instrument {i}: symbol {entry['symbol'][:40]!r} has no year between its slashes")


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
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: cannot read catalog ({getattr(exc, 'strerror', None) or exc})") from exc
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not a catalog: {json_problem(exc)}") from exc
        except (ValueError, RecursionError) as exc:      # huge integers, deep nesting
            raise ValueError(f"{path}: not a catalog: malformed JSON ({type(exc).__name__})") from exc
        try:
            return cls([_entry_from_json(d) for d in check_catalog_data(data)])
        except ValueError as exc:
            raise ValueError(f"{path}: not a catalog: {exc}") from exc

    def save(self, path: str | Path, description: str = "") -> None:
        """Write the catalog as JSON, atomically (temp file, then rename)."""
        write_atomic(path, self.to_bytes(description))

    def to_bytes(self, description: str = "") -> bytes:
        """The catalog file's content: JSON in the catalog schema, UTF-8."""
        payload = {"format": CATALOG_FORMAT, "version": CATALOG_VERSION,
                   "description": description or "graphbuild catalog",
                   "instruments": [e.to_json() for e in sorted(self.by_key.values(), key=lambda e: e.key)]}
        return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


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
