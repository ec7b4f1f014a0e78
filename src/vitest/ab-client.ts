/**
 * Setup file of an A/B run's side (the plugin adds it when `vitest-ml-bench ab` started this
 * vitest process): connects the test worker to the coordinator and installs the pairing hook
 * (`ab-connection.ts`), so every measurement of this side runs when, and for as long as, the
 * coordinator says.
 */
import path from 'node:path'
import { TestRunner, type RunnerTestCase } from 'vitest'
import { AB_ENV, installPairing } from '../core/pairing.js'
import { entryKey } from '../core/result-key.js'
import { connectPairing } from './ab-connection.js'
import { suiteOf } from './record.js'

/** 'benches/x.bench.ts\0suite › test › name' of a result of the running test. */
function keyOf(name: string): string {
  const test = TestRunner.getCurrentTest() as RunnerTestCase | undefined
  if (!test) return `\0${name}`
  const file = path.relative(process.cwd(), test.file.filepath).split(path.sep).join('/')
  return `${file}\0${entryKey(suiteOf(test), test.name, name)}`
}

const socketPath = process.env[AB_ENV.socket]
const side = process.env[AB_ENV.side]
if (socketPath && (side === 'base' || side === 'head')) installPairing(await connectPairing(socketPath, side, keyOf))
