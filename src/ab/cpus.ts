/**
 * Both sides of an A/B run on the same CPU. The scheduler keeps each process on the CPU it last ran
 * on, and a shared VM's vCPUs can run native code at speeds of their own (the host's other tenants
 * slow vector work more than a pure-JS loop): one side's onnxruntime calls ran steadily 34 % faster,
 * another's 54 % slower, for a whole measurement. Measured here (digits-mlp batch 8 and a
 * transformers.js pipeline, A/A across fresh process pairs): the head/base ratio's SD was 12–14 %
 * with the sides free to run anywhere (40 runs), 0.5–1.6 % with both pinned to one CPU (100 runs), noise on or off.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { AbError } from './worktree.js'

/** Where the sides run: `cpus` for `taskset -c` (null: anywhere), and a line for the log. */
export interface CpuPlacement {
  cpus: string | null
  note: string
}

/** The CPUs this process may run on (Linux `Cpus_allowed_list`), expanded; undefined where unknown. */
export function allowedCpus(status = readStatus()): number[] | undefined {
  const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(status ?? '')?.[1]
  if (!list) return undefined
  const cpus: number[] = []
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?]
    if (!Number.isInteger(from) || !Number.isInteger(to)) return undefined
    for (let c = from; c <= to; c++) cpus.push(c)
  }
  return cpus
}

function readStatus(): string | undefined {
  try {
    return readFileSync('/proc/self/status', 'utf8')
  } catch {
    return undefined
  }
}

const hasTaskset = () => spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0

/**
 * Resolves `--cpus`: 'all' leaves the sides free; a list (`3`, `2-3`) pins both to it; unset pins
 * both to the last CPU this process may use. Pinning needs Linux's `taskset` (util-linux); without
 * it the sides run anywhere and the note says what that costs.
 */
export function placeSides(request: string | undefined, probe: { cpus?: number[]; taskset?: boolean } = {}): CpuPlacement {
  if (request === 'all') return { cpus: null, note: 'both sides may run on any CPU (--cpus all)' }
  if (request !== undefined && !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(request)) {
    throw new AbError(`vitest-ml-bench ab: --cpus must be a CPU list such as 3, 2-3 or 0,2 (as taskset -c takes it), or all; got "${request}"`)
  }
  const cpus = request ?? probe.cpus?.at(-1)?.toString() ?? allowedCpus()?.at(-1)?.toString()
  if (cpus === undefined || !(probe.taskset ?? hasTaskset())) {
    return { cpus: null, note: 'both sides may run on any CPU (taskset not found): timings of native code can differ between the two processes' }
  }
  return { cpus, note: `both sides run on CPU ${cpus}` }
}

/** `command args` as spawned on `cpus` (through taskset, which execs it: same pid, same process group). */
export function onCpus(cpus: string | null, command: string, args: readonly string[]): [string, string[]] {
  return cpus === null ? [command, [...args]] : ['taskset', ['-c', cpus, command, ...args]]
}
