import type { CommandModule } from "yargs";
import { NotYetImplementedError } from "../notYetImplemented.js";

export const bootstrapCommand: CommandModule = {
  command: "bootstrap",
  describe: "(not yet implemented)",
  handler: () => {
    throw new NotYetImplementedError("bootstrap");
  },
};
