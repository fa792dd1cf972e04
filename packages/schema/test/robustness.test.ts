import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputDataError, parseFlowJoTable, parseLongTable, parseWideTable } from "../src/index.js";
import { readClinical } from "../src/read/clinical.js";
import { RowIssues } from "../src/read/rowIssues.js";
import { readSamples } from "../src/read/samples.js";
import { readSubjects } from "../src/read/subjects.js";

/** Text made of the characters that matter to a CSV reader. */
const csvish = fc.string({
  unit: fc.constantFrom("a", "7", "0", ".", ",", ";", "\t", '"', "\n", "\r", "#", "<", "-", "e", " ", "%", "|", "/"),
  maxLength: 200,
});

function onlyInputErrors(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InputDataError);
  }
}

describe("readers never crash on arbitrary text", () => {
  it("long, wide, FlowJo, subject, sample and clinical readers return or throw InputDataError", () => {
    fc.assert(
      fc.property(csvish, fc.boolean(), (body, skipInvalid) => {
        onlyInputErrors(() =>
          parseLongTable(`subject,visit,day,feature,value,unit,censored,limit\n${body}`, { file: "f", skipInvalid })
        );
        onlyInputErrors(() => parseLongTable(body, { file: "f", skipInvalid }));
        onlyInputErrors(() => parseWideTable(`subject,day,C3 [g/L]\n${body}`, { file: "f", skipInvalid }));
        onlyInputErrors(() =>
          parseFlowJoTable(`,A/B | Count\n${body}`, {
            file: "f",
            skipInvalid,
            samplePattern: /^(?<subject>\w+)_(?<visit>D\d+)$/,
          })
        );
        const opts = { file: "f", decimal: "." as const };
        onlyInputErrors(() => readSubjects(`subject,sex,age,x\n${body}`, opts, new RowIssues("f", skipInvalid)));
        onlyInputErrors(() =>
          readSamples(`sample,subject,visit,day,viability,haemolysis\n${body}`, opts, new RowIssues("f", skipInvalid))
        );
        onlyInputErrors(() =>
          readClinical(`subject,visit,day,seizure\n${body}`, opts, new RowIssues("f", skipInvalid))
        );
      }),
      { numRuns: 500, seed: 20260314 }
    );
  });
});
