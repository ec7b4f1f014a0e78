/** What the plugin provides to a browser project's pages (vitest `provide`/`inject`). */
import type { PageContext } from '../../core/page-context.js'

/** Key under which the plugin provides the {@link PageContext}. */
export const PAGE_CONTEXT_KEY = 'mlBenchPage'

/** Key under which the plugin says the page is one side of an A/B run (its measurements then take turns with the other side's). */
export const AB_SIDE_KEY = 'mlBenchAbSide'

declare module 'vitest' {
  interface ProvidedContext {
    mlBenchPage: PageContext
    mlBenchAbSide: boolean
  }
}
