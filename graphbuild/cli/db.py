"""CLI commands for Neo4j: ``sync`` and ``query`` (registered on the main app).

The password comes from ``NEO4J_PASSWORD``, a hidden prompt, or the URI's ``user:pw@``
(taken out of the URI before the URI is used or printed); every error message is scrubbed
of it before it is printed.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from graphbuild.cli.common import FORMAT_HELP, OutputFormat, emit_rows, fail, graph_or_fail
from graphbuild.db import DEFAULT_BATCH_BYTES, DEFAULT_BATCH_ROWS

PASSWORD_ENV = "NEO4J_PASSWORD"


QueryFormat = OutputFormat          # the four formats every command prints


# Connection options shared by sync and query (a fresh OptionInfo for each command).
def _uri_option():
    return typer.Option(..., "--uri", envvar="NEO4J_URI", help="bolt://HOST:7687 or neo4j://HOST:7687.")


def _user_option():
    return typer.Option("neo4j", "--user", envvar="NEO4J_USER",
                        help="User name (password: NEO4J_PASSWORD or a prompt).")


def _database_option():
    return typer.Option(None, "--database", help="Database name (default: the server's default).")


def _no_auth_option():
    return typer.Option(False, "--no-auth", help="Connect without credentials (auth disabled on the server).")


def _password(no_auth: bool) -> Optional[str]:
    if no_auth:
        return None
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    try:
        return typer.prompt("Neo4j password", hide_input=True, err=True)
    except (typer.Abort, EOFError):
        fail(f"no password: set {PASSWORD_ENV}, type it at the prompt, or use --no-auth")


def _target(uri: str, user: str, no_auth: bool):
    """The URI without credentials, the user, the password (the URI's ``user:pw@`` first)."""
    from graphbuild.db.connect import split_uri

    target = split_uri(uri)
    password = None if no_auth else (target.password or _password(False))
    return target.uri, target.user or user, password


def _connect(uri: str, user: str, password: Optional[str]):
    from graphbuild.db.connect import open_driver

    # The server's hints ("property gb_hash does not exist" on a first sync) are not errors:
    # the driver logs them as warnings, which without a handler Python prints on stderr.
    logging.getLogger("neo4j.notifications").addHandler(logging.NullHandler())
    return open_driver(uri, None if password is None else (user, password))


def _say(message: str) -> None:
    typer.echo(message, err=True)


def sync(
    graph: Path = typer.Argument(..., help="graph.json or a build folder."),
    uri: str = _uri_option(),
    user: str = _user_option(),
    database: Optional[str] = _database_option(),
    no_auth: bool = _no_auth_option(),
    prune: bool = typer.Option(False, "--prune",
                               help="Delete graphbuild nodes and relationships the graph no longer holds."),
    batch_rows: int = typer.Option(DEFAULT_BATCH_ROWS, "--batch-rows", min=1,
                                   help="At most this many rows per transaction."),
    batch_bytes: int = typer.Option(DEFAULT_BATCH_BYTES, "--batch-bytes", min=256,
                                    help="At most this many bytes of query and parameters per transaction."),
    no_schema: bool = typer.Option(False, "--no-schema", help="Do not create constraints and indexes."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines."),
):
    """Write GRAPH into Neo4j: schema, then nodes, then relationships, only what changed.

    A second sync of the same graph sends nothing. --prune also removes what the
    graph no longer holds (graphbuild's labels only). The password is read from
    NEO4J_PASSWORD, or asked for.

    Example:

        NEO4J_PASSWORD=secret graphbuild sync out/ --uri bolt://localhost:7687

        graphbuild sync out/graph.json --uri bolt://db:7687 --database citations --prune
    """
    from graphbuild.db.errors import explain_error
    from graphbuild.db.plan import GraphDataError, graph_rows
    from graphbuild.db.sync import SyncOptions, sync_graph

    g = graph_or_fail(graph)
    try:
        graph_rows(g)                       # bad values are the graph's fault, said before connecting
    except GraphDataError as exc:
        fail(f"{graph}: {exc}")
    options = SyncOptions(batch_rows=batch_rows, batch_bytes=batch_bytes, prune=prune,
                          schema=not no_schema, database=database)
    uri, user, password = _target(uri, user, no_auth)
    try:
        driver = _connect(uri, user, password)
        try:
            report = sync_graph(driver, g, options, progress=None if quiet else _say)
        finally:
            driver.close()
    except Exception as exc:               # the driver's errors become one line, password-free
        fail(explain_error(exc, uri, user, database, secret=password))
    for line in report.lines():
        typer.echo(line)


def _params(pairs: List[str]) -> dict:
    from graphbuild.db.queryfile import cypher_value

    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip().isidentifier():
            fail(f"--param {pair!r}: use NAME=VALUE")
        params[name.strip()] = cypher_value(value)
    return params


def query(
    source: str = typer.Argument(..., help="A .cypher file (its :param lines give defaults), the query text, "
                                           "or - to read it from standard input."),
    uri: str = _uri_option(),
    user: str = _user_option(),
    database: Optional[str] = _database_option(),
    no_auth: bool = _no_auth_option(),
    param: List[str] = typer.Option([], "--param", "-p",
                                    help="NAME=VALUE; VALUE is a Cypher literal (10, 'x', [1,2]) or text."),
    format: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help=FORMAT_HELP),
    write: bool = typer.Option(False, "--write", help="Allow writes (WRITE access mode), e.g. for schema.cypher."),
):
    """Run Cypher (a library file or text) and print the rows; read-only unless --write.

    A file may hold several statements ending in ';': each runs in its own transaction,
    in order, like cypher-shell -f. Without --write they run in READ access mode, so
    Neo4j refuses any write.

    Example:

        graphbuild query cypher/cited_by.cypher --uri bolt://localhost:7687 --param symbol=49-NQ/TW

        graphbuild query 'MATCH (i:Instrument) RETURN i.key LIMIT 5' --uri bolt://localhost:7687 -f csv

        graphbuild query cypher/schema.cypher --write --uri bolt://localhost:7687
    """
    from graphbuild.db.errors import explain_error
    from graphbuild.db.queryfile import load_query, parse_query_text
    from graphbuild.db.read import read_query

    try:
        loaded = parse_query_text(sys.stdin.read()) if source == "-" else load_query(source)
    except (OSError, ValueError) as exc:
        fail(f"{source}: {exc}")
    params = {**loaded.params, **_params(param)}
    uri, user, password = _target(uri, user, no_auth)
    results = []
    try:
        driver = _connect(uri, user, password)
        try:
            for statement in loaded.statements:
                results.append(read_query(driver, statement, params, database, write=write))
        finally:
            driver.close()
    except Exception as exc:
        done = f" (statement {len(results) + 1} of {len(loaded.statements)})" if len(loaded.statements) > 1 else ""
        _print_results(results, format)
        fail(explain_error(exc, uri, user, database, secret=password) + done)
    _print_results(results, format)


def _print_results(results: list, format: QueryFormat) -> None:
    """One statement: its rows. Several: each one's rows in turn (JSON: a list per statement)."""
    if format is QueryFormat.json and len(results) > 1:
        typer.echo(json.dumps([[dict(zip(c, r)) for r in rows] for c, rows in results],
                              ensure_ascii=False, indent=1))
        return
    for i, (columns, rows) in enumerate(results):
        if i:
            typer.echo("")
        _print_rows(columns, rows, format)


def _print_rows(columns: list[str], rows: list[list], format: QueryFormat) -> None:
    emit_rows([dict(zip(columns, r)) for r in rows], columns, format)
    if format is QueryFormat.table:
        typer.echo(f"({len(rows)} rows)", err=True)


def register(app: typer.Typer) -> None:
    """Add the Neo4j commands to the ``graphbuild`` app."""
    app.command()(sync)
    app.command()(query)
