#!/usr/bin/env bash
# Second CI run: type check and unit suite on Node 22 with Vitest 5.
# Works on a scratch copy of the repository so the repository's own node_modules and
# package-lock.json (Node 20, Vitest 4) are never touched. Node 22 comes from the npm registry
# (the node-<platform>-<arch> packages ship the official binary), cached outside the repository.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

cache="${ML_BENCH_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vitest-ml-bench}"
node_pkg="node-$(node -p process.platform)-$(node -p process.arch)"
node_home="$cache/$node_pkg-$NODE_VERSION"
node_bin="$node_home/node_modules/$node_pkg/bin"
if [ ! -x "$node_bin/node" ]; then
  mkdir -p "$node_home"
  npm install --prefix "$node_home" --no-save --no-package-lock --no-audit --no-fund --prefer-offline "$node_pkg@$NODE_VERSION"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ml-bench-vitest5-XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Everything but installs, build output, reports and git metadata.
tar -C "$repo" --exclude=./node_modules --exclude=./.git --exclude=./dist --exclude=./ml-bench-report \
  --exclude=./.vitest-reports --exclude=./test-output --exclude='./*.tgz' -cf - . | tar -C "$work" -xf -

cd "$work"
export PATH="$node_bin:$PATH"
echo "vitest 5 run: node $(node --version), vitest $VITEST_VERSION, in $work"
# Starts from the repository's lock file, so every other dependency keeps its locked version.
npm install --no-audit --no-fund --prefer-offline --save-dev "vitest@$VITEST_VERSION" "@types/node@$TYPES_NODE_VERSION"
# Both steps run even when the first fails, so one CI run shows every Vitest 5 problem.
status=0
npx tsc -p tsconfig.json --noEmit || status=$?
npx vitest run --project unit "$@" || status=$?
exit "$status"
