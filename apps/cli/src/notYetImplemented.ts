/** Raised by command skeletons that later work fills in. */
export class NotYetImplementedError extends Error {
  readonly inputError = true;
  constructor(command: string) {
    super(`'${command}' is not implemented yet`);
    this.name = "NotYetImplementedError";
  }
}
