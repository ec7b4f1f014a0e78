/**
 * End to end: the report rendered from a realistic results.json, opened from disk in headless
 * Chromium at 1,400 px. No network, no console errors, every chart drawn with data marks, user
 * strings shown as text, and the filter working; the layout checked on what Chromium rendered:
 * axis labels that do not overlap, no horizontal scrolling, tolerances beside verdicts, one-line
 * breadcrumbs. Saves a screenshot to test-output/report.png.
 */
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writeHtmlReport } from '../../reporters/html/index.js'
import { ruleOf } from '../../src/gate/compare.js'
import { readResultsJson, type ResultsJson, type ResultsJsonEntry } from '../../src/gate/results-json.js'
import type { ClassificationEvaluation } from '../../src/results/evaluation.js'

const CHROMIUM = '/usr/bin/chromium'
const FIXTURE = path.join(import.meta.dirname, '../fixtures/results/results.json')
const OUT = path.join(import.meta.dirname, '../../test-output')
const INJECTED = '<img src=x onerror=alert(1)> matmul-64x2'

const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (CI installs it: apt-get install -y chromium)`
if (missing) console.warn(`[ml-bench] skipping the HTML report browser test: ${missing}`)

/**
 * The fixture plus a two-class sentiment evaluation like SST-2's (long labels in a 2×2 matrix), run
 * with transformers.js, as the digits evaluation's numbers relabelled.
 */
function withSentimentEvaluation(fixture: ResultsJson): ResultsJson {
  const digits = fixture.entries.find((e) => e.result.kind === 'evaluation') as ResultsJsonEntry
  const d = digits.result as ClassificationEvaluation
  const [negative, positive] = d.perClass as [ClassificationEvaluation['perClass'][number], ClassificationEvaluation['perClass'][number]]
  const result: ClassificationEvaluation = {
    ...d,
    name: 'sst2 sentiment',
    labels: ['NEGATIVE', 'POSITIVE'],
    confusionMatrix: [
      [345, 83],
      [86, 358],
    ],
    perClass: [
      { ...negative, label: 'NEGATIVE' },
      { ...positive, label: 'POSITIVE' },
    ],
    env: { ...d.env, packages: { ...d.env.packages, '@huggingface/transformers': '4.3.1' } },
  }
  return { ...fixture, entries: [...fixture.entries, { ...digits, test: 'sst2 dev', result }] }
}

/** Whether two boxes overlap (touching edges do not). */
function overlaps(a: DOMRectLike, b: DOMRectLike): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}
type DOMRectLike = { x: number; y: number; width: number; height: number }

describe.skipIf(missing)('HTML report in headless Chromium', () => {
  const results = withSentimentEvaluation(readResultsJson(FIXTURE))
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
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
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
    expect(kinds('evaluation')).toBe(2)
    const withInterval = results.entries.flatMap((e) => e.comparison?.metrics ?? []).filter((m) => m.interval)
    const absolute = withInterval.filter((m) => ruleOf(m.metric)?.change === 'absolute').length
    const relative = withInterval.length - absolute
    const expected: Array<[chart: string, figures: number, marks: string, minMarks: number]> = [
      ['latency-distribution', kinds('benchmark'), 'g.mark-area.role-mark path', 1],
      ['percentiles', kinds('benchmark'), 'g.mark-rect.role-mark path', 3],
      ['throughput', kinds('benchmark'), 'g.mark-rect.role-mark path', 1],
      ['confusion-matrix', kinds('evaluation'), 'g.mark-rect.role-mark path', 4],
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
    // The 10-class confusion matrix prints a count in each of its 100 cells, the 2-class one in its 4.
    const counts = await page.locator('figure[data-chart="confusion-matrix"] g.mark-text.role-mark text').allTextContents()
    expect(counts).toHaveLength(104)
    expect(counts.every((t) => /^\d+$/.test(t))).toBe(true)
  })

  test('confusion-matrix axis labels do not overlap, and the legend is no taller than the matrix', async () => {
    const figures = page.locator('figure[data-chart="confusion-matrix"]')
    for (let i = 0; i < (await figures.count()); i++) {
      const axes = figures.nth(i).locator('g.role-axis')
      for (let a = 0; a < (await axes.count()); a++) {
        const labels = axes.nth(a).locator('g.role-axis-label text')
        const texts = await labels.allTextContents()
        const boxes = (await labels.evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().toJSON()))) as DOMRectLike[]
        for (let j = 0; j < boxes.length; j++) {
          for (let k = j + 1; k < boxes.length; k++) {
            expect(overlaps(boxes[j] as DOMRectLike, boxes[k] as DOMRectLike), `"${texts[j]}" and "${texts[k]}" overlap`).toBe(false)
          }
        }
      }
      const matrix = await figures.nth(i).locator('g.mark-rect.role-mark').first().boundingBox()
      const gradient = await figures.nth(i).locator('g.role-legend-gradient').boundingBox()
      expect(gradient?.height).toBeLessThanOrEqual(matrix?.height as number)
    }
    const sentiment = figures.filter({ hasText: 'NEGATIVE' })
    await expect(sentiment.count()).resolves.toBe(1)
  })

  test('fits 1,400 px: no horizontal scrolling, of the page or of any table', async () => {
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(1400)
    const overflowing = await page.locator('.table-scroll').evaluateAll((nodes) =>
      nodes.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.querySelector('caption')?.textContent ?? ''),
    )
    expect(overflowing).toEqual([])
  })

  test('every verdict in a metrics table shows its tolerance, the change its interval; p99 says "not gated"', async () => {
    const rows = page.locator('table.metrics tbody tr')
    let compared = 0
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i)
      if ((await row.locator('.badge').count()) === 0) continue
      compared++
      const verdict = await row.locator('.badge').textContent()
      if (verdict === 'new' || verdict === 'incomparable') continue
      await expect(row.locator('.tolerance').textContent(), await row.textContent() as string).resolves.toMatch(/^± [\d.]+( ?%| pp)$/)
      // peak RSS: one value per run, judged on its point change (README); every other metric has an interval
      if ((await row.locator('th').textContent()) !== 'peak RSS') await expect(row.locator('.change-ci').textContent()).resolves.toMatch(/^\[.*\]$/)
    }
    expect(compared).toBeGreaterThan(5)
    const p99 = page.locator('table.metrics tbody tr', { has: page.locator('th', { hasText: /^p99 latency$/ }) })
    expect(await p99.count()).toBeGreaterThan(0)
    for (const text of await p99.locator('td:last-child').allTextContents()) expect(['not gated', '']).toContain(text.trim())
    expect(await p99.locator('.not-gated').count()).toBeGreaterThan(0)
    // per-level Δ cells: the interval on its own line, the tolerance in the column's header
    await expect(page.locator('table.data td .sub').first().textContent()).resolves.toMatch(/^\[.*\]$/)
    await expect(page.locator('table.data th', { hasText: /^Δ p50 \(± [\d.]+ ?%\)$/ }).count()).resolves.toBeGreaterThan(0)
  })

  test('load tests: baseline curves, integer level ticks, a log axis where an SLO would flatten the curves', async () => {
    const latency = page.locator('figure[data-chart="load-latency"]')
    const throughput = page.locator('figure[data-chart="load-throughput"]')
    for (const figure of [latency, throughput]) {
      await expect(figure.first().locator('.legend').textContent()).resolves.toMatch(/baseline/)
      const ticks = await figure.locator('g.role-axis').filter({ hasText: /concurrency|offered rate/ }).locator('g.role-axis-label text').allTextContents()
      expect(ticks.length).toBeGreaterThan(3)
      for (const tick of ticks) expect(tick).toMatch(/^\d{1,3}(,\d{3})*$/)
    }
    // the fixture's SLOs (1 ms, 2 ms) sit far above its p50s: logarithmic, and said so
    const titles = await latency.locator('g.role-axis-title text').allTextContents()
    expect(titles.filter((t) => /log scale/.test(t)).length).toBeGreaterThan(0)
    // the per-level table carries the numbers; no near-empty metrics table on the card
    await expect(page.locator('#section-load-test article table.metrics').count()).resolves.toBe(0)
  })

  test('needs attention: the result name as the link, one short line of where, metrics in brief', async () => {
    const items = page.locator('.attention > ul > li')
    expect(await items.count()).toBeGreaterThan(2)
    for (const crumb of await page.locator('.attention .crumb').all()) {
      const box = await crumb.boundingBox()
      expect(box?.height).toBeLessThan(20)
      await expect(crumb.getAttribute('title')).resolves.toMatch(/\.ts › /)
    }
    const levels = await items.filter({ hasText: 'closed loop' }).locator('.muted').allTextContents()
    expect(levels.some((t) => / at \d+ levels$/.test(t))).toBe(true)
  })

  test('the environment names the runtimes of every result, the CPU limit and how busy the machine was', async () => {
    const env = Object.fromEntries(
      await page.locator('#environment table.env tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('th')?.textContent, r.querySelector('td')?.textContent])),
    )
    expect(env['@huggingface/transformers']).toBe('4.3.1')
    expect(env['onnxruntime-node']).toBe('1.30.0')
    expect(env['CPU limit']).toMatch(/^(none: all \d+ cores|[\d.]+ CPUs \(cgroup\))$/)
    expect(env['how busy']).toMatch(/load average|not measured/)
    expect(env.baselines).not.toMatch(/update mode/)
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
