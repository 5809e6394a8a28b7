"""``graphbuild in-force``: what the corpus says was in force on a day, and what it cannot tell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from graphbuild.cli.common import FORMAT_HELP, OutputFormat, emit_rows, fail, graph_or_fail, output_stream, print_table
from graphbuild.graph.status import ENDED, IN_FORCE, NOT_YET, NOTICE, RECORD_FIELDS, UNKNOWN, InForce, in_force


def register(app: typer.Typer) -> None:
    """Add ``in-force`` to the ``graphbuild`` app."""
    app.command("in-force")(in_force_command)


def in_force_command(
    graph: Path = typer.Argument(..., help="graph.json or a build folder."),
    at: str = typer.Option(..., "--at", help="The day, as YYYY-MM-DD."),
    type: Optional[str] = typer.Option(None, "--type", help="Only instruments of this type: Luật, Nghị định, "
                                                             "Thông tư, …"),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (default: stdout)."),
):
    """What the corpus says was in force on a day, and what it cannot tell.

    In force: issued (dated) on or before the day, and no text of the corpus says it was
    wholly replaced or repealed on or before it. Cannot tell: no date of issue known, a
    replacement or repeal without a date, dates not precise enough. The status is what the
    corpus states, never a guess: the date of issue stands for the date of effect, and a
    replacement or repeal of a part is listed, not counted as an end. The table lists the
    instruments in force, ended and undecided; json is one object with a list per verdict;
    jsonl and csv have one row per instrument (those not yet issued too), lists joined by " | ".

    Example:

        graphbuild in-force out/ --at 2020-01-01 --type Luật

        graphbuild in-force out/ --at 2025-07-01 -f csv -o in-force.csv
    """
    g = graph_or_fail(graph)
    try:
        answer = in_force(g, at, type)
    except ValueError as exc:
        fail(f"--at: {exc}")
    if format in (OutputFormat.jsonl, OutputFormat.csv):
        typer.echo(NOTICE, err=True)                # the data alone on stdout (or in the file)
    with output_stream(output) as out:
        if format is OutputFormat.table:
            _table(answer, out)
        elif format is OutputFormat.json:
            out.write(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1) + "\n")
        else:
            emit_rows(answer.records(), RECORD_FIELDS, format, out)


def _table(answer: InForce, out) -> None:
    what = f"{answer.type} instruments" if answer.type else "Instruments"
    out.write(f"{what} on {answer.at}.\n{NOTICE}\n")
    sections = ((IN_FORCE, "In force", ("instrument", "type", "since", "in part by")),
                (ENDED, "Ended (replaced or repealed on or before the day)", ("instrument", "type", "since",
                                                                               "ended on", "by")),
                (UNKNOWN, "Cannot tell", ("instrument", "type", "since", "reason")))
    for verdict, title, columns in sections:
        rows = answer.group(verdict)
        out.write(f"\n{title} ({len(rows)}):\n")
        if rows:
            print_table([_cells(r) for r in rows], columns, out)
    out.write(f"\nNot yet issued on {answer.at}: {len(answer.group(NOT_YET))} "
              "(listed with --format json, jsonl or csv)\n")


def _cells(row: dict) -> dict:
    return {"instrument": row["instrument"], "type": row["type"], "since": row["since"],
            "reason": row["reason"], "in part by": ", ".join(row["in_part_by"]),
            "ended on": ", ".join(row["ended_on"]),
            "by": ", ".join(row["superseded_by"] + [k for k in row["repealed_by"] if k not in row["superseded_by"]])}
