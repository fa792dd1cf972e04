import type { CommandModule } from "yargs";
import { NotYetImplementedError } from "../notYetImplemented.js";

export const validateCommand: CommandModule = {
  command: "validate",
  describe: "(not yet implemented)",
  handler: () => {
    throw new NotYetImplementedError("validate");
  },
};
