import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { defaultPlan, loadReportStudy, readPlan, reportFigures, runAnalysis, validatePlan, writeReport, type Results } from "../src/index.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

const executablePath = "/usr/bin/chromium";
const haveChromium = existsSync(executablePath);
const skip = !haveChromium && !process.env.CI;
if (skip) {
  console.warn(`SKIPPED browser test: ${executablePath} not found (install Debian's chromium: apt-get install -y chromium). In CI (CI set) this test fails instead.`);
}

describe.skipIf(skip)("index.html in headless Chromium", () => {
  it("synthetic study with a hostile subject id: every figure has a non-zero size, no console errors, no network, the id shown as text", async () => {
    const results = runAnalysis(syntheticStudy(["<script>alert(1)</script>", "S2", "S3", "S4"]), validatePlan(syntheticPlan));
    await checkInChromium(results, true);
  });

  it("the default report of the bundled cohort: every figure has a non-zero size, no console errors, no network", async () => {
    const bundled = fileURLToPath(new URL("../../../datasets/csle-bite-sim", import.meta.url));
    await checkInChromium(runAnalysis(loadReportStudy(bundled), defaultPlan()), false);
  });

  it.each(["pbcseq", "theoph", "chickweight"])("the report of the real dataset datasets/examples/%s with its plan: every figure has a non-zero size, no console errors, no network", async (name) => {
    const folder = fileURLToPath(new URL(`../../../datasets/examples/${name}`, import.meta.url));
    await checkInChromium(runAnalysis(loadReportStudy(folder), readPlan(join(folder, "plan.yaml"))), false);
  });
});

async function checkInChromium(results: Results, hostileId: boolean): Promise<void> {
  expect(haveChromium, `${executablePath} is required in CI`).toBe(true);
  const out = mkdtempSync(join(tmpdir(), "report-browser-"));
  writeReport(results, out);
  const expectedFigures = reportFigures(results).filter((f) => f.markup !== null).length;

  const browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(out, "index.html")).href, { waitUntil: "load" });

    const sizes = await page.$$eval("figure.report-figure", (figures) =>
      figures.map((f) => {
        // The plot is the last <svg> (legends, when present, come first).
        const svgs = f.querySelectorAll("svg");
        const box = (svgs[svgs.length - 1] ?? f).getBoundingClientRect();
        return { id: f.id, width: box.width, height: box.height };
      }),
    );
    expect(sizes).toHaveLength(expectedFigures);
    for (const s of sizes) {
      expect(s.width, s.id).toBeGreaterThan(100);
      expect(s.height, s.id).toBeGreaterThan(60);
    }
    expect(problems).toEqual([]);
    // Wide tables scroll inside their box: the page never overflows sideways.
    const overflow = await page.$eval("html", (root) => root.scrollWidth - root.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    // The hostile subject id is shown as text.
    if (hostileId) expect(await page.locator("text=<script>alert(1)</script>").count()).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
}
