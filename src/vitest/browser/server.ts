/**
 * The dev server side of the browser runtime (Node): serves the models and datasets folders and
 * onnxruntime-web's WASM files to the page, cross-origin isolated, and swaps each module of this
 * package that needs Node for its `.browser` twin when the page imports it.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SERVED_PATHS, type PageContext, type ServedFolder } from '../../core/page-context.js'
import { hostMachine } from '../../measure/fingerprint.js'
import { datasetsDir, modelsDir } from '../../models/model-location.js'

/**
 * Cross-origin isolation: with it, `performance.now()` steps in 5 µs instead of 100 µs, and
 * SharedArrayBuffer (WASM threads) exists. Every response the page loads must carry these.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.wasm': 'application/wasm',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
}

/** onnxruntime-web's default WASM threads for `cpus` CPUs (its `env.wasm.numThreads` default). */
export function defaultWasmThreads(cpus: number = os.availableParallelism()): number {
  return Math.min(4, Math.ceil(cpus / 2))
}

/** onnxruntime-web's dist folder, as installed beside transformers.js (offline: never a CDN). */
export function onnxruntimeWebDist(): string {
  const fromTransformers = createRequire(createRequire(import.meta.url).resolve('@huggingface/transformers'))
  // onnxruntime-web exports no package.json; its main entry lives in dist/
  return path.dirname(fromTransformers.resolve('onnxruntime-web'))
}

/** How deep {@link folderEntries} walks: model folders nest a few levels (org/model/onnx), and a symlink loop must end. */
const MAX_DEPTH = 8

/** Every file and folder under `dir`, relative and '/'-separated, through symlinks (what a page may check for). */
export function folderEntries(dir: string): string[] {
  const out: string[] = []
  const walk = (relative: string, depth: number) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const rel = relative ? `${relative}/${entry.name}` : entry.name
      out.push(rel)
      // a model folder linked in (ln -s ../shared/models/x) is walked like a real one
      const folder = entry.isDirectory() || (entry.isSymbolicLink() && existsSync(path.join(dir, rel)) && statSync(path.join(dir, rel)).isDirectory())
      if (folder && depth < MAX_DEPTH) walk(rel, depth + 1)
    }
  }
  walk('', 1)
  return out.sort()
}

function served(dir: string | undefined, url: string): ServedFolder | null {
  return dir && existsSync(dir) ? { dir, url, entries: folderEntries(dir) } : null
}

/** What the page is told (see {@link PageContext}). */
export function pageContextFor(wasmThreads: number): PageContext {
  return {
    models: served(modelsDir(), SERVED_PATHS.models),
    datasets: served(datasetsDir(), SERVED_PATHS.datasets),
    ort: SERVED_PATHS.ort,
    wasmThreads,
    host: hostMachine(),
  }
}

type Next = (error?: unknown) => void

/**
 * The middleware serving `mounts` (URL prefix → folder) as raw files, never transformed by Vite,
 * with the isolation headers; a path that escapes its folder is refused.
 */
export function staticFiles(mounts: ReadonlyArray<readonly [prefix: string, dir: string | undefined]>) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '')
    const mount = mounts.find(([prefix, dir]) => dir !== undefined && url.startsWith(prefix))
    if (!mount) return next()
    const root = path.resolve(mount[1] as string)
    const file = path.resolve(root, `.${url.slice(mount[0].length - 1)}`)
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value)
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.statusCode = 403
      res.end('outside the served folder')
      return
    }
    let size: number
    try {
      const info = statSync(file)
      if (!info.isFile()) throw new Error('not a file')
      size = info.size
    } catch {
      res.statusCode = 404
      res.end(`${url} not found in ${root}`)
      return
    }
    res.setHeader('Content-Type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
    res.setHeader('Content-Length', size)
    res.setHeader('Cache-Control', 'no-cache')
    createReadStream(file).pipe(res)
  }
}

/** This package's root: the nearest folder above this file whose package.json names it. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json')) || !readFileSync(path.join(dir, 'package.json'), 'utf8').includes('"name": "vitest-ml-bench"')) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('vitest-ml-bench: cannot find its own package.json above ' + fileURLToPath(import.meta.url))
    dir = parent
  }
  return dir
}

/** What this package imports in a page, for Vite to bundle up front (found mid-run, Vite would reload the page). */
const PAGE_DEPENDENCIES = ['@huggingface/transformers', 'tinybench', 'csv-parse/browser/esm/sync', '@noble/hashes/sha2.js', '@noble/hashes/utils.js']

/**
 * `optimizeDeps.include` entries for {@link PAGE_DEPENDENCIES}. The package itself is served
 * unbundled, so Vite resolves these from the project root unless told they are the package's own:
 * a dependency npm nested under it (vitest depends on tinybench 2, this package on 6) is named
 * `vitest-ml-bench > dep`, so the page gets the version this package was built against.
 */
export function pageDependencyIds(root: string = packageRoot()): string[] {
  return PAGE_DEPENDENCIES.map((id) => {
    const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : (id.split('/')[0] as string)
    // installed as a dependency (inside node_modules), with its own copy of `name` beneath it
    const nested = root.split(path.sep).includes('node_modules') && existsSync(path.join(root, 'node_modules', name))
    return nested ? `vitest-ml-bench > ${id}` : id
  })
}

/** This package's code folder: src/ from source, dist/src/ when built. */
const CODE_DIR = fileURLToPath(new URL('../../', import.meta.url))

const twins = new Map<string, string | null>()

/**
 * The `.browser` twin of a resolved module of this package (`fingerprint.ts` → `fingerprint.browser.ts`),
 * or null when it has none (then the module is browser-safe as it is).
 */
export function browserTwin(resolvedId: string): string | null {
  const file = resolvedId.split('?')[0] as string
  if (!file.startsWith(CODE_DIR) || /\.browser\.[cm]?[jt]s$/.test(file)) return null
  let twin = twins.get(file)
  if (twin === undefined) {
    const candidate = file.replace(/\.([cm]?[jt]s)$/, '.browser.$1')
    twin = candidate !== file && existsSync(candidate) ? candidate : null
    twins.set(file, twin)
  }
  return twin
}
