#!/usr/bin/env bash
# Fetch and build the throwaway Neo4j 5.26 Community server of the tests (tests/neo4j_server/:
# a pom and a launcher class; scripts/neo4j_server.sh runs it). Idempotent: does nothing when
# the build matches the sources. Needs Java 17+ and Maven, and Maven Central on the first run
# (about 160 MB of jars into ~/.m2, the download cache; the build goes to
# tests/neo4j_server/target, git-ignored). About 15 s with a warm ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../tests/neo4j_server"

log() { echo "install_neo4j: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 or later (e.g. apt-get install openjdk-17-jdk-headless)"
command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (e.g. apt-get install maven)"
major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[[ ${major%%.*} -ge 17 ]] || die "Java $major found; Neo4j 5.26 needs Java 17 or later"

# The stamp is a hash of what the build is made from: a changed pom or launcher rebuilds.
stamp=$(cat pom.xml $(find src -type f | sort) | sha256sum | cut -c1-16)
if [[ -f target/.stamp && $(cat target/.stamp) == "$stamp" && -d target/lib && -d target/classes ]]; then
    log "Neo4j test server already built ($(ls target/lib | wc -l) jars); nothing to do"
    exit 0
fi
log "building the Neo4j test server (mvn package; downloads from Maven Central on a fresh machine)"
rm -rf target
if ! out=$(mvn -B -q package -DskipTests 2>&1); then
    echo "$out" | tail -30 >&2
    die "mvn package failed"
fi
echo "$stamp" > target/.stamp
log "built: $(ls target/lib | wc -l) jars in tests/neo4j_server/target/lib"
