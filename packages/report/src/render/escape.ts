/** Text for HTML element content and quoted attribute values: & < > " ' become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/**
 * Text for a Markdown table cell or paragraph: & < > become entities (Markdown passes raw HTML
 * through; quotes are inert outside tags); the punctuation that starts emphasis, code, links or table cells
 * (\ ` * _ [ ] | ~) is backslash-escaped (parentheses and ! are inert once [ and ] are); newlines
 * become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c] as string)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, " ");
}
