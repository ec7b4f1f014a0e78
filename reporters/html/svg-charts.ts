/**
 * Charts are rendered to SVG here, in Node, when the report is written (vega's `View#toSVG()`),
 * rather than by shipping the vega runtime into the page:
 * - the report opens instantly, offline, with JavaScript disabled, in any browser or artifact
 *   viewer; a report with hundreds of charts does not re-run hundreds of dataflows on load;
 * - the file stays small: an inlined runtime alone is ~0.5 MB (vega.min.js 512 KB, plus 248 KB of
 *   vega-lite unless specs are compiled ahead), while a chart is a few KB of SVG;
 * - vega's SVG serializer escapes every text and attribute value, so user labels inside charts are
 *   as safe as the template's `{{ }}` output.
 * What is lost is interactivity (tooltips, zoom); the tables beside each chart hold exact values.
 */
import Handlebars from 'handlebars'
import { parse, View, type LoggerInterface } from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

/** Markup produced by the report itself (never user input): placed into templates unescaped. */
export type TrustedHtml = Handlebars.SafeString

/** A legend entry drawn in HTML beside the chart (one legend per SVG would repeat ~3 KB per chart). */
export interface LegendItem {
  label: string
  color: string
  /** 'line' (optionally dashed) for rules and curves, 'square' for areas and bars. */
  shape: 'line' | 'square'
  dash?: readonly number[]
}

/** A chart to render: a Vega-Lite spec over named data sources, and the data. */
export interface ChartSpec {
  /** What the chart shows, e.g. 'latency-distribution'; the figure's `data-chart` attribute. */
  kind: string
  /** One sentence describing the chart (plain text). */
  caption: string
  /**
   * Vega-Lite spec whose data are named sources (`{ name }`) filled from `data`: charts of the
   * same shape share one compiled view, so keep per-chart values out of the spec.
   */
  spec: TopLevelSpec
  data: Record<string, object[]>
  /** Legend entries shown in HTML (the specs draw no legend of their own, except colour gradients). */
  legend: LegendItem[]
}

/** A rendered chart, ready for the `chart` partial. */
export interface RenderedChart {
  kind: string
  caption: string
  svg: TrustedHtml
  legend: Array<{ label: string; swatch: TrustedHtml }>
}

/** A small SVG sample of a legend entry's mark (made from the palette, never from user input). */
export function legendSwatch(item: LegendItem): TrustedHtml {
  const mark =
    item.shape === 'square'
      ? `<rect x="3" y="1" width="10" height="10" fill="${item.color}"/>`
      : `<line x1="0" y1="6" x2="16" y2="6" stroke="${item.color}" stroke-width="2"${item.dash ? ` stroke-dasharray="${item.dash.join(',')}"` : ''}/>`
  return new Handlebars.SafeString(`<svg width="16" height="12" aria-hidden="true">${mark}</svg>`)
}

/** Look shared by every chart. */
const CONFIG = {
  background: 'transparent',
  aria: false,
  // Short, since every text element repeats it; the page's CSS picks the actual face.
  font: 'sans-serif',
  view: { stroke: null },
  axis: { ticks: false, labelPadding: 4, labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e5e7eb', domainColor: '#9ca3af' },
  legend: { disable: true, labelFontSize: 10, titleFontSize: 10 },
} as const

/** A tag: vega escapes `<` and `>` in text and attribute values, so text content never matches. */
const TAG = /<[^>]+>/g
const GEOMETRY_ATTRIBUTE = / (transform|d|x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g
/** Vega's accessibility attributes: the chart's figure is one image with one text alternative. */
const ARIA_ATTRIBUTE = / (?:aria-hidden|aria-roledescription|role)="[^"]*"/g
/** Empty background and foreground paths vega emits for every group. */
const EMPTY_PATH = /<path class="(?:background|foreground)"(?: aria-hidden="true")? d="(?:M0,0h0v0h0Z)?"(?: [a-z-]+="[^"]*")*\/>/g

/**
 * Drops what a static SVG does not need: sub-pixel digits in geometry (a tenth of a pixel is
 * invisible), empty paths, per-element ARIA (the chart's figure carries the text alternative) and
 * attributes restating defaults. Roughly halves the size of a chart.
 */
export function compactSvg(svg: string): string {
  return svg.replace(EMPTY_PATH, '').replace(TAG, (tag) =>
    tag
      .replace(ARIA_ATTRIBUTE, '')
      .replace(GEOMETRY_ATTRIBUTE, (_, name: string, value: string) => ` ${name}="${value.replace(/(\d\.\d)\d+/g, '$1')}"`)
      .replaceAll(' opacity="1"', '')
      .replaceAll(' pointer-events="none"', ''),
  )
}

/** Prefixes the ids an SVG defines and references (`url(#…)`), so several SVGs can share a page. */
function prefixIds(svg: string, prefix: string): string {
  return svg.replace(TAG, (tag) => tag.replace(/ id="/g, ` id="${prefix}`).replace(/url\(#/g, `url(#${prefix}`))
}

/**
 * A logger that keeps vega's and Vega-Lite's warnings and errors (they would otherwise go to the
 * console, once per chart). Closures, not methods: vega calls them detached from the logger.
 */
function warningLog(): { logger: LoggerInterface; messages: string[]; errors: string[] } {
  const messages: string[] = []
  const errors: string[] = []
  let current = 2 // vega's Warn level
  const record = (...args: readonly unknown[]) => {
    messages.push(args.map(String).join(' '))
    return logger
  }
  const logger = {
    level: (level?: number) => {
      if (level === undefined) return current
      current = level
      return logger
    },
    error: (...args: readonly unknown[]) => {
      errors.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '))
      return record(...args)
    },
    warn: (...args: readonly unknown[]) => (current >= 2 ? record(...args) : logger),
    info: () => logger,
    debug: () => logger,
  } as LoggerInterface
  return { logger, messages, errors }
}

/**
 * Renders chart specs to SVG. Compiling and parsing a spec costs ~50 ms and building a view ~5 ms,
 * so one view per distinct spec is kept and only its data is swapped: a report with 200
 * benchmarks renders its charts in about a second. Call `finalize()` when done.
 */
export class SvgChartRenderer {
  readonly #views = new Map<string, View>()
  readonly #log = warningLog()
  #rendered = 0

  /** Warnings vega and Vega-Lite raised while compiling and rendering (a chart spec to fix). */
  get warnings(): readonly string[] {
    return this.#log.messages
  }

  /** Renders one chart (charts are rendered one at a time: views are reused). */
  async render(chart: ChartSpec): Promise<RenderedChart> {
    const key = JSON.stringify(chart.spec)
    let view = this.#views.get(key)
    if (!view) {
      // resize: recompute the padding on every render, since a reused view's labels change.
      const spec = { ...chart.spec, autosize: { type: 'pad', resize: true }, config: { ...CONFIG, ...chart.spec.config } } as TopLevelSpec
      view = new View(parse(compile(spec, { logger: this.#log.logger }).spec), { renderer: 'none', logger: this.#log.logger })
      this.#views.set(key, view)
    }
    for (const [name, values] of Object.entries(chart.data)) view.data(name, values)
    // vega numbers gradient ids per chart; prefixed, they stay unique within the page.
    const before = this.#log.errors.length
    const svg = prefixIds(compactSvg(await view.toSVG()), `chart${++this.#rendered}-`)
    // vega reports dataflow errors to the logger and carries on: a chart that failed must not pass
    if (this.#log.errors.length > before) throw new Error(`chart "${chart.kind}" failed to render: ${this.#log.errors.slice(before).join('\n')}`)
    return {
      kind: chart.kind,
      caption: chart.caption,
      svg: new Handlebars.SafeString(svg),
      legend: chart.legend.map((item) => ({ label: item.label, swatch: legendSwatch(item) })),
    }
  }

  /** Releases the views. */
  finalize(): void {
    for (const view of this.#views.values()) view.finalize()
    this.#views.clear()
  }
}
