# Reference values for @biomarker/schema, written to packages/schema/test/fixtures/schema-r.json:
# - the bundled SIMULATED cohort read by R (subject ids kept as text, '#' comment line skipped):
#   row counts, censored and missing counts, and change / percent change from baseline
#   (baseline = last non-missing, non-censored-or-censored pre-dose value, day <= 0) for C3 and anti-dsDNA;
# - transforms: qlogis (logit), asin(sqrt(p)), log; centred log-ratio with pseudocount 0.5.
# Run from anywhere: Rscript scripts/r-reference/schema.R
library(jsonlite)

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- normalizePath(file.path(dirname(script), "..", ".."))
csv <- file.path(root, "datasets", "csle-bite-sim", "measurements.csv")
m <- read.csv(csv, comment.char = "#", colClasses = c(subject = "character", visit = "character",
  feature = "character", unit = "character", censored = "character"), na.strings = "")
m$censored[is.na(m$censored)] <- ""

changes <- list()
for (f in c("c3", "anti_dsdna")) {
  d <- m[m$feature == f, ]
  for (s in unique(d$subject)) {
    ds <- d[d$subject == s, ]
    ds <- ds[order(ds$day), ]
    observed <- ds[ds$day <= 0 & (!is.na(ds$value) | ds$censored == "<"), ]
    base <- observed[nrow(observed), ]
    for (k in seq_len(nrow(ds))) {
      r <- ds[k, ]
      defined <- nrow(base) == 1 && base$censored == "" && r$censored == "" && !is.na(r$value)
      change <- if (defined) r$value - base$value else NA
      pct <- if (defined && base$value != 0) 100 * (r$value - base$value) / base$value else NA
      changes[[length(changes) + 1]] <- list(subject = s, feature = f, day = r$day, change = change,
        percentChange = pct)
    }
  }
}

p <- c(0.5, 3, 12.5, 50, 87.5, 99.9)
counts <- c(0, 3, 10, 250, 7)
out <- list(
  cohort = list(
    rows = nrow(m),
    subjects = sort(unique(m$subject)),
    censored = sum(m$censored == "<"),
    missing = sum(is.na(m$value) & m$censored == ""),
    features = length(unique(m$feature))
  ),
  changes = changes,
  transforms = list(
    percent = p,
    logit = qlogis(p / 100),
    arcsineSqrt = asin(sqrt(p / 100)),
    log = log(p)
  ),
  clr = list(counts = counts, pseudocount = 0.5, clr = log(counts + 0.5) - mean(log(counts + 0.5)))
)
dir.create(file.path(root, "packages", "schema", "test", "fixtures"), showWarnings = FALSE)
write_json(out, file.path(root, "packages", "schema", "test", "fixtures", "schema-r.json"),
  digits = I(17), auto_unbox = TRUE, na = "null", pretty = TRUE)
