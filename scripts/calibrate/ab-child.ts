/**
 * One side of the cross-process A/B calibration (`ab.ts`): connects to the coordinator like a
 * bench worker of `vitest-ml-bench ab`, and measures the workload `runs` times, each run a
 * measurement the coordinator pairs with the other side's run of the same number.
 *
 *   npx tsx scripts/calibrate/ab-child.ts <socket> <base|head> <workload> <fraction> <runs> [<draw>]
 */
import { connectPairing } from '../../src/vitest/ab-connection.js'
import { functionSliceRunner } from '../../src/measure/benchmark-pair.js'
import { workloadsNamed } from './workloads.js'
import { SKIPPED } from './ab.js'

const [socket, side, name = 'js', fractionArg = '0', runsArg = '1', draw = '0'] = process.argv.slice(2)
if (!socket || (side !== 'base' && side !== 'head')) throw new Error('usage: ab-child.ts <socket> <base|head> <workload> <fraction> <runs>')
const [workload] = await workloadsNamed([name], (line) => console.error(line))
if (!workload) process.exit(SKIPPED)
const fn = workload.make(Number(fractionArg))
const hook = await connectPairing(socket, side, (run) => `\0${run}`)
const runner = functionSliceRunner(fn, { discard: 1 })
for (let run = 0; run < Number(runsArg); run++) await hook.pair(`draw ${draw} run ${run}`, runner, 1000)
process.exit(0)
