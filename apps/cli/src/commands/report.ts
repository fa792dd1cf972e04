import type { CommandModule } from "yargs";
import { NotYetImplementedError } from "../notYetImplemented.js";

export const reportCommand: CommandModule = {
  command: "report",
  describe: "(not yet implemented)",
  handler: () => {
    throw new NotYetImplementedError("report");
  },
};
