import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import * as api from '../src/index.js'

const repo = path.resolve(import.meta.dirname, '..')
const index = readFileSync(path.join(repo, 'src/index.ts'), 'utf8')
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8')

/** Names src/index.ts exports, values and types, from its `export { … } from` lines. */
function exportedNames(): { values: string[]; types: string[] } {
  const values: string[] = []
  const types: string[] = []
  for (const [, typeOnly, list] of index.matchAll(/export\s+(type\s+)?\{([^}]*)\}\s+from/g)) {
    for (const raw of (list as string).split(',').map((s) => s.trim()).filter(Boolean)) {
      const name = raw.replace(/^type\s+/, '')
      ;(typeOnly || raw.startsWith('type ') ? types : values).push(name)
    }
  }
  return { values, types }
}

/** The bullet list of the root entry point in README's "API" section. */
function readmeApi(): string {
  const section = readme.slice(readme.indexOf('\n## API\n'), readme.indexOf('\n## Architecture\n'))
  return section.slice(section.indexOf('- `vitest-ml-bench`:'))
}

describe('public API', () => {
  const { values, types } = exportedNames()

  test('src/index.ts exports the runtime values it declares, and nothing else at run time', () => {
    expect(Object.keys(api).sort()).toEqual([...values].sort())
  })

  test('README "API" names every export of vitest-ml-bench, and names nothing it does not export', () => {
    const documented = readmeApi()
    const missing = [...values, ...types].filter((n) => !documented.includes(`\`${n}\``))
    expect(missing).toEqual([])
    const named = [...documented.matchAll(/`([A-Za-z_]\w*)`/g)].map((m) => m[1] as string)
    expect(named.filter((n) => !values.includes(n) && !types.includes(n))).toEqual([])
  })
})
