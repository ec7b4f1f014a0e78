/**
 * Setup file: registers the vitest-ml-bench matchers on `expect`. The plugin adds it to
 * `setupFiles`; without the plugin, list `vitest-ml-bench/matchers` there yourself.
 */
import { expect } from 'vitest'
import { mlBenchMatchers } from './index.js'
import './types.js'

expect.extend(mlBenchMatchers)
