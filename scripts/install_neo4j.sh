#!/usr/bin/env bash
# Fetch and build the throwaway Neo4j 5.26 Community server of the tests (tests/neo4j_server/:
# a pom and a launcher class; scripts/neo4j_server.sh runs it). Idempotent
# (scripts/maven_build.sh): does nothing when the build matches the sources. Needs Java 17+
# and Maven, and Maven Central on the first run (about 160 MB of jars into ~/.m2, the download
# cache; the build goes to tests/neo4j_server/target, git-ignored). About 15 s with a warm ~/.m2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/maven_build.sh"
maven_build install_neo4j "$here/../tests/neo4j_server"
