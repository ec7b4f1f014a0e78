/**
 * The layer rule (README, "Architecture"): each floor imports only from its own floor or below;
 * no cycles anywhere; nothing below the vitest edge imports vitest; shipped code never imports
 * tests; bench files use only the public API, as users do. `npm run lint:deps` checks it in CI.
 */
const FLOORS = [
  ['core', '^src/core/'],
  ['analyse', '^src/analyse/'],
  ['results', '^src/results/'],
  ['measure', '^src/(measure|models|datasets|evaluate|load|sweep|compare-models)/'],
  ['gate', '^src/gate/'],
  ['report', '^reporters/'],
  ['edge', '^src/(vitest/|ab/|index\\.ts$|plugin\\.ts$|cli\\.ts$)'],
]

const upward = FLOORS.slice(0, -1).map(([name, path], i) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} may import only ${FLOORS.slice(0, i + 1).map(([n]) => n).join(', ')}`,
  severity: 'error',
  from: { path },
  to: { path: FLOORS.slice(i + 1).map(([, p]) => `(${p})`).join('|') },
}))

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'a cycle makes two modules one; split out what both need',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-vitest-below-edge',
      comment: 'producers, statistics and the gate run anywhere: they reach vitest only through the sink',
      severity: 'error',
      from: { path: '^src/(core|analyse|results|measure|models|datasets|evaluate|load|sweep|compare-models|gate)/' },
      to: { path: '^node_modules/vitest/' },
    },
    {
      name: 'no-tests-in-shipped-code',
      severity: 'error',
      from: { path: '^(src|reporters|scripts)/' },
      to: { path: '^test/' },
    },
    {
      name: 'benches-use-the-public-api',
      comment: 'bench files import the package as users do (src/index.ts stands for vitest-ml-bench); fixture generators are exempt',
      severity: 'error',
      from: { path: '^benches/', pathNot: '^benches/fixtures/' },
      to: { path: '^(src|reporters)/', pathNot: '^src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
}
