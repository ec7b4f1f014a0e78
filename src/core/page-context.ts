/**
 * What a browser page needs from the Node process that serves it (the plugin's `browser` option):
 * where the dev server serves models, datasets and onnxruntime-web's WASM files, and the machine
 * the browser runs on, which the page cannot see itself. The browser setup file installs it; the
 * browser runtime's loaders, dataset reader and fingerprint read it.
 */

/** The machine that runs the browser, as Node sees it (a page sees neither the CPU model nor the memory). */
export interface HostMachine {
  node: string
  os: string
  arch: string
  cpuModel: string
  cores: number
  cpuLimit: number | null
  totalMemory: number
}

/** A folder of the Node machine served to the page: its path there, and the URL path it is served at (ending in '/'). */
export interface ServedFolder {
  dir: string
  url: string
  /** Every file and folder in it, relative, '/'-separated: a page checks existence against this list. */
  entries: string[]
}

/** See the module comment. */
export interface PageContext {
  /** The models folder (`ML_BENCH_MODELS_DIR`); null when the variable is unset. */
  models: ServedFolder | null
  /** The datasets folder (`ML_BENCH_DATASETS_DIR`, or `datasets/` beside the models); null when there is none. */
  datasets: ServedFolder | null
  /** URL path of onnxruntime-web's dist folder (its .wasm and .mjs files), ending in '/'. */
  ort: string
  /** Threads onnxruntime-web's WASM backend is to use (1 without cross-origin isolation). */
  wasmThreads: number
  host: HostMachine
}

/** URL paths the plugin's dev-server middleware serves (see {@link PageContext}). */
export const SERVED_PATHS = { models: '/@ml-bench/models/', datasets: '/@ml-bench/datasets/', ort: '/@ml-bench/ort/' } as const

// On globalThis, like the sink: the setup file and a bench file may load this package through different paths.
const PAGE = Symbol.for('vitest-ml-bench.page')
type PageHolder = { [PAGE]?: PageContext }

/** Installs the page context (the browser setup file does, from what the plugin provided). */
export function installPageContext(context: PageContext): void {
  ;(globalThis as PageHolder)[PAGE] = context
}

/** Whether this code runs in a page the plugin set up (the browser setup file installed a context). */
export function inPage(): boolean {
  return (globalThis as PageHolder)[PAGE] !== undefined
}

/** The page context; throws, saying how to get one, outside a page the plugin set up. */
export function pageContext(): PageContext {
  const context = (globalThis as PageHolder)[PAGE]
  if (!context) {
    throw new Error(
      "vitest-ml-bench's browser runtime runs in a vitest browser project set up by the plugin: mlBench({ browser: { instances: ['chromium'] } }) (README, \"In the browser\").",
    )
  }
  return context
}
