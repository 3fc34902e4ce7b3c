#!/usr/bin/env bash
# Builds the native modules from source against this machine's libraries. npm 11 blocks
# dependency install scripts and npm 10 runs them, so setup installs with --ignore-scripts
# and builds here, the same way on both.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
node_gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
[[ -f $node_gyp ]] || { echo "setup: node-gyp not found at $node_gyp (it ships with npm)" >&2; exit 1; }
# Node's headers ship with the machine's Node; node-gyp would otherwise try to download them.
node_dir=$(dirname "$(dirname "$(command -v node)")")
[[ -f $node_dir/include/node/node.h ]] || { echo "setup: Node headers missing in $node_dir/include/node" >&2; exit 1; }
gyp() { node "$node_gyp" rebuild --release -j 2 --nodedir="$node_dir"; }

build_faiss() {
  local dir=$root/node_modules/faiss-node
  if [[ -f $dir/build/Release/faiss-node.node ]] && node -e "require('$dir')" 2>/dev/null; then
    echo "setup: faiss-node already built"
    return
  fi
  echo "setup: compiling faiss-node against Debian's libfaiss (about a minute)"
  cp "$root/scripts/native/faiss-node.gyp" "$dir/binding.gyp"
  cp "$root/scripts/native/faiss-idx-compat.h" "$dir/faiss-idx-compat.h"
  (cd "$dir" && gyp >"$root/.native-build.log" 2>&1) || {
    echo "setup: faiss-node failed to compile; see .native-build.log" >&2
    exit 1
  }
  node -e "require('$dir')"
}

build_sqlite() {
  local dir=$root/node_modules/better-sqlite3
  if [[ -f $dir/build/Release/better_sqlite3.node ]] && node -e "new (require('$dir'))(':memory:').close()" 2>/dev/null; then
    echo "setup: better-sqlite3 already built"
    return
  fi
  echo "setup: compiling better-sqlite3 from source"
  (cd "$dir" && gyp >>"$root/.native-build.log" 2>&1) || {
    echo "setup: better-sqlite3 failed to compile; see .native-build.log" >&2
    exit 1
  }
  node -e "new (require('$dir'))(':memory:').close()"
}

build_faiss
build_sqlite
