#!/usr/bin/env bash
# neo4j-admin of Neo4j 5.26 Community, from the jars of the test server (Maven Central:
# org.neo4j:neo4j-command-line's AdminTool with org.neo4j:neo4j-import-tool; built by
# scripts/install_neo4j.sh). No Neo4j installation needed:
#
#   NEO4J_HOME=/tmp/store bash scripts/neo4j_admin.sh database import full neo4j --nodes=...
#
# The store goes to $NEO4J_HOME/data (databases/neo4j, transactions/neo4j); start a server on it
# with `scripts/neo4j_server.sh DIR --copy-from $NEO4J_HOME/data`. It also serves as
# $NEO4J_HOME/bin/neo4j-admin (a symlink) for the import.sh of `graphbuild export --format csv`.
# The JVM heap is capped at 512 MB (NEO4J_ADMIN_HEAP overrides).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "$0")")/../tests/neo4j_server" && pwd)"
if [[ ! -d $HERE/target/lib ]]; then
    echo "neo4j_admin: not built: run scripts/install_neo4j.sh first" >&2
    exit 1
fi
: "${NEO4J_HOME:?set NEO4J_HOME to the folder the store goes to (under data/)}"
export NEO4J_CONF=${NEO4J_CONF:-$NEO4J_HOME/conf}
mkdir -p "$NEO4J_CONF"
[[ -e $NEO4J_CONF/neo4j.conf ]] || : > "$NEO4J_CONF/neo4j.conf"
exec java "-Xmx${NEO4J_ADMIN_HEAP:-512m}" -Dfile.encoding=UTF-8 -cp "$HERE/target/lib/*" org.neo4j.cli.AdminTool "$@"
