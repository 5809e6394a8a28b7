"""A folder of CSV files in ``neo4j-admin database import`` format, with ``import.sh``."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import networkx as nx

from graphbuild.db.model import LABELS, node_rows, relationship_rows
from graphbuild.fileio import Target, atomic_file, is_file, write_atomic


def _csv_cell(value) -> str:
    if isinstance(value, list):
        # neo4j-admin splits arrays on ";": keep it out of the values.
        return ";".join(str(v).replace(";", ",") for v in value)
    return str(value)


_CSV_TYPES = {"chars": "int", "citations": "int", "year": "int", "mentions": "int",
              "documents": "int", "count": "int", "candidates": "string[]",
              "variants": "string[]", "evidence": "string[]"}


def _csv_node_files(g: nx.MultiDiGraph):
    """``(file name, header, rows)`` per node label, rows lazily."""
    columns: dict[str, set] = {label: set() for label in LABELS}
    for label, props in node_rows(g):
        columns[label].update(k for k in props if k != "id")
    for label in LABELS:
        cols = sorted(columns[label])
        header = [f"id:ID({label})"] + [f"{c}:{_CSV_TYPES[c]}" if c in _CSV_TYPES else c for c in cols] + [":LABEL"]
        yield f"nodes_{label}.csv", header, _node_csv_rows(g, label, cols)


def _csv_relationship_files(g: nx.MultiDiGraph):
    pairs = sorted({(sl, el) for _, sl, _, el, _, _ in relationship_rows(g)})
    for sl, el in pairs:
        header = [f":START_ID({sl})", f":END_ID({el})", "count:int", "evidence:string[]", ":TYPE"]
        yield f"rels_{sl}_{el}.csv", header, _relationship_csv_rows(g, sl, el)


def _node_csv_rows(g, label, cols):
    for lab, r in node_rows(g):
        if lab == label:
            yield [r["id"]] + [_csv_cell(r[c]) if c in r else "" for c in cols] + [label]


def _relationship_csv_rows(g, start_label, end_label):
    for rel_type, a, s, b, e, p in relationship_rows(g):
        if (a, b) == (start_label, end_label):
            yield [s, e, p["count"], _csv_cell(p.get("evidence", [])), rel_type]


def _import_script(names: list[str]) -> str:
    node_args = " ".join(f"--nodes={n}" for n in names if n.startswith("nodes_"))
    rel_args = " ".join(f"--relationships={n}" for n in names if n.startswith("rels_"))
    return ("#!/bin/sh\n# Load these CSV files into an EMPTY Neo4j 5 database (stop the database first):\n"
            "#   cd THIS_FOLDER && NEO4J_HOME=/path/to/neo4j sh import.sh [database]\n"
            'cd "$(dirname "$0")"\n'
            f'"${{NEO4J_HOME:-.}}/bin/neo4j-admin" database import full --overwrite-destination '
            f'--array-delimiter=";" {node_args} {rel_args} "${{1:-neo4j}}"\n')


def _write_csv_rows(f, header, rows) -> None:
    text = io.TextIOWrapper(f, encoding="utf-8", newline="")
    w = csv.writer(text, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    text.flush()
    text.detach()


def csv_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> CSV text, in ``neo4j-admin database import`` format (small graphs)."""
    files = {}
    for name, header, rows in list(_csv_node_files(g)) + list(_csv_relationship_files(g)):
        buffer = io.BytesIO()
        _write_csv_rows(buffer, header, rows)
        files[name] = buffer.getvalue().decode("utf-8")
    files["import.sh"] = _import_script(sorted(files))
    return files


def write_csv(g: nx.MultiDiGraph, target: Target) -> None:
    """Write the neo4j-admin CSV files into the folder ``target``, streaming each file
    (or, to an open file, one ``== name ==`` section per file)."""
    if is_file(target):
        for name, text in csv_tables(g).items():
            target.write(f"== {name} ==\n{text}".encode("utf-8"))
        return
    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for name, header, rows in list(_csv_node_files(g)) + list(_csv_relationship_files(g)):
        with atomic_file(folder / name) as f:
            _write_csv_rows(f, header, rows)
        names.append(name)
    write_atomic(folder / "import.sh", _import_script(sorted(names)).encode("utf-8"))
    os.chmod(folder / "import.sh", 0o755)
