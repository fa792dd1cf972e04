export { runCli } from "./cli.js";
export { ExitCode } from "./exitCodes.js";
