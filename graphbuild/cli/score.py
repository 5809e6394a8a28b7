"""``graphbuild score``: the extractor (or, with --relations, the relations) against gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from graphbuild.cli.common import FORMAT_HELP, OutputFormat, emit_rows, fail


def register(app: typer.Typer) -> None:
    """Add ``score`` to the ``graphbuild`` app."""
    app.command()(score)


def score(
    gold_dir: Optional[Path] = typer.Argument(None, help="Folder with gold/*.gold.json and passages/ (e.g. ../shared/corpus/dev)."),
    relations: Optional[Path] = typer.Option(None, "--relations", help="Score relations instead: a folder with gold/*.rel.json and docs/ (../shared/corpus/relations)."),
    subset: str = typer.Option("all", "--subset", help="With --relations: all, tuning or held-out (a fixed random third)."),
    errors: bool = typer.Option(False, "--errors", help="List false positives, false negatives and field errors."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help=FORMAT_HELP),
):
    """Score the extractor against gold annotations: span and strict precision, recall, F1.

    json is one object of figures; jsonl and csv one row per figure (measure, value).

    Example:

        graphbuild score ../shared/corpus/dev --errors

        graphbuild score --relations ../shared/corpus/relations --errors
    """
    if relations is not None:
        return _score_relations(relations, subset, errors, format)
    if gold_dir is None:
        fail("give a gold folder, or --relations FOLDER")
    from graphbuild.evaluate.citations import error_report, score_dir
    try:
        result = score_dir(gold_dir)
    except FileNotFoundError as exc:    # its message names the folder or file
        fail(str(exc))
    except (OSError, ValueError, KeyError) as exc:
        fail(f"{gold_dir}: {exc}")
    figures = result.figures
    if format is not OutputFormat.table:
        _emit_figures(figures, format)
    else:
        typer.echo(f"{figures['files']} files, {figures['gold']} gold, {figures['predicted']} predicted")
        typer.echo(f"span:   P={figures['precision']:.4f}  R={figures['recall']:.4f}  F1={figures['f1']:.4f}")
        typer.echo(f"strict: P={figures['strict_precision']:.4f}  R={figures['strict_recall']:.4f}  "
                   f"F1={figures['strict_f1']:.4f}   (same number, symbol and year)")
    if errors:
        typer.echo(error_report(result), err=True)


def _score_relations(folder: Path, subset: str, errors: bool, format: OutputFormat) -> None:
    from graphbuild.evaluate import relations as rel
    if subset not in ("all", "tuning", "held-out"):
        fail(f"--subset: {subset!r} is not all, tuning or held-out")
    try:
        result = rel.score_relations(folder, subset=subset)
    except FileNotFoundError as exc:    # its message names the folder or file
        fail(str(exc))
    except (OSError, ValueError, KeyError) as exc:
        fail(f"{folder}: {exc}")
    if format is not OutputFormat.table:
        _emit_figures(result.figures, format)
    else:
        typer.echo(rel.relation_report(result))
    if errors:
        typer.echo(rel.error_report(result), err=True)


def figure_rows(figures: dict, prefix: str = "") -> list[dict]:
    """Nested figures as ``{"measure": "typed.precision", "value": 0.66}`` rows."""
    rows = []
    for name, value in figures.items():
        if isinstance(value, dict):
            rows += figure_rows(value, f"{prefix}{name}.")
        else:
            rows.append({"measure": f"{prefix}{name}", "value": value})
    return rows


def _emit_figures(figures: dict, format: OutputFormat) -> None:
    if format is OutputFormat.json:
        typer.echo(json.dumps(figures, indent=1))
    else:
        emit_rows(figure_rows(figures), ("measure", "value"), format)
