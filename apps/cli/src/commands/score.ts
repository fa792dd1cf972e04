import type { CommandModule } from "yargs";
import { formatNumber } from "@biomarker/numerics";
import { defaultPlanInput } from "@biomarker/report";
import { outcomeDefiningFeatures, readStudy } from "@biomarker/schema";
import { scoreStudy, type BiomarkerScores } from "@biomarker/scoring";
import { printJson, printText } from "../output.js";
import { parseReplicates } from "./bootstrap.js";

interface ScoreArgs {
  data: string;
  outcome: string;
  features?: string[];
  exclude?: string[];
  landmark: string;
  replicates: string;
  seed: number;
  conf: number;
  "top-k": number;
  json: boolean;
}

function describeScores(s: BiomarkerScores & { simulated: boolean }): string {
  const f = (x: number | null, d = 3): string => formatNumber(x, d);
  const header = [
    `${s.simulated ? "SIMULATED data. " : ""}Biomarker scores against ${s.outcome} (landmark ${s.landmark}, ${s.subjects.length} subjects): a ranking aid, not evidence`,
    `excluded from the candidates: ${s.excluded.length > 0 ? s.excluded.join(", ") : "none"}`,
    s.exact ? `exact: all ${s.replicates} distinct subject resamples` : `${s.replicates} subject resamples, seed ${s.seed}`,
    "",
    ["rank", "feature", "score", "rmcorr", "q", "coverage", "sign-kept", `top-${s.topK}`, "LOSO-sign", "agree", "change-rho"].join("\t"),
  ];
  const rows = s.features.map((x) =>
    [
      x.rank,
      x.feature,
      f(x.score),
      f(x.rmcorr.estimate),
      f(x.rmcorr.qValue, 2),
      f(x.components.coverage, 2),
      f(x.stability.signKeeping),
      f(x.stability.topK, 2),
      x.leaveOneOut.signSurvives === null ? "NA" : x.leaveOneOut.signSurvives ? "kept" : "flips",
      `${x.direction.agreeing}/${x.direction.defined}`,
      f(x.change.estimate),
    ].join("\t"),
  );
  return [...header, ...rows].join("\n");
}

export const scoreCommand: CommandModule<object, ScoreArgs> = {
  command: "score",
  describe: "Rank candidate biomarkers of a study against a clinical outcome (bootstrap stability, leave-one-subject-out, per-subject direction)",
  builder: (yargs) =>
    yargs
      .option("data", { type: "string", demandOption: true, describe: "study folder (study.json), manifest, or long CSV" })
      .option("outcome", { type: "string", default: defaultPlanInput.outcomes[0].feature, describe: "outcome feature (default: the default plan's primary outcome)" })
      .option("features", { type: "string", array: true, describe: "candidate features (default: every non-clinical feature)" })
      .option("exclude", {
        type: "string",
        array: true,
        describe: "features never scored (default: the variables that define the outcome, e.g. C3, C4, anti-dsDNA, UPCR for SLEDAI-2K; --exclude none keeps them)",
      })
      .option("landmark", { type: "string", default: defaultPlanInput.visits.landmark, describe: "landmark visit of the change from baseline (default: the default plan's)" })
      .option("replicates", { type: "string", default: "auto", describe: "N subject resamples, exact, or auto (exact when small)" })
      .option("seed", { type: "number", default: 1 })
      .option("conf", { type: "number", default: 0.95 })
      .option("top-k", { type: "number", default: 5, describe: "k of the top-k stability" })
      .option("json", { type: "boolean", default: false, describe: "print one JSON document" }),
  handler: (args) => {
    const study = readStudy(args.data);
    const list = (values: string[] | undefined) => values?.flatMap((f) => f.split(",")).filter((f) => f !== "");
    const exclude = list(args.exclude);
    const scores = scoreStudy(study, {
      outcome: args.outcome,
      features: list(args.features),
      exclude: exclude === undefined ? outcomeDefiningFeatures(args.outcome) : exclude.filter((f) => f !== "none"),
      landmark: args.landmark,
      replicates: parseReplicates(args.replicates),
      seed: args.seed,
      conf: args.conf,
      topK: args["top-k"],
    });
    if (args.json) printJson(scores);
    else printText(describeScores(scores));
  },
};
