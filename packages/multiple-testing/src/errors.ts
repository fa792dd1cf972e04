/**
 * Bad user input: a p-value that is not a number in [0, 1], a support that does not contain its test's
 * p-value, an unknown method. `inputError` tells the CLI to print the message and exit 1 without a stack.
 */
export class MultipleTestingInputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "MultipleTestingInputError";
  }
}
