/** A plan file that does not parse or does not validate; the message names the file and the key path. */
export class PlanError extends Error {
  readonly inputError = true;
  constructor(
    message: string,
    readonly file: string | null,
    /** Every problem found, each as `key.path: what is wrong`. */
    readonly issues: readonly string[],
  ) {
    super(message);
    this.name = "PlanError";
  }
}

/** The output folder is unsafe to write into: not empty and holding no report, an earlier report without --force, a symlink, or inside the study folder. */
export class ReportOutputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "ReportOutputError";
  }
}

/** The study folder cannot be read into a report study (missing files, or the reader has not landed). */
export class StudyInputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "StudyInputError";
  }
}

/** `--check`: the recomputed results differ from the golden results.json; the message lists what moved. */
export class GoldenMismatchError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "GoldenMismatchError";
  }
}
