import * as bootstrap from "@biomarker/bootstrap";
import * as correlation from "@biomarker/correlation";
import * as lmm from "@biomarker/lmm";
import * as multipleTesting from "@biomarker/multiple-testing";
import * as schema from "@biomarker/schema";

/**
 * Which sibling-package functions exist at run time. The report is built while the packages land; a
 * section whose package is missing says so in the report (and the methods appendix lists the status)
 * instead of failing.
 */
const namespaces: Record<string, object> = {
  "@biomarker/schema": schema,
  "@biomarker/lmm": lmm,
  "@biomarker/correlation": correlation,
  "@biomarker/multiple-testing": multipleTesting,
  "@biomarker/bootstrap": bootstrap,
};

/** Null when every named export is a function, else the sentence the report prints. */
export function missingExports(pkg: keyof typeof namespaces & string, names: readonly string[]): string | null {
  const ns = namespaces[pkg] as Record<string, unknown>;
  const missing = names.filter((n) => typeof ns[n] !== "function");
  return missing.length === 0 ? null : `${pkg} does not provide ${missing.join(", ")} yet`;
}

export function packageStatuses(): { name: string; status: string }[] {
  return Object.entries(namespaces).map(([name, ns]) => ({
    name,
    status: Object.keys(ns).length === 0 ? "not yet available" : "available",
  }));
}
