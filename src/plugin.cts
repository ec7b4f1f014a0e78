/**
 * `vitest-ml-bench/plugin` for CommonJS projects (`"type": "commonjs"`, what `npm init -y` writes).
 * Vite bundles such a project's `vitest.config.ts` to CommonJS and `require`s its imports, and the
 * plugin's code is ESM. So this entry, like Vitest's own `vitest/config`, has a `require` build: a
 * plugin whose hooks load the ESM plugin with `import()` on first use (Vite and Vitest await both
 * hooks), which works on every Node version the package supports.
 */
import type {
  MlBenchBrowserName as BrowserName,
  MlBenchBrowserOptions as BrowserOptions,
  MlBenchOptions as Options,
} from './plugin.js' with { 'resolution-mode': 'import' }
import type { Vite } from 'vitest/node' with { 'resolution-mode': 'import' }

// `export =` of a namespace: what CommonJS code (and TypeScript checking it) sees as named exports
namespace plugin {
  /** Options of {@link mlBench}: the reporter's (reportDir, baselineDir, thresholds, console). */
  export type MlBenchOptions = Options
  /** The browser runtime's options (README, "In the browser"). */
  export type MlBenchBrowserOptions = BrowserOptions
  /** A browser the browser runtime can run in. */
  export type MlBenchBrowserName = BrowserName

  /** The vitest plugin (see the ESM entry, `plugin.ts`): the same plugin, loaded on first use. */
  export function mlBench(options: MlBenchOptions = {}): Vite.Plugin {
    let loaded: Promise<Vite.Plugin> | undefined
    const load = () => (loaded ??= import('./plugin.js').then((m) => m.mlBench(options)))
    return {
      name: 'vitest-ml-bench',
      enforce: 'pre',
      async config(config, env) {
        const hook = (await load()).config
        return typeof hook === 'function' ? hook.call(this, config, env) : undefined
      },
      async configureVitest(context) {
        const hook = (await load()).configureVitest
        if (typeof hook === 'function') await hook(context)
      },
      // a browser project's dev server and module twins (plugin.ts)
      async configureServer(server) {
        const hook = (await load()).configureServer
        if (typeof hook === 'function') await hook.call(this, server)
      },
      async resolveId(source, importer, options) {
        const hook = (await load()).resolveId
        return typeof hook === 'function' ? hook.call(this, source, importer, options) : null
      },
    }
  }
}

export = plugin
