#!/usr/bin/env bash
# Start a throwaway Neo4j 5.26 Community server with its data in DIR, in the foreground:
#
#   bash scripts/neo4j_server.sh "$(mktemp -d)" [--copy-from NEO4J_HOME]
#
# Auth is on with a generated password; Bolt and HTTP listen on free ports of 127.0.0.1 only.
# When it accepts connections it prints exactly three lines on stdout,
#   NEO4J_URI=bolt://127.0.0.1:<port>
#   NEO4J_USER=neo4j
#   NEO4J_PASSWORD=<password>
# (logs, and NEO4J_HTTP=<url> for the Neo4j Browser at <url>browser/, go to stderr), then runs
# until SIGTERM or SIGINT and shuts the database down cleanly. The JVM heap is capped at 1 GB
# (NEO4J_SERVER_HEAP overrides). Build it first with scripts/install_neo4j.sh.
set -euo pipefail
if [[ $# -lt 1 ]]; then
    echo "usage: $0 DIR [--copy-from NEO4J_HOME]" >&2
    exit 2
fi
HERE="$(cd "$(dirname "$0")/../tests/neo4j_server" && pwd)"
if [[ ! -d $HERE/target/lib || ! -d $HERE/target/classes ]]; then
    echo "neo4j_server: not built: run scripts/install_neo4j.sh first" >&2
    exit 1
fi
HEAP=${NEO4J_SERVER_HEAP:-1g}
# exec: the JVM itself gets SIGTERM/SIGINT, and its shutdown hook stops the database.
exec java -Xms256m "-Xmx$HEAP" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -Dfile.encoding=UTF-8 -cp "$HERE/target/classes:$HERE/target/lib/*" graphbuild.TestServer "$@"
