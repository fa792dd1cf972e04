/**
 * Text safe to print on a terminal: every control character but line feed and tab (CR, ESC, BEL, the C1
 * range incl. CSI U+009B, line and paragraph separators) is shown as a `\u{...}` escape, so an id or label
 * from a data file can neither move the cursor, rewrite earlier lines nor send escape sequences.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
