/** Bad user input (options, columns, data): the CLI prints the message and exits 1 without a stack. */
export class BootstrapInputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "BootstrapInputError";
  }
}
