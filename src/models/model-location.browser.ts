/**
 * The models and datasets folders as a browser page sees them (the browser twin of the public part
 * of `model-location.ts`): the Node machine's folders, which the plugin's dev server serves to the
 * page. Their paths are the Node paths, so a bench file builds the same paths in both runtimes;
 * the page's loaders and dataset reader map them to URLs.
 */
import { pageContext, type ServedFolder } from '../core/page-context.js'

/** The models directory (`ML_BENCH_MODELS_DIR` of the Node process), or undefined when unset. */
export function modelsDir(): string | undefined {
  return pageContext().models?.dir
}

/** The datasets directory (see Node's `datasetsDir`), or undefined when there is none. */
export function datasetsDir(): string | undefined {
  return pageContext().datasets?.dir
}

/** The path of `file` inside `folder` ('' for the folder itself), or undefined when it is outside. */
export function insideFolder(file: string, folder: ServedFolder | null): string | undefined {
  if (!folder) return undefined
  const dir = folder.dir.replace(/\/+$/, '')
  if (file === dir) return ''
  return file.startsWith(`${dir}/`) ? file.slice(dir.length + 1).replace(/\/+$/, '') : undefined
}

/** `file` under `folder` as its served URL, or undefined when it is not under it. */
export function servedUrl(file: string, folder: ServedFolder | null): string | undefined {
  const relative = insideFolder(file, folder)
  return relative === undefined ? undefined : folder!.url + relative.split('/').map(encodeURIComponent).join('/')
}

/** Whether `file` exists in a served folder (a page sees no other files). */
export function localFileExists(file: string): boolean {
  const { models, datasets } = pageContext()
  for (const folder of [models, datasets]) {
    const relative = insideFolder(file, folder)
    if (relative === '') return true
    if (relative !== undefined && folder!.entries.includes(relative)) return true
  }
  return false
}
