import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { terminalSafe } from "../src/terminal.js";
import { restoreCliState, runCommand } from "./support/runCommand.js";

afterEach(restoreCliState);
const scratch = () => mkdtempSync(join(tmpdir(), "cli-hygiene-"));

describe("terminal output", () => {
  it("shows every control character but newline and tab as an escape", () => {
    expect(terminalSafe("a\u001b[2Jb\rc\td\ne\u009bf\u0007")).toBe("a\\u{1b}[2Jb\\u{d}c\td\ne\\u{9b}f\\u{7}");
  });

  it("an id with an ESC sequence reaches stderr neutralised, with exit 1 and the located message", async () => {
    const file = join(scratch(), "m.csv");
    writeFileSync(file, "subject,day,feature,value,unit\n\u001b[31mX,0,cd4,oops,%\n");
    const r = await runCommand(["validate", "--data", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}, row 2, column 'value': 'oops' is not a number`);
    expect(r.stderr).not.toContain("\u001b");
  });
});

describe("adjust", () => {
  it("accepts R's alias fdr for BH", async () => {
    const file = join(scratch(), "p.txt");
    writeFileSync(file, "0.01\n0.04\n");
    const fdr = await runCommand(["adjust", "--method", "fdr", file]);
    const bh = await runCommand(["adjust", "--method", "BH", file]);
    expect(fdr.code).toBe(0);
    expect(fdr.stdout).toBe(bh.stdout);
    expect(fdr.stdout).toBe("0.02\n0.04\n");
  });

  it("refuses empty input with exit 1 naming the source", async () => {
    const file = join(scratch(), "empty.txt");
    writeFileSync(file, "\n");
    const r = await runCommand(["adjust", "--method", "BH", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`biomarker: ${file}: no p-values to adjust (the input is empty)\n`);
  });
});

describe("simulate", () => {
  it("refuses a non-empty folder without --force and leaves it untouched", async () => {
    const out = scratch();
    writeFileSync(join(out, "study.json"), "{}");
    const r = await runCommand(["simulate", "--out", out, "--seed", "1", "--subjects", "2", "--features", "2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is not empty");
    expect(readdirSync(out)).toEqual(["study.json"]);
    expect((await runCommand(["simulate", "--out", out, "--seed", "1", "--subjects", "2", "--features", "2", "--force"])).code).toBe(0);
  });
});
