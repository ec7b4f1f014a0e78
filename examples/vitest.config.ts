// vitest.config.ts
import { defineConfig } from 'vitest/config'
import { mlBench } from 'vitest-ml-bench/plugin'

export default defineConfig({
  plugins: [
    mlBench({
      baselineDir: 'baselines',
      reportDir: 'ml-bench-report',
      // the gate's thresholds for every result: latency and throughput may move 15 % before a change
      // counts, accuracy one point; runNoise is what `npm run calibrate` measured between runs here
      thresholds: { latency: '15%', throughput: '15%', accuracy: 0.01, runNoise: '5%' },
    }),
  ],
  test: { include: ['benches/**/*.bench.ts'] },
})
