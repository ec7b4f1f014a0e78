#!/usr/bin/env bash
# Second CI run: the type check and the tests whose outcome can depend on the Vitest version, on
# Node 22 with Vitest 5.
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
# the browser runtime's Playwright provider goes with its Vitest
npm install --no-audit --no-fund --prefer-offline --save-dev "vitest@$VITEST_VERSION" "@vitest/browser-playwright@$VITEST_VERSION" "@types/node@$TYPES_NODE_VERSION"
# Both steps run even when the first fails, so one CI run shows every Vitest 5 problem.
status=0
# Every file, the tests included, against Vitest 5's types.
npx tsc -p tsconfig.json --noEmit || status=$?

# Not the whole suite again: only the test files that can pass on one Vitest and fail on another.
# That is (a) tests of our code that talks to Vitest at run time: src/vitest/** (expect.extend
# matchers, results filed on the running test through TestRunner, inject(), the worker gate's
# afterEach), src/plugin.ts and reporters/** (the plugin, the reporter API, sharding and
# --merge-reports, run by a spawned vitest that here is Vitest 5), and the Vitest 5 bench provider;
# (b) test files that themselves call Vitest run-time APIs beyond describe/test/expect/hooks
# (TestRunner, vi, startVitest). Everything else calls plain functions on data (statistics, the
# baseline file format, report rendering, datasets, loaders, load generators); Vitest only hosts
# those tests, so a second run on Node 22 would repeat the first; the type check above still
# covers every file. To see which files qualify (today: exactly the list below):
#   grep -rlE 'TestRunner|[^a-zA-Z.]vi\.|vitest/node|createTempProject|\.to(Have(P50|P95|P99|Mean)Latency|HaveThroughput|HavePeakMemory|HaveColdStart|SustainThroughput|HaveErrorRate|BeWithinBaseline|Have[A-Za-z]*(Above|Below))' test --include='*.test.ts'
vitest5_tests=(
  test/vitest5/                       # Vitest 5's bench fixture and our provider for it
  test/matchers/                      # performance and accuracy matchers: expect.extend, failure messages
  test/baseline/matcher.test.ts       # toBeWithinBaseline, reading the running test through TestRunner
  test/models/cold-start.test.ts      # toHaveColdStartBelow
  test/load/matchers.test.ts          # toSustainThroughput, toHaveErrorRateBelow
  test/measure/benchmark.test.ts      # benchmark() files its result on the running test (TestRunner)
  test/evaluate/evaluate.test.ts      # evaluate() files its result on the running test; vi.spyOn
  test/datasets/shared-data.test.ts   # vi.stubEnv
  test/models/model-location.test.ts  # vi.stubEnv
  test/reporter/gate.test.ts          # plugin + worker gate + reporter, vitest spawned on a temp project
  test/reporter/shard.test.ts         # --shard, --reporter=blob and --merge-reports
  test/package/consumer.test.ts       # the packed package with this Vitest in a consumer project, README examples type-checked
  test/faults/e2e-timeout.test.ts     # a timed-out test's benchmark stops (the test context's signal, retry/repeat counts, afterEach)
)
npx vitest run --project unit --project timing --project e2e "${vitest5_tests[@]}" "$@" || status=$?
exit "$status"
