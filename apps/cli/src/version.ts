import { createRequire } from "node:module";

/** The toolkit version, from this package's package.json (all packages share one version). */
export const toolkitVersion: string = (createRequire(import.meta.url)("../package.json") as { version: string })
  .version;
