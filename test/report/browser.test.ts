/**
 * End to end: the report rendered from a realistic results.json, opened from disk in headless
 * Chromium. No network, no console errors, every chart drawn with data marks, user strings shown
 * as text, and the filter working. Saves a screenshot to test-output/report.png.
 */
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writeHtmlReport } from '../../reporters/html/index.js'
import { ruleOf } from '../../src/gate/compare.js'
import { readResultsJson } from '../../src/gate/results-json.js'

const CHROMIUM = '/usr/bin/chromium'
const FIXTURE = path.join(import.meta.dirname, '../fixtures/results/results.json')
const OUT = path.join(import.meta.dirname, '../../test-output')
const INJECTED = '<img src=x onerror=alert(1)> matmul-64x2'

const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (CI installs it: apt-get install -y chromium)`
if (missing) console.warn(`[ml-bench] skipping the HTML report browser test: ${missing}`)

describe.skipIf(missing)('HTML report in headless Chromium', () => {
  const results = readResultsJson(FIXTURE)
  const requests: string[] = []
  const consoleErrors: string[] = []
  const dialogs: string[] = []
  let browser: Browser
  let page: Page
  let url: string

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    const file = await writeHtmlReport(results, path.join(OUT, 'report-e2e'))
    url = pathToFileURL(file).href
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('request', (r) => requests.push(r.url()))
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    page.on('pageerror', (e) => consoleErrors.push(e.message))
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.goto(url, { waitUntil: 'load' })
  })

  afterAll(async () => {
    await browser?.close()
  })

  test('the page loads with nothing but the file itself, and no errors', async () => {
    expect(requests).toEqual([url])
    expect(consoleErrors).toEqual([])
    await expect(page.title()).resolves.toMatch(/^ML bench report: (passed|failed), /)
  })

  test('every chart is a rendered SVG with data marks', async () => {
    const kinds = (kind: string) => results.entries.filter((e) => e.result.kind === kind).length
    const withInterval = results.entries.flatMap((e) => e.comparison?.metrics ?? []).filter((m) => m.interval)
    const absolute = withInterval.filter((m) => ruleOf(m.metric)?.change === 'absolute').length
    const relative = withInterval.length - absolute
    const expected: Array<[chart: string, figures: number, marks: string, minMarks: number]> = [
      ['latency-distribution', kinds('benchmark'), 'g.mark-area.role-mark path', 1],
      ['percentiles', kinds('benchmark'), 'g.mark-rect.role-mark path', 3],
      ['throughput', kinds('benchmark'), 'g.mark-rect.role-mark path', 1],
      ['confusion-matrix', kinds('evaluation'), 'g.mark-rect.role-mark path', 100],
      ['pareto', kinds('model-comparison'), 'g.mark-symbol.role-mark path', 2],
      ['load-latency', kinds('load-test'), 'g.mark-line.role-mark path', 3],
      ['load-throughput', kinds('load-test'), 'g.mark-line.role-mark path', 1],
      ['batch-throughput', kinds('batch-sweep'), 'g.mark-symbol.role-mark path', 5],
      // a dot per change (and an arrow per bound past the axis), a grey tolerance band per row
      ['forest', 1, 'g.mark-symbol.role-mark path', relative],
      ['forest', 1, 'g.mark-rect.role-mark path[fill="#e5e7eb"]', relative],
      ['forest-absolute', 1, 'g.mark-symbol.role-mark path', absolute],
      ['forest-absolute', 1, 'g.mark-rect.role-mark path[fill="#e5e7eb"]', absolute],
    ]
    for (const [chart, figures, marks, minMarks] of expected) {
      expect(figures, `fixture results for ${chart}`).toBeGreaterThan(0)
      const found = page.locator(`figure[data-chart="${chart}"]`)
      await expect(found.count(), chart).resolves.toBe(figures)
      for (let i = 0; i < figures; i++) {
        const figure = found.nth(i)
        const box = await figure.locator('svg.marks').boundingBox()
        expect(box?.width, `${chart} width`).toBeGreaterThan(150)
        expect(box?.height, `${chart} height`).toBeGreaterThan(40)
        expect(await figure.locator(marks).count(), `${chart} data marks`).toBeGreaterThanOrEqual(minMarks)
      }
    }
    // The 10-class confusion matrix prints a count in each of its 100 cells.
    const counts = await page.locator('figure[data-chart="confusion-matrix"] g.mark-text.role-mark text').allTextContents()
    expect(counts).toHaveLength(100)
    expect(counts.every((t) => /^\d+$/.test(t))).toBe(true)
  })

  test('a label with markup shows as text and runs nothing', async () => {
    await expect(page.locator('article h3', { hasText: 'matmul-64x2' }).textContent()).resolves.toBe(INJECTED)
    await expect(page.locator('img').count()).resolves.toBe(0)
    expect(dialogs).toEqual([])
  })

  test('regressions come first, and the filter narrows by verdict and by name', async () => {
    const first = page.locator('#section-benchmark article').first()
    await expect(first.getAttribute('data-verdict')).resolves.toBe('regressed')

    const visible = () => page.locator('article[data-card]:visible')
    const total = results.entries.length
    await expect(visible().count()).resolves.toBe(total)

    const regressed = results.entries.filter((e) => e.comparison?.verdict === 'regressed').length
    expect(regressed).toBeGreaterThan(0)
    await page.selectOption('#filter-verdict', 'regressed')
    await expect(visible().count()).resolves.toBe(regressed)
    const shownVerdicts = await visible().evaluateAll((cards) => cards.map((c) => c.getAttribute('data-verdict')))
    expect(new Set(shownVerdicts)).toEqual(new Set(['regressed']))
    await expect(page.locator('#filter-count').textContent()).resolves.toBe(`${regressed} of ${total} shown`)

    await page.selectOption('#filter-verdict', '')
    await page.fill('#filter-name', 'MATMUL')
    await expect(visible().count()).resolves.toBe(1)
    await expect(visible().locator('h3').textContent()).resolves.toBe(INJECTED)

    await page.fill('#filter-name', 'no result is called this')
    await expect(visible().count()).resolves.toBe(0)
    await expect(page.locator('#filter-empty').isVisible()).resolves.toBe(true)

    // inconclusive never fails, but it has a filter of its own
    const inconclusive = results.entries.filter((e) => e.comparison?.verdict === 'inconclusive').length
    expect(inconclusive).toBeGreaterThan(0)
    await page.fill('#filter-name', '')
    await page.selectOption('#filter-verdict', 'inconclusive')
    await expect(visible().count()).resolves.toBe(inconclusive)
    await expect(page.locator('article[data-card]:visible > header .badge.verdict-inconclusive').count()).resolves.toBe(inconclusive)
    await page.selectOption('#filter-verdict', '')
    await expect(visible().count()).resolves.toBe(total)
    await page.screenshot({ path: path.join(OUT, 'report.png'), fullPage: true })
    expect(consoleErrors).toEqual([])
    expect(dialogs).toEqual([])
  })

  test('the Content-Security-Policy is in force: injected inline handlers do not run', async () => {
    const ran = await page.evaluate(`(() => {
      const div = document.createElement('div')
      div.setAttribute('onclick', 'window.injectedRan = true')
      document.body.append(div)
      div.click()
      return window.injectedRan === true
    })()`)
    expect(ran).toBe(false)
    expect(consoleErrors.some((e) => /Content Security Policy/.test(e))).toBe(true)
  })
})
