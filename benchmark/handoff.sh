#!/usr/bin/env bash
# The hand-off to Neo4j at scale, timed step by step (README "Larger than memory"):
#
#   bash benchmark/handoff.sh CORPUS WORKDIR [JOBS]
#
# 1. graphbuild build CORPUS --formats json,csv,parquet (parse, resolve, relate, tables)
# 2. graphbuild build --from-tables (no parsing): graph.json and csv/ again, compared byte for byte
# 3. neo4j-admin database import full of csv/ into a fresh store (scripts/neo4j_admin.sh, the jars
#    of scripts/install_neo4j.sh), its own "IMPORT DONE" line and the wall time with the JVM start
#
# Wall time and peak RSS of each step from GNU time. Not a test: run it on a quiet machine.
set -euo pipefail
corpus=$(readlink -f "$1")
work=$2
jobs=${3:-2}
repo="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$work"
work=$(readlink -f "$work")
rm -rf "$work/out" "$work/again" "$work/store"
step() {   # name, command...: prints "name: wall s, peak MB"
    local name=$1; shift
    /usr/bin/time -f "$name: %e s wall, peak RSS %M KB" "$@" > "$work/$name.log" 2> "$work/$name.err" \
        || { cat "$work/$name.err" >&2; exit 1; }
    tail -n 1 "$work/$name.err"
}
cd "$work"
step build python -m graphbuild build "$corpus" -o "$work/out" -j "$jobs" -q --formats json,csv,parquet
step from-tables python -m graphbuild build --from-tables "$work/out/tables" -o "$work/again" -q --formats json,csv
if cmp -s "$work/out/graph.json" "$work/again/graph.json" && diff -r "$work/out/csv" "$work/again/csv" > /dev/null; then
    echo "from-tables: graph.json and csv/ byte-identical to the parsing build's"
else
    echo "from-tables: the graph differs from the parsing build's" >&2
    exit 1
fi
mkdir -p "$work/store/bin"
ln -sf "$repo/scripts/neo4j_admin.sh" "$work/store/bin/neo4j-admin"
NEO4J_ADMIN_HEAP=${NEO4J_ADMIN_HEAP:-2g} NEO4J_HOME="$work/store" \
    step import sh "$work/out/csv/import.sh" neo4j --yes
grep -hE "IMPORT DONE|^  [0-9]+ (nodes|relationships|properties)" "$work/import.log" "$work/import.err" || true
du -sh "$work/out/tables" "$work/out/csv" "$work/store/data" 2>/dev/null
