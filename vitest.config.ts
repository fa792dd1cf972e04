import { existsSync, readdirSync } from "node:fs";
import { defineConfig } from "vitest/config";

// One project per workspace package with a test/ folder, named after its folder, plus "slow": every
// `*.slow.test.ts` of every package, one file at a time (`npm run test:slow`, run by .ci/run).
// Tests import sibling packages from source (the "source" export condition), so no build is needed.
// No test has a time limit: CI machines are shared and busy, so a pass never depends on wall-clock speed.
const slowTests = "**/*.slow.test.ts";
const packageDirs = ["packages", "apps"]
  .flatMap((top) => readdirSync(top).map((name) => `${top}/${name}`))
  .filter((dir) => existsSync(`${dir}/test`))
  .sort();

export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    testTimeout: 0,
    hookTimeout: 0,
    projects: [
      ...packageDirs.map((dir) => ({
        extends: true as const,
        test: { name: dir.split("/")[1], root: dir, include: ["test/**/*.test.ts"], exclude: ["**/node_modules/**", slowTests] },
      })),
      {
        extends: true as const,
        test: { name: "slow", include: packageDirs.map((dir) => `${dir}/test/**/*.slow.test.ts`), fileParallelism: false },
      },
    ],
  },
});
