#!/usr/bin/env bash
# Fetch the Gephi Toolkit 0.10.1 (Gephi's importers and graph store, one 83 MB jar) and build
# the headless import check of the tests (tests/gephi_check/: a pom and ImportCheck.java;
# tests/test_gephi.py runs it). Idempotent (scripts/maven_build.sh). About 5 s warm.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/maven_build.sh"
maven_build install_gephi "$here/../tests/gephi_check"
