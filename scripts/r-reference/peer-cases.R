#!/usr/bin/env Rscript
# Reference values for defects found by running the engine on the peers' published test cases (lme4,
# lmerTest, pbkrtest, R's cor.test), each on a small case constructed here:
#   packages/lmm/test/fixtures/peer-cases-r.json
#     krDfTwo: a balanced random-intercept model with three groups, whose Kenward-Roger df for the
#       intercept is exactly 2 (pbkrtest's 0/0 = 1 branch); lmerTest's summary and pbkrtest's KRmodcomp.
#     shifted: a random intercept-and-slope model fitted to y and to y + 1e4 (theta, SEs, Satterthwaite df,
#       conditional modes by subject name).
#   packages/correlation/test/fixtures/alternatives-r.json
#     cor.test with alternative = "less" / "greater" (Pearson, Spearman exact and asymptotic, Kendall exact
#     and normal), and Pearson's r at extreme magnitudes (1e-188, 1e200).
#   packages/multiple-testing/test/fixtures/sidak-r.json
#     Sidak single-step 1 - (1 - p)^m and Holm-Sidak step-down adjusted p-values, computed here from their
#     definitions (no R package in this environment implements them; multtest is not installed) with
#     -expm1(m log1p(-p)) so that tiny p-values keep their digits.
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(pbkrtest); library(jsonlite) })
here <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f)) dirname(normalizePath(f)) else getwd()
}
root <- file.path(here(), "..", "..")
versions <- function(pkgs) c(list(script = "scripts/r-reference/peer-cases.R", R = R.version.string),
  setNames(lapply(pkgs, function(p) as.character(packageVersion(p))), pkgs))
write_fixture <- function(x, path) {
  path <- file.path(root, path)
  dir.create(dirname(path), showWarnings = FALSE, recursive = TRUE)
  writeLines(toJSON(x, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null", na = "null"), path)
  cat("wrote", path, "\n")
}
coefs <- function(m, ddf) {
  s <- summary(m, ddf = ddf)$coefficients
  list(term = rownames(s), estimate = unname(s[, "Estimate"]), stdError = unname(s[, "Std. Error"]),
       df = unname(s[, "df"]), statistic = unname(s[, "t value"]), pValue = unname(s[, "Pr(>|t|)"]))
}

## ---- lmm ----------------------------------------------------------------------------------------
set.seed(7)
kr <- data.frame(g = rep(c("a", "b", "c"), each = 4), y = round(rep(rnorm(3, 0, 2), each = 4) + rnorm(12) + 5, 3))
m_kr <- lmer(y ~ 1 + (1 | g), kr, REML = TRUE)

krmc <- KRmodcomp(m_kr, matrix(1, 1, 1))$test
krDfTwo <- list(
  data = kr, formula = "y ~ 1 + (1 | g)", theta = unname(getME(m_kr, "theta")), sigma = sigma(m_kr),
  kenwardRoger = coefs(m_kr, "Kenward-Roger"), satterthwaite = coefs(m_kr, "Satterthwaite"),
  krmodcomp = list(F = krmc["Ftest", "stat"], numDf = krmc["Ftest", "ndf"], denDf = krmc["Ftest", "ddf"],
                   scaling = krmc["Ftest", "F.scaling"], pValue = krmc["Ftest", "p.value"]))

set.seed(11)
sh <- expand.grid(day = c(0, 2, 4, 7, 10, 14), subject = sprintf("S%d", 1:6), stringsAsFactors = FALSE)
sb <- rnorm(6, 0, 1.5); ss <- rnorm(6, 0, 0.15)
k <- as.integer(sub("S", "", sh$subject))
sh$y <- round(3 + sb[k] + (0.2 + ss[k]) * sh$day + rnorm(nrow(sh), 0, 0.7), 4)
fit_shift <- function(d) {
  m <- lmer(y ~ day + (day | subject), d, REML = TRUE, control = lmerControl(optimizer = "bobyqa",
            optCtrl = list(rhobeg = 2e-1, rhoend = 1e-12, maxfun = 1e5)))
  re <- ranef(m)$subject
  list(theta = unname(getME(m, "theta")), sigma = sigma(m), remlCriterion = unname(REMLcrit(m)),
       ranef = lapply(setNames(rownames(re), rownames(re)), function(l) as.list(re[l, ])),
       satterthwaite = coefs(m, "Satterthwaite"), kenwardRoger = coefs(m, "Kenward-Roger"))
}
sh2 <- sh; sh2$y <- sh$y + 1e4
# Two-model comparison: pbkrtest's KRmodcomp and SATmodcomp of day * group against day (4 df).
sh$group <- c("A", "A", "B", "B", "C", "C")[k]
m_large <- lmer(y ~ day * group + (1 | subject), sh, REML = TRUE)
m_small <- lmer(y ~ day + (1 | subject), sh, REML = TRUE)
kr_cmp <- KRmodcomp(m_large, m_small)$test
sat_cmp <- SATmodcomp(m_large, m_small)$test
modcomp <- list(data = sh, large = "y ~ day * group + (1 | subject)", small = "y ~ day + (1 | subject)",
  theta = unname(getME(m_large, "theta")),
  kenwardRoger = list(F = kr_cmp["Ftest", "stat"], numDf = kr_cmp["Ftest", "ndf"], denDf = kr_cmp["Ftest", "ddf"], pValue = kr_cmp["Ftest", "p.value"]),
  satterthwaite = list(F = sat_cmp$statistic, numDf = sat_cmp$ndf, denDf = sat_cmp$ddf, pValue = sat_cmp$p.value))
shifted <- list(data = sh, formula = "y ~ day + (day | subject)", shift = 1e4, original = fit_shift(sh), shifted = fit_shift(sh2))

write_fixture(list(versions = versions(c("lme4", "lmerTest", "pbkrtest", "jsonlite")), krDfTwo = krDfTwo, shifted = shifted, modcomp = modcomp),
              "packages/lmm/test/fixtures/peer-cases-r.json")

## ---- correlation --------------------------------------------------------------------------------
x <- c(1.2, 3.4, 2.2, 5.1, 4.4, 6.0, 2.9, 7.3)
y <- c(2.0, 2.9, 3.5, 4.1, 5.6, 5.2, 1.9, 6.8)
yt <- c(2.0, 2.9, 2.9, 4.1, 5.6, 5.6, 1.9, 6.8)   # ties: asymptotic Spearman / Kendall
one <- function(method, a, b, alt, exact) {
  r <- suppressWarnings(cor.test(a, b, method = method, alternative = alt, exact = exact))
  list(method = method, alternative = alt, exact = exact, x = a, y = b, estimate = unname(r$estimate),
       statistic = unname(r$statistic), pValue = r$p.value,
       ciLower = if (is.null(r$conf.int)) NULL else r$conf.int[1], ciUpper = if (is.null(r$conf.int)) NULL else r$conf.int[2])
}
cases <- list()
for (alt in c("two.sided", "less", "greater")) {
  cases[[length(cases) + 1]] <- one("pearson", x, y, alt, NULL)
  cases[[length(cases) + 1]] <- one("pearson", x, -y, alt, NULL)
  cases[[length(cases) + 1]] <- one("spearman", x, y, alt, TRUE)
  cases[[length(cases) + 1]] <- one("spearman", x, -y, alt, TRUE)
  cases[[length(cases) + 1]] <- one("spearman", x, yt, alt, FALSE)
  cases[[length(cases) + 1]] <- one("kendall", x, y, alt, TRUE)
  cases[[length(cases) + 1]] <- one("kendall", x, -y, alt, TRUE)
  cases[[length(cases) + 1]] <- one("kendall", x, yt, alt, FALSE)
}
xs <- c(0.3, 1.7, 2.1, 0.9, 3.3, 2.8)
ys <- c(1.1, 0.4, 2.6, 1.5, 2.9, 3.7)
extreme <- lapply(c(1e-188, 1e200), function(s) list(scale = s, estimate = cor(xs, ys), x = xs, y = ys))
write_fixture(list(versions = versions("jsonlite"), cases = cases, extreme = extreme),
              "packages/correlation/test/fixtures/alternatives-r.json")

## ---- multiple testing ---------------------------------------------------------------------------
sidak <- function(p, m = length(p)) -expm1(m * log1p(-p))
holm_sidak <- function(p, m = length(p)) {
  o <- order(p); k <- length(p)
  adj <- -expm1((m - seq_len(k) + 1) * log1p(-p[o]))
  out <- numeric(k); out[o] <- pmin(1, cummax(adj)); out
}
ps <- list(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.7), c(1e-12, 3e-10, 0.049, 0.5, 1), c(0.3))
write_fixture(list(versions = versions("jsonlite"),
                   cases = lapply(ps, function(p) list(p = p, sidak = sidak(p), holmSidak = holm_sidak(p),
                                                       n = length(p) + 2, sidakN = sidak(p, length(p) + 2),
                                                       holmSidakN = holm_sidak(p, length(p) + 2)))),
              "packages/multiple-testing/test/fixtures/sidak-r.json")
