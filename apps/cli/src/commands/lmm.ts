import type { CommandModule } from "yargs";
import { NotYetImplementedError } from "../notYetImplemented.js";

export const lmmCommand: CommandModule = {
  command: "lmm",
  describe: "(not yet implemented)",
  handler: () => {
    throw new NotYetImplementedError("lmm");
  },
};
