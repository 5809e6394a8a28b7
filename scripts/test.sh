#!/usr/bin/env bash
# The project's one test command (README, .ci/run): installs what the tests need on a
# fresh machine (Python 3.11 + pip), then runs every test, isolated from the network.
set -euo pipefail
cd "$(dirname "$0")/.."
pip_install() { python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "$@"; }
pip_install -e '.[test]'
# The build a plain `pip install .` makes compiles the parser with mypyc (setup.py); put one
# aside so tests/test_compiled.py can check it gives the same citations as the source.
rm -rf build/compiled
pip_install --no-deps --target build/compiled .
export GRAPHBUILD_COMPILED_DIR="$PWD/build/compiled"
for setup in scripts/install_*.sh; do           # browsers, servers: each script is idempotent
    [ -e "$setup" ] && bash "$setup"
done
exec bash scripts/run_in_netns.sh python3 -m pytest -q -p no:cacheprovider "$@"
