/**
 * The dev server side of the browser runtime: raw files under their mounts with the isolation
 * headers, nothing outside them; folder listings through symlinks; what the page is told.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { folderEntries, onnxruntimeWebDist, pageContextFor, pageDependencyIds, staticFiles } from '../../src/vitest/browser/server.js'

const root = mkdtempSync(path.join(tmpdir(), 'ml-bench-served-'))
const models = path.join(root, 'models')
const elsewhere = path.join(root, 'elsewhere')
mkdirSync(path.join(models, 'org'), { recursive: true })
mkdirSync(path.join(elsewhere, 'onnx'), { recursive: true })
writeFileSync(path.join(models, 'config.json'), '{"a":1}')
writeFileSync(path.join(elsewhere, 'onnx', 'model.onnx'), 'bytes')
writeFileSync(path.join(root, 'secret.txt'), 'secret')
symlinkSync(elsewhere, path.join(models, 'org', 'linked'), 'dir')
afterAll(() => rmSync(root, { recursive: true, force: true }))

let server: Server
let port = 0
beforeAll(async () => {
  const files = staticFiles([
    ['/@ml-bench/models/', models],
    ['/@ml-bench/datasets/', undefined],
  ])
  server = createServer((req, res) => files(req, res, () => res.writeHead(418).end('next')))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function get(urlPath: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: urlPath }, (res) => {
      let body = ''
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
      .on('error', reject)
      .end()
  })
}

describe('staticFiles', () => {
  test('a file under its mount, raw, cross-origin isolated, with its content type', async () => {
    const res = await get('/@ml-bench/models/config.json')
    expect(res).toMatchObject({ status: 200, body: '{"a":1}' })
    expect(res.headers).toMatchObject({
      'content-type': 'application/json',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    })
    expect((await get('/@ml-bench/models/org/linked/onnx/model.onnx')).body).toBe('bytes')
  })

  test('nothing outside the folder, a 404 for what is missing, other paths passed on', async () => {
    expect((await get('/@ml-bench/models/..%2Fsecret.txt')).status).toBe(403)
    expect((await get('/@ml-bench/models/%2E%2E/%2E%2E/secret.txt')).status).toBe(403)
    expect(await get('/@ml-bench/models/nope.json')).toMatchObject({ status: 404 })
    expect(await get('/@ml-bench/models/org')).toMatchObject({ status: 404 })
    // an unset folder serves nothing: the request goes on to Vite
    expect(await get('/@ml-bench/datasets/x.jsonl')).toMatchObject({ status: 418, body: 'next' })
    expect(await get('/src/index.ts')).toMatchObject({ status: 418 })
  })
})

describe('what the page is told', () => {
  test('folder entries, through a linked model folder', () => {
    expect(folderEntries(models)).toEqual(['config.json', 'org', 'org/linked', 'org/linked/onnx', 'org/linked/onnx/model.onnx'])
  })

  test("the served folders with their entries, onnxruntime-web's files, Node's machine", () => {
    vi.stubEnv('ML_BENCH_MODELS_DIR', models)
    vi.stubEnv('ML_BENCH_DATASETS_DIR', path.join(root, 'no-such-folder'))
    const context = pageContextFor(3)
    expect(context.models).toMatchObject({ dir: models, url: '/@ml-bench/models/' })
    expect(context.models?.entries).toContain('org/linked/onnx/model.onnx')
    expect(context.datasets).toBeNull()
    expect(context).toMatchObject({ ort: '/@ml-bench/ort/', wasmThreads: 3, host: { node: process.version, cores: expect.any(Number) } })
    expect(onnxruntimeWebDist()).toMatch(/onnxruntime-web[\\/]dist$/)
  })
})

describe('page dependencies for Vite to bundle', () => {
  test("the package's own copy of a dependency npm nested under it, when installed; plain names in its own repository", () => {
    const installed = path.join(root, 'app', 'node_modules', 'vitest-ml-bench')
    mkdirSync(path.join(installed, 'node_modules', 'tinybench'), { recursive: true })
    expect(pageDependencyIds(installed)).toEqual([
      '@huggingface/transformers',
      'vitest-ml-bench > tinybench',
      'csv-parse/browser/esm/sync',
      '@noble/hashes/sha2.js',
      '@noble/hashes/utils.js',
    ])
    expect(pageDependencyIds(path.resolve(import.meta.dirname, '../..'))).not.toContainEqual(expect.stringContaining('>'))
  })
})
