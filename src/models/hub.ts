/** A quick check that the Hugging Face hub answers, so a bench can skip with a reason instead of hanging. */
import { env } from '@huggingface/transformers'
import { parseDuration, type Duration } from '../core/units.js'

/** Outcome of {@link probeHub}. */
export type HubProbe = { reachable: true } | { reachable: false; reason: string }

/**
 * Asks the hub (transformers.js's `env.remoteHost`) for `modelId`'s metadata within `timeout`
 * [3 s]. Any HTTP answer below 500 counts as reachable (a private model still means the network
 * works); a timeout, DNS or connection error does not.
 */
export async function probeHub(modelId: string, timeout: Duration = 3000): Promise<HubProbe> {
  const url = new URL(`api/models/${modelId}`, env.remoteHost).toString()
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(parseDuration(timeout)) })
    if (response.status < 500) return { reachable: true }
    return { reachable: false, reason: `${url} answered HTTP ${response.status}` }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code
    const message = error instanceof Error ? error.message : String(error)
    return { reachable: false, reason: `${url} is unreachable: ${cause ?? message}` }
  }
}
