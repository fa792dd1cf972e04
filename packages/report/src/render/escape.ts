/** Text for HTML element content and quoted attribute values: & < > " ' become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/**
 * Text for a Markdown table cell or paragraph: & < > become entities (Markdown passes raw HTML
 * through; quotes are inert outside tags); the punctuation that starts emphasis, code, links or table cells
 * (\ ` * _ [ ] | ~) is backslash-escaped (parentheses and ! are inert once [ and ] are); every control
 * character (CR, LF, tab, ESC, the C1 range, line and paragraph separators) becomes a space, so no id or
 * label can start a heading, a list or a terminal escape sequence.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c] as string)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
}
