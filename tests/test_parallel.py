"""--jobs N changes speed, never results: identical extract output and identical graphs."""

from __future__ import annotations

import gzip
import json
from itertools import islice

from typer.testing import CliRunner

from graphbuild.cli.commands import app
from graphbuild.corpus.parallel import ordered_map

from .conftest import REPO, shared_path

runner = CliRunner()


def _square(x):
    return x * x


def test_ordered_map_keeps_order_and_bounds_work():
    assert list(ordered_map(_square, range(500), jobs=2, chunk_size=7)) == [x * x for x in range(500)]
    assert list(ordered_map(_square, iter([]), jobs=2)) == []


def _corpus(tmp_path):
    """The sample corpus plus 300 real bulk documents (a mixed, realistic input)."""
    sample = tmp_path / "bulk-sample.jsonl"
    with gzip.open(shared_path("bulk.jsonl.gz"), "rt", encoding="utf-8") as f:
        sample.write_text("".join(islice(f, 300)), encoding="utf-8")
    return [str(REPO / "data" / "corpus"), str(sample)]


def test_extract_output_is_identical_for_any_jobs(tmp_path):
    paths = _corpus(tmp_path)
    one = runner.invoke(app, ["extract", *paths, "-j", "1", "-q"])
    two = runner.invoke(app, ["extract", *paths, "-j", "2", "-q"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout.count("\n") > 500


def test_graph_is_identical_for_any_jobs(tmp_path):
    paths = _corpus(tmp_path)
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["build", *paths, "-o", str(tmp_path / f"j{jobs}"), "-j", jobs,
                                     "-q", "--formats", "json,graphml"])
        assert result.exit_code == 0, result.output
    for name in ("graph.json", "graph.graphml", "summary.json"):
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes(), name
    assert json.loads((tmp_path / "j1" / "summary.json").read_text())["documents"] == 307
