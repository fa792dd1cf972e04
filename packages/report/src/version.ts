import { createRequire } from "node:module";

/** The toolkit version (all packages share one version), from this package's package.json. */
export const toolkitVersion: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
