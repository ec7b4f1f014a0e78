import { execFileSync } from 'node:child_process'
import { createWriteStream, readdirSync, readlinkSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DatasetError, readDataset, type DatasetOptions, type DatasetSource, type Example } from '../../src/index.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ml-bench-datasets-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function file(name: string, text: string): Promise<string> {
  const target = path.join(dir, name)
  await writeFile(target, text)
  return target
}

async function all(source: DatasetSource, options?: DatasetOptions): Promise<Example[]> {
  const out: Example[] = []
  for await (const example of readDataset(source, options)) out.push(example)
  return out
}

async function failure(source: DatasetSource, options?: DatasetOptions): Promise<DatasetError> {
  try {
    await all(source, options)
  } catch (error) {
    if (error instanceof DatasetError) return error
    throw error
  }
  throw new Error('expected reading to fail')
}

describe('in-memory sources', () => {
  test('an array of { input, label } passes through', async () => {
    const data = [
      { input: 'a', label: 1 },
      { input: 'b', label: 0 },
    ]
    expect(await all(data)).toEqual(data)
  })

  test('an async iterable of records with field mapping and a label function', async () => {
    async function* records() {
      yield { text: 'good', sentiment: 'pos' }
      yield { text: 'bad', sentiment: 'neg' }
    }
    const examples = await all(records(), { fields: { input: 'text', label: 'sentiment' }, labelMap: (raw) => (raw === 'pos' ? 1 : 0) })
    expect(examples).toEqual([
      { input: 'good', label: 1 },
      { input: 'bad', label: 0 },
    ])
  })

  test('targets are read for regression, and a record item index locates errors', async () => {
    expect(await all([{ input: [1, 2], target: 3.5 }])).toEqual([{ input: [1, 2], target: 3.5 }])
    const error = await failure([{ input: 1, target: 2 }, { input: 1, target: 'x' }], { task: 'regression' })
    expect(error.message).toBe('dataset item 1: target "x" in field "target" is not a finite number')
  })
})

describe('.jsonl files', () => {
  test('dotted field paths, label mapping table, filter and limit', async () => {
    const target = await file(
      'nested.jsonl',
      [
        { meta: { text: 'one' }, y: 'POSITIVE', split: 'test' },
        { meta: { text: 'two' }, y: 'NEGATIVE', split: 'train' },
        {},
        { meta: { text: 'three' }, y: 'NEGATIVE', split: 'test' },
        { meta: { text: 'four' }, y: 'POSITIVE', split: 'test' },
      ]
        .map((r, i) => (i === 2 ? '' : JSON.stringify(r)))
        .join('\n'),
    )
    const options: DatasetOptions = {
      fields: { input: 'meta.text', label: 'y' },
      labelMap: { POSITIVE: 1, NEGATIVE: 0 },
      filter: { split: 'test' },
      limit: 2,
    }
    expect(await all(target, options)).toEqual([
      { input: 'one', label: 1 },
      { input: 'three', label: 0 },
    ])
  })

  test('a list of input fields gives an array of their values; array elements are paths too', async () => {
    const target = await file('multi.jsonl', `${JSON.stringify({ a: 1, b: 2, pixels: [7, 8], label: 'x' })}\n`)
    expect(await all(target, { fields: { input: ['a', 'b', 'pixels.1'] } })).toEqual([{ input: [1, 2, 8], label: 'x' }])
  })

  test('a malformed line is reported with the file and its line number', async () => {
    const target = await file('broken.jsonl', '{"input": 1, "label": 0}\n\n{"input": 2, "label": 1\n{"input": 3, "label": 0}\n')
    const error = await failure(target)
    expect(error.location).toEqual({ file: target, line: 3 })
    expect(error.message).toMatch(new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 3: malformed JSON \\(.+\\): \\{"input": 2, "label": 1$`))
  })

  test('a missing field names the file, line and field, and lists the fields present', async () => {
    const target = await file('missing.jsonl', '{"text": "a", "label": 0}\n{"text": "b"}\n')
    const error = await failure(target, { fields: { input: 'text' } })
    expect(error.field).toBe('label')
    expect(error.message).toBe(`${target} line 2: missing field "label" (fields present: text)`)
  })

  test('an unknown label lists the known labels, and says when only the type differs', async () => {
    const target = await file('labels.jsonl', '{"input": 1, "label": 0}\n{"input": 2, "label": 7}\n{"input": 3, "label": "1"}\n')
    const unknown = await failure(target, { labels: [0, 1], limit: 2 })
    expect(unknown.message).toBe(`${target} line 2: label 7 is not one of the known labels [0, 1]`)
    const typed = await failure(target, { labels: [0, 1, 7] })
    expect(typed.message).toContain('line 3: label "1" is not one of the known labels [0, 1, 7] (the known 1 is a number, this label a string; map it with labelMap)')
  })

  test('a label missing from the mapping table names the table keys', async () => {
    const target = await file('unmapped.jsonl', '{"input": 1, "label": "POS"}\n{"input": 1, "label": "NEUTRAL"}\n')
    const error = await failure(target, { labelMap: { POS: 1, NEG: 0 } })
    expect(error.message).toBe(`${target} line 2: label "NEUTRAL" is not in labelMap (keys: ["POS", "NEG"])`)
  })

  test('streams: the first example arrives while the writer has not finished the file', async () => {
    const fifo = path.join(dir, 'stream.jsonl')
    execFileSync('mkfifo', [fifo])
    const iterator = readDataset(fifo)[Symbol.asyncIterator]()
    const first = iterator.next()
    const writer = createWriteStream(fifo)
    writer.write('{"input": "first", "label": 1}\n')
    // were the reader to wait for the whole file, this would time out: the writer is still open
    expect((await first).value).toEqual({ input: 'first', label: 1 })
    writer.end('{"input": "second", "label": 0}\n')
    expect((await iterator.next()).value).toEqual({ input: 'second', label: 0 })
    expect((await iterator.next()).done).toBe(true)
  }, 10_000)

  test('reads a generated 100,000-line file in order; stopping early closes it', async () => {
    const n = 100_000
    const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ input: [i, i * 2], label: i % 3 }))
    const target = await file('large.jsonl', `${lines.join('\n')}\n`)
    let count = 0
    let labelSum = 0
    let outOfOrder = 0
    for await (const example of readDataset(target)) {
      if ((example.input as number[])[0] !== count) outOfOrder++
      if ('label' in example) labelSum += example.label as number
      count++
    }
    expect(count).toBe(n)
    expect(outOfOrder).toBe(0)
    // 33,333 full cycles of 0 + 1 + 2, then i = 99,999 with label 0
    expect(labelSum).toBe(99_999)

    const openOnTarget = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === target
      } catch {
        return false // the fd closed while listing
      }
    }).length
    const iterator = readDataset(target)[Symbol.asyncIterator]()
    await iterator.next()
    expect(openOnTarget()).toBe(1)
    await iterator.return(undefined)
    await new Promise((resolve) => setTimeout(resolve, 50)) // the close completes on the thread pool
    expect(openOnTarget()).toBe(0)
  })
})

describe('.json and .csv files', () => {
  test('a .json array of records; anything else is a clear error', async () => {
    const target = await file('records.json', JSON.stringify([{ input: 'x', label: 'a' }, { input: 'y' }]))
    const error = await failure(target)
    expect(error.message).toBe(`${target} item 1: missing field "label" (fields present: input)`)
    const object = await file('object.json', '{"rows": []}')
    expect((await failure(object)).message).toMatch(/expected a JSON array of records, got object; use .jsonl/)
  })

  test('CSV: quoted commas, quotes and newlines; numeric labels and input lists become numbers', async () => {
    const target = await file(
      'reviews.csv',
      'text,label,f1,f2\n"Good, really ""good""",1,0.5,2\n"two\nlines",0,-1,3\nplain,neutral,01,x\n',
    )
    expect(await all(target, { fields: { input: 'text' } })).toEqual([
      { input: 'Good, really "good"', label: 1 },
      { input: 'two\nlines', label: 0 },
      { input: 'plain', label: 'neutral' },
    ])
    // '01' and 'x' are not canonical numbers, so they stay text
    expect((await all(target, { fields: { input: ['f1', 'f2'] } })).map((e) => e.input)).toEqual([
      [0.5, 2],
      [-1, 3],
      ['01', 'x'],
    ])
  })

  test('CSV: targets are parsed as numbers, filter values compare as text, TSV by extension', async () => {
    const target = await file('houses.tsv', 'rooms\tprice\tfold\n3\t250000\t1\n4\t310000\t2\n')
    expect(await all(target, { fields: { input: ['rooms'], target: 'price' }, filter: { fold: 2 } })).toEqual([{ input: [4], target: 310000 }])
  })

  test('CSV: a row with the wrong number of cells is reported with its line', async () => {
    const target = await file('ragged.csv', 'input,label\na,1\nb\n')
    const error = await failure(target)
    expect(error.location.line).toBe(3)
    expect(error.message).toMatch(/ragged\.csv line 3: malformed CSV: .*record length/i)
  })

  test('missing files and unknown formats say what to do', async () => {
    expect((await failure(path.join(dir, 'nope.jsonl'))).message).toMatch(/nope\.jsonl: file not found at .+nope\.jsonl\. Pass an absolute path/)
    const parquet = await file('data.parquet', '')
    expect((await failure(parquet)).message).toMatch(/data\.parquet: unknown dataset format; use a \.jsonl, \.ndjson, \.json, \.csv, \.tsv file or pass the format option/)
    expect(await all(parquet, { format: 'jsonl' })).toEqual([])
  })
})
