"""``graphbuild in-force``: what the corpus says was in force on a day, and what it cannot tell."""

from __future__ import annotations

import csv
import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from graphbuild.cli.common import fail, graph_or_fail, output_stream, print_table
from graphbuild.graph.status import ENDED, IN_FORCE, NOT_YET, NOTICE, RECORD_FIELDS, UNKNOWN, InForce, in_force


class InForceFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def register(app: typer.Typer) -> None:
    """Add ``in-force`` to the ``graphbuild`` app."""
    app.command("in-force")(in_force_command)


def in_force_command(
    graph: Path = typer.Argument(..., help="graph.json or a build folder."),
    at: str = typer.Option(..., "--at", help="The day, as YYYY-MM-DD."),
    type: Optional[str] = typer.Option(None, "--type", help="Only instruments of this type: Luật, Nghị định, "
                                                             "Thông tư, …"),
    format: InForceFormat = typer.Option(InForceFormat.table, "--format", "-f"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (default: stdout)."),
):
    """What the corpus says was in force on a day, and what it cannot tell.

    In force: issued (dated) on or before the day, and no text of the corpus says it was
    wholly replaced or repealed on or before it. Cannot tell: no date of issue known, a
    replacement or repeal without a date, dates not precise enough. The status is what the
    corpus states, never a guess: the date of issue stands for the date of effect, and a
    replacement or repeal of a part is listed, not counted as an end. The table lists the
    instruments in force, ended and undecided (json, jsonl and csv also those not yet issued).

    Example:

        graphbuild in-force out/ --at 2020-01-01 --type Luật

        graphbuild in-force out/ --at 2025-07-01 -f csv -o in-force.csv
    """
    g = graph_or_fail(graph)
    try:
        answer = in_force(g, at, type)
    except ValueError as exc:
        fail(f"--at: {exc}")
    if format in (InForceFormat.jsonl, InForceFormat.csv):
        typer.echo(NOTICE, err=True)
    with output_stream(output) as out:
        _WRITERS[format](answer, out)


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


def _json(answer: InForce, out) -> None:
    out.write(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1) + "\n")


def _jsonl(answer: InForce, out) -> None:
    for record in answer.records():
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _csv(answer: InForce, out) -> None:
    writer = csv.DictWriter(out, RECORD_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(answer.records())


_WRITERS = {InForceFormat.table: _table, InForceFormat.json: _json, InForceFormat.jsonl: _jsonl,
            InForceFormat.csv: _csv}
