/** A caller passed an argument outside a function's domain (e.g. a seed that is not a safe integer). */
export class NumericsArgumentError extends RangeError {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "NumericsArgumentError";
  }
}
