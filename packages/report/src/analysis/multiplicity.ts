import { adjustFamily } from "@biomarker/multiple-testing";
import { type AnalysisPlan, type FamilyTests, familyTests } from "../plan/schema.js";
import type { MultiplicitySection } from "../results.js";

/** A test of the report: its p-value, its exact null support (null for a continuous p-value), and where its adjusted p-value goes. */
export interface FamilyMember {
  pValue: number | null;
  support: ArrayLike<number> | null;
  setAdjusted(adjusted: number | null, family: string | null): void;
}

/**
 * Adjusts every family of the plan once (@biomarker/multiple-testing's adjustFamily: the procedure, the
 * smallest attainable p, and "cannot reject" in place of 1s) and hands each test its one adjusted p-value,
 * which every section then shows. A test in no family gets null.
 */
export function applyFamilies(plan: AnalysisPlan, members: Record<FamilyTests, readonly FamilyMember[]>): MultiplicitySection {
  const families = plan.multiplicity.families.map((family) => {
    const tests = family.tests.flatMap((kind) => members[kind]);
    const result = adjustFamily(tests, { method: family.method ?? plan.multiplicity.method, level: plan.multiplicity.level });
    tests.forEach((t, i) => t.setAdjusted(result.adjusted[i], family.name));
    return {
      name: family.name,
      question: family.question,
      tests: [...family.tests],
      procedure: result.procedure,
      m: result.m,
      discrete: result.discrete,
      smallestAttainable: result.smallestAttainable,
      smallestAttainableAdjusted: result.smallestAttainableAdjusted,
      canReject: result.canReject,
      numberRejected: result.numberRejected,
      statement: `${family.name}: ${result.statement}.`,
    };
  });
  const covered = new Set(plan.multiplicity.families.flatMap((f) => f.tests));
  const unadjusted = familyTests.filter((kind) => !covered.has(kind) && members[kind].length > 0);
  for (const kind of unadjusted) for (const t of members[kind]) t.setAdjusted(null, null);
  return { level: plan.multiplicity.level, families, unadjusted };
}

/** The statements of the families holding any of the given kinds of test. */
export function familyStatements(section: MultiplicitySection, kinds: readonly FamilyTests[]): string[] {
  const statements = section.families.filter((f) => f.tests.some((t) => (kinds as readonly string[]).includes(t))).map((f) => f.statement);
  for (const kind of section.unadjusted) if (kinds.includes(kind as FamilyTests)) statements.push(`${kind}: in no multiplicity family of the plan; not adjusted.`);
  return statements;
}
