#!/usr/bin/env bash
# Run a command in a private network namespace that has only loopback (lo up),
# so servers started by tests (FalkorDB's Bolt port binds every interface) are
# unreachable from outside and the tests cannot reach the network.
#
#   scripts/run_in_netns.sh python -m pytest -q
#
# Do installs (pip, apt) before calling this: inside there is no network.
# If a namespace cannot be made (no CAP_SYS_ADMIN, no unshare, ...), the
# command runs directly with a warning on stderr. The exit status is the
# command's. Inside, GRAPHBUILD_NETNS=isolated (or =direct when not isolated).
# Set GRAPHBUILD_NO_NETNS=1 to skip the namespace on purpose.
set -u

if [ "$#" -eq 0 ]; then
    echo "usage: $0 command [args...]" >&2
    exit 2
fi

# Brings lo up inside the new namespace: iproute2 if present, else an ioctl
# from Python (IFF_UP on "lo"), so a machine without `ip` still works.
LO_UP='
if command -v ip >/dev/null 2>&1; then
    ip link set lo up
else
    python3 -c "
import fcntl, socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
ifr = fcntl.ioctl(s, 0x8913, struct.pack(\"16sH\", b\"lo\", 0))
flags = struct.unpack(\"16sH\", ifr[:18])[1]
fcntl.ioctl(s, 0x8914, struct.pack(\"16sH\", b\"lo\", flags | 1))
"
fi'

# Loopback must answer inside: a listener and a connect on 127.0.0.1.
LO_CHECK='python3 -c "
import socket
srv = socket.socket(); srv.bind((\"127.0.0.1\", 0)); srv.listen(1)
socket.create_connection(srv.getsockname(), timeout=5).close()
" 2>/dev/null || { command -v python3 >/dev/null 2>&1 || exit 0; exit 1; }'

run_direct() {
    echo "run_in_netns: WARNING: $1; running without network isolation" >&2
    shift
    export GRAPHBUILD_NETNS=direct
    exec "$@"
}

if [ "${GRAPHBUILD_NO_NETNS:-}" = "1" ]; then
    run_direct "GRAPHBUILD_NO_NETNS=1" "$@"
fi

if ! command -v unshare >/dev/null 2>&1; then
    run_direct "unshare not found (util-linux)" "$@"
fi

# Pick the first form that can make a namespace with a working loopback:
# plain --net (root), else a user namespace mapping us to root (non-root).
UNSHARE=""
for candidate in "unshare --net" "unshare --user --map-root-user --net"; do
    if $candidate -- bash -c "set -e; $LO_UP; $LO_CHECK" >/dev/null 2>&1; then
        UNSHARE="$candidate"
        break
    fi
done

if [ -z "$UNSHARE" ]; then
    run_direct "cannot create a network namespace here (unshare --net failed)" "$@"
fi

export GRAPHBUILD_NETNS=isolated
exec $UNSHARE -- bash -c "set -e; $LO_UP; exec \"\$@\"" run_in_netns "$@"
