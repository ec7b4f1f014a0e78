import type { GenerateFn } from '../../src/measure/generation.js'

/** The fake generator's end-of-sequence id. */
export const EOS = 0

/** Waits on the CPU (a timer could fire late by more than a step lasts). */
function spin(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end);
}

/**
 * A generator with known timing: prefill `prefillMs`, then one step every `stepMs`; row r of a
 * call ends (eos) after `lengths[prompt]` tokens but, as in a real batch, keeps "generating" until
 * the longest row has ended.
 */
export function fakeGenerator(prefillMs: number, stepMs: number, lengths: Record<string, number>): GenerateFn {
  return async (prompts, onStep) => {
    const longest = Math.max(...prompts.map((p) => lengths[p] as number))
    for (let step = 0; step < longest; step++) {
      spin(step === 0 ? prefillMs : stepMs)
      onStep(prompts.map((p) => (step === (lengths[p] as number) - 1 ? EOS : step >= (lengths[p] as number) ? 7 : 100 + step)))
      await Promise.resolve()
    }
    return { texts: prompts.map((p) => `out ${p}`), inputTokens: prompts.map((p) => p.length) }
  }
}
