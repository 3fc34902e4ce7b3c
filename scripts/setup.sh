#!/usr/bin/env bash
# One-time, idempotent setup for a fresh Debian machine: system packages, npm packages,
# native modules built from source, and the default search index.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libfaiss-dev libopenblas-dev chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages. Run this, then npm run setup again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

major=$(node -p 'process.versions.node.split(".")[0]')
if ((major < 20)); then
  echo "setup: Node.js >= 20.9 is required (found $(node --version))" >&2
  exit 1
fi

# Install scripts are skipped on purpose: npm 10 and 11 treat them differently, and the
# ones here would try to download prebuilt binaries. build-native.sh compiles them instead.
if [[ -d node_modules && node_modules/.package-lock.json -nt package-lock.json ]]; then
  echo "setup: npm packages are up to date"
else
  echo "setup: installing npm packages (npm ci)"
  npm ci --ignore-scripts --no-audit --no-fund
fi

bash scripts/native/build-native.sh

echo "setup: building the default index from data/corpus"
npm run --silent ingest -- data/corpus/python --collection python
npm run --silent ingest -- data/corpus/javascript --collection javascript
echo "setup: done. Start the app with: npm start"
