/** Bad user input to a mixed-model fit: the CLI prints the message and exits 1 without a stack. */
export class LmmInputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "LmmInputError";
  }
}

/** A formula that does not parse: the message shows the formula with a caret under the position. */
export class FormulaSyntaxError extends LmmInputError {
  constructor(
    readonly formula: string,
    /** 0-based character offset of the problem. */
    readonly position: number,
    readonly reason: string,
  ) {
    super(`formula: ${reason}\n  ${formula}\n  ${" ".repeat(Math.max(0, position))}^`);
    this.name = "FormulaSyntaxError";
  }
}
