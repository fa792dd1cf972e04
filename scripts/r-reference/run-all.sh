#!/usr/bin/env bash
# Regenerates every R reference fixture (and the CSVs in datasets/reference/). Needs R with lme4, lmerTest,
# pbkrtest, boot, qvalue, emmeans, survival and jsonlite (see the README). Runs from the repository root,
# which every script accepts.
set -euo pipefail
cd "$(dirname "$0")/../.."
for script in scripts/r-reference/*.R; do
  echo "Rscript $script"
  Rscript "$script"
done
