"""Every example of every ``--help`` runs, as written, and succeeds.

The examples are the shell lines under "Example:" in the commands' docstrings (what
``--help`` prints).  They run with ``bash`` in a scratch folder laid out as the examples
assume: ``data/corpus`` and ``cypher/`` of this repository, ``../shared/corpus`` (dev and
relations as they are, ``bulk.jsonl.gz`` cut to 300 documents so the catalog example stays
quick), a ``report.txt``, a ``corpus.jsonl``, a ``new-articles/`` folder.  ``graphbuild``
on the PATH is this checkout.  Placeholders for the reader's own Neo4j (``bolt://localhost:7687``,
``bolt://db:7687``, ``--database citations``, ``NEO4J_PASSWORD=secret``) become the test
server's address, its default database and its password: the only rewriting done.
"""

from __future__ import annotations

import gzip
import itertools
import os
import re
import subprocess
import sys

import pytest
import typer

from graphbuild.cli.commands import app

from .conftest import REPO, shared_path

NEO4J = re.compile(r"bolt://(?:localhost|db):7687")


def examples() -> list[tuple[str, str]]:
    """(command path, example line) for every example of every command."""
    found = []

    def visit(command, path: str) -> None:
        if hasattr(command, "commands"):            # a group (Typer brings its own click)
            for name, sub in sorted(command.commands.items()):
                visit(sub, f"{path} {name}".strip())
            return
        text = command.help or ""
        if "Example:" not in text:
            found.append((path, ""))                  # reported as a failure below
            return
        for line in text.split("Example:", 1)[1].splitlines():
            line = line.strip()
            if "graphbuild " in line:
                found.append((path, line))

    visit(typer.main.get_command(app), "")
    return found


EXAMPLES = examples()


def test_every_command_has_examples():
    assert [path for path, line in EXAMPLES if not line] == []
    commands = {path for path, _ in EXAMPLES}
    assert {"build", "extract", "export", "stats", "show", "path", "score", "sync", "query", "annotate",
            "serve", "catalog build"} <= commands


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    root = tmp_path_factory.mktemp("examples")
    work, shared = root / "work", root / "shared" / "corpus"
    (work / "data").mkdir(parents=True)
    shared.mkdir(parents=True)
    (work / "data" / "corpus").symlink_to(REPO / "data" / "corpus")
    (work / "cypher").symlink_to(REPO / "cypher")
    for name in ("dev", "relations"):
        (shared / name).symlink_to(shared_path(name))
    with gzip.open(shared_path("bulk.jsonl.gz"), "rb") as f:
        lines = b"".join(itertools.islice(f, 300))
    (shared / "bulk.jsonl.gz").write_bytes(gzip.compress(lines))
    (work / "corpus.jsonl").write_bytes(lines)
    (work / "report.txt").write_text("Thực hiện Nghị quyết số 49-NQ/TW ngày 02/6/2005 của Bộ Chính trị "
                                     "về Chiến lược cải cách tư pháp đến năm 2020.\n", encoding="utf-8")
    (work / "new-articles").mkdir()
    (work / "new-articles" / "a.txt").write_text("Căn cứ Luật Đất đai năm 2024; Nghị định số 102/2024/NĐ-CP.\n",
                                                 encoding="utf-8")
    bin_dir = root / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "graphbuild"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m graphbuild "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(REPO), "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    env.pop("NEO4J_PASSWORD", None)
    run_example(work, env, "graphbuild build data/corpus -o out/")      # what most examples read
    return work, env


def run_example(work, env, line: str, timeout: float = 300) -> subprocess.CompletedProcess:
    if line.split()[:2] == ["graphbuild", "serve"]:
        # A server runs until stopped: it must come up and answer, then stop on SIGTERM.
        line = f"timeout -s TERM 4 {line}; test $? -eq 124 || test $? -eq 0"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=work, env=env, capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, f"{line}\nstdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}"
    return result


OFFLINE = [(p, line) for p, line in EXAMPLES if line and not NEO4J.search(line)]
WITH_NEO4J = [(p, line) for p, line in EXAMPLES if line and NEO4J.search(line)]


@pytest.mark.parametrize("command,line", OFFLINE, ids=[line for _, line in OFFLINE])
def test_example_runs(sandbox, command, line):
    work, env = sandbox
    run_example(work, env, line)


@pytest.mark.integration
@pytest.mark.parametrize("command,line", WITH_NEO4J, ids=[line for _, line in WITH_NEO4J])
def test_neo4j_example_runs(sandbox, neo4j_server, command, line):
    work, env = sandbox
    line = NEO4J.sub(neo4j_server.uri, line).replace("--database citations", "--database neo4j")
    line = line.replace("NEO4J_PASSWORD=secret ", "")
    run_example(work, {**env, "NEO4J_PASSWORD": neo4j_server.password}, line)
