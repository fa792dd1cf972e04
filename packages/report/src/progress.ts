import cliProgress from "cli-progress";

/**
 * A progress bar on `stream` for the report's steps, or null when the stream is not a terminal (so logs
 * and CI output stay clean). Call `stop` when done.
 */
export function createProgressBar(stream: NodeJS.WriteStream): { onStep: (step: string, index: number, total: number) => void; stop: () => void } | null {
  if (!stream.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    { stream, format: "report [{bar}] {value}/{total} {step}", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onStep: (step, index, total) => {
      if (!started) {
        bar.start(total, index, { step });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(index, { step });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
