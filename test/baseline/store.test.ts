import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { writeFileAtomic } from '../../src/gate/atomic-write.js'
import { BASELINE_SAMPLE_LIMIT, baselineEntryOf } from '../../src/gate/entry.js'
import { packBits, packFloat32, unpackBits, unpackFloat32 } from '../../src/gate/pack.js'
import { BaselineFileError, parseBaselineFile, type BaselineFile } from '../../src/gate/schema.js'
import { baselinePathFor, emptyBaselineFile, readBaselineFile, serializeBaselineFile, writeBaselineFile } from '../../src/gate/store.js'
import { correctness, latencySamples, syntheticBenchmark, syntheticClassification, syntheticRegression, TEST_ENV } from './synthetic.js'

const work = mkdtempSync(path.join(tmpdir(), 'ml-bench-store-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('packing', () => {
  test('bits round-trip, 8 per byte', () => {
    const bits = [true, false, false, true, true, true, false, true, false, true]
    const packed = packBits(bits)
    expect(Buffer.from(packed, 'base64')).toEqual(Buffer.from([0b10111001, 0b10]))
    expect(unpackBits(packed, bits.length)).toEqual(bits)
    expect(() => unpackBits(packed, 30)).toThrow(/hold 2 bytes but 30 values need 4/)
  })

  test('float32 round-trip keeps ~7 digits', () => {
    const values = [0, 1.5, 53.123456789, 1e-3]
    const back = unpackFloat32(packFloat32(values))
    values.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 5))
  })
})

describe('baseline entries', () => {
  test('a benchmark keeps at most 2,000 evenly spaced sorted samples, rounded to 6 digits', () => {
    const result = syntheticBenchmark('big', latencySamples(10_000, 2, 1))
    const entry = baselineEntryOf(result, 'abc')
    const kept = entry.samples[''] as number[]
    expect(kept).toHaveLength(BASELINE_SAMPLE_LIMIT)
    expect(kept[0]).toBe(Number((result.samples[0] as number).toPrecision(6)))
    expect(kept.at(-1)).toBe(Number((result.samples.at(-1) as number).toPrecision(6)))
    expect([...kept].sort((a, b) => a - b)).toEqual(kept)
    expect(entry).toMatchObject({ kind: 'benchmark', name: 'big', commit: 'abc', recordedAt: result.startedAt, device: 'cpu', env: TEST_ENV })
    expect(entry.metrics.p50).toEqual({ rule: 'p50', value: result.latency.p50, n: 10_000, group: '' })
    expect(Object.keys(entry.metrics)).toEqual(['p50', 'p95', 'throughput', 'rssPeak'])
  })

  test('a classification packs per-example correctness and identifies its examples', async () => {
    const entry = baselineEntryOf(await syntheticClassification('clf', correctness(100, 7)))
    expect(entry.metrics.accuracy).toMatchObject({ rule: 'accuracy', value: 0.93, n: 100 })
    expect(entry.perExample?.n).toBe(100)
    expect(unpackBits(entry.perExample?.correct as string, 100)).toEqual(correctness(100, 7))
    expect(entry.perExample?.examples).toMatch(/^[0-9a-f]{64}$/)
    expect(entry.samples).toEqual({})
  })

  test('a regression packs absolute errors', async () => {
    const entry = baselineEntryOf(await syntheticRegression('reg', [1, -2, 3]))
    expect(Object.keys(entry.metrics)).toEqual(['rmse', 'mae', 'r2'])
    expect(unpackFloat32(entry.perExample?.absErrors as string)).toEqual([1, 2, 3])
  })
})

function sampleFile(): BaselineFile {
  const file = emptyBaselineFile('benches/x.bench.ts')
  file.entries['suite › test › fast'] = baselineEntryOf(syntheticBenchmark('fast', latencySamples(50, 2, 1)), null)
  return file
}

describe('baseline files', () => {
  test('paths mirror the bench file under the baseline dir', () => {
    expect(baselinePathFor('/p/baselines', 'benches/onnx/x.bench.ts')).toBe('/p/baselines/benches/onnx/x.bench.ts.json')
    expect(baselinePathFor('/p/baselines', '../other/y.bench.ts')).toBe('/p/baselines/_parent_/other/y.bench.ts.json')
  })

  test('write then read round-trips; arrays stay on one line', () => {
    const file = path.join(work, 'rt', 'benches', 'x.bench.ts.json')
    writeBaselineFile(file, sampleFile())
    expect(readBaselineFile(file)).toEqual(sampleFile())
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/"": \[[\d.,]+\]/)
    expect(text.split('\n').length).toBeLessThan(80)
    expect(readBaselineFile(path.join(work, 'nope.json'))).toBeUndefined()
  })

  test.each([
    ['invalid JSON', '{"schemaVersion": 1, ', /is not valid JSON/],
    ['a foreign file', '{"name": "some other tool"}', /not a vitest-ml-bench baseline .* foreign/],
    ['a newer schema', '{"generator": "vitest-ml-bench", "schemaVersion": 9, "benchFile": "x", "entries": {}}', /schemaVersion 9, written by a newer vitest-ml-bench .* upgrade/],
    [
      'a malformed entry',
      '{"generator": "vitest-ml-bench", "schemaVersion": 1, "benchFile": "x", "entries": {"k": {"kind": "benchmark", "name": "k", "recordedAt": "t", "commit": null, "env": {"cpuModel": "c", "packages": {}}, "metrics": {"p50": {"rule": "p50", "value": "fast"}}, "samples": {}}}}',
      /entry "k": metrics\["p50"\]\.value must be a finite number/,
    ],
    [
      'per-example bits that do not match n',
      '{"generator": "vitest-ml-bench", "schemaVersion": 1, "benchFile": "x", "entries": {"k": {"kind": "evaluation", "name": "k", "recordedAt": "t", "commit": null, "env": {"cpuModel": "c", "packages": {}}, "metrics": {}, "samples": {}, "perExample": {"n": 100, "examples": "h", "correct": "AAAA"}}}}',
      /perExample\.correct must be base64 of 13 bytes for n = 100/,
    ],
  ])('%s: a clear error naming the file, which is left byte-identical', (_what, text, message) => {
    const file = path.join(work, 'bad', `${_what.replace(/\W/g, '-')}.json`)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, text)
    const before = readFileSync(file)
    let error: unknown
    try {
      readBaselineFile(file)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(BaselineFileError)
    expect((error as Error).message).toContain(file)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).toMatch(/leaves it untouched: fix it, restore it from git, or delete it and re-record with `vitest run -u`/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  test('a synthetic v0 file migrates to v1', () => {
    const v0 = {
      generator: 'vitest-ml-bench',
      benchFile: 'benches/x.bench.ts',
      entries: {
        'suite › t › fast': {
          kind: 'benchmark',
          name: 'fast',
          time: '2024-06-01T00:00:00.000Z',
          env: TEST_ENV,
          stats: { p50: 2, p95: 3, throughput: 480, mean: 2.1 },
          samples: [1.5, 2, 3],
        },
      },
    }
    const file = parseBaselineFile(JSON.stringify(v0), 'v0.json')
    expect(file.schemaVersion).toBe(1)
    expect(file.entries['suite › t › fast']).toEqual({
      kind: 'benchmark',
      name: 'fast',
      recordedAt: '2024-06-01T00:00:00.000Z',
      commit: null,
      env: TEST_ENV,
      metrics: {
        p50: { rule: 'p50', value: 2, n: 3, group: '' },
        p95: { rule: 'p95', value: 3, n: 3, group: '' },
        throughput: { rule: 'throughput', value: 480, n: 3, group: '' },
      },
      samples: { '': [1.5, 2, 3] },
    })
  })
})

describe('atomic writes', () => {
  test('a failing write (rename onto a directory) leaves the target and no temp file', () => {
    const dir = path.join(work, 'fail')
    mkdirSync(path.join(dir, 'target.json'), { recursive: true })
    writeFileSync(path.join(dir, 'target.json', 'inside'), 'keep')
    expect(() => writeFileAtomic(path.join(dir, 'target.json'), '{"a":1}')).toThrow()
    expect(readdirSync(dir)).toEqual(['target.json'])
    expect(readFileSync(path.join(dir, 'target.json', 'inside'), 'utf8')).toBe('keep')
  })

  test('killing the writer mid-write never leaves a partial file', { timeout: 120_000 }, async () => {
    const dir = path.join(work, 'crash')
    const target = path.join(dir, 'baseline.json')
    const writer = path.join(import.meta.dirname, 'fixtures', 'atomic-writer.ts')
    let killedMidWrite = 0
    // until three kills landed while a temp file was open (a kill can also land between writes)
    for (let round = 0; round < 60 && killedMidWrite < 3; round++) {
      // each round: a child rewrites an 8 MB file in a loop; SIGKILL it at a random moment
      const child = spawn(process.execPath, ['--import', 'tsx', writer, target, String(round)], { stdio: ['ignore', 'pipe', 'inherit'] })
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80))
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))
      const text = readFileSync(target, 'utf8')
      const doc = JSON.parse(text) as { filler: string; length: number }
      expect(doc.filler.length, `round ${round}: the file is complete`).toBe(doc.length)
      if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) killedMidWrite++
    }
    // temp files of killed writers are cleaned up by the next write
    writeFileAtomic(target, '{}')
    expect(readdirSync(dir), 'abandoned temp files are removed').toEqual(['baseline.json'])
    // at least one kill must have hit a write, or the test proved nothing (a loaded machine may need many rounds)
    expect(killedMidWrite, 'kills that landed mid-write').toBeGreaterThanOrEqual(1)
  })
})

test('serialized files are stable: entries sorted by key', () => {
  const file = sampleFile()
  file.entries['a › first'] = file.entries['suite › test › fast'] as BaselineFile['entries'][string]
  const text = serializeBaselineFile(file)
  expect(text.indexOf('"a › first"')).toBeLessThan(text.indexOf('"suite › test › fast"'))
  expect(serializeBaselineFile(parseBaselineFile(text, 'x'))).toBe(text)
})
