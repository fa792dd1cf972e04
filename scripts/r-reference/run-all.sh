#!/usr/bin/env bash
# Regenerates every R reference fixture. Needs R with lme4, lmerTest, pbkrtest, boot, qvalue, jsonlite.
set -euo pipefail
cd "$(dirname "$0")"
for script in *.R; do
  echo "Rscript $script"
  Rscript "$script"
done
