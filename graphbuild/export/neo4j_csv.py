"""A folder of CSV files in ``neo4j-admin database import`` format, with ``import.sh`` (which
loads them, replacing the target database, then creates the constraints: ``schema.cypher``).

Array values (candidates, variants, evidence) are joined with a delimiter none of their
items holds, chosen per export (:func:`~graphbuild.export.safe.array_delimiter`: U+001F, the
ASCII unit separator, unless an item holds it, as text from PDF or Word may) and named in
``import.sh``, so no item is cut or changed.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import networkx as nx

from graphbuild.db.model import INT_PROPERTIES, LABELS, LIST_PROPERTIES, node_rows, relationship_rows
from graphbuild.db.schema import schema_script
from graphbuild.export.safe import array_delimiter, neo4j_char
from graphbuild.fileio import Target, atomic_file, is_file, write_atomic


# neo4j-admin splits array cells on one character, with no escape (";", its default, is common
# in the evidence sentences): U+001F, the ASCII unit separator, unless an item holds it.
ARRAY_DELIMITER = "\x1f"


def _csv_cell(value, delimiter: str = ARRAY_DELIMITER) -> str:
    if isinstance(value, list):
        return delimiter.join(str(v) for v in value)
    return str(value)


def csv_delimiter(g: nx.MultiDiGraph) -> str:
    """The array delimiter of ``g``'s export: the first candidate no list item holds."""
    def items():
        for _, props in node_rows(g):
            for value in props.values():
                if isinstance(value, list):
                    yield from map(str, value)
        for *_, props in relationship_rows(g):
            yield from props.get("evidence", ())
    return array_delimiter(items())


# Column types from the vocabulary (through the Neo4j model): integers and string lists.
_CSV_TYPES = {**{name: "int" for name in INT_PROPERTIES}, **{name: "string[]" for name in LIST_PROPERTIES}}


def _csv_node_files(g: nx.MultiDiGraph, delimiter: str):
    """``(file name, header, rows)`` per node label, rows lazily."""
    columns: dict[str, set] = {label: set() for label in LABELS}
    for label, props in node_rows(g):
        columns[label].update(k for k in props if k != "id")
    for label in LABELS:
        cols = sorted(columns[label])
        header = [f"id:ID({label})"] + [f"{c}:{_CSV_TYPES[c]}" if c in _CSV_TYPES else c for c in cols] + [":LABEL"]
        yield f"nodes_{label}.csv", header, _node_csv_rows(g, label, cols, delimiter)


def _csv_relationship_files(g: nx.MultiDiGraph, delimiter: str):
    pairs = sorted({(sl, el) for _, sl, _, el, _, _ in relationship_rows(g)})
    for sl, el in pairs:
        header = [f":START_ID({sl})", f":END_ID({el})", "count:int", "evidence:string[]", ":TYPE"]
        yield f"rels_{sl}_{el}.csv", header, _relationship_csv_rows(g, sl, el, delimiter)


def _node_csv_rows(g, label, cols, delimiter):
    for lab, r in node_rows(g):
        if lab == label:
            yield [r["id"]] + [_csv_cell(r[c], delimiter) if c in r else "" for c in cols] + [label]


def _relationship_csv_rows(g, start_label, end_label, delimiter):
    for rel_type, a, s, b, e, p in relationship_rows(g):
        if (a, b) == (start_label, end_label):
            yield [s, e, p["count"], _csv_cell(p.get("evidence", []), delimiter), rel_type]


IMPORT_SCRIPT = """#!/bin/sh
# Load this folder into a Neo4j 5 database with neo4j-admin, then create graphbuild's
# constraints and indexes (schema.cypher) in it.
#
#   NEO4J_HOME=/path/to/neo4j sh import.sh DATABASE [--yes]
#
# WARNING: this REPLACES the database DATABASE.  neo4j-admin's --overwrite-destination
# deletes every node, relationship, constraint and index DATABASE holds before loading
# these files; other databases are not touched.  Stop DATABASE first (Community: stop
# Neo4j; Enterprise: STOP DATABASE).  Without --yes the script asks you to type DATABASE.
#
# After the import the script starts Neo4j if it is not running, creates DATABASE on an
# Enterprise server (Community has the one default database), and runs schema.cypher with
# cypher-shell (credentials: NEO4J_USERNAME and NEO4J_PASSWORD; NEO4J_ADDRESS if not local).
# Without NEO4J_HOME/bin/neo4j and bin/cypher-shell it says how to run schema.cypher instead.
set -eu
usage() {{ echo "usage: NEO4J_HOME=/path/to/neo4j sh import.sh DATABASE [--yes]" >&2; exit 2; }}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
db=$1
confirmed=${{2:-}}
case "$db" in ""|-*) usage ;; esac
[ -z "$confirmed" ] || [ "$confirmed" = "--yes" ] || usage
cd "$(dirname "$0")"
home=${{NEO4J_HOME:-.}}
echo "This REPLACES the Neo4j database '$db' ($home): everything it holds is deleted, then these CSV files are loaded." >&2
if [ "$confirmed" != "--yes" ]; then
    if [ ! -t 0 ]; then
        echo "Not run from a terminal: add --yes to confirm. Nothing was changed." >&2
        exit 1
    fi
    printf "Type the database name to go on: " >&2
    read -r answer
    [ "$answer" = "$db" ] || {{ echo "Nothing was changed." >&2; exit 1; }}
fi
# Array items (candidates, variants, evidence) are separated by {delimiter}, a character none of
# them holds (chosen for this export), so no item is cut or changed.
# The database name first: --nodes/--relationships take every word after them.
"$home/bin/neo4j-admin" database import full "$db" --overwrite-destination \\
    --array-delimiter={delimiter} --multiline-fields=true \\
    {nodes} \\
    {relationships}
if [ ! -x "$home/bin/neo4j" ] || [ ! -x "$home/bin/cypher-shell" ]; then
    # A NEO4J_HOME without the server scripts (neo4j-admin alone): the schema is a step of its own.
    echo "Imported into '$db'. Now start Neo4j on it and create the constraints and indexes:" >&2
    echo "  cypher-shell -d $db -f schema.cypher   (or: graphbuild query schema.cypher --write --database $db)" >&2
    exit 0
fi
echo "Imported into '$db'. Creating the constraints and indexes (schema.cypher)..." >&2
"$home/bin/neo4j" status >/dev/null 2>&1 || "$home/bin/neo4j" start
"$home/bin/cypher-shell" -d system "CREATE DATABASE \\`$db\\` IF NOT EXISTS WAIT" >/dev/null 2>&1 || true
tries=0
until "$home/bin/cypher-shell" -d "$db" -f schema.cypher; do
    tries=$((tries + 1))
    if [ "$tries" -ge 30 ]; then
        echo "Error: '$db' did not take schema.cypher; once it is online run: cypher-shell -d $db -f schema.cypher" >&2
        exit 1
    fi
    sleep 2
done
echo "Done: '$db' holds the graph, with graphbuild's constraints and indexes." >&2
"""


def _import_script(names: list[str], delimiter: str = ARRAY_DELIMITER) -> str:
    """``import.sh`` for the CSV files ``names``: see :data:`IMPORT_SCRIPT`."""
    return IMPORT_SCRIPT.format(
        delimiter=neo4j_char(delimiter),
        nodes=" ".join(f"--nodes={n}" for n in names if n.startswith("nodes_")),
        relationships=" ".join(f"--relationships={n}" for n in names if n.startswith("rels_")))


def _write_csv_rows(f, header, rows) -> None:
    text = io.TextIOWrapper(f, encoding="utf-8", newline="")
    w = csv.writer(text, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        # csv quotes a cell holding "\n" (its line terminator) but not a lone "\r", which
        # neo4j-admin, like every CSV reader, takes for a line break: such rows are written here.
        if any(type(v) is str and "\r" in v for v in row):
            text.write(",".join(_quoted_cell(v) for v in row) + "\n")
        else:
            w.writerow(row)
    text.flush()
    text.detach()


def _quoted_cell(value) -> str:
    """A cell as csv.writer writes it (QUOTE_MINIMAL), with "\r" among the characters quoted."""
    cell = "" if value is None else value if isinstance(value, str) else str(value)
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


def csv_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> CSV text, in ``neo4j-admin database import`` format (small graphs)."""
    files = {}
    delimiter = csv_delimiter(g)
    for name, header, rows in list(_csv_node_files(g, delimiter)) + list(_csv_relationship_files(g, delimiter)):
        buffer = io.BytesIO()
        _write_csv_rows(buffer, header, rows)
        files[name] = buffer.getvalue().decode("utf-8")
    files["import.sh"] = _import_script(sorted(files), delimiter)
    files["schema.cypher"] = schema_script()
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
    delimiter = csv_delimiter(g)
    for name, header, rows in list(_csv_node_files(g, delimiter)) + list(_csv_relationship_files(g, delimiter)):
        with atomic_file(folder / name) as f:
            _write_csv_rows(f, header, rows)
        names.append(name)
    write_atomic(folder / "schema.cypher", schema_script().encode("utf-8"))
    write_atomic(folder / "import.sh", _import_script(sorted(names), delimiter).encode("utf-8"))
    os.chmod(folder / "import.sh", 0o755)
