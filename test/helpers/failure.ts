/** The message of the assertion error `run` throws; fails the test if it does not throw. */
export function failureOf(run: () => void): string {
  try {
    run()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the matcher to fail')
}
