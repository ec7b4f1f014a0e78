/**
 * User strings (benchmark, test and file names, messages) on their way to a terminal: control
 * characters, ANSI escape sequences and bidirectional overrides are shown as escapes instead of
 * acting — a name must not recolour the console, move the cursor, or reorder what follows it
 * (U+202E turns "gnp.exe" into "exe.png"). Plain text, accents and emoji pass unchanged.
 */

// every C0 control (a newline or tab in a name would break a table row too), DEL, the C1 controls;
// the bidi embeddings, overrides and isolates, and the invisible direction marks.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** `text` with every control, ANSI and bidi character written as a visible escape (`\x1b`, `\u202e`). */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/** {@link visibleText} line by line: the line breaks of a multi-line message stay line breaks. */
export function visibleLines(text: string): string {
  return text.split('\n').map(visibleText).join('\n')
}
