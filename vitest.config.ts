import { defineConfig } from 'vitest/config'
import { mlBench } from './src/plugin.js'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // timing tests share 2 cores badly: one file at a time keeps them honest
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
      {
        plugins: [mlBench({ baselineDir: 'baselines', reportDir: 'ml-bench-report' })],
        test: {
          name: 'bench',
          include: ['benches/**/*.bench.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
