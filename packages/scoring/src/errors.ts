/** Bad user input (options, outcome or candidate ids, data): the CLI prints the message and exits 1 without a stack. */
export class ScoringInputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "ScoringInputError";
  }
}
