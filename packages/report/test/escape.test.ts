import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../src/render/escape.js";

describe("escapeMarkdown neutralises every control character", () => {
  it("a lone CR, LF, CRLF, tab, ESC, C1 CSI and line separators become spaces, so no id starts a heading", () => {
    const escaped = escapeMarkdown("S1\r# Heading\nS2\r\n- item\u001b[31m\u009b2J\u2028x\ty");
    expect(escaped).toBe("S1 # Heading S2 - item \\[31m 2J x y");
    expect(escaped).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it("keeps the other escapes: HTML entities and Markdown punctuation", () => {
    expect(escapeMarkdown("<b>*a*|[x]</b>")).toBe("&lt;b&gt;\\*a\\*\\|\\[x\\]&lt;/b&gt;");
  });
});
