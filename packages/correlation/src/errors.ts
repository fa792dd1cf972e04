/** Bad input to a correlation function (mismatched lengths, unknown option): the CLI prints the message. */
export class CorrelationInputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "CorrelationInputError";
  }
}
