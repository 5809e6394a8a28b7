"""Value types shared by every stage of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

PARTY = "party"
STATE = "state"
NAMED = "named"

# Field order of a citation record (extract output, CSV header, scorer input).
CITATION_FIELDS = (
    "start", "end", "text", "kind", "type", "number", "symbol", "year",
    "date", "issuer", "term", "subject", "id",
)


@dataclass(frozen=True, slots=True)
class Citation:
    """One mention of one instrument in a text.

    ``start``/``end`` are ``str`` offsets into the ORIGINAL text, so
    ``original[start:end] == text`` always holds.
    """

    start: int
    end: int
    text: str
    kind: str                      # party | state | named
    type: str | None               # full Vietnamese type word, e.g. "Nghị quyết"
    number: str | None = None      # "49", "30a"; None for named instruments
    symbol: str | None = None      # canonical symbol, e.g. "49-NQ/TW"
    year: int | None = None
    date: str | None = None        # ISO YYYY-MM-DD
    issuer: str | None = None
    term: str | None = None        # "khóa IX"
    subject: str | None = None     # "về ..." phrase
    name: str | None = None        # name of a named instrument ("Luật Đất đai")
    id: str = ""                   # deterministic id of the instrument named

    def to_dict(self) -> dict:
        """The record fields (``CITATION_FIELDS``), as plain values."""
        return {f: getattr(self, f) for f in CITATION_FIELDS}


@dataclass(frozen=True, slots=True)
class Document:
    """A source document: a file, a JSONL record or stdin."""

    id: str
    text: str
    path: str = ""
    title: str | None = None
    date: str | None = None
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    # ``text`` in UTF-8, when the reader had it anyway (a JSONL record read in C) and the caller
    # asked for it (to_document(item, utf8=True)): the parser's scan runs on UTF-8 and need not
    # encode the text again.  Must equal ``text.encode()``.
    utf8: bytes | None = field(default=None, repr=False, compare=False, hash=False)
