/**
 * The fingerprint in a browser page (the browser twin of `fingerprint.ts`: the plugin's browser
 * project loads this file wherever the package imports that one). The machine comes from the Node
 * process that serves the page; the runtime is the browser: its name and version, cross-origin
 * isolation, the timer resolution seen, and the WASM threads and WebGPU adapter in use.
 */
import { pageContext } from '../core/page-context.js'
import { notedRuntimes } from './runtimes.js'
import type { EnvFingerprint, RuntimeInfo } from '../results/env.js'

export { noteRuntime } from './runtimes.js'

/** The browser's name and version from its user agent ('chromium', 'firefox', 'webkit'). */
export function browserOf(userAgent: string): { name: string; version: string } {
  const firefox = /Firefox\/([\d.]+)/.exec(userAgent)
  if (firefox) return { name: 'firefox', version: firefox[1]! }
  const chrome = /(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/.exec(userAgent)
  if (chrome) return { name: 'chromium', version: chrome[1]! }
  const safari = /Version\/([\d.]+).*Safari/.exec(userAgent)
  return { name: 'webkit', version: safari?.[1] ?? 'unknown' }
}

/**
 * The smallest positive step between consecutive `performance.now()` readings over `budgetMs`:
 * the timer's resolution as this page sees it (browsers coarsen it, more so without isolation).
 */
export function timerResolution(budgetMs = 20): number {
  let smallest = Number.POSITIVE_INFINITY
  const start = performance.now()
  let previous = start
  while (previous - start < budgetMs) {
    const now = performance.now()
    const step = now - previous
    if (step > 0 && step < smallest) smallest = step
    previous = now
  }
  return smallest
}

/** The parts of a page's globals read here (the package is type-checked without the DOM library). */
interface PageGlobals {
  navigator: { userAgent: string; hardwareConcurrency: number }
  crossOriginIsolated?: boolean
}

let resolution: number | undefined
const extras: Pick<RuntimeInfo, 'wasmThreads' | 'webgpuAdapter'> = {}

/** Notes what the browser loader set up (`loadPipeline` in a page): WASM threads, the WebGPU adapter. */
export function noteBrowserBackend(backend: Pick<RuntimeInfo, 'wasmThreads' | 'webgpuAdapter'>): void {
  Object.assign(extras, backend)
}

/** This page's browser ('chromium', …): part of every result's key (see `entryKey`). */
export function pageBrowserName(): string {
  return browserOf((globalThis as unknown as PageGlobals).navigator.userAgent).name
}

/** This page's runtime; the timer resolution is measured once, the first time. */
export function browserRuntime(): RuntimeInfo {
  resolution ??= timerResolution()
  const { navigator, crossOriginIsolated } = globalThis as unknown as PageGlobals
  return {
    ...browserOf(navigator.userAgent),
    crossOriginIsolated: crossOriginIsolated === true,
    timerResolutionMs: resolution,
    hardwareConcurrency: navigator.hardwareConcurrency,
    wasmThreads: extras.wasmThreads ?? pageContext().wasmThreads,
    ...(extras.webgpuAdapter !== undefined ? { webgpuAdapter: extras.webgpuAdapter } : {}),
    userAgent: navigator.userAgent,
  }
}

/** The fingerprint of this page and the machine it runs on, now. */
export function envFingerprint(): EnvFingerprint {
  const { host } = pageContext()
  return { ...host, node: 'browser', runtime: browserRuntime(), packages: notedRuntimes() }
}
