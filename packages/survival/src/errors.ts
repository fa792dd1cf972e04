/** Bad time-to-event input (an interval with right < left, a negative time, ...): the CLI prints the
 *  message and exits 1 without a stack. */
export class SurvivalInputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "SurvivalInputError";
  }
}
