/** The `ab` command's arguments (the `vitest-ml-bench` CLI dispatches here). */
import { parseArgs } from 'node:util'
import { parseDuration, parseFraction } from '../core/units.js'
import { runAb } from './run-ab.js'

export const AB_USAGE = `Usage: vitest-ml-bench ab --base <ref> [options] [-- <vitest run arguments>]

Measures the working tree (head) against the merge base of HEAD and <ref> (base): checks the base
out into a worktree under node_modules/.cache, runs the same benches in both trees at once, and
measures every benchmark both have in interleaved slices (ABBA) on the same machine at the same
moments. Exits 1 when a result regressed, 2 when the run could not be made.

Options:
  --base <ref>        commit, branch or tag to compare with (e.g. origin/main)     [required]
  --tolerance <pct>   change of a median latency that counts                       [5%]
  --budget <time>     longest a paired measurement may take (it stops when decided) [10s]
  --slice <time>      length of one slice                                          [10ms]
  --out <dir>         report directory                                             [ml-bench-report]
  --cpus <list|all>   CPUs both sides run on (taskset -c list)                      [the last CPU]
  --keep-worktree     leave the base worktree in place afterwards

Example: npx vitest-ml-bench ab --base origin/main -- --project bench`

/** Parses `args` (after 'ab') and runs the A/B comparison; returns the exit code. */
export async function abCommand(args: readonly string[], io: { log(text: string): void; error(text: string): void; cwd: string }): Promise<number> {
  const split = args.indexOf('--')
  const own = split < 0 ? args : args.slice(0, split)
  const vitestArgs = split < 0 ? [] : args.slice(split + 1)
  let values: { base?: string; tolerance?: string; budget?: string; slice?: string; out?: string; cpus?: string; 'keep-worktree'?: boolean }
  try {
    ;({ values } = parseArgs({
      args: [...own],
      options: {
        base: { type: 'string' },
        tolerance: { type: 'string' },
        budget: { type: 'string' },
        slice: { type: 'string' },
        out: { type: 'string', short: 'o' },
        cpus: { type: 'string' },
        'keep-worktree': { type: 'boolean' },
      },
      strict: true,
    }))
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${AB_USAGE}`)
    return 2
  }
  if (!values.base) {
    io.error(`vitest-ml-bench ab: --base is required: the ref to compare with, e.g. --base origin/main.\n\n${AB_USAGE}`)
    return 2
  }
  let tolerance: number
  let budgetMs: number | undefined
  let sliceMs: number | undefined
  try {
    tolerance = parseFraction(values.tolerance ?? '5%')
    budgetMs = values.budget === undefined ? undefined : parseDuration(values.budget)
    sliceMs = values.slice === undefined ? undefined : parseDuration(values.slice)
  } catch (error) {
    io.error(`vitest-ml-bench ab: ${(error as Error).message}`)
    return 2
  }
  return runAb({
    base: values.base,
    vitestArgs,
    out: values.out ?? 'ml-bench-report',
    tolerance,
    budgetMs,
    sliceMs,
    keepWorktree: values['keep-worktree'] === true,
    ...(values.cpus === undefined ? {} : { cpus: values.cpus }),
    cwd: io.cwd,
    log: io.log,
    error: io.error,
  })
}
