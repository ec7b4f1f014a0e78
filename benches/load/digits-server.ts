/**
 * A minimal model server for the HTTP load bench, run as its own process:
 * `node --import tsx benches/load/digits-server.ts <model.onnx>`. POST /predict with
 * `{"pixels": [64 numbers]}` answers `{"label": 0-9}`; it listens on 127.0.0.1, on a free port it
 * prints as `listening <port>`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import ort from 'onnxruntime-node'
import { loadOnnx } from '../../src/index.js'

const file = process.argv[2]
if (!file) throw new Error('usage: digits-server.ts <path to digits-mlp/model.onnx>')
const model = await loadOnnx(file, { intraOpNumThreads: 1 })

async function predict(body: string): Promise<number> {
  const pixels = (JSON.parse(body) as { pixels?: unknown }).pixels
  if (!Array.isArray(pixels) || pixels.length !== 64) throw new Error('expected {"pixels": [64 numbers]}')
  const input = new ort.Tensor('float32', Float32Array.from(pixels as number[]), [1, 64])
  const logits = (await model.run({ input })).logits?.data as Float32Array
  let best = 0
  for (let i = 1; i < logits.length; i++) if ((logits[i] as number) > (logits[best] as number)) best = i
  return best
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/predict') {
    res.writeHead(404).end('POST /predict')
    return
  }
  let body = ''
  req.setEncoding('utf8')
  req.on('data', (chunk: string) => (body += chunk))
  req.on('end', () => {
    predict(body).then(
      (label) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ label })),
      (error: unknown) => res.writeHead(400).end(error instanceof Error ? error.message : String(error)),
    )
  })
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
