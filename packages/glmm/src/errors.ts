import { LmmInputError } from "@biomarker/lmm";

/** Bad user input to a GLMM fit (a response that is not a count, an unknown family, ...): the CLI prints the
 *  message and exits 1 without a stack. A subclass of lmm's input error, so formula errors share one type. */
export class GlmmInputError extends LmmInputError {
  constructor(message: string) {
    super(message);
    this.name = "GlmmInputError";
  }
}
