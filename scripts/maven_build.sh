#!/usr/bin/env bash
# Shared by the install_*.sh scripts that build a Java helper of the tests with Maven:
#   maven_build NAME DIR  ->  `mvn package` in DIR unless DIR/target matches its sources.
# Needs Java 17+ and Maven (Maven Central on the first run; ~/.m2 is the download cache).
# The build goes to DIR/target (git-ignored); a stamp of the pom and sources skips a rebuild.

maven_build() {
    local name=$1 dir=$2 stamp out
    log() { echo "$name: $*" >&2; }
    die() { log "ERROR: $*"; exit 1; }
    command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 or later (e.g. apt-get install openjdk-17-jdk-headless)"
    command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (e.g. apt-get install maven)"
    local major
    major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [[ ${major%%.*} -ge 17 ]] || die "Java $major found; Java 17 or later is needed"
    cd "$dir"
    stamp=$(cat pom.xml $(find src -type f | sort) | sha256sum | cut -c1-16)
    if [[ -f target/.stamp && $(cat target/.stamp) == "$stamp" && -d target/lib && -d target/classes ]]; then
        log "already built ($(ls target/lib | wc -l) jars); nothing to do"
        return 0
    fi
    log "building (mvn package; downloads from Maven Central on a fresh machine)"
    rm -rf target
    if ! out=$(mvn -B -q package -DskipTests 2>&1); then
        echo "$out" | tail -30 >&2
        die "mvn package failed"
    fi
    echo "$stamp" > target/.stamp
    log "built: $(ls target/lib | wc -l) jars in $dir/target/lib"
}
