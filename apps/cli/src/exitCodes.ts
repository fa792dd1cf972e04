/** Exit codes shared by every command. */
export const ExitCode = {
  Ok: 0,
  /** Bad input data, plan or formula: the message names the place. */
  BadInput: 1,
  /** The command line itself is wrong. */
  Usage: 2,
  /** A bug in the toolkit: the message asks for a report. */
  Internal: 70,
} as const;
