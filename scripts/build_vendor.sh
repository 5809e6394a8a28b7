#!/usr/bin/env bash
# Rebuild graphbuild/static/vendor/ (the explorer's browser libraries) from the npm registry.
#
# The built files are committed, so neither users nor CI need npm: run this only to
# change a version in scripts/vendor/package.json.  It installs the pinned packages in a
# scratch folder, bundles scripts/vendor/entry.js into one minified IIFE with esbuild and
# gathers the licence file of every package that ends up in the bundle.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/graphbuild/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$repo/scripts/vendor/package.json" "$repo/scripts/vendor/entry.js" "$work/"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p "$out"
(cd "$work" && npx esbuild entry.js --bundle --minify --format=iife --target=es2019 \
    --legal-comments=none --metafile=meta.json --outfile="$out/explorer-vendor.min.js" --log-level=warning)

# The licence of every package in the bundle, with its name and version.
python3 - "$work" "$out/LICENSES.txt" <<'PY'
import json, pathlib, sys
work, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
inputs = json.loads((work / "meta.json").read_text())["inputs"]
names = sorted({p.split("node_modules/")[1].split("/")[0] if not p.split("node_modules/")[1].startswith("@")
                else "/".join(p.split("node_modules/")[1].split("/")[:2])
                for p in inputs if "node_modules/" in p})
parts = ["Third-party code bundled in explorer-vendor.min.js (built by scripts/build_vendor.sh).\n"]
for name in names:
    pkg = work / "node_modules" / name
    meta = json.loads((pkg / "package.json").read_text())
    licence = next(iter(sorted(pkg.glob("LICEN[CS]E*"))), None)
    parts.append(f"\n{'=' * 78}\n{name} {meta['version']} ({meta.get('license')})\n{'=' * 78}\n")
    parts.append(licence.read_text() if licence else f"(no licence file; package.json says {meta.get('license')})\n")
target.write_text("".join(parts))
print(f"{target}: {len(names)} packages: {', '.join(names)}")
PY
ls -l "$out"
