"""The graph's vocabulary: node labels, edge types, statuses, properties and their types.

Every stage that names a part of the graph imports it from here: the builder and the
analysis, the relation finder, the exports, the Neo4j model and the HTML view;
``tests/test_vocab.py`` checks that every label, relationship type and property used in
``cypher/*.cypher`` is one of these.

The names are plain ``str`` constants, not Enum members, so that graph attributes stay
plain strings in every export and in the results workers pickle.  This module imports
nothing of graphbuild but :mod:`graphbuild.ids`, so any stage may import it.

In NetworkX a node's class is its ``label`` attribute and an edge's type is its ``type``
attribute (and its multigraph key).  In Neo4j they become the node label and the
relationship type, and every node also gets ``id``, the NetworkX node id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, get_args, get_origin

from graphbuild.ids import slug

# --- node labels -------------------------------------------------------------------------
DOCUMENT: Final = "Document"        # a source text: a file, a JSONL record
INSTRUMENT: Final = "Instrument"    # a Party or state instrument: 49-NQ/TW, Luật Đất đai 2013
BODY: Final = "Body"                # an issuing body: Bộ Chính trị, Chính phủ
LABELS: Final = (DOCUMENT, INSTRUMENT, BODY)

# --- edge types --------------------------------------------------------------------------
CITES: Final = "CITES"              # Document -> Instrument (a mention); Instrument -> Instrument (no cue)
ABOUT: Final = "ABOUT"              # Document -> the instrument it is, or reports on
ISSUED_BY: Final = "ISSUED_BY"      # Instrument -> Body
AMENDS: Final = "AMENDS"            # sửa đổi, bổ sung
REPLACES: Final = "REPLACES"        # thay thế
REPEALS: Final = "REPEALS"          # bãi bỏ, hết hiệu lực
REVIEWS: Final = "REVIEWS"          # tổng kết, sơ kết
GUIDES: Final = "GUIDES"            # hướng dẫn, quy định chi tiết
IMPLEMENTS: Final = "IMPLEMENTS"    # thực hiện, triển khai, cụ thể hóa
BASED_ON: Final = "BASED_ON"        # căn cứ
# Instrument-to-instrument relations, strongest cue first (the order relate/ tries them),
# CITES last: a relation stated with no cue.
RELATION_TYPES: Final = (AMENDS, REPLACES, REPEALS, REVIEWS, GUIDES, IMPLEMENTS, BASED_ON, CITES)
# Edges that say what a node is, not that one instrument acts on another.
STRUCTURAL_TYPES: Final = frozenset({ABOUT, ISSUED_BY})
EDGE_TYPES: Final = tuple(sorted(set(RELATION_TYPES) | STRUCTURAL_TYPES))

# --- resolution statuses of an instrument ------------------------------------------------
RESOLVED: Final = "resolved"        # one instrument, with its year
AMBIGUOUS: Final = "ambiguous"      # several candidates (``candidates``), none chosen
UNRESOLVED: Final = "unresolved"    # no year known: the key ends with ``@?``
STATUSES: Final = (RESOLVED, AMBIGUOUS, UNRESOLVED)

# --- legal status over time: instrument properties derived from REPLACES / REPEALS ---------
# (graphbuild/graph/status.py sets them; what the corpus states, never a guess)
SUPERSEDED_BY: Final = "superseded_by"     # keys of the instruments that replace it (wholly or in part)
REPEALED_BY: Final = "repealed_by"         # keys of the instruments that repeal it (wholly or in part)
IN_PART_BY: Final = "in_part_by"           # of those, the ones acting on a part of it only
ENDED_ON: Final = "ended_on"               # dates from which a whole replacement or repeal applies
UNDATED_BY: Final = "undated_by"           # keys of whole replacements or repeals with no date known
LEGAL_HISTORY: Final = "legal_history"     # one readable line per replacement or repeal

# --- attribute names the structure itself uses -----------------------------------------------
LABEL_ATTR: Final = "label"         # NetworkX node attribute holding the label
TYPE_ATTR: Final = "type"           # NetworkX edge attribute holding the edge type
ID_PROPERTY: Final = "id"           # Neo4j node property holding the NetworkX node id
# One evidence sample; ``source`` and ``url`` are the document's (its outlet), None when unknown.
EVIDENCE_FIELDS: Final = ("doc", "start", "end", "sentence", "rule", "source", "url")


@dataclass(frozen=True, slots=True)
class Property:
    """A node or edge attribute: its name, its Python type, what it means.

    ``type`` is ``str``, ``int``, ``list[str]`` or ``list[dict]``; a missing value is
    ``None`` (dropped by the exports that cannot hold it).
    """

    name: str
    type: Any
    doc: str

    @property
    def is_list(self) -> bool:
        return get_origin(self.type) is list

    def accepts(self, value: object) -> bool:
        """Whether ``value`` fits the type (``None`` always does)."""
        if value is None:
            return True
        if self.is_list:
            (item,) = get_args(self.type)
            return isinstance(value, list) and all(isinstance(v, item) for v in value)
        if self.type is int:
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, self.type)


@dataclass(frozen=True, slots=True)
class NodeKind:
    """A node label, the prefix of its node ids and its properties (in export order)."""

    label: str
    prefix: str
    properties: tuple[Property, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)

    def property(self, name: str) -> Property | None:
        return next((p for p in self.properties if p.name == name), None)


@dataclass(frozen=True, slots=True)
class EdgeKind:
    """An edge type between two labels."""

    type: str
    source: str
    target: str
    doc: str


_P = Property
NODES: Final = {
    DOCUMENT: NodeKind(DOCUMENT, "doc:", (
        _P("doc_id", str, "the document's id (file path or JSONL id)"),
        _P("title", str, "title, from the JSONL record or the first line"),
        _P("date", str, "ISO date of the document, when known"),
        _P("path", str, "the file it was read from"),
        _P("source", str, "where the text comes from: the JSONL record's source (outlet or collection)"),
        _P("url", str, "where it was published (the JSONL record's url), when known"),
        _P("chars", int, "length of the text, in characters"),
        _P("citations", int, "citations found in it"),
        _P("about_kind", str, "self: the document is its subject's text; reported: it reports on it"),
    )),
    INSTRUMENT: NodeKind(INSTRUMENT, "inst:", (
        _P("key", str, "instrument key: 49-NQ/TW@2008, 27-NQ/TW@? (no year known)"),
        _P("symbol", str, "canonical symbol: 49-NQ/TW, 100/2019/NĐ-CP"),
        _P("type", str, "full Vietnamese type word: Nghị quyết, Luật"),
        _P("number", str, "the number: 49, 30a"),
        _P("year", int, "year of issue"),
        _P("date", str, "ISO date of issue (or a partial one, 2023-02)"),
        _P("issuer", str, "issuer as cited: Bộ Chính trị khóa IX"),
        _P("term", str, "term of the issuer: khóa IX"),
        _P("title", str, "the 'về ...' subject of the instrument"),
        _P("name", str, "name of a named instrument: Luật Đất đai"),
        _P("kind", str, "party | state | named"),
        _P("status", str, "resolved | ambiguous | unresolved"),
        _P("rule", str, "the resolution step that decided"),
        _P("candidates", list[str], "candidate keys of an ambiguous instrument"),
        _P("variants", list[str], "how the texts write it (a few)"),
        _P("mentions", int, "mentions in the corpus"),
        _P("documents", int, "documents citing it"),
        _P(SUPERSEDED_BY, list[str], "keys of the instruments the corpus says replace it, wholly or in part"),
        _P(REPEALED_BY, list[str], "keys of the instruments the corpus says repeal it, wholly or in part"),
        _P(IN_PART_BY, list[str], "of superseded_by and repealed_by, those replacing or repealing a part only"),
        _P(ENDED_ON, list[str], "ISO dates (maybe partial: 2021) from which a whole replacement or repeal "
                                "applies, as the text states or the acting instrument's date"),
        _P(UNDATED_BY, list[str], "keys of whole replacements or repeals whose date the corpus does not give"),
        _P(LEGAL_HISTORY, list[str], "one line per replacement or repeal: 'repealed in part by "
                                     "114/2018/NĐ-CP from 2018-09-04 (date stated in the text)'"),
    )),
    BODY: NodeKind(BODY, "body:", (
        _P("name", str, "canonical name: Bộ Chính trị"),
    )),
}
EDGE_PROPERTIES: Final = (
    _P("count", int, "how many times the documents state it"),
    _P("evidence", list[dict], f"a few samples {{{', '.join(EVIDENCE_FIELDS)}}} "
                               "(in Neo4j: strings '<doc> [start:end] <sentence>')"),
)
EDGES: Final = (
    EdgeKind(CITES, DOCUMENT, INSTRUMENT, "the document mentions the instrument"),
    EdgeKind(ABOUT, DOCUMENT, INSTRUMENT, "the document is, or reports on, the instrument"),
    EdgeKind(ISSUED_BY, INSTRUMENT, BODY, "the body that issued the instrument"),
) + tuple(EdgeKind(rel, INSTRUMENT, INSTRUMENT, f"one instrument {rel} another")
          for rel in RELATION_TYPES)


def node_properties(label: str) -> tuple[str, ...]:
    """Property names of a label, in export order (``label`` itself excluded)."""
    return NODES[label].names


def doc_node(doc_id: str) -> str:
    """Node id of a document: ``doc:<id>``."""
    return f"{NODES[DOCUMENT].prefix}{doc_id}"


def inst_node(key: str) -> str:
    """Node id of an instrument: ``inst:<key>``."""
    return f"{NODES[INSTRUMENT].prefix}{key}"


def body_node(name: str) -> str:
    """Node id of a body: ``body:<slug of its name>``."""
    return f"{NODES[BODY].prefix}{slug(name)}"


# --- how the explorer names relations, in both directions ---------------------------------
@dataclass(frozen=True, slots=True)
class RelationLabels:
    """The names of a relation as Vietnamese legal portals show them in their relation diagram,
    seen from the source (``out``: "Căn cứ", it is based on) and from the target (``in``: "Là
    căn cứ cho", it is the basis for); Vietnamese and English."""

    type: str
    out_vi: str
    in_vi: str
    out_en: str
    in_en: str


RELATION_LABELS: Final = (
    RelationLabels(BASED_ON, "Căn cứ", "Là căn cứ cho", "Based on", "Basis for"),
    RelationLabels(GUIDES, "Hướng dẫn", "Được hướng dẫn bởi", "Guides", "Guided by"),
    RelationLabels(AMENDS, "Sửa đổi, bổ sung", "Bị sửa đổi, bổ sung bởi", "Amends", "Amended by"),
    RelationLabels(REPLACES, "Thay thế", "Bị thay thế bởi", "Replaces", "Replaced by"),
    RelationLabels(REPEALS, "Bãi bỏ", "Bị bãi bỏ bởi", "Repeals", "Repealed by"),
    RelationLabels(IMPLEMENTS, "Thực hiện", "Được thực hiện bởi", "Implements", "Implemented by"),
    RelationLabels(REVIEWS, "Tổng kết", "Được tổng kết bởi", "Reviews", "Reviewed by"),
    RelationLabels(CITES, "Trích dẫn", "Được trích dẫn bởi", "Cites", "Cited by"),
)
