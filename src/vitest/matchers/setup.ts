/**
 * Setup file: registers the vitest-ml-bench matchers on `expect` and installs the sink that files
 * results on the running test. The plugin adds it to `setupFiles`; without the plugin, list
 * `vitest-ml-bench/matchers` there yourself.
 */
import { afterEach, expect } from 'vitest'
import { installSink } from '../../core/sink.js'
import { endTest, vitestSink } from '../record.js'
import { mlBenchMatchers } from './index.js'
import './types.js'

installSink(vitestSink)
expect.extend(mlBenchMatchers)
// registered first, so it runs after the test's own afterEach hooks: a benchmark still running
// then (not awaited, or outliving a failed test) stops and records nothing
afterEach(({ task }) => endTest(task))
