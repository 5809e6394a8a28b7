"""Connecting to Neo4j: the driver (credentials taken out of the URI first, :mod:`.uri`), the server probe."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.db.errors import Neo4jSyncError
from graphbuild.db.queries import COMPONENTS_QUERY
from graphbuild.db.uri import URI_SCHEMES, Target, public_uri, split_uri  # noqa: F401  (re-exported)

MIN_NEO4J_MAJOR = 5
@dataclass(frozen=True)
class ServerInfo:
    agent: str                          # "Neo4j/5.26.0"
    version: tuple[int, ...]
    edition: str | None = None

    def describe(self) -> str:
        return f"Neo4j {'.'.join(map(str, self.version))} {self.edition or ''}".strip()


def open_driver(uri: str, auth: tuple[str, str] | None, **config):
    """A driver that has already proven it can talk to the server (errors raised as-is)."""
    from neo4j import GraphDatabase

    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in URI_SCHEMES:
        raise Neo4jSyncError(f"--uri {public_uri(uri)!r}: use one of "
                             f"{', '.join(s + '://' for s in URI_SCHEMES)}")
    if split_uri(uri).uri != uri:
        raise Neo4jSyncError("give the user and password apart from the URI (split_uri)")
    config.setdefault("connection_timeout", 10.0)
    config.setdefault("max_transaction_retry_time", 15.0)
    config.setdefault("user_agent", "graphbuild")
    try:
        driver = GraphDatabase.driver(uri, auth=auth, **config)
    except ValueError as exc:          # a bad port, an unknown option: the settings, not the server
        raise Neo4jSyncError(f"bad connection settings for {public_uri(uri)}: "
                             f"{str(exc).strip().splitlines()[0] if str(exc).strip() else exc!r}") from None
    try:
        driver.verify_connectivity()
    except BaseException:
        driver.close()
        raise
    return driver


def _version(text: str) -> tuple[int, ...]:
    m = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text or "")
    return tuple(int(x) for x in m.groups() if x is not None) if m else ()


def probe_server(driver, database: str | None) -> ServerInfo:
    """Neo4j 5 or later, or a one-line refusal (too old, or a Bolt server that is not Neo4j)."""
    from neo4j.exceptions import ClientError, DatabaseError

    agent = driver.get_server_info().agent or ""
    answer = ""
    try:
        records, _, _ = driver.execute_query(COMPONENTS_QUERY, database_=database, routing_="r")
    except (ClientError, DatabaseError) as exc:
        if (exc.code or "").endswith("DatabaseNotFound") or "Security" in (exc.code or ""):
            raise
        records = []        # ProcedureNotFound, or FalkorDB's UnknownError: a Bolt server that is not Neo4j
        answer = " (it said: %s)" % ((exc.message or exc.code or "").strip().splitlines() or ["?"])[0]
    kernel = next((r for r in records if r["name"] == "Neo4j Kernel"), None)
    if kernel is None:
        raise Neo4jSyncError(f"the server ({agent or 'unknown agent'}) does not answer dbms.components(){answer}: "
                             f"it is not Neo4j, and graphbuild syncs to Neo4j {MIN_NEO4J_MAJOR} or later")
    info = ServerInfo(agent, _version(kernel["versions"][0]), kernel["edition"])
    if info.version and info.version[0] < MIN_NEO4J_MAJOR:
        raise Neo4jSyncError(f"the server is {info.describe()}: too old, "
                             f"graphbuild needs Neo4j {MIN_NEO4J_MAJOR} or later")
    return info
