"""Legal status over time, as the corpus states it: what replaced or repealed an instrument,
wholly or in part, and from when.

Derived from the ``REPLACES`` and ``REPEALS`` edges and their evidence sentences, never
guessed: an instrument that no text says was replaced or repealed is *not known to be
ended*, not *known to be in force*.  For each edge ``B -REPLACES/REPEALS-> A``, its evidence
sentences (:mod:`graphbuild.graph.status_sentence`) say whether only a part of A is acted on
(``bãi bỏ khoản 14 Điều 2 …``, ``một phần``) and may state the date from which it applies
(``có hiệu lực kể từ ngày …``, ``hết hiệu lực kể từ ngày …``); without a stated date, the
act's date is B's own date of issue (or its year), else none.

:func:`annotate` stores the result on every instrument as the node properties of
:mod:`graphbuild.graph.vocab` (strings and lists of strings, so the exports and Neo4j carry
them); :func:`in_force` answers "what was in force at a date"; ``cypher/in_force.cypher``
asks Neo4j the same from the stored properties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from graphbuild.graph.status_sentence import SIGNED, Reading, names_of, read_sentence  # noqa: F401  (API)
from graphbuild.graph.vocab import (ENDED_ON, IN_PART_BY, INSTRUMENT, LABEL_ATTR, LEGAL_HISTORY, REPEALED_BY,
                                    REPEALS, REPLACES, SUPERSEDED_BY, UNDATED_BY)
from graphbuild.resolve.dates import iso_date

STATUS_PROPERTIES = (SUPERSEDED_BY, REPEALED_BY, IN_PART_BY, ENDED_ON, UNDATED_BY, LEGAL_HISTORY)
ACTS = {REPLACES: SUPERSEDED_BY, REPEALS: REPEALED_BY}
# Where an act's date comes from: its own sentence, the date of effect of the acting instrument
# that another sentence states, the acting instrument's date of issue.
STATED, EFFECT, ISSUED = "stated", "effect", "issued"


@dataclass(frozen=True, slots=True)
class Act:
    """One replacement or repeal of an instrument, as the corpus states it."""

    relation: str        # REPLACES or REPEALS
    by: str              # node id of the replacing or repealing instrument
    by_key: str
    partial: bool        # only part of the instrument is replaced or repealed
    date: str | None     # ISO date (or a partial one: 2021, 2021-03) from which it applies
    basis: str           # STATED (the evidence sentence), EFFECT, ISSUED (the acting instrument's date), "" (none)
    evidence: str        # "<doc>: <sentence>" that shows it, "" when none is kept

    def note(self) -> str:
        """``replaced in part by 123/2021/NĐ-CP@2021 from 2021-01-13 (date stated in the text)``."""
        verb = "replaced" if self.relation == REPLACES else "repealed"
        part = " in part" if self.partial else ""
        when = {STATED: f" from {self.date} (date stated in the text)",
                EFFECT: f" from {self.date} (date of effect of the acting instrument, stated in the corpus)",
                ISSUED: f" from {self.date} (date of the acting instrument; no date stated)"}.get(self.basis,
                                                                                                   " (no date known)")
        return f"{verb}{part} by {self.by_key}{when}"


# --- the acts on an instrument, and its stored properties -------------------------------------

class Reader:
    """Reads the evidence of a graph's replacements and repeals, each edge once.

    Besides each act's own reading it knows when an acting instrument takes effect, as any of
    its acts' sentences states it (``Luật này có hiệu lực từ ngày 01/7/2013 và thay thế …``):
    that date serves its other acts, whose sentences give none (``… hết hiệu lực kể từ ngày
    Luật này có hiệu lực``)."""

    def __init__(self, g: nx.MultiDiGraph):
        self.g = g
        self._readings: dict[tuple[str, str, str], list] = {}
        self._effects: dict[str, str | None] = {}

    def readings(self, source: str, target: str, rel: str) -> list[tuple[dict, Reading]]:
        key = (source, target, rel)
        if key not in self._readings:
            g = self.g
            names = names_of(g.nodes[source]), names_of(g.nodes[target])
            self._readings[key] = [(e, read_sentence(e.get("sentence") or "", rel, names[1], names[0]))
                                   for e in g.edges[source, target, rel].get("evidence") or []]
        return self._readings[key]

    def effect(self, source: str) -> str | None:
        """The earliest date of effect the corpus states for ``source``, else None."""
        if source not in self._effects:
            stated = {self.own_date(source) if r.effect == SIGNED else r.effect
                      for _, v, rel in self.g.out_edges(source, keys=True) if rel in ACTS and v != source
                      for _, r in self.readings(source, v, rel) if r.effect}
            self._effects[source] = min((d for d in stated if d), default=None)
        return self._effects[source]

    def own_date(self, node: str) -> str | None:
        return since_of(self.g.nodes[node])


def acts_on(g: nx.MultiDiGraph, node: str, reader: Reader | None = None) -> list[Act]:
    """Every replacement and repeal of the instrument ``node`` the graph holds, in a stable order.
    ``reader``: one :class:`Reader` shared by many calls on the same graph reads each edge once."""
    reader = reader or Reader(g)
    acts = []
    for u, _, rel in g.in_edges(node, keys=True):
        if rel in ACTS and u != node and g.nodes[u].get(LABEL_ATTR) == INSTRUMENT:
            acts.append(_act(reader, u, node, rel))
    return sorted(acts, key=lambda a: (a.relation, a.by_key))


def _act(reader: Reader, source: str, target: str, rel: str) -> Act:
    readings = reader.readings(source, target, rel)
    judged = [r.partial for _, r in readings if r.partial is not None]
    partial = bool(judged) and all(judged)
    own_date = reader.own_date(source)
    dates = [(own_date if r.date == SIGNED else r.date, e) for e, r in readings if r.date]
    stated = sorted(((d, e) for d, e in dates if d), key=lambda p: p[0])
    sample = readings[0][0] if readings else None
    if stated:
        (date, sample), basis = stated[0], STATED
    elif reader.effect(source):
        date, basis = reader.effect(source), EFFECT
    else:
        date, basis = own_date, ISSUED if own_date else ""
    evidence = f"{sample.get('doc')}: {' '.join(sample.get('sentence', '').split())}" if sample else ""
    return Act(rel, source, reader.g.nodes[source].get("key") or source, partial, date, basis, evidence)


def status_properties(acts: list[Act]) -> dict:
    """The node properties that say what ``acts`` did (absent when empty: no nulls)."""
    props: dict = {
        SUPERSEDED_BY: sorted({a.by_key for a in acts if a.relation == REPLACES}),
        REPEALED_BY: sorted({a.by_key for a in acts if a.relation == REPEALS}),
        IN_PART_BY: sorted({a.by_key for a in acts if a.partial}),
        ENDED_ON: sorted({a.date for a in acts if not a.partial and a.date}),
        UNDATED_BY: sorted({a.by_key for a in acts if not a.partial and not a.date}),
        LEGAL_HISTORY: [a.note() for a in acts],
    }
    return {k: v for k, v in props.items() if v}


def status_rows(g: nx.MultiDiGraph, node: str) -> list[dict]:
    """What replaced or repealed ``node``, for ``graphbuild show``: one row per act, with its
    readable note and its evidence."""
    return [{"relation": a.relation, "by": a.by_key, "partial": a.partial, "date": a.date, "basis": a.basis,
             "note": a.note(), "evidence": a.evidence} for a in acts_on(g, node)]


def annotate(g: nx.MultiDiGraph) -> int:
    """Set the status properties of every instrument from the graph's edges (after a build and
    after ``--update``), removing stale ones.  Returns how many instruments have any."""
    marked, reader = 0, Reader(g)
    for n, attrs in g.nodes(data=True):
        if attrs.get(LABEL_ATTR) != INSTRUMENT:
            continue
        for name in STATUS_PROPERTIES:
            attrs.pop(name, None)
        props = status_properties(acts_on(g, n, reader))
        attrs.update(props)
        marked += bool(props)
    return marked


# --- in force at a date ---------------------------------------------------------------------

IN_FORCE, ENDED, NOT_YET, UNKNOWN = "in force", "ended", "not yet issued", "cannot tell"
VERDICTS = (IN_FORCE, ENDED, NOT_YET, UNKNOWN)
# The reasons, word for word those of cypher/in_force.cypher.
REASONS = {
    "ended": "replaced or repealed on or before the date",
    "no_date": "no date of issue known",
    "later": "issued after the date",
    "coarse_issue": "date of issue not precise enough",
    "undated_end": "replaced or repealed, and the corpus gives no date",
    "coarse_end": "date of replacement or repeal not precise enough",
    "in_force": "issued on or before the date, not replaced or repealed before it",
}
NOTICE = ("What the corpus states, never a guess: an instrument is in force at a date when it was "
          "issued (dated) on or before it and no text of the corpus says it was wholly replaced or "
          "repealed on or before it; one that no text says was replaced or repealed counts as in "
          "force. Its own date of issue stands for its date of effect. Replacements and repeals of "
          "a part are listed, not counted as an end.")
RECORD_FIELDS = ("instrument", "type", "since", "status", "reason", ENDED_ON, SUPERSEDED_BY, REPEALED_BY,
                 IN_PART_BY, "history")
_ISO_DAY = re.compile(r"^(?:19|20|21)\d\d-\d\d-\d\d$")


def bounds(date: str) -> tuple[str, str]:
    """First and last day a (maybe partial) ISO date can mean, as comparable strings:
    ``2020`` -> (``2020-01-01``, ``2020-12-31``); ``2020-02`` -> (``2020-02-01``, ``2020-02-31``)."""
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-01", f"{date}-31"
    return date, date


def check_day(at: str) -> str:
    """``at`` if it is an ISO calendar day (``2020-01-01``), else ValueError."""
    if not isinstance(at, str) or not _ISO_DAY.match(at) or iso_date(at[:4], at[5:7], at[8:]) != at:
        raise ValueError(f"{at!r} is not a day: give it as YYYY-MM-DD, e.g. 2020-01-01")
    return at


def verdict(since: str | None, ended_on: list[str], undated_by: list[str], at: str) -> tuple[str, str]:
    """``(verdict, reason)`` of one instrument at the day ``at`` (see :data:`REASONS`)."""
    if any(bounds(d)[1] <= at for d in ended_on):
        return ENDED, REASONS["ended"]
    if not since:
        return UNKNOWN, REASONS["no_date"]
    first, last = bounds(since)
    if first > at:
        return NOT_YET, REASONS["later"]
    if last > at:
        return UNKNOWN, REASONS["coarse_issue"]
    if undated_by:
        return UNKNOWN, REASONS["undated_end"]
    if any(bounds(d)[0] <= at for d in ended_on):
        return UNKNOWN, REASONS["coarse_end"]
    return IN_FORCE, REASONS["in_force"]


def since_of(attrs: dict) -> str | None:
    """The instrument's date of issue, or its year, as an ISO string."""
    return attrs.get("date") or (str(attrs["year"]) if attrs.get("year") else None)


@dataclass(frozen=True, slots=True)
class InForce:
    """The answer of :func:`in_force`: one row per instrument, grouped by verdict."""

    at: str
    type: str | None
    rows: tuple[dict, ...]

    def group(self, verdict_name: str) -> list[dict]:
        return [r for r in self.rows if r["status"] == verdict_name]

    def counts(self) -> dict[str, int]:
        return {v: len(self.group(v)) for v in VERDICTS}

    def to_dict(self) -> dict:
        """For JSON: the day, the notice, the counts and the rows of each verdict."""
        return {"at": self.at, "type": self.type, "notice": NOTICE, "counts": self.counts(),
                **{v.replace(" ", "_"): self.group(v) for v in VERDICTS}}

    def records(self) -> list[dict]:
        """Flat rows (:data:`RECORD_FIELDS`; lists joined with `` | ``) for CSV and JSON lines."""
        return [{f: " | ".join(r[f]) if isinstance(r[f], list) else r[f] for f in RECORD_FIELDS}
                for r in ({**row, "history": [a["note"] for a in row["acts"]]} for row in self.rows)]


def in_force(g: nx.MultiDiGraph, at: str, type: str | None = None) -> InForce:
    """What the corpus says was in force on the day ``at`` (``YYYY-MM-DD``), of the instrument
    ``type`` (``"Luật"``; None: every type), and what it cannot tell.  Computed from the edges
    (so a graph built before the status properties existed answers too).  Raises ValueError
    for a malformed ``at``."""
    at = check_day(at)
    rows, reader = [], Reader(g)
    for n, attrs in g.nodes(data=True):
        if attrs.get(LABEL_ATTR) != INSTRUMENT or (type is not None and attrs.get("type") != type):
            continue
        acts = acts_on(g, n, reader)
        props = status_properties(acts)
        since = since_of(attrs)
        status, reason = verdict(since, props.get(ENDED_ON, []), props.get(UNDATED_BY, []), at)
        rows.append({"instrument": attrs.get("key") or n, "node": n, "type": attrs.get("type"),
                     "name": attrs.get("name") or attrs.get("title"), "since": since,
                     "status": status, "reason": reason,
                     **{p: props.get(p, []) for p in (ENDED_ON, SUPERSEDED_BY, REPEALED_BY, IN_PART_BY)},
                     "acts": [{"note": a.note(), "evidence": a.evidence} for a in acts]})
    order = {v: i for i, v in enumerate(VERDICTS)}
    return InForce(at, type, tuple(sorted(rows, key=lambda r: (order[r["status"]], r["instrument"]))))
