import type { CommandModule } from "yargs";
import { NotYetImplementedError } from "../notYetImplemented.js";

export const simulateCommand: CommandModule = {
  command: "simulate",
  describe: "(not yet implemented)",
  handler: () => {
    throw new NotYetImplementedError("simulate");
  },
};
