/**
 * The browser twins: a page imports the package through the same module graph as Node, with each
 * Node-only module swapped for its `.browser` twin (src/vitest/browser/server.ts). A twin must
 * offer every name the rest of the package or the public API takes from the original, or the page
 * fails to link; Node-only internals are listed with the reason they stay out.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { browserTwin } from '../../src/vitest/browser/server.js'

const src = path.resolve(import.meta.dirname, '../../src')

/** Every `x.browser.ts` under src, as [original, twin]. */
function twinPairs(): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (entry.name.endsWith('.browser.ts')) pairs.push([file.replace(/\.browser\.ts$/, '.ts'), file])
    }
  }
  walk(src)
  return pairs
}

/** Exports of an original that no module a page loads imports (only Node code does), by file. */
const NODE_ONLY: Record<string, string[]> = {
  // the CUDA/thread plumbing of onnxruntime-node, used only by Node's loaders
  'models/onnx.ts': ['onnxruntimeNode', 'defaultIntraOpThreads', 'sessionOptionsFor', 'executionMetadata'],
  // the path rule of Node's loaders (a page maps paths to served URLs instead)
  'models/model-location.ts': [
    'localFolder',
    'localCandidates',
    'describeCandidates',
    'localPathHint',
    'resolveLocal',
    'isDirectory',
    'isFile',
    'locatePipelineModel',
    'checkPipelineFolder',
  ],
  // the loopback check of Node's HTTP load generator
  'load/http.ts': ['assertLoopbackUrl'],
  // the machine probe is Node's; the plugin hands Node's view of the machine to the page
  'measure/fingerprint.ts': ['hostMachine'],
  // the matcher's Node-side validation, also run by the browser gate command in Node
  'vitest/matchers/baseline.ts': ['validateCheck'],
}

describe('browser twins', () => {
  const pairs = twinPairs()

  test('there are twins, and the dev server finds each one from its original', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(9)
    for (const [original, twin] of pairs) expect(browserTwin(original)).toBe(twin)
    // a module without a twin, a twin itself, and a file outside the package stay as they are
    expect(browserTwin(path.join(src, 'analyse/stats.ts'))).toBeNull()
    expect(browserTwin(pairs[0]![1])).toBeNull()
    expect(browserTwin('/elsewhere/src/measure/fingerprint.ts')).toBeNull()
  })

  test.each(twinPairs().map(([o, t]) => [path.relative(src, o), o, t]))('%s: the twin exports what the page needs of the original', async (name, original, twin) => {
    const [a, b] = await Promise.all([import(original), import(twin)])
    const needed = Object.keys(a).filter((k) => !(NODE_ONLY[name] ?? []).includes(k))
    expect(needed.filter((k) => !(k in b))).toEqual([])
    // and nothing the original lacks: a twin is a drop-in, not a second API
    expect(Object.keys(b).filter((k) => !(k in a) && !['browserOf', 'timerResolution', 'noteBrowserBackend', 'browserRuntime', 'pageBrowserName', 'insideFolder', 'servedUrl', 'datasetUrl'].includes(k))).toEqual([])
  })
})
