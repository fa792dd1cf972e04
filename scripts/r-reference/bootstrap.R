# Reference values for @biomarker/bootstrap: R boot on Efron's law-school data and on a small clustered
# (subject-level) data set.
# Writes packages/bootstrap/test/fixtures/bootstrap-r.json
# Run from anywhere: Rscript scripts/r-reference/bootstrap.R
# Numbers are written with sprintf("%.17g") so every double round-trips exactly.
library(boot)
library(jsonlite)
library(lme4)

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- normalizePath(file.path(dirname(script), "..", ".."))
out <- file.path(root, "packages", "bootstrap", "test", "fixtures", "bootstrap-r.json")

n17 <- function(v) structure(sprintf("%.17g", v), class = "json")
vec <- function(v) structure(paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]"), class = "json")

summarise <- function(b, conf = 0.95) {
  ci <- boot.ci(b, conf = conf, type = c("perc", "basic", "norm", "bca"))
  jack <- boot.ci(b, conf = conf, type = "bca", L = empinf(b, type = "jack"))
  t <- b$t[is.finite(b$t[, 1]), 1]
  list(
    estimate = n17(b$t0),
    replicates = length(t),
    mean = n17(mean(t)),
    stdError = n17(sd(t)),
    bias = n17(mean(t) - b$t0),
    percentile = vec(ci$percent[4:5]),
    basic = vec(ci$basic[4:5]),
    normal = vec(ci$normal[2:3]),
    bcaRegression = vec(ci$bca[4:5]),
    bcaJackknife = vec(jack$bca[4:5])
  )
}

# Efron & Tibshirani (1993), Table 3.1: 15 law schools, average LSAT and GPA of the entering class.
law <- data.frame(
  LSAT = c(576, 635, 558, 578, 666, 580, 555, 661, 651, 605, 653, 575, 545, 572, 594),
  GPA = c(3.39, 3.30, 2.81, 3.03, 3.44, 3.07, 3.00, 3.43, 3.36, 3.13, 3.12, 2.74, 2.76, 2.88, 2.96)
)
n <- nrow(law)
jackValues <- sapply(seq_len(n), function(i) cor(law$LSAT[-i], law$GPA[-i]))
set.seed(20261125)
lawBoot <- boot(law, function(d, i) cor(d$LSAT[i], d$GPA[i]), R = 100000)
set.seed(20261128)
lawSpearman <- boot(law, function(d, i) cor(d$LSAT[i], d$GPA[i], method = "spearman"), R = 100000)

# A clustered data set: 6 subjects x 4 visits; the statistic is computed over every observation of the
# resampled subjects (a subject drawn twice contributes its trajectory twice).
clustered <- data.frame(
  subject = rep(sprintf("S%d", 1:6), each = 4),
  x = c(1.2, 1.9, 2.4, 3.1, 0.4, 0.9, 1.1, 2.0, 2.2, 2.1, 3.5, 3.9, 1.0, 1.4, 1.3, 2.6, 3.0, 3.3, 4.1, 4.4, 0.2, 0.8, 1.7, 1.5),
  y = c(10, 12, 15, 16, 7, 9, 9, 13, 14, 13, 19, 22, 9, 10, 12, 14, 18, 17, 23, 25, 5, 8, 11, 12)
)
subjects <- unique(clustered$subject)
rowsOf <- lapply(subjects, function(s) which(clustered$subject == s))
expand <- function(i) unlist(rowsOf[i])
set.seed(20261126)
clusterMean <- boot(seq_along(subjects), function(d, i) mean(clustered$x[expand(d[i])]), R = 100000)
set.seed(20261129)
clusterSpearman <- boot(seq_along(subjects), function(d, i) { k <- expand(d[i]); cor(clustered$x[k], clustered$y[k], method = "spearman") }, R = 100000)
set.seed(20261127)
clusterPearson <- boot(seq_along(subjects), function(d, i) { k <- expand(d[i]); cor(clustered$x[k], clustered$y[k]) }, R = 100000)

# LMM fixed effects (y ~ visit + (1 | subject), visits 0..3) refitted on given subject resamples: a subject drawn c times enters as c distinct
# subjects ("S1#1", "S1#2"), each with its own random intercept.
lmmCounts <- list(c(1, 1, 1, 1, 1, 1), c(2, 0, 1, 0, 2, 1), c(0, 3, 0, 1, 1, 1), c(1, 1, 0, 2, 2, 0))
lmmFits <- lapply(lmmCounts, function(counts) {
  parts <- list()
  for (s in seq_along(subjects)) for (copy in seq_len(counts[s])) {
    d <- clustered[rowsOf[[s]], ]
    d$subject <- paste0(subjects[s], "#", copy)
    d$visit <- 0:3
    parts[[length(parts) + 1]] <- d
  }
  fit <- lmer(y ~ visit + (1 | subject), data = do.call(rbind, parts), REML = TRUE)
  stopifnot(!isSingular(fit))
  list(counts = counts, intercept = n17(fixef(fit)[["(Intercept)"]]), slope = n17(fixef(fit)[["visit"]]))
})

# The exact bootstrap distribution of Spearman's rho at n = 6 by brute force over all 6^6 = 46656 ordered
# resamples (equal weights; ties between copies get mid-ranks as in cor(method = "spearman")).
sx <- 1:6
sy <- c(3, 1, 2, 4, 6, 5)
grid <- as.matrix(expand.grid(rep(list(1:6), 6)))
rhos <- suppressWarnings(apply(grid, 1, function(i) cor(sx[i], sy[i], method = "spearman")))
defined <- sort(rhos[is.finite(rhos)])
rho0 <- cor(sx, sy, method = "spearman")
exactQuantile <- function(p) defined[ceiling(p * length(defined) - 1e-9)]
exactSpearman <- list(
  x = vec(sx), y = vec(sy), estimate = n17(rho0),
  undefinedOrdered = sum(!is.finite(rhos)),
  mean = n17(mean(defined)), stdError = n17(sqrt(mean((defined - mean(defined))^2))),
  belowShare = n17(mean(defined < rho0)),
  q025 = n17(exactQuantile(0.025)), q975 = n17(exactQuantile(0.975)), q10 = n17(exactQuantile(0.10)), q90 = n17(exactQuantile(0.90))
)

# Studentized (bootstrap-t) intervals, boot.ci type "stud": the statistic returns its estimate and the
# jackknife variance of that estimate on the resample (each of the m observations of the resample left out
# once: (m - 1) / m * sum (u_k - ubar)^2), which boot.ci takes as var.t0 and var.t. Written from first
# principles so that the fixture checks both the nested jackknife and the interval. The resample indices
# are exported so that the test evaluates the same resamples.
jackVar <- function(x, f) {
  m <- length(x)
  u <- sapply(seq_len(m), function(k) f(x[-k]))
  (m - 1) / m * sum((u - mean(u))^2)
}
studX <- c(2.3, 0.4, 1.9, 3.8, 1.1, 0.2, 5.6, 1.4, 2.9, 0.8)
set.seed(20261130)
studMean <- boot(studX, function(d, i) c(mean(d[i]), jackVar(d[i], mean)), R = 2000)
studMeanCi <- boot.ci(studMean, conf = 0.95, type = "stud")
# Pearson r on Fisher's z scale, mapped back with tanh (boot.ci's hinv).
fz <- function(rows) atanh(cor(law$LSAT[rows], law$GPA[rows]))
set.seed(20261131)
studLaw <- boot(seq_len(n), function(d, i) { rows <- d[i]; c(fz(rows), jackVar(rows, fz)) }, R = 2000)
studLawCi <- boot.ci(studLaw, conf = 0.95, type = "stud", hinv = tanh)
studentizedFixture <- function(b, ci) list(
  indices = unname(boot.array(b, indices = TRUE)),
  t = vec(b$t[, 1]), varT = vec(b$t[, 2]), t0 = n17(b$t0[1]), varT0 = n17(b$t0[2]),
  interval = vec(ci$student[4:5])
)

fixture <- list(
  studentized = list(
    mean = c(list(x = vec(studX)), studentizedFixture(studMean, studMeanCi)),
    lawFisherZ = studentizedFixture(studLaw, studLawCi)
  ),
  exactSpearman = exactSpearman,
  law = c(list(LSAT = vec(law$LSAT), GPA = vec(law$GPA), jackknifeStdError = n17(sqrt((n - 1) / n * sum((jackValues - mean(jackValues))^2)))),
          summarise(lawBoot), list(spearman = summarise(lawSpearman))),
  clustered = list(
    subject = clustered$subject, x = vec(clustered$x), y = vec(clustered$y),
    mean = summarise(clusterMean), pearson = summarise(clusterPearson), spearman = summarise(clusterSpearman),
    lmm = lmmFits
  )
)
writeLines(toJSON(fixture, auto_unbox = TRUE, pretty = TRUE, json_verbatim = TRUE), out)
cat("wrote", out, "\n")
