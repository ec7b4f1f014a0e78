/**
 * The browser runtime's page side, run here with the page's globals stubbed: the fingerprint, the
 * served folders, datasets over HTTP, the JS heap, WebGPU detection, and the clear refusals of
 * what needs Node.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { installPageContext, type PageContext } from '../../src/core/page-context.js'
import { DatasetError } from '../../src/datasets/dataset-error.js'
import { datasetUrl, fileRecords } from '../../src/datasets/file-records.browser.js'
import { httpDispatcher } from '../../src/load/http.browser.js'
import { workerPoolDispatcher } from '../../src/load/worker-pool.browser.js'
import { browserOf, envFingerprint, noteBrowserBackend, timerResolution } from '../../src/measure/fingerprint.browser.js'
import { ResourceMonitor } from '../../src/measure/resources.browser.js'
import { datasetsDir, localFileExists, modelsDir } from '../../src/models/model-location.browser.js'
import { loadOnnx } from '../../src/models/onnx.browser.js'
import { webgpuAdapterName, webgpuUnavailableReason } from '../../src/models/webgpu.js'

const PAGE_KEY = Symbol.for('vitest-ml-bench.page')
const context: PageContext = {
  models: { dir: '/data/models', url: '/@ml-bench/models/', entries: ['distilbert-sst2-tiny', 'distilbert-sst2-tiny/config.json', 'org', 'org/m'] },
  datasets: { dir: '/data/datasets', url: '/@ml-bench/datasets/', entries: ['sst2-dev.jsonl', 'sub', 'sub/a b.csv'] },
  ort: '/@ml-bench/ort/',
  wasmThreads: 2,
  host: { node: 'v20.20.2', os: 'linux 6.1', arch: 'x64', cpuModel: 'AMD EPYC', cores: 2, cpuLimit: null, totalMemory: 24e9 },
}

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/147.0.7727.55 Safari/537.36'

beforeEach(() => installPageContext(context))
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[PAGE_KEY]
})

describe('the page fingerprint', () => {
  test('browser name and version from user agents', () => {
    expect(browserOf(CHROME)).toEqual({ name: 'chromium', version: '147.0.7727.55' })
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toEqual({ name: 'firefox', version: '128.0' })
    expect(browserOf('Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15')).toEqual({ name: 'webkit', version: '18.1' })
  })

  test("the timer resolution is the smallest positive step performance.now() takes", () => {
    let ticks = 0
    // a clock that steps by 0.1 ms every fourth reading, like Chromium's without cross-origin isolation
    vi.spyOn(performance, 'now').mockImplementation(() => Math.floor(ticks++ / 4) * 0.1)
    expect(timerResolution(5)).toBeCloseTo(0.1, 9)
  })

  test("Node's machine, the browser as runtime, and what the loader noted", () => {
    vi.stubGlobal('navigator', { userAgent: CHROME, hardwareConcurrency: 2 })
    vi.stubGlobal('crossOriginIsolated', true)
    noteBrowserBackend({ wasmThreads: 2, webgpuAdapter: 'google swiftshader (fallback)' })
    const env = envFingerprint()
    expect(env).toMatchObject({ node: 'browser', os: 'linux 6.1', cpuModel: 'AMD EPYC', cores: 2, totalMemory: 24e9 })
    expect(env.runtime).toMatchObject({ name: 'chromium', version: '147.0.7727.55', crossOriginIsolated: true, hardwareConcurrency: 2, wasmThreads: 2, webgpuAdapter: 'google swiftshader (fallback)' })
    expect(env.runtime?.timerResolutionMs).toBeGreaterThan(0)
  })

  test('outside a page the plugin set up, the page functions say how to get one', () => {
    delete (globalThis as Record<symbol, unknown>)[PAGE_KEY]
    expect(() => modelsDir()).toThrow(/mlBench\(\{ browser: \{ instances: \['chromium'\] \} \}\)/)
  })
})

describe('served folders', () => {
  test("modelsDir and datasetsDir are Node's paths; localFileExists answers from the served lists", () => {
    expect(modelsDir()).toBe('/data/models')
    expect(datasetsDir()).toBe('/data/datasets')
    expect(localFileExists('/data/models/distilbert-sst2-tiny')).toBe(true)
    expect(localFileExists('/data/models/distilbert-sst2-tiny/config.json')).toBe(true)
    expect(localFileExists('/data/models')).toBe(true)
    expect(localFileExists('/data/models/nope')).toBe(false)
    expect(localFileExists('/etc/passwd')).toBe(false)
    expect(localFileExists('/data/models-other/distilbert-sst2-tiny')).toBe(false)
  })

  test('a dataset name maps to the URL its folder is served at', () => {
    expect(datasetUrl('/data/datasets/sst2-dev.jsonl')).toBe('/@ml-bench/datasets/sst2-dev.jsonl')
    expect(datasetUrl('sub/a b.csv')).toBe('/@ml-bench/datasets/sub/a%20b.csv')
    expect(datasetUrl('/data/models/org/m/data.json')).toBe('/@ml-bench/models/org/m/data.json')
    expect(datasetUrl('https://example.org/x.jsonl')).toBe('https://example.org/x.jsonl')
    expect(datasetUrl('/@ml-bench/datasets/x.jsonl')).toBe('/@ml-bench/datasets/x.jsonl')
    expect(() => datasetUrl('./local.jsonl')).toThrow(DatasetError)
    expect(() => datasetUrl('/home/me/x.jsonl')).toThrow(/reads datasets over HTTP from the datasets folder the plugin serves \(\/data\/datasets, at \/@ml-bench\/datasets\/\)/)
  })
})

describe('datasets over HTTP', () => {
  const serve = (files: Record<string, string>) =>
    vi.stubGlobal('fetch', async (url: string) => {
      const body = files[url]
      return body === undefined ? new Response('no', { status: 404, statusText: 'Not Found' }) : new Response(body)
    })
  const read = async (name: string, format: 'jsonl' | 'json' | 'csv') => {
    const out = []
    for await (const r of fileRecords(name, format)) out.push(r)
    return out
  }

  test('JSON Lines, JSON and CSV parse as in Node, with the line or item of each record', async () => {
    serve({
      '/@ml-bench/datasets/a.jsonl': '\uFEFF{"text":"x","label":1}\n\n{"text":"y","label":0}\n',
      '/@ml-bench/datasets/a.json': '[{"t":1},{"t":2}]',
      '/@ml-bench/datasets/a.csv': 'text,label\n"a, quoted",1\nb,0\n',
      '/@ml-bench/datasets/a.tsv': 'text\tlabel\nc\t1\n',
    })
    expect(await read('a.jsonl', 'jsonl')).toEqual([
      { record: { text: 'x', label: 1 }, location: { file: 'a.jsonl', line: 1 }, textual: false },
      { record: { text: 'y', label: 0 }, location: { file: 'a.jsonl', line: 3 }, textual: false },
    ])
    expect((await read('a.json', 'json')).map((r) => r.location)).toEqual([{ file: 'a.json', item: 0 }, { file: 'a.json', item: 1 }])
    expect((await read('a.csv', 'csv')).map((r) => r.record)).toEqual([{ text: 'a, quoted', label: '1' }, { text: 'b', label: '0' }])
    expect((await read('a.tsv', 'csv')).map((r) => r.record)).toEqual([{ text: 'c', label: '1' }])
  })

  test('a missing file and malformed lines are DatasetErrors that say where', async () => {
    serve({ '/@ml-bench/datasets/bad.jsonl': '{"ok":1}\n{broken\n' })
    await expect(read('missing.jsonl', 'jsonl')).rejects.toThrow(/fetching \/@ml-bench\/datasets\/missing\.jsonl gave HTTP 404 Not Found/)
    await expect(read('bad.jsonl', 'jsonl')).rejects.toThrow(/bad\.jsonl line 2: malformed JSON/)
  })
})

describe('memory in a page', () => {
  const setHeap = (bytes: number | undefined) => Object.defineProperty(performance, 'memory', { value: bytes === undefined ? undefined : { usedJSHeapSize: bytes }, configurable: true })
  afterEach(() => {
    delete (performance as { memory?: unknown }).memory
  })

  test("the JS heap as pageMemory, never RSS; CPU time NaN (a page cannot see it)", async () => {
    setHeap(10e6)
    const monitor = new ResourceMonitor()
    setHeap(30e6)
    monitor.sample()
    setHeap(12e6)
    const { memory, cpu, pageMemory } = await monitor.stop()
    expect(memory).toBeNull()
    expect(cpu.utilization).toBeNaN()
    expect(pageMemory).toEqual({ jsHeapUsedPeak: 30e6, jsHeapUsedDelta: 2e6, source: 'performance.memory' })
  })

  test("no heap where the browser reports none, and none asked for with memory: false; RSS sources are refused", async () => {
    setHeap(undefined)
    expect((await new ResourceMonitor().stop()).pageMemory).toBeUndefined()
    setHeap(1e6)
    expect((await new ResourceMonitor(false).stop()).pageMemory).toBeUndefined()
    expect(() => new ResourceMonitor('kernel-hwm')).toThrow(/measures a Node process's RSS; a browser page has none/)
  })
})

describe('WebGPU', () => {
  test('Node has none, and says so', async () => {
    expect(await webgpuUnavailableReason()).toMatch(/only in a browser page.*this is Node/)
    expect(await webgpuAdapterName()).toBeNull()
  })
})

describe('what needs Node says so in a page', () => {
  test('loadOnnx, HTTP and worker-pool load targets', async () => {
    await expect(loadOnnx('digits-mlp/model.onnx')).rejects.toThrow(/onnxruntime-node, which exists only in Node.*loadPipeline\(task, model, \{ device: 'wasm' \| 'webgpu' \}\)/)
    await expect(httpDispatcher({ url: 'http://127.0.0.1:1/' }, null)).rejects.toThrow(/HTTP targets .* run from Node/)
    await expect(workerPoolDispatcher({ workerModule: 'x.js' } as never)).rejects.toThrow(/Node worker threads/)
  })
})
