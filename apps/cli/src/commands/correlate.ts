import type { CommandModule } from "yargs";
import { NotYetImplementedError } from "../notYetImplemented.js";

export const correlateCommand: CommandModule = {
  command: "correlate",
  describe: "(not yet implemented)",
  handler: () => {
    throw new NotYetImplementedError("correlate");
  },
};
