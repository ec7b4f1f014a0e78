/** What the plugin provides to a browser project's pages (vitest `provide`/`inject`). */
import type { PageContext } from '../../core/page-context.js'

/** Key under which the plugin provides the {@link PageContext}. */
export const PAGE_CONTEXT_KEY = 'mlBenchPage'

declare module 'vitest' {
  interface ProvidedContext {
    mlBenchPage: PageContext
  }
}
