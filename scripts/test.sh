#!/usr/bin/env bash
# The project's one test command (README, .ci/run): installs what the tests need on a
# fresh machine (Python 3.11 + pip), then runs every test, isolated from the network.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e '.[test]'
for setup in scripts/install_*.sh; do           # browsers, servers: each script is idempotent
    [ -e "$setup" ] && bash "$setup"
done
exec bash scripts/run_in_netns.sh python3 -m pytest -q -p no:cacheprovider "$@"
