/**
 * Bad input the command itself detects (an option value it cannot use, a file it cannot read): the CLI
 * prints the message, which names the option or file, and exits 1 without a stack.
 */
export class CliInputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "CliInputError";
  }
}
