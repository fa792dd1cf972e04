#!/usr/bin/env Rscript
# Reference values for the visit-adjusted within-subject association of @biomarker/correlation:
#   lmer(y ~ visit + x_within + x_between + (1 | subject), REML = TRUE), visit a factor,
#   x_between = the subject's mean of x over the rows where x and y are both observed, x_within = x - x_between;
#   the x_within coefficient tested by lmerTest 3.1 (Satterthwaite) and by pbkrtest's Kenward-Roger
#   (lmerTest's summary(ddf = "Kenward-Roger"), whose SE comes from the adjusted covariance vcovAdj).
# Data: the bundled cohort datasets/csle-bite-sim (log10 treg_count and cd4_count vs SLEDAI-2K, the
# prednisone dose vs SLEDAI-2K) and cohorts simulated here (balanced, with missing rows, a near-singular
# one, and one whose outcome shares the visit trend with x).
# Writes packages/correlation/test/fixtures/within-r.json (run from the repository root or anywhere).
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(pbkrtest); library(jsonlite) })
here <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f)) dirname(normalizePath(f)) else getwd()
}
root <- file.path(here(), "..", "..")
out <- file.path(root, "packages", "correlation", "test", "fixtures", "within-r.json")

within_case <- function(name, subject, visit, x, y) {
  keep <- !is.na(x) & !is.na(y)
  d <- data.frame(subject = as.character(subject[keep]), visit = factor(as.character(visit[keep])),
                  x = x[keep], y = y[keep], stringsAsFactors = FALSE)
  d$x_between <- ave(d$x, d$subject)
  d$x_within <- d$x - d$x_between
  m <- lmer(y ~ visit + x_within + x_between + (1 | subject), data = d, REML = TRUE,
            control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 1e-12, maxfun = 1e5)))
  s <- coef(summary(m, ddf = "Satterthwaite"))["x_within", ]
  k <- coef(summary(m, ddf = "Kenward-Roger"))["x_within", ]
  list(
    name = name, subject = as.character(subject), visit = as.character(visit),
    x = x, y = y, n = nrow(d), subjects = length(unique(d$subject)),
    singular = isSingular(m), reml = unname(REMLcrit(m)), theta = unname(getME(m, "theta")),
    betweenEstimate = unname(fixef(m)["x_between"]),
    satterthwaite = list(estimate = unname(s["Estimate"]), stdError = unname(s["Std. Error"]), df = unname(s["df"]),
                         statistic = unname(s["t value"]), pValue = unname(s["Pr(>|t|)"])),
    kenwardRoger = list(estimate = unname(k["Estimate"]), stdError = unname(k["Std. Error"]), df = unname(k["df"]),
                        statistic = unname(k["t value"]), pValue = unname(k["Pr(>|t|)"]))
  )
}

cases <- list()
add <- function(case) cases[[length(cases) + 1]] <<- case

## ---- the bundled cohort ------------------------------------------------------------------------
read_sim <- function(file) read.csv(file.path(root, "datasets", "csle-bite-sim", file), comment.char = "#",
                                    colClasses = c(subject = "character"), stringsAsFactors = FALSE)
clinical <- read_sim("clinical.csv")
meas <- read_sim("measurements.csv")
feature_of <- function(id) {
  m <- meas[meas$feature == id, c("subject", "visit", "value")]
  names(m)[3] <- id
  m
}
wide <- clinical[, c("subject", "visit", "day", "sledai2k", "prednisone_mg_day")]
for (id in c("treg_count", "cd4_count")) wide <- merge(wide, feature_of(id), by = c("subject", "visit"), all.x = TRUE)
wide <- wide[order(wide$subject, wide$day), ]
add(within_case("csle-bite-sim log10 treg_count vs sledai2k", wide$subject, wide$visit, log10(wide$treg_count), wide$sledai2k))
add(within_case("csle-bite-sim log10 cd4_count vs sledai2k", wide$subject, wide$visit, log10(wide$cd4_count), wide$sledai2k))
add(within_case("csle-bite-sim prednisone_mg_day vs sledai2k", wide$subject, wide$visit, wide$prednisone_mg_day, wide$sledai2k))

## ---- simulated cohorts ---------------------------------------------------------------------------
set.seed(20261204)
cohort <- function(k, v) expand.grid(visit = sprintf("V%02d", seq_len(v)), subject = sprintf("S%02d", seq_len(k)), stringsAsFactors = FALSE)[, c("subject", "visit")]
# Balanced 6 x 10: x and y share a decaying time course; y also follows x's within-subject deviations.
d <- cohort(6, 10); t <- as.integer(sub("V", "", d$visit)); s <- as.integer(sub("S", "", d$subject))
trend <- 3 * exp(-t / 3)
xdev <- rnorm(nrow(d))
x <- round(trend + rnorm(6)[s] + xdev, 6)
y <- round(2 * trend + rnorm(6, 0, 1.5)[s] + 0.5 * xdev + rnorm(nrow(d), 0, 0.7), 6)
add(within_case("sim 6x10 shared trend, true within effect", d$subject, d$visit, x, y))
# The same x with a null outcome that only shares the trend.
y0 <- round(2 * trend + rnorm(6, 0, 1.5)[s] + rnorm(nrow(d), 0, 0.7), 6)
add(within_case("sim 6x10 shared trend, null", d$subject, d$visit, x, y0))
# Missing rows in x and in y (dropped before centring).
xm <- x; ym <- y
xm[sample(nrow(d), 5)] <- NA; ym[sample(nrow(d), 4)] <- NA
add(within_case("sim 6x10 missing rows", d$subject, d$visit, xm, ym))
# 8 x 5, no subject effect in y (a singular or near-singular fit).
d <- cohort(8, 5); s <- as.integer(sub("S", "", d$subject)); t <- as.integer(sub("V", "", d$visit))
x <- round(rnorm(8, 0, 2)[s] + rnorm(nrow(d)), 6)
y <- round(0.3 * t + 0.4 * x + rnorm(nrow(d), 0, 1), 6)
add(within_case("sim 8x5 no subject variance", d$subject, d$visit, x, y))
# 5 x 4, strong between-subject x, small sample.
d <- cohort(5, 4); s <- as.integer(sub("S", "", d$subject))
x <- round(rnorm(5, 0, 3)[s] + rnorm(nrow(d), 0, 0.5), 6)
y <- round(rnorm(5, 0, 2)[s] - 0.8 * x + rnorm(nrow(d), 0, 0.5), 6)
add(within_case("sim 5x4 small", d$subject, d$visit, x, y))

json <- list(
  generator = "scripts/r-reference/correlation-within.R",
  versions = list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
                  lmerTest = as.character(packageVersion("lmerTest")), pbkrtest = as.character(packageVersion("pbkrtest"))),
  model = "lmer(y ~ visit + x_within + x_between + (1 | subject), REML = TRUE)",
  cases = cases
)
writeLines(toJSON(json, auto_unbox = TRUE, digits = NA, na = "null", pretty = FALSE), out)
cat("wrote", out, "\n")
