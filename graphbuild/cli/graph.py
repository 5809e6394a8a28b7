"""Commands on a built graph: ``export``, ``stats``, ``show``, ``path``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from graphbuild.cli.common import FORMAT_HELP, OutputFormat, emit_rows, fail, graph_or_fail, print_table
from graphbuild.export.formats import FORMATS, write

#: ``--format`` of ``export``: every format of the registry.
ExportFormat = Enum("ExportFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


def register(app: typer.Typer) -> None:
    """Add ``export``, ``stats``, ``show`` and ``path`` to the ``graphbuild`` app."""
    for command in (export, stats, show, path):
        app.command()(command)


def export(
    graph: Path = typer.Argument(..., help="graph.json or a build folder (GraphML and GEXF are exports, not read back)."),
    format: ExportFormat = typer.Option(..., "--format", "-f", help="Export format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Target file (folder for csv); default stdout."),
):
    """Write GRAPH as GraphML, GEXF, node-link JSON, neo4j-admin CSV, Cypher or HTML.

    Example:

        graphbuild export out/graph.json --format gexf -o citations.gexf

        graphbuild export out/ --format html -o graph.html
    """
    g = graph_or_fail(graph)
    if FORMATS[format.value].folder and output is None:
        fail(f"--format {format.value} writes a folder of files: give it with -o FOLDER")
    try:
        write(g, format.value, output if output else sys.stdout.buffer)
    except OSError as exc:              # the message of the target, never of its temp file
        fail(f"{output or 'stdout'}: cannot write ({exc.strerror or exc})")
    except ValueError as exc:
        fail(str(exc))


def stats(
    graph: Path = typer.Argument(..., help="graph.json or a build folder."),
    top: int = typer.Option(15, "--top", min=0, help="How many instruments to list."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help=FORMAT_HELP),
):
    """Most cited instruments (by citing documents and PageRank), by type, issuer and year.

    json is one object with a list per section; jsonl and csv have one row per line of
    every section (its name in the column "section").

    Example:

        graphbuild stats out/ --top 10

        graphbuild stats out/ -f csv
    """
    from graphbuild.graph import analysis          # NetworkX: loaded by the commands that need it
    from graphbuild.graph.builder import summary

    g = graph_or_fail(graph)
    result = {
        "summary": summary(g, top=0),
        "top_by_documents": analysis.top_cited(g, top, by="documents"),
        "top_by_pagerank": analysis.top_cited(g, top, by="pagerank"),
        "by_type": analysis.counts_by(g, "type"),
        "by_kind": analysis.counts_by(g, "kind"),
        "by_issuer": analysis.counts_by(g, "issuer")[:top],
        "citations_per_year": analysis.citations_per_year(g),
    }
    if format is OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
    elif format is OutputFormat.table:
        _print_stats(result)
    else:
        emit_rows(stats_rows(result), STATS_COLUMNS, format)


STATS_COLUMNS = ("section", "name", "count", "instrument", "type", "year", "documents", "in_degree", "pagerank")


def stats_rows(result: dict) -> list[dict]:
    """The sections of ``stats`` as flat rows: the summary's counts, the ranked instruments,
    then (name, count) pairs."""
    rows = [{"section": "summary", "name": k, "count": v} for k, v in result["summary"].items()
            if isinstance(v, int)]
    for section in ("top_by_documents", "top_by_pagerank"):
        rows += [{"section": section, **row} for row in result[section]]
    for section in ("by_type", "by_kind", "by_issuer", "citations_per_year"):
        rows += [{"section": section, "name": name, "count": count} for name, count in result[section]]
    return rows


def _print_stats(result: dict) -> None:
    s = result["summary"]
    typer.echo(f"{s['documents']} documents, {s['instruments']} instruments "
               f"({s['ambiguous']} ambiguous, {s['unresolved']} unresolved), {s['edges']} edges\n")
    for title, key in (("Most cited (documents)", "top_by_documents"), ("Most cited (PageRank)", "top_by_pagerank")):
        typer.echo(title)
        print_table(result[key], ("instrument", "type", "year", "documents", "in_degree", "pagerank"))
        typer.echo("")
    for title, key in (("By type", "by_type"), ("By kind", "by_kind"), ("By issuer", "by_issuer"),
                       ("Citations per year of the citing document", "citations_per_year")):
        typer.echo(title)
        for name, count in result[key]:
            typer.echo(f"  {count:>7}  {name}")
        typer.echo("")


def _one_instrument(g, query: str) -> str:
    if not query.strip():
        fail("give a symbol, key or name")
    from graphbuild.graph import analysis          # NetworkX: loaded by the commands that need it

    found = analysis.find_instruments(g, query)
    if not found:
        fail(f"no instrument matches {query!r}")
    if len(found) > 1:
        # "27-NQ/TW" is two instruments (2018 and 2022): say so rather than pick one.
        keys = ", ".join(g.nodes[n].get("key") or n for n in found[:12])
        fail(f"{len(found)} instruments match {query!r}: {keys}{' ...' if len(found) > 12 else ''}; "
             "give one of these keys")
    return found[0]


def show(
    graph: Path = typer.Argument(..., help="graph.json or a build folder."),
    symbol: str = typer.Argument(..., help="Symbol, key or name: 49-NQ/TW, 27-NQ/TW@2022, 'Đại hội XIII'."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help=FORMAT_HELP),
):
    """What an instrument cites and what cites it, with evidence sentences, and what the
    corpus says replaced or repealed it (wholly or in part, from when).

    json is the instrument with its two lists; jsonl and csv have one row per relation.

    Example:

        graphbuild show out/ 49-NQ/TW

        graphbuild show out/ 49-NQ/TW -f csv
    """
    from graphbuild.graph import analysis          # NetworkX: loaded by the commands that need it

    g = graph_or_fail(graph)
    info = analysis.describe(g, _one_instrument(g, symbol))
    if format is OutputFormat.json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=1))
        return
    if format is not OutputFormat.table:
        rows = [{"instrument": info.get("key"), "direction": direction, **r}
                for direction in ("cites", "cited_by") for r in info[direction]]
        emit_rows(rows, ("instrument", "direction", "relation", "name", "count", "evidence"), format)
        return
    typer.echo(f"{info.get('key')}  {info.get('type') or ''}  {info.get('date') or info.get('year') or ''}"
               f"  [{info.get('status')}]")
    for field in ("title", "name", "issuer", "term", "candidates"):
        if info.get(field):
            typer.echo(f"  {field}: {info[field]}")
    _print_legal_status(info["legal_status"])
    for title, rows in (("cites", info["cites"]), ("cited by", info["cited_by"])):
        typer.echo(f"\n{title} ({len(rows)}):")
        for r in rows:
            typer.echo(f"  {r['relation']:<11} {r['name']}  (x{r['count']})")
            for e in r["evidence"]:
                typer.echo(f"      “{e}”")


def _print_legal_status(rows: list[dict]) -> None:
    """"replaced by … (evidence)", "repealed in part by … (evidence)": what the corpus states."""
    if not rows:
        typer.echo("\nlegal status: no text of the corpus says it was replaced or repealed")
        return
    typer.echo("\nlegal status (what the corpus states, never a guess):")
    for r in rows:
        typer.echo(f"  {r['note']}")
        if r["evidence"]:
            typer.echo(f"      “{r['evidence']}”")


def path(
    graph: Path = typer.Argument(..., help="graph.json or a build folder."),
    source: str = typer.Argument(..., help="First instrument (symbol, key or name)."),
    target: str = typer.Argument(..., help="Second instrument."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help=FORMAT_HELP),
):
    """The shortest chain of relations linking two instruments.

    table prints one step a line (KEY -[RELATION]-> KEY); the others one row per step.

    Example:

        graphbuild path out/ 12-KH/BCĐ 49-NQ/TW

        graphbuild path out/ 12-KH/BCĐ 49-NQ/TW -f json
    """
    from graphbuild.graph import analysis          # NetworkX: loaded by the commands that need it

    g = graph_or_fail(graph)
    a, b = _one_instrument(g, source), _one_instrument(g, target)
    steps = analysis.instrument_path(g, a, b)
    if not steps:
        fail(f"no chain of relations links {a} and {b}")
    rows = [{"from": g.nodes[x].get("key"), "relation": rel, "to": g.nodes[y].get("key")} for x, rel, y in steps]
    if format is not OutputFormat.table:
        emit_rows(rows, ("from", "relation", "to"), format)
        return
    for row in rows:
        typer.echo(f"{row['from']} -[{row['relation']}]-> {row['to']}")
