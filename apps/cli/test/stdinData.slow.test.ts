import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..", "..");
const cli = (args: string[], input: string) =>
  spawnSync("npx", ["tsx", "--conditions=source", "apps/cli/src/main.ts", ...args], { cwd: root, input, encoding: "utf8" });

describe("--data - reads the study from stdin (spawned CLI)", () => {
  it("validates a long CSV given on stdin, and names stdin.csv in its errors", () => {
    const ok = cli(["validate", "--data", "-", "--json"], "subject,day,feature,value,unit\n1,0,cd4,40,%\n2,0,cd4,41,%\n");
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ subjects: 2 });
    const bad = cli(["validate", "--data", "-"], "subject,day,feature,value,unit\n1,0,cd4,x,%\n");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/stdin\.csv, row 2, column 'value': 'x' is not a number/);
  });
});
