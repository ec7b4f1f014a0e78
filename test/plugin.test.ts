import { describe, expect, test } from 'vitest'
import { mlBench, type MlBenchOptions } from '../src/plugin.js'
import { defaultWasmThreads } from '../src/vitest/browser/server.js'

type AddedConfig = { test: Record<string, unknown>; server?: { headers?: Record<string, string> }; optimizeDeps?: { exclude?: string[] } }

/** What the plugin's config hook adds to a project configured as `user`. */
async function addedConfig(user: { test?: Record<string, unknown> }, options: MlBenchOptions = {}): Promise<AddedConfig> {
  const hook = mlBench(options).config as (config: typeof user) => Promise<AddedConfig>
  return hook(user)
}

/** The test options the plugin's config hook adds. */
async function added(user: { test?: Record<string, unknown> }): Promise<Record<string, unknown>> {
  return (await addedConfig(user)).test
}

describe('mlBench() config', () => {
  test('test and hook timeouts of 120 s where the project sets none (a benchmark alone may take 10 s)', async () => {
    expect(await added({})).toMatchObject({ testTimeout: 120_000, hookTimeout: 120_000 })
    expect(await added({ test: {} })).toMatchObject({ testTimeout: 120_000, hookTimeout: 120_000 })
  })

  test('an explicit timeout wins: the plugin leaves it out, so the merge keeps the user’s', async () => {
    const test = await added({ test: { testTimeout: 5_000, hookTimeout: 0 } })
    expect(test).not.toHaveProperty('testTimeout')
    expect(test).not.toHaveProperty('hookTimeout')
    expect(await added({ test: { testTimeout: 30_000 } })).toMatchObject({ hookTimeout: 120_000 })
  })

  test('test locations on, so a baseline regression found after the test points at its line', async () => {
    expect(await added({})).toMatchObject({ includeTaskLocation: true })
  })

  test('a Node project gets no browser settings, and no COOP/COEP headers', async () => {
    const config = await addedConfig({})
    expect(config.test).not.toHaveProperty('browser')
    expect(config.server).toBeUndefined()
    expect(String((config.test.setupFiles as string[])[1])).toMatch(/gate-setup\.[jt]s$/)
  })

  test("browser: vitest's browser mode on Playwright, isolated pages, the package served module by module, after the Node projects", async () => {
    const config = await addedConfig({}, { browser: { instances: ['chromium'], executablePath: '/opt/chromium' } })
    const browser = config.test.browser as { enabled: boolean; headless: boolean; instances: Array<{ browser: string; provider: { name: string; options: { launchOptions: { executablePath: string; args: string[] } } } }> }
    expect(browser).toMatchObject({ enabled: true, headless: true })
    expect(browser.instances.map((i) => i.browser)).toEqual(['chromium'])
    const launch = browser.instances[0]!.provider.options.launchOptions
    expect(launch.executablePath).toBe('/opt/chromium')
    expect(launch.args).toEqual(expect.arrayContaining(['--enable-precise-memory-info', '--enable-unsafe-webgpu']))
    expect(config.server?.headers).toMatchObject({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' })
    expect(config.optimizeDeps?.exclude).toContain('vitest-ml-bench')
    expect(config.test.sequence).toMatchObject({ groupOrder: 1 })
    expect(String((config.test.setupFiles as string[])[1])).toMatch(/browser[\\/]setup\.[jt]s$/)
    // a group order the project sets stays
    expect((await addedConfig({ test: { sequence: { groupOrder: 5 } } }, { browser: {} })).test.sequence).not.toHaveProperty('groupOrder')
    const noGpu = await addedConfig({}, { browser: { webgpu: false } })
    expect((noGpu.test.browser as typeof browser).instances[0]!.provider.options.launchOptions.args).not.toContain('--enable-unsafe-webgpu')
  })

  test("browser: WASM threads default to onnxruntime-web's own rule and must be a whole number ≥ 1", () => {
    expect([1, 2, 3, 8, 16].map((cpus) => defaultWasmThreads(cpus))).toEqual([1, 1, 2, 4, 4])
    expect(() => mlBench({ browser: { wasmThreads: 0 } })).toThrow(/wasmThreads must be a whole number ≥ 1, got 0/)
    expect(() => mlBench({ browser: { wasmThreads: 1.5 } })).toThrow(/wasmThreads/)
  })
})
