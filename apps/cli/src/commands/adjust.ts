import type { CommandModule } from "yargs";
import { NotYetImplementedError } from "../notYetImplemented.js";

export const adjustCommand: CommandModule = {
  command: "adjust",
  describe: "(not yet implemented)",
  handler: () => {
    throw new NotYetImplementedError("adjust");
  },
};
