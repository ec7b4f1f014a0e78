/**
 * Setup file: registers the vitest-ml-bench matchers on `expect` and installs the sink that files
 * results on the running test. The plugin adds it to `setupFiles`; without the plugin, list
 * `vitest-ml-bench/matchers` there yourself.
 */
import { expect } from 'vitest'
import { installSink } from '../../core/sink.js'
import { vitestSink } from '../record.js'
import { mlBenchMatchers } from './index.js'
import './types.js'

installSink(vitestSink)
expect.extend(mlBenchMatchers)
