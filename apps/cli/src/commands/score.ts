import type { CommandModule } from "yargs";
import { NotYetImplementedError } from "../notYetImplemented.js";

export const scoreCommand: CommandModule = {
  command: "score",
  describe: "(not yet implemented)",
  handler: () => {
    throw new NotYetImplementedError("score");
  },
};
