/**
 * The dev server side of the browser runtime (Node): serves the models and datasets folders and
 * onnxruntime-web's WASM files to the page, cross-origin isolated, and swaps each module of this
 * package that needs Node for its `.browser` twin when the page imports it.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
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

/** onnxruntime-web's dist folder, as installed beside transformers.js (offline: never a CDN). */
export function onnxruntimeWebDist(): string {
  const fromTransformers = createRequire(createRequire(import.meta.url).resolve('@huggingface/transformers'))
  // onnxruntime-web exports no package.json; its main entry lives in dist/
  return path.dirname(fromTransformers.resolve('onnxruntime-web'))
}

/** Every file and folder under `dir`, relative and '/'-separated (what a page may check for). */
export function folderEntries(dir: string): string[] {
  const out: string[] = []
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const rel = relative ? `${relative}/${entry.name}` : entry.name
      out.push(rel)
      if (entry.isDirectory()) walk(rel)
    }
  }
  walk('')
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
