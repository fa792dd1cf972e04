import { describe, expect, it } from "vitest";
import { renderHtml, renderMarkdown, runAnalysis, serializeResults, validatePlan, reportTables, tableToCsv } from "../src/index.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

const hostile = "<script>alert(1)</script>";

describe("report rendering", () => {
  const results = runAnalysis(syntheticStudy([hostile, "S2", "a|b*c_[x](y)", "S4"]), validatePlan(syntheticPlan));

  it("shows a subject id <script>alert(1)</script> as text in index.html, never as markup", () => {
    const html = renderHtml(results);
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("escapes data strings in report.md (HTML and Markdown punctuation)", () => {
    const md = renderMarkdown(results);
    expect(md).not.toContain("<script");
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md).toContain("a\\|b\\*c\\_\\[x\\](y)");
  });

  it("index.html is self-contained: no script, no external URL, a CSP that forbids network requests", () => {
    const html = renderHtml(results);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    expect((html.match(/<figure class="report-figure"/g) ?? []).length).toBeGreaterThan(3);
  });

  it("says SIMULATED for a simulated study", () => {
    expect(renderHtml(results)).toContain("SIMULATED DATA");
    expect(renderMarkdown(results)).toContain("SIMULATED DATA");
  });

  it("serializes byte-identically for the same inputs and seed, keys sorted at every level", () => {
    const again = runAnalysis(syntheticStudy([hostile, "S2", "a|b*c_[x](y)", "S4"]), validatePlan(syntheticPlan));
    const text = serializeResults(results);
    expect(serializeResults(again)).toBe(text);
    expect(renderHtml(again)).toBe(renderHtml(results));
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual([...keys].sort());
    expect(text).not.toMatch(/"(generatedAt|timestamp|date)"/);
  });

  it("writes CSV with quoting and without spreadsheet formulas", () => {
    const csv = tableToCsv({ id: "t", title: "t", columns: ["a", "b"], rows: [["=cmd()", 'x,"y"'], [0.1 + 0.2, null]] });
    expect(csv).toBe("a,b\r\n'=cmd(),\"x,\"\"y\"\"\"\r\n0.3,\r\n");
  });

  it("every table is written for the synthetic study", () => {
    const ids = Object.values(reportTables(results)).flat().map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(["cohort-subjects", "cohort-exclusions", "dynamics-medians", "reconstitution-subjects", "single-cell-compositions", "provenance-input-files"]));
  });
});
