"""Bad credentials, a missing database, a server too old: against a scripted Bolt server.

A real Neo4j cannot be made to be 4.4 or to echo a password on demand; so a tiny Bolt server on loopback answers the driver's handshake and
messages the way such a Neo4j would. ``graphbuild sync`` must print one line,
exit 1, and never show the password, even when the server echoes it back.
"""

from __future__ import annotations

import socket
import struct
import threading
from contextlib import contextmanager

import pytest
from typer.testing import CliRunner

from graphbuild.cli.commands import app
from graphbuild.export.nodelink import write_json

SECRET = "Tr0ub4dor&3-must-not-leak"
HELLO, GOODBYE, RESET, RUN, BEGIN, COMMIT, ROLLBACK, PULL, LOGON = (
    0x01, 0x02, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x3F, 0x6A)
SUCCESS, RECORD, IGNORED, FAILURE = 0x70, 0x71, 0x7E, 0x7F


def pack(value) -> bytes:
    """PackStream for the few value kinds these replies need."""
    if value is None:
        return b"\xC0"
    if isinstance(value, bool):
        return b"\xC3" if value else b"\xC2"
    if isinstance(value, int):
        return struct.pack(">b", value) if -16 <= value < 128 else b"\xCB" + struct.pack(">q", value)
    if isinstance(value, str):
        raw = value.encode()
        head = bytes([0x80 + len(raw)]) if len(raw) < 16 else b"\xD0" + bytes([len(raw)]) \
            if len(raw) < 256 else b"\xD1" + struct.pack(">H", len(raw))
        return head + raw
    if isinstance(value, list):
        return bytes([0x90 + len(value)]) + b"".join(pack(v) for v in value)
    if isinstance(value, dict):
        return bytes([0xA0 + len(value)]) + b"".join(pack(k) + pack(v) for k, v in value.items())
    raise TypeError(type(value))


def message(signature: int, *fields) -> bytes:
    body = bytes([0xB0 + len(fields), signature]) + b"".join(pack(f) for f in fields)
    return struct.pack(">H", len(body)) + body + b"\x00\x00"


def read_message(conn) -> int | None:
    """The signature of the next client message (NOOP chunks skipped); None at EOF."""
    body = b""
    while True:
        head = _read(conn, 2)
        if head is None:
            return None
        size = struct.unpack(">H", head)[0]
        if size == 0:
            if body:
                return body[1]
            continue
        chunk = _read(conn, size)
        if chunk is None:
            return None
        body += chunk


def _read(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


class ScriptedBolt:
    """Answers like a Neo4j that refuses a login, lacks a database, or is 4.4."""

    def __init__(self, mode: str):
        self.mode = mode
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.uri = f"bolt://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn):
        with conn:
            if _read(conn, 20) is None:
                return
            version = {"ancient": b"\x00\x00\x00\x00", "old": b"\x00\x00\x04\x04"}.get(self.mode, b"\x00\x00\x00\x05")
            conn.sendall(version)
            if self.mode == "ancient":
                return
            failed = False
            while (sig := read_message(conn)) not in (None, GOODBYE):
                if failed and sig != RESET:
                    conn.sendall(message(IGNORED))
                    continue
                reply = self._reply(sig)
                failed = reply[3] == FAILURE          # size (2), marker, signature
                conn.sendall(reply)

    def _reply(self, sig: int) -> bytes:
        if sig == HELLO:
            if self.mode == "auth":
                return message(FAILURE, {"code": "Neo.ClientError.Security.Unauthorized",
                                         "message": f"The client is unauthorized ({SECRET})"})
            agent = "Neo4j/4.4.30" if self.mode == "old" else "Neo4j/5.20.0"
            return message(SUCCESS, {"server": agent, "connection_id": "bolt-1"})
        if sig == BEGIN and self.mode == "nodb":
            return message(FAILURE, {"code": "Neo.ClientError.Database.DatabaseNotFound",
                                     "message": "Database does not exist. Database name: 'nope'."})
        if sig == BEGIN and self.mode == "echo":
            return message(FAILURE, {"code": "Neo.DatabaseError.General.UnknownError",
                                     "message": f"something broke near '{SECRET}'"})
        if sig == RUN:
            return message(SUCCESS, {"fields": ["name", "versions", "edition"], "t_first": 0})
        if sig == PULL:
            return (message(RECORD, ["Neo4j Kernel", ["4.4.30"], "community"])
                    + message(SUCCESS, {"has_more": False}))
        return message(SUCCESS, {})

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.sock.close()


@contextmanager
def scripted(mode):
    with ScriptedBolt(mode) as server:
        yield server.uri


@pytest.fixture()
def graph_file(tmp_path, seeds_graph):
    path = tmp_path / "graph.json"
    write_json(seeds_graph, path)
    return path


def sync(graph_file, uri, *extra):
    result = CliRunner().invoke(app, ["sync", str(graph_file), "--uri", uri, *extra],
                                env={"NEO4J_PASSWORD": SECRET})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("mode, expected", [
    ("auth", "Error: the server at {uri} refused the credentials of user 'neo4j'"),
    ("nodb", "Error: the server at {uri} has no database 'nope'"),
    ("old", "Error: the server is Neo4j 4.4.30 community: too old, graphbuild needs Neo4j 5 or later"),
    ("ancient", "Error: the server at {uri} speaks no Bolt version this driver knows"),
    ("echo", "Error: the server (Neo4j/5.20.0) does not answer dbms.components() (it said: something broke near "
             "'***'): it is not Neo4j"),
])
def test_server_problems_are_one_line_without_the_password(graph_file, mode, expected):
    with scripted(mode) as uri:
        code, out, err = sync(graph_file, uri, "--database", "nope", "--quiet")
    assert code == 1 and out == ""
    assert err.startswith(expected.format(uri=uri)), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert SECRET not in out + err


def test_query_command_reports_bad_credentials_the_same_way():
    with scripted("auth") as uri:
        result = CliRunner().invoke(app, ["query", "RETURN 1 AS one", "--uri", uri],
                                    env={"NEO4J_PASSWORD": SECRET})
    assert result.exit_code == 1 and "refused the credentials" in result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_a_bolt_server_that_is_not_neo4j_is_refused_in_one_line(graph_file):
    """FalkorDB (a real Bolt server that calls itself Neo4j/5.13.0) is refused before any write."""
    from .falkordb_server import falkordb_bolt_server

    with falkordb_bolt_server() as uri:
        result = CliRunner().invoke(app, ["sync", str(graph_file), "--quiet", "--uri", uri, "--no-auth"])
    assert result.exit_code == 1 and result.stdout == "", result.stderr
    assert result.stderr.startswith("Error: the server (Neo4j/5.13.0) does not answer dbms.components() "
                                    "(it said: An unknown error occurred): it is not Neo4j"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
