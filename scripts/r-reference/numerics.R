# Reference values for @biomarker/numerics distributions.
# Writes packages/numerics/test/fixtures/distributions-r.json, linalg-r.json and optimizer-r.json
# Run from anywhere: Rscript scripts/r-reference/numerics.R
# jsonlite 1.8 caps toJSON(digits = NA) at 15 significant digits, so every number is written verbatim
# with sprintf("%.17g") (17 significant digits: every double round-trips exactly).
library(jsonlite)

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- normalizePath(file.path(dirname(script), "..", ".."))
out <- file.path(root, "packages", "numerics", "test", "fixtures", "distributions-r.json")

n17 <- function(v) structure(ifelse(is.na(v), "null", sprintf("%.17g", v)), class = "json")  # NA/NaN -> null
cases <- list()
add <- function(fn, params, x, value, lower, cdfAtValue = NULL) {
  for (i in which(is.finite(value))) {
    case <- list(fn = fn, x = n17(x[i]), params = lapply(params, n17), lower = lower, value = n17(value[i]))
    # For quantiles: R's own cdf (same tail) at R's quantile, to show where R's quantile is not self-consistent.
    if (!is.null(cdfAtValue)) case$cdfAtValue <- n17(cdfAtValue[i])
    cases[[length(cases) + 1]] <<- case
  }
}

# --- cumulative distribution functions, both tails -------------------------------------------------
zx <- c(-38, -37.5, -30, -20, -12.5, -10, -8.3, -5, -3, -1.96, -1, -0.5, -1e-5, 0, 1e-8, 0.3, 1, 2.5, 5, 8, 9.5, 20, 38)
for (lower in c(TRUE, FALSE)) add("pnorm", list(), zx, pnorm(zx, lower.tail = lower), lower)

tx <- c(-1e6, -1e3, -40, -10, -3, -1, -0.1, 0, 0.5, 2, 5, 12, 40, 1e3, 1e6)
for (df in c(0.5, 1, 2, 3, 4.5, 10, 30, 100, 1e4, 1e7)) {
  for (lower in c(TRUE, FALSE)) add("pt", list(df = df), tx, pt(tx, df, lower.tail = lower), lower)
}

fx <- c(1e-8, 1e-3, 0.05, 0.5, 1, 2, 5, 20, 100, 1e4, 1e8)
for (d in list(c(1, 1), c(1, 3), c(1, 20.5), c(2, 7), c(3, 3.7), c(5, 100), c(10, 2), c(40, 40), c(0.5, 8))) {
  for (lower in c(TRUE, FALSE)) add("pf", list(df1 = d[1], df2 = d[2]), fx, pf(fx, d[1], d[2], lower.tail = lower), lower)
}

cx <- c(1e-10, 1e-3, 0.1, 0.5, 1, 3, 10, 30, 50, 100, 200, 500, 1500)
for (df in c(0.5, 1, 2, 3, 7, 30, 100)) {
  for (lower in c(TRUE, FALSE)) add("pchisq", list(df = df), cx, pchisq(cx, df, lower.tail = lower), lower)
}

# Large df: the regime where the incomplete gamma needs its own large-shape evaluation.
for (df in c(500, 2000, 1e4, 2e5, 2e7)) {
  lx <- df * c(0.1, 0.5, 0.8, 0.95, 0.99, 0.999, 1, 1.001, 1.01, 1.05, 1.2, 2, 3)
  for (lower in c(TRUE, FALSE)) add("pchisq", list(df = df), lx, pchisq(lx, df, lower.tail = lower), lower)
}
for (d in list(c(2000, 5000), c(3, 1e4), c(1e4, 3))) {
  for (lower in c(TRUE, FALSE)) add("pf", list(df1 = d[1], df2 = d[2]), fx, pf(fx, d[1], d[2], lower.tail = lower), lower)
}

bx <- c(1e-12, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.9999, 1 - 1e-10)
for (ab in list(c(0.5, 0.5), c(1, 1), c(2, 3), c(0.5, 10), c(10, 0.5), c(30, 50), c(1.5, 200), c(200, 300))) {
  for (lower in c(TRUE, FALSE)) add("pbeta", list(a = ab[1], b = ab[2]), bx, pbeta(bx, ab[1], ab[2], lower.tail = lower), lower)
}

# --- quantile functions: lower = TRUE means p is a lower-tail probability, FALSE an upper-tail one -----
px <- c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999)
for (lower in c(TRUE, FALSE)) { v <- qnorm(px, lower.tail = lower); add("qnorm", list(), px, v, lower, pnorm(v, lower.tail = lower)) }

qpx <- c(1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999)
for (df in c(1, 2, 3, 4.5, 10, 30, 1e4)) {
  for (lower in c(TRUE, FALSE)) { v <- qt(qpx, df, lower.tail = lower); add("qt", list(df = df), qpx, v, lower, pt(v, df, lower.tail = lower)) }
}
for (d in list(c(1, 1), c(1, 3), c(2, 7), c(3, 3.7), c(5, 100), c(10, 2), c(40, 40))) {
  for (lower in c(TRUE, FALSE)) { v <- qf(qpx, d[1], d[2], lower.tail = lower); add("qf", list(df1 = d[1], df2 = d[2]), qpx, v, lower, pf(v, d[1], d[2], lower.tail = lower)) }
}
for (df in c(0.5, 1, 2, 3, 7, 30, 100, 2000, 1e4, 1e6)) {
  for (lower in c(TRUE, FALSE)) { v <- qchisq(qpx, df, lower.tail = lower); add("qchisq", list(df = df), qpx, v, lower, pchisq(v, df, lower.tail = lower)) }
}
for (ab in list(c(0.5, 0.5), c(1, 1), c(2, 3), c(0.5, 10), c(10, 0.5), c(30, 50), c(1.5, 200))) {
  for (lower in c(TRUE, FALSE)) { v <- qbeta(qpx, ab[1], ab[2], lower.tail = lower); add("qbeta", list(a = ab[1], b = ab[2]), qpx, v, lower, pbeta(v, ab[1], ab[2], lower.tail = lower)) }
}

doc <- list(
  generator = "scripts/r-reference/numerics.R",
  r = R.version.string,
  note = "fn is the R function; lower = lower.tail; for q* functions x is the probability.",
  cases = cases
)
writeLines(toJSON(doc, auto_unbox = TRUE, json_verbatim = TRUE, pretty = FALSE), out)
cat("wrote", length(cases), "cases to", out, "\n")

# --- dense linear algebra: R's qr() (LINPACK dqrdc2, tol = 1e-7), qr.coef, chol -----------------------
# Writes packages/numerics/test/fixtures/linalg-r.json
set.seed(20261125)
num <- function(m) lapply(as.vector(m), n17)
qrCase <- function(name, X, y) {
  d <- qr(X, tol = 1e-7)
  list(name = name, nrow = nrow(X), ncol = ncol(X), x = num(X), y = num(y),
       rank = d$rank, pivot = d$pivot, qr = num(d$qr), qraux = num(d$qraux),
       qty = num(qr.qty(d, y)), coef = num(qr.coef(d, y)))
}
subject <- factor(rep(1:4, each = 3))
day <- rep(c(0, 7, 28), 4)
treated <- as.numeric(subject %in% c(1, 2))
X1 <- model.matrix(~ subject + treated + day)          # treated is collinear with the subject columns
X2 <- cbind(1, day, 2 * day + 1, rnorm(12), 0)           # a dependent column in the middle and a zero column
X3 <- cbind(1, day, day + 1e-9 * rnorm(12), rnorm(12))   # near-collinear: below tol, moved to the end
X4 <- cbind(1, rnorm(12), rnorm(12), rnorm(12))          # full rank
X5 <- matrix(rnorm(12), 3, 4)                            # more columns than rows
qrCases <- list(
  qrCase("subject + treated + day (treated aliased)", X1, rnorm(12)),
  qrCase("dependent middle column and zero column", X2, rnorm(12)),
  qrCase("near-collinear column (1e-9)", X3, rnorm(12)),
  qrCase("full rank", X4, rnorm(12)),
  qrCase("wide 3 x 4", X5, rnorm(3))
)
A <- crossprod(X4) + diag(4)
b <- rnorm(4)
L <- t(chol(A))
cholCase <- list(n = 4, a = num(A), b = num(b), factor = num(L),
                 solveLower = num(forwardsolve(L, b)), solveLowerTransposed = num(backsolve(t(L), b)),
                 solveUpper = num(backsolve(t(L), b)), inverseLower = num(solve(L)),
                 logDeterminant = n17(as.numeric(determinant(A, logarithm = TRUE)$modulus)))
linalgOut <- file.path(root, "packages", "numerics", "test", "fixtures", "linalg-r.json")
writeLines(toJSON(list(generator = "scripts/r-reference/numerics.R", r = R.version.string,
                       note = "matrices column-major; pivot is R's 1-based $pivot; coef null = NA (aliased column)",
                       qr = qrCases, cholesky = cholCase),
                  auto_unbox = TRUE, json_verbatim = TRUE, pretty = FALSE), linalgOut)
cat("wrote", linalgOut, "\n")

# --- optimizer: profiled REML criteria of two random-slope models, lme4's answer and the true optimum ---
# Writes packages/numerics/test/fixtures/optimizer-r.json. "tight" re-optimizes lme4's own devfun from
# lme4's theta with minqa::bobyqa (rhoend = 1e-14), then L-BFGS-B (factr = 0) to confirm it does not move.
suppressMessages({ library(lme4); library(nlme) })
data(Orthodont, package = "nlme")
remlCase <- function(name, formula, data, response, covariate, group) {
  fit <- lmer(formula, data = data, REML = TRUE)
  devfun <- lmer(formula, data = data, REML = TRUE, devFunOnly = TRUE)
  lower <- getME(fit, "lower")
  tight <- minqa::bobyqa(getME(fit, "theta"), devfun, lower = lower,
                         control = list(rhobeg = 1e-3, rhoend = 1e-14, maxfun = 1e5))
  check <- optim(tight$par, devfun, method = "L-BFGS-B", lower = lower, control = list(factr = 0, pgtol = 0, maxit = 1e4))
  stopifnot(check$value >= tight$fval - 1e-12)
  list(name = name, y = num(data[[response]]), x = num(data[[covariate]]),
       group = as.integer(factor(data[[group]], levels = unique(data[[group]]))),
       lowerBounds = "theta >= (0, -Inf, 0)",
       lme4 = list(theta = num(getME(fit, "theta")), criterion = n17(REMLcrit(fit)), evaluations = fit@optinfo$feval),
       tight = list(theta = num(tight$par), criterion = n17(tight$fval)),
       criterionAtStart = n17(devfun(c(1, 0, 1))))
}
optimizerCases <- list(
  remlCase("Orthodont: distance ~ age + (age | Subject)", distance ~ age + (age | Subject),
           as.data.frame(Orthodont), "distance", "age", "Subject"),
  remlCase("sleepstudy: Reaction ~ Days + (Days | Subject)", Reaction ~ Days + (Days | Subject),
           sleepstudy, "Reaction", "Days", "Subject")
)
optimizerOut <- file.path(root, "packages", "numerics", "test", "fixtures", "optimizer-r.json")
writeLines(toJSON(list(generator = "scripts/r-reference/numerics.R", r = R.version.string,
                       lme4 = as.character(packageVersion("lme4")),
                       note = "REML criterion of y ~ x + (x | group); theta = lower Cholesky factor (l11, l21, l22) of the scaled random-effect covariance",
                       cases = optimizerCases),
                  auto_unbox = TRUE, json_verbatim = TRUE, pretty = FALSE), optimizerOut)
cat("wrote", optimizerOut, "\n")
