import { defineConfig } from "vitest/config";

// Tests import sibling packages from source (the "source" export condition), so no build is needed.
export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 },
});
