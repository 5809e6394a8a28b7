"""Sync the citation graph into Neo4j with the official driver, and run read queries.

``sync_graph(driver, g, options)`` writes the :mod:`graphbuild.db.model` rows:

1. schema (``graphbuild.db.schema``, the same statements as ``cypher/schema.cypher``),
   only on a real Neo4j 5 (other Bolt servers, e.g. FalkorDB, lack the DDL);
2. the ``id`` and ``gb_hash`` of every node and relationship graphbuild wrote before;
3. nodes, then relationships whose hash differs, in ``UNWIND $rows AS row MERGE …``
   batches through managed write transactions, bounded in rows and in bytes;
4. with ``prune``: relationships, then nodes, that the graph no longer holds
   (only graphbuild's labels and relationship types, only what carries ``gb_hash``).

Every value travels as a parameter.  Labels and relationship types are spliced into
the query text only after a check against a fixed whitelist (Cypher cannot take them
as parameters).  ``gb_hash`` is a hash of the other properties, so a second sync of the
same graph sends nothing, and an updated graph sends only the rows that changed.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import networkx as nx

from graphbuild.db.model import LABELS, node_rows, relationship_rows
from graphbuild.relate.relations import RELATION_TYPES
from graphbuild.db.schema import schema_statements

REL_TYPES = tuple(sorted(set(RELATION_TYPES) | {"ABOUT", "ISSUED_BY"}))
HASH_PROPERTY = "gb_hash"
DEFAULT_BATCH_ROWS = 1000
DEFAULT_BATCH_BYTES = 1_000_000
MIN_NEO4J_MAJOR = 5
COUNTER_NAMES = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
                 "properties_set", "labels_added", "labels_removed", "indexes_added",
                 "indexes_removed", "constraints_added", "constraints_removed")
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
COMPONENTS_QUERY = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"


class Neo4jSyncError(Exception):
    """A problem worth one line to the user (unreachable server, bad credentials, ...)."""


# --- values ----------------------------------------------------------------------

@dataclass(frozen=True)
class NodeRow:
    label: str
    id: str
    props: Mapping[str, Any] = field(compare=False)   # every property, gb_hash included
    hash: str


@dataclass(frozen=True)
class RelRow:
    type: str
    start_label: str
    start: str
    end_label: str
    end: str
    props: Mapping[str, Any] = field(compare=False)
    hash: str

    @property
    def key(self) -> tuple[str, str, str]:
        return self.type, self.start, self.end


@dataclass(frozen=True)
class DbState:
    """What graphbuild wrote before: ``id -> (label, hash)``, ``(type, start, end) -> (start
    label, end label, hash)``."""
    nodes: Mapping[str, tuple[str, str]]
    rels: Mapping[tuple[str, str, str], tuple[str, str, str]]


@dataclass(frozen=True)
class SyncPlan:
    upsert_nodes: tuple[NodeRow, ...]
    upsert_rels: tuple[RelRow, ...]
    stale_nodes: tuple[tuple[str, str], ...]                  # (label, id) no longer in the graph
    stale_rels: tuple[tuple[str, str, str, str, str], ...]    # (type, start label, start, end label, end)
    unchanged_nodes: int
    unchanged_rels: int


@dataclass(frozen=True)
class Statement:
    phase: str                     # schema | nodes | relationships | prune
    query: str
    params: Mapping[str, Any] = field(compare=False)
    rows: int = 0

    def size(self) -> int:
        """Bytes of the query text plus its parameters as JSON (an upper bound of what a
        server that inlines parameters, like FalkorDB, builds from them)."""
        return len(self.query.encode()) + len(json.dumps(self.params, ensure_ascii=False).encode())


@dataclass(frozen=True)
class SyncOptions:
    batch_rows: int = DEFAULT_BATCH_ROWS
    batch_bytes: int = DEFAULT_BATCH_BYTES
    prune: bool = False
    schema: bool = True
    database: str | None = None

    def __post_init__(self):
        if self.batch_rows < 1 or self.batch_bytes < 1:
            raise ValueError("batch sizes must be positive")


@dataclass(frozen=True)
class ServerInfo:
    agent: str                          # "Neo4j/5.20.0"
    version: tuple[int, ...]
    is_neo4j: bool                      # dbms.components() answered: real Neo4j, schema works
    edition: str | None = None

    def describe(self) -> str:
        if self.is_neo4j:
            return f"Neo4j {'.'.join(map(str, self.version))} {self.edition or ''}".strip()
        return f"{self.agent} (no dbms.components(): not Neo4j itself)"


@dataclass(frozen=True)
class SyncReport:
    server: ServerInfo
    schema: str
    nodes_sent: int
    rels_sent: int
    nodes_unchanged: int
    rels_unchanged: int
    stale_nodes: int
    stale_rels: int
    pruned: bool
    batches: int
    seconds: float
    counters: Mapping[str, int]
    rows_sent: int = 0                  # rows in all batches (relationships of pruned nodes go with them)
    largest_batch_bytes: int = 0

    def lines(self) -> list[str]:
        """The summary printed at the end of ``graphbuild sync``."""
        out = [f"server: {self.server.describe()}; schema: {self.schema}",
               f"nodes: {self.nodes_sent} sent, {self.nodes_unchanged} unchanged; "
               f"relationships: {self.rels_sent} sent, {self.rels_unchanged} unchanged",
               f"{self.rows_sent} rows in {self.batches} batches in {self.seconds:.1f} s"]
        if self.pruned:
            out.append(f"pruned: {self.stale_nodes} nodes, {self.stale_rels} relationships")
        elif self.stale_nodes or self.stale_rels:
            out.append(f"not in the graph any more: {self.stale_nodes} nodes, {self.stale_rels} "
                       "relationships (kept; --prune removes them)")
        out.append("counters: " + ", ".join(f"{k}={self.counters.get(k, 0)}" for k in COUNTER_NAMES))
        return out


# --- rows and hashes ------------------------------------------------------------------

def content_hash(props: Mapping[str, Any]) -> str:
    """Stable hash of the properties (``gb_hash`` itself left out)."""
    data = {k: v for k, v in props.items() if k != HASH_PROPERTY}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def graph_rows(g: nx.MultiDiGraph) -> tuple[list[NodeRow], list[RelRow]]:
    """The neo4j_model rows of ``g``, each with its ``gb_hash`` property set."""
    nodes = []
    for label, props in node_rows(g):
        h = content_hash(props)
        nodes.append(NodeRow(label, props["id"], {**props, HASH_PROPERTY: h}, h))
    rels = []
    for rel_type, sl, s, el, e, props in relationship_rows(g):
        if rel_type not in REL_TYPES or sl not in LABELS or el not in LABELS:
            raise ValueError(f"{s} -[{rel_type}]-> {e}: not a graphbuild relationship")
        h = content_hash(props)
        rels.append(RelRow(rel_type, sl, s, el, e, {**props, HASH_PROPERTY: h}, h))
    return nodes, rels


def plan_sync(nodes: list[NodeRow], rels: list[RelRow], db: DbState) -> SyncPlan:
    """What to send: rows whose hash differs from the database's, and what is stale."""
    upsert_nodes = tuple(n for n in nodes if db.nodes.get(n.id) != (n.label, n.hash))
    upsert_rels = tuple(r for r in rels if db.rels.get(r.key) != (r.start_label, r.end_label, r.hash))
    node_ids = {n.id for n in nodes}
    rel_keys = {r.key for r in rels}
    stale_nodes = tuple(sorted((label, i) for i, (label, _) in db.nodes.items() if i not in node_ids))
    stale_rels = tuple(sorted((t, sl, s, el, e) for (t, s, e), (sl, el, _) in db.rels.items()
                              if (t, s, e) not in rel_keys))
    return SyncPlan(upsert_nodes, upsert_rels, stale_nodes, stale_rels,
                    len(nodes) - len(upsert_nodes), len(rels) - len(upsert_rels))


# --- queries (labels and types checked against the whitelist) ----------------------------

def _label(label: str) -> str:
    if label not in LABELS:
        raise ValueError(f"not a graphbuild label: {label!r}")
    return label


def _rel_type(rel_type: str) -> str:
    if rel_type not in REL_TYPES:
        raise ValueError(f"not a graphbuild relationship type: {rel_type!r}")
    return rel_type


def upsert_nodes_query(label: str) -> str:
    # SET n = row (not +=): a property the graph dropped is dropped in the database too.
    return f"UNWIND $rows AS row MERGE (n:{_label(label)} {{id: row.id}}) SET n = row"


def upsert_rels_query(rel_type: str, start_label: str, end_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{_label(start_label)} {{id: row.s}}) "
            f"MATCH (b:{_label(end_label)} {{id: row.t}}) "
            f"MERGE (a)-[r:{_rel_type(rel_type)}]->(b) SET r = row.props")


def delete_rels_query(rel_type: str, start_label: str, end_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{_label(start_label)} {{id: row.s}})"
            f"-[r:{_rel_type(rel_type)}]->(b:{_label(end_label)} {{id: row.t}}) "
            f"WHERE r.{HASH_PROPERTY} IS NOT NULL DELETE r")


def delete_nodes_query(label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (n:{_label(label)} {{id: row.id}}) "
            f"WHERE n.{HASH_PROPERTY} IS NOT NULL DETACH DELETE n")


def node_state_query(label: str) -> str:
    return (f"MATCH (n:{_label(label)}) WHERE n.{HASH_PROPERTY} IS NOT NULL "
            f"RETURN n.id AS id, n.{HASH_PROPERTY} AS hash")


def rel_state_query(start_label: str) -> str:
    return (f"MATCH (a:{_label(start_label)})-[r]->(b) WHERE r.{HASH_PROPERTY} IS NOT NULL "
            f"RETURN type(r) AS type, a.id AS s, b.id AS t, labels(b) AS end_labels, "
            f"r.{HASH_PROPERTY} AS hash")


def all_sync_queries() -> list[str]:
    """Every query text the sync can send (for the grammar tests)."""
    queries = [COMPONENTS_QUERY, *schema_statements()]
    for label in LABELS:
        queries += [upsert_nodes_query(label), delete_nodes_query(label),
                    node_state_query(label), rel_state_query(label)]
    for rel_type in REL_TYPES:
        for sl in LABELS:
            for el in LABELS:
                queries += [upsert_rels_query(rel_type, sl, el), delete_rels_query(rel_type, sl, el)]
    return queries


# --- batching ---------------------------------------------------------------------------

def batches(rows: Iterable[dict], query: str, max_rows: int, max_bytes: int) -> Iterator[list[dict]]:
    """Split rows so that each ``{"rows": [...]}`` message stays within both bounds.

    A single row larger than ``max_bytes`` goes alone (Neo4j takes it; a server with a
    small message buffer would not, which ``Statement.size`` lets a caller check).
    """
    base = Statement("", query, {"rows": []}).size()
    chunk: list[dict] = []
    size = base
    for row in rows:
        row_size = len(json.dumps(row, ensure_ascii=False).encode()) + 2      # ", " between rows
        if chunk and (len(chunk) >= max_rows or size + row_size > max_bytes):
            yield chunk
            chunk, size = [], base
        chunk.append(row)
        size += row_size
    if chunk:
        yield chunk


def _grouped(items, key):
    groups: dict[Any, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items())


def write_statements(plan: SyncPlan, options: SyncOptions) -> list[Statement]:
    """Nodes, then relationships, then (with prune) stale relationships and nodes."""
    out: list[Statement] = []

    def add(phase, query, rows):
        for chunk in batches(rows, query, options.batch_rows, options.batch_bytes):
            out.append(Statement(phase, query, {"rows": chunk}, len(chunk)))

    for label, rows in _grouped(plan.upsert_nodes, lambda n: n.label):
        add("nodes", upsert_nodes_query(label), [dict(n.props) for n in rows])
    for (t, sl, el), rows in _grouped(plan.upsert_rels, lambda r: (r.type, r.start_label, r.end_label)):
        add("relationships", upsert_rels_query(t, sl, el),
            [{"s": r.start, "t": r.end, "props": dict(r.props)} for r in rows])
    if options.prune:
        gone = {i for _, i in plan.stale_nodes}
        # Relationships of pruned nodes go with DETACH DELETE; delete only the others here.
        kept = [r for r in plan.stale_rels if r[2] not in gone and r[4] not in gone]
        for (t, sl, el), rows in _grouped(kept, lambda r: (r[0], r[1], r[3])):
            add("prune", delete_rels_query(t, sl, el), [{"s": r[2], "t": r[4]} for r in rows])
        for label, rows in _grouped(plan.stale_nodes, lambda n: n[0]):
            add("prune", delete_nodes_query(label), [{"id": i} for _, i in rows])
    return out


# --- talking to the server ----------------------------------------------------------------

def _version(text: str) -> tuple[int, ...]:
    m = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text or "")
    return tuple(int(x) for x in m.groups() if x is not None) if m else ()


def probe_server(driver, database: str | None) -> ServerInfo:
    """Who answers: Neo4j (dbms.components works) or another Bolt server; too old fails."""
    from neo4j.exceptions import ClientError, DatabaseError

    agent = driver.get_server_info().agent or ""
    try:
        records, _, _ = driver.execute_query(COMPONENTS_QUERY, database_=database, routing_="r")
    except ClientError as exc:
        if (exc.code or "").endswith("DatabaseNotFound"):
            raise
        records = []
    except DatabaseError:
        records = []            # FalkorDB answers every unknown procedure this way
    kernel = next((r for r in records if r["name"] == "Neo4j Kernel"), None)
    if kernel is not None:
        info = ServerInfo(agent, _version(kernel["versions"][0]), True, kernel["edition"])
    else:
        info = ServerInfo(agent, _version(agent), False)
    if agent.startswith("Neo4j/") and info.version and info.version[0] < MIN_NEO4J_MAJOR:
        raise Neo4jSyncError(f"the server is {info.describe() if info.is_neo4j else agent}: too old, "
                             f"graphbuild needs Neo4j {MIN_NEO4J_MAJOR} or later")
    return info


def _write(session, statement: Statement):
    def work(tx):
        return tx.run(statement.query, statement.params).consume().counters
    return session.execute_write(work)


def _read(session, query: str, params: Mapping | None = None) -> list[dict]:
    def work(tx):
        return tx.run(query, dict(params or {})).data()
    return session.execute_read(work)


def fetch_state(session) -> DbState:
    """Ids and hashes of what graphbuild wrote (anything without gb_hash is not ours)."""
    nodes: dict[str, tuple[str, str]] = {}
    for label in LABELS:
        for r in _read(session, node_state_query(label)):
            nodes[r["id"]] = (label, r["hash"])
    rels: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for label in LABELS:
        for r in _read(session, rel_state_query(label)):
            end = next((lb for lb in r["end_labels"] if lb in LABELS), None)
            if r["type"] in REL_TYPES and end is not None:
                rels[(r["type"], r["s"], r["t"])] = (label, end, r["hash"])
    return DbState(nodes, rels)


class _Progress:
    """A line on stderr per phase, and every few seconds within a long phase."""

    def __init__(self, say: Callable[[str], None] | None, every: float = 2.0):
        self.say, self.every = say, every
        self.last = time.perf_counter()

    def __call__(self, message: str, force: bool = False) -> None:
        now = time.perf_counter()
        if self.say and (force or now - self.last >= self.every):
            self.last = now
            self.say(message)


def sync_graph(driver, g: nx.MultiDiGraph, options: SyncOptions = SyncOptions(),
               progress: Callable[[str], None] | None = None) -> SyncReport:
    """Bring the database in line with ``g``; see the module docstring for the steps."""
    start = time.perf_counter()
    say = _Progress(progress)
    server = probe_server(driver, options.database)
    counters: Counter = Counter()
    with driver.session(database=options.database) as session:
        schema = _apply_schema(session, server, options, counters, say)
        nodes, rels = graph_rows(g)
        say(f"reading what graphbuild wrote before ({len(nodes)} nodes, {len(rels)} relationships "
            "in the graph)", force=True)
        plan = plan_sync(nodes, rels, fetch_state(session))
        statements = write_statements(plan, options)
        _run_statements(session, statements, counters, say)
    return SyncReport(
        server=server, schema=schema, nodes_sent=len(plan.upsert_nodes), rels_sent=len(plan.upsert_rels),
        nodes_unchanged=plan.unchanged_nodes, rels_unchanged=plan.unchanged_rels,
        stale_nodes=len(plan.stale_nodes), stale_rels=len(plan.stale_rels), pruned=options.prune,
        batches=len(statements), seconds=time.perf_counter() - start,
        counters={k: counters[k] for k in COUNTER_NAMES}, rows_sent=sum(s.rows for s in statements),
        largest_batch_bytes=max((s.size() for s in statements), default=0))


def _apply_schema(session, server: ServerInfo, options: SyncOptions, counters: Counter, say) -> str:
    if not options.schema:
        return "skipped (--no-schema)"
    if not server.is_neo4j:
        say("schema: skipped: the server has no dbms.components(), so it is not Neo4j "
            "(e.g. FalkorDB) and does not take Neo4j's constraint syntax", force=True)
        return "skipped (not Neo4j)"
    statements = [Statement("schema", q, {}) for q in schema_statements()]
    _run_statements(session, statements, counters, say)
    return f"{len(statements)} constraints and indexes ensured"


def _run_statements(session, statements: list[Statement], counters: Counter, say) -> None:
    total: Counter = Counter(s.phase for s in statements)
    done: Counter = Counter()
    rows: Counter = Counter()
    for i, statement in enumerate(statements):
        c = _write(session, statement)
        for name in COUNTER_NAMES:
            counters[name] += getattr(c, name, 0)
        done[statement.phase] += 1
        rows[statement.phase] += statement.rows
        last_of_phase = i + 1 == len(statements) or statements[i + 1].phase != statement.phase
        say(f"{statement.phase}: {done[statement.phase]}/{total[statement.phase]} batches, "
            f"{rows[statement.phase]} rows", force=last_of_phase)


# --- connecting, errors -------------------------------------------------------------------

def open_driver(uri: str, auth: tuple[str, str] | None, **config):
    """A driver that has already proven it can talk to the server (errors raised as-is)."""
    from neo4j import GraphDatabase

    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in URI_SCHEMES:
        raise Neo4jSyncError(f"--uri {uri!r}: use one of {', '.join(s + '://' for s in URI_SCHEMES)}")
    config.setdefault("connection_timeout", 10.0)
    config.setdefault("max_transaction_retry_time", 15.0)
    config.setdefault("user_agent", "graphbuild")
    driver = GraphDatabase.driver(uri, auth=auth, **config)
    try:
        driver.verify_connectivity()
    except BaseException:
        driver.close()
        raise
    return driver


def explain_error(exc: BaseException, uri: str, user: str | None, database: str | None,
                  secret: str | None = None) -> str:
    """One line for a driver error; the password never appears in it."""
    from neo4j.exceptions import (AuthError, ClientError, ConfigurationError, Neo4jError,
                                  ServiceUnavailable, UnsupportedServerProduct)

    code = getattr(exc, "code", None) or ""
    uri = public_uri(uri)
    where = f"the server at {uri}"
    if isinstance(exc, Neo4jSyncError):
        message = str(exc)
    elif isinstance(exc, AuthError) or code.startswith("Neo.ClientError.Security"):
        message = (f"{where} refused the credentials of user {user!r}: check --user and "
                   "NEO4J_PASSWORD")
    elif code.endswith("DatabaseNotFound"):
        message = f"{where} has no database {database!r} (see SHOW DATABASES)"
    elif isinstance(exc, UnsupportedServerProduct):
        message = (f"{where} speaks no Bolt version this driver knows: it is too old or not Neo4j "
                   f"(graphbuild needs Neo4j {MIN_NEO4J_MAJOR} or later)")
    elif isinstance(exc, (ServiceUnavailable, OSError)):
        message = f"cannot reach a Bolt server at {uri}: {_reason(exc)}"
    elif isinstance(exc, (ConfigurationError, ValueError)):
        message = f"bad connection settings for {uri}: {_first_line(exc)}"
    elif isinstance(exc, ClientError):
        message = f"the query was refused ({code}): {_first_line(getattr(exc, 'message', None) or exc)}"
    elif isinstance(exc, Neo4jError):
        message = f"{where} failed ({code or type(exc).__name__}): {_first_line(getattr(exc, 'message', None) or exc)}"
    else:
        message = f"{type(exc).__name__}: {_first_line(exc)}"
    for part in _uri_secrets(exc, secret):
        message = scrub(message, part)
    return message


def public_uri(uri: str) -> str:
    """``bolt://user:pw@host:7687?x=y`` -> ``bolt://host:7687``: never print credentials."""
    m = re.match(r"^([a-z+]+://)(?:[^@/]*@)?([^/?#]*)", uri or "")
    return m.group(1) + m.group(2) if m else "(the given URI)"


def _uri_secrets(exc, secret: str | None) -> list[str]:
    """The password as given, plus the escaped forms a driver message may quote it in."""
    if not secret:
        return []
    return [secret, repr(secret)[1:-1], secret.replace('"', '\\"'), secret.replace("'", "\\'")]


def _first_line(value) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else "no details"


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    m = re.search(r"\(reason ([^)]*\)?)", text)
    if m:
        return m.group(1).rstrip(")")
    if "timed out" in text.lower():
        return "timed out"
    return _first_line(exc)[:200]


def scrub(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


# --- read queries -----------------------------------------------------------------------

@dataclass(frozen=True)
class QueryFile:
    text: str                        # the statement, without comments, :param lines or ';'
    params: Mapping[str, Any]        # defaults from the ``:param name => value`` lines


_PARAM_LINE = re.compile(r"^\s*:param\s+([A-Za-z_][A-Za-z_0-9]*)\s*=>\s*(.+?)\s*;?\s*$")


def parse_query_text(text: str) -> QueryFile:
    """Split a library file (or a query typed on the command line) into statement and params."""
    params: dict[str, Any] = {}
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(":param"):
            m = _PARAM_LINE.match(stripped)
            if not m:
                raise ValueError(f"cannot read the parameter line {stripped!r} (use :param name => value)")
            params[m.group(1)] = cypher_value(m.group(2))
        elif stripped.startswith(":"):
            raise ValueError(f"{stripped.split()[0]} is a Browser command, not Cypher")
        elif not stripped.startswith("//"):
            lines.append(line)
    statement = "\n".join(lines).strip().rstrip(";").strip()
    if not statement:
        raise ValueError("no Cypher statement")
    if re.search(r";\s*\n\s*\S", statement):
        raise ValueError("one statement per query, please")
    return QueryFile(statement, params)


def cypher_value(text: str) -> Any:
    """A ``:param`` / ``--param`` value: a Cypher-style literal (number, 'string', [list],
    true/false/null); anything else is taken as a plain string."""
    t = text.strip()
    words = {"true": True, "false": False, "null": None}
    if t.lower() in words:
        return words[t.lower()]
    pythonish = re.sub(r"\b(true|false|null)\b", lambda m: {"true": "True", "false": "False",
                                                            "null": "None"}[m.group(1)], t)
    try:
        return ast.literal_eval(pythonish)
    except (ValueError, SyntaxError):
        return t


def load_query(source: str) -> QueryFile:
    """``source`` is a path to a ``.cypher`` file or the query text itself."""
    if source.endswith(".cypher"):
        return parse_query_text(Path(source).read_text(encoding="utf-8"))
    return parse_query_text(source)


def read_query(driver, query: str, params: Mapping[str, Any], database: str | None):
    """Run ``query`` in READ access mode: ``(column names, rows of plain values)``."""
    from neo4j import READ_ACCESS

    def work(tx):
        result = tx.run(query, dict(params))
        return list(result.keys()), [[plain(v) for v in record.values()] for record in result]

    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        return session.execute_read(work)


def plain(value: Any) -> Any:
    """Driver values as JSON-ready Python: nodes and relationships as property maps."""
    from neo4j.graph import Node, Path as GraphPath, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, GraphPath):
        return [plain(n) for n in value.nodes]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
