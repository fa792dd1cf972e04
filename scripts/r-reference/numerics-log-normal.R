#!/usr/bin/env Rscript
# log Phi(x) and its derivative phi(x) / Phi(x) across both tails, from R's pnorm(log.p = TRUE) and
# dnorm(log = TRUE). Writes packages/numerics/test/fixtures/log-normal-r.json.
suppressPackageStartupMessages(library(jsonlite))
here <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f)) dirname(normalizePath(f)) else getwd()
}
x <- c(-1e5, -1000, -200, -60, -38, -37.6, -30.5, -30, -29.9, -20, -10, -5, -2, -1, -0.1, 0, 0.1, 1, 2, 5, 8, 10, 20, 38)
out <- list(generator = "scripts/r-reference/numerics-log-normal.R", r = R.version.string, x = x,
            logCdf = pnorm(x, log.p = TRUE), logSf = pnorm(x, lower.tail = FALSE, log.p = TRUE),
            derivative = exp(dnorm(x, log = TRUE) - pnorm(x, log.p = TRUE)))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(here(), "..", "..", "packages", "numerics", "test", "fixtures", "log-normal-r.json"))
