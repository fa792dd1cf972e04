#!/usr/bin/env Rscript
# Censored-Gaussian (Tobit, "M3") linear mixed models: an oracle built from first principles, because no R
# package fits them exactly. The likelihood of subject i is
#   L_i = integral prod_j g_ij(x_ij'beta + z_ij'b) N(b; 0, Sigma) db,
# g_ij the normal density of an observed value, Phi((limit - mu) / sigma) of a left-censored one ("<") and
# 1 - Phi((limit - mu) / sigma) of a right-censored one (">"). The integral is computed by brute force: with
# integrate() per subject for a random intercept, and a dense trapezoid grid (65 x 65 points, spacing 0.25, on +-8
# standard deviations of the integrand, centred and scaled at its mode) for a random intercept and slope.
# The maximum is found by nlminb and BFGS from several starts, keeping the best; standard errors are the
# inverse of the observed information (central second differences of the log-likelihood).
# Checks: with no random effect the likelihood code reproduces survival::survreg; with nothing censored the
# optimum reproduces lme4::lmer(REML = FALSE).
# Writes packages/lmm/test/fixtures/censored-r.json and the simulated data sets censored-*.csv beside it.
suppressPackageStartupMessages({ library(lme4); library(survival); library(jsonlite) })
here <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f)) dirname(normalizePath(f)) else getwd()
}
out_dir <- file.path(here(), "..", "..", "packages", "lmm", "test", "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

## ---- data -------------------------------------------------------------------------------------
# "ri11": 6 subjects x 11 visits, log10 counts depleted after day 0, LLOQ 1.3 +- a little per observation;
# every subject is below the LLOQ at V03 (day 7), and at no other visit.
set.seed(20261204)
days <- c(0, 1, 3, 7, 14, 21, 28, 42, 56, 84, 112)
effect <- c(0, -0.5, -0.9, -3.2, -1.4, -1.1, -0.9, -0.7, -0.5, -0.3, -0.1)
ri11 <- expand.grid(visit = sprintf("V%02d", seq_along(days) - 1), subject = sprintf("S%d", 1:6), stringsAsFactors = FALSE)
k <- as.integer(sub("V", "", ri11$visit)) + 1
s <- as.integer(sub("S", "", ri11$subject))
ri11$day <- days[k]
latent <- 2.6 + rnorm(6, 0, 0.45)[s] + effect[k] + rnorm(nrow(ri11), 0, 0.3)
ri11$latent <- round(latent, 4)
ri11$limit <- round(1.3 + runif(nrow(ri11), -0.05, 0.05), 3)
ri11$censored <- ifelse(ri11$latent < ri11$limit, "<", "")
ri11$value <- ifelse(ri11$censored == "", ri11$latent, NA)
all_censored <- names(which(tapply(ri11$censored == "<", ri11$visit, all)))
stopifnot(identical(all_censored, "V03"))

# "mixed": 8 subjects x 6 visits, a linear trend in weeks, left-censored below 0.5 and right-censored above 4.
set.seed(20261205)
mixed <- expand.grid(week = 0:5, subject = sprintf("M%d", 1:8), stringsAsFactors = FALSE)
s <- as.integer(sub("M", "", mixed$subject))
mixed$latent <- round(2.2 + rnorm(8, 0, 0.9)[s] - 0.35 * mixed$week + rnorm(nrow(mixed), 0, 0.5), 4)
mixed$limit <- ifelse(mixed$latent < 0.5, 0.5, ifelse(mixed$latent > 4, 4, NA))
mixed$censored <- ifelse(mixed$latent < 0.5, "<", ifelse(mixed$latent > 4, ">", ""))
mixed$value <- ifelse(mixed$censored == "", mixed$latent, NA)

# "slope": 10 subjects x 7 visits, random intercept and slope in weeks, left-censored below 1.3.
set.seed(20261206)
weeks <- c(0, 1, 2, 4, 6, 8, 12)
slope <- expand.grid(week = weeks, subject = sprintf("R%02d", 1:10), stringsAsFactors = FALSE)
s <- as.integer(sub("R", "", slope$subject))
b0 <- rnorm(10, 0, 0.6); b1 <- rnorm(10, 0, 0.08)
slope$latent <- round(2.0 + b0[s] + (-0.12 + b1[s]) * slope$week + rnorm(nrow(slope), 0, 0.35), 4)
slope$limit <- 1.3
slope$censored <- ifelse(slope$latent < slope$limit, "<", "")
slope$value <- ifelse(slope$censored == "", slope$latent, NA)

log_step <- function(...) message(format(Sys.time(), "%H:%M:%S "), ...)
for (name in c("ri11", "mixed", "slope")) {
  d <- get(name)
  write.csv(d, file.path(out_dir, sprintf("censored-%s.csv", name)), row.names = FALSE, quote = TRUE, na = "")
}

## ---- brute-force likelihood -------------------------------------------------------------------
# log g for observations (rows) at linear predictors mu (matrix n x m).
log_g <- function(y, lim, cens, mu, sigma) {
  out <- matrix(0, nrow(mu), ncol(mu))
  o <- cens == ""; l <- cens == "<"; r <- cens == ">"
  if (any(o)) out[o, ] <- dnorm(y[o], mu[o, , drop = FALSE], sigma, log = TRUE)
  if (any(l)) out[l, ] <- pnorm((lim[l] - mu[l, , drop = FALSE]) / sigma, log.p = TRUE)
  if (any(r)) out[r, ] <- pnorm((lim[r] - mu[r, , drop = FALSE]) / sigma, lower.tail = FALSE, log.p = TRUE)
  out
}

# Subject log-likelihood, random intercept: u ~ N(0, 1), b = tau u; integrate() around the mode.
subject_ri <- function(y, lim, cens, eta, sigma, tau) {
  h <- function(u) colSums(log_g(y, lim, cens, outer(eta, rep(1, length(u))) + tau * outer(rep(1, length(eta)), u), sigma)) + dnorm(u, log = TRUE)
  m <- optimize(function(u) -h(u), c(-20, 20), tol = 1e-12)$minimum
  d <- 1e-4
  curv <- -(h(m + d) - 2 * h(m) + h(m - d)) / d^2
  sc <- 1 / sqrt(max(curv, 1e-8))
  hm <- h(m)
  val <- integrate(function(v) exp(h(m + sc * v) - hm), -Inf, Inf, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000L)$value
  hm + log(sc * val)
}

# Subject log-likelihood, intercept and slope: u ~ N(0, I2), b = L u; trapezoid grid around the mode.
grid_v <- seq(-8, 8, by = 0.25)
grid <- as.matrix(expand.grid(grid_v, grid_v))
subject_rs <- function(y, lim, cens, eta, z, sigma, L) {
  h <- function(U) { # U: 2 x m
    B <- L %*% U
    mu <- outer(eta, rep(1, ncol(U))) + z %*% B
    colSums(log_g(y, lim, cens, mu, sigma)) - colSums(U^2) / 2 - log(2 * pi)
  }
  opt <- optim(c(0, 0), function(u) -h(matrix(u, 2)), method = "BFGS", control = list(reltol = 1e-14))
  H <- optimHess(opt$par, function(u) -h(matrix(u, 2)))
  A <- t(chol(solve(H)))
  hm <- h(matrix(opt$par, 2))
  U <- opt$par + A %*% t(grid)
  hm + log(sum(exp(h(U) - hm)) * 0.25^2 * det(A))
}

# Total log-likelihood; par = (beta, log sigma, RE parameters: log tau, or (log L11, L21, log L22)).
loglik <- function(par, d) {
  p <- ncol(d$X); beta <- par[1:p]; sigma <- exp(par[p + 1])
  eta <- drop(d$X %*% beta) + d$offset
  tot <- 0
  for (g in split(seq_len(nrow(d$X)), d$subject)) {
    if (d$re == "none") {
      tot <- tot + sum(log_g(d$y[g], d$lim[g], d$cens[g], matrix(eta[g]), sigma))
    } else if (d$re == "ri") {
      tot <- tot + subject_ri(d$y[g], d$lim[g], d$cens[g], eta[g], sigma, exp(par[p + 2]))
    } else {
      L <- matrix(c(exp(par[p + 2]), par[p + 3], 0, exp(par[p + 4])), 2)
      tot <- tot + subject_rs(d$y[g], d$lim[g], d$cens[g], eta[g], cbind(1, d$week[g]), sigma, L)
    }
  }
  tot
}

fit_oracle <- function(d, starts, tight = TRUE) {
  best <- NULL
  for (st in starts) {
    o1 <- nlminb(st, function(p) -loglik(p, d), control = list(rel.tol = 1e-14, x.tol = 1e-12, iter.max = 500, eval.max = 2000))
    o2 <- if (tight) optim(o1$par, function(p) -loglik(p, d), method = "BFGS", control = list(reltol = 1e-15, maxit = 500, ndeps = rep(1e-5, length(st)))) else o1
    o3 <- nlminb(o2$par, function(p) -loglik(p, d), control = list(rel.tol = 1e-15, x.tol = 1e-13))
    cand <- list(par = o3$par, logLik = -o3$objective)
    if (is.null(best) || cand$logLik > best$logLik) best <- cand
  }
  best
}

# Observed information by central second differences of the log-likelihood (step 1e-3 on every parameter).
hessian <- function(par, d, h = 1e-3) {
  k <- length(par); H <- matrix(0, k, k); f0 <- loglik(par, d)
  e <- function(i) { v <- numeric(k); v[i] <- h; v }
  for (i in 1:k) for (j in i:k) {
    if (i == j) H[i, i] <- (loglik(par + e(i), d) - 2 * f0 + loglik(par - e(i), d)) / h^2
    else H[i, j] <- H[j, i] <- (loglik(par + e(i) + e(j), d) - loglik(par + e(i) - e(j), d) -
                                  loglik(par - e(i) + e(j), d) + loglik(par - e(i) - e(j), d)) / (4 * h^2)
  }
  H
}

make_data <- function(df, formula, re, drop_rows = NULL) {
  if (!is.null(drop_rows)) df <- df[!drop_rows, ]
  X <- model.matrix(formula, df)
  list(X = X, y = ifelse(is.na(df$value), 0, df$value), lim = ifelse(is.na(df$limit), 0, df$limit),
       cens = df$censored, subject = df$subject, week = if (is.null(df$week)) NULL else df$week,
       re = re, offset = rep(0, nrow(df)))
}

summarise <- function(d, opt) {
  p <- ncol(d$X); H <- hessian(opt$par, d); V <- solve(-H)
  out <- list(terms = colnames(d$X), logLik = opt$logLik, beta = opt$par[1:p], stdError = sqrt(diag(V))[1:p],
              sigma = exp(opt$par[p + 1]))
  if (d$re == "ri") out$sd <- exp(opt$par[p + 2])
  if (d$re == "rs") {
    L <- matrix(c(exp(opt$par[p + 2]), opt$par[p + 3], 0, exp(opt$par[p + 4])), 2); S <- L %*% t(L)
    out$sd <- sqrt(diag(S)); out$correlation <- S[1, 2] / sqrt(S[1, 1] * S[2, 2])
  }
  out
}

# Profile log-likelihood at L'beta = t: beta = t c0 + N gamma, c0 = L / |L|^2, N an orthonormal basis of L's complement.
profile_at <- function(d, Lvec, t, beta_start, rest_start) {
  p <- ncol(d$X)
  N <- qr.Q(qr(cbind(Lvec, diag(p))))[, 2:p, drop = FALSE]
  c0 <- Lvec / sum(Lvec^2)
  dd <- d; dd$X <- d$X %*% N; dd$offset <- drop(d$X %*% c0) * t
  o <- fit_oracle(dd, list(c(drop(t(N) %*% beta_start), rest_start)), tight = FALSE)
  list(logLik = o$logLik, par = o$par)
}

log_step("---- survreg check")
## ---- survreg check of the likelihood code -----------------------------------------------------
d_fixed <- make_data(mixed, ~ week, "none")
o_fixed <- fit_oracle(d_fixed, list(c(2, -0.3, 0)))
lo <- ifelse(mixed$censored == "<", NA, ifelse(mixed$censored == ">", mixed$limit, mixed$value))
hi <- ifelse(mixed$censored == ">", NA, ifelse(mixed$censored == "<", mixed$limit, mixed$value))
sr <- survreg(Surv(lo, hi, type = "interval2") ~ week, data = mixed, dist = "gaussian",
              control = survreg.control(rel.tolerance = 1e-13, maxiter = 200))
stopifnot(abs(sr$loglik[2] - o_fixed$logLik) < 1e-7, max(abs(coef(sr) - o_fixed$par[1:2])) < 1e-5)
survreg_case <- list(name = "mixed-fixed", data = "censored-mixed.csv", formula = "value ~ week",
                     terms = names(coef(sr)), logLik = sr$loglik[2], beta = unname(coef(sr)),
                     stdError = unname(sqrt(diag(vcov(sr)))[1:2]), sigma = sr$scale)

log_step("---- lmer check")
## ---- lmer check with nothing censored ---------------------------------------------------------
unc <- ri11; unc$value <- unc$latent; unc$censored <- ""
d_unc <- make_data(unc, ~ factor(visit), "ri")
m_unc <- lmer(latent ~ visit + (1 | subject), ri11, REML = FALSE, control = lmerControl(optimizer = "nloptwrap", optCtrl = list(ftol_abs = 1e-14, xtol_abs = 1e-12)))
o_unc <- fit_oracle(d_unc, list(c(fixef(m_unc), log(sigma(m_unc)), log(attr(VarCorr(m_unc)$subject, "stddev")))))
stopifnot(abs(o_unc$logLik - as.numeric(logLik(m_unc))) < 1e-6)
uncensored_case <- list(name = "ri11-uncensored", data = "censored-ri11.csv", formula = "latent ~ visit + (1 | subject)",
                        terms = names(fixef(m_unc)), logLik = as.numeric(logLik(m_unc)), beta = unname(fixef(m_unc)),
                        stdError = unname(sqrt(diag(as.matrix(vcov(m_unc))))), sigma = sigma(m_unc),
                        sd = unname(attr(VarCorr(m_unc)$subject, "stddev")))
m_unc_rs <- lmer(latent ~ week + (week | subject), slope, REML = FALSE, control = lmerControl(optimizer = "nloptwrap", optCtrl = list(ftol_abs = 1e-14, xtol_abs = 1e-12)))
vc <- VarCorr(m_unc_rs)$subject
uncensored_rs_case <- list(name = "slope-uncensored", data = "censored-slope.csv", formula = "latent ~ week + (week | subject)",
                           terms = names(fixef(m_unc_rs)), logLik = as.numeric(logLik(m_unc_rs)), beta = unname(fixef(m_unc_rs)),
                           stdError = unname(sqrt(diag(as.matrix(vcov(m_unc_rs))))), sigma = sigma(m_unc_rs),
                           sd = unname(attr(vc, "stddev")), correlation = attr(vc, "correlation")[1, 2])

log_step("---- censored fits")
## ---- censored fits ----------------------------------------------------------------------------
start_of <- function(d, n_re) {
  b <- qr.coef(qr(d$X), ifelse(d$cens == "", d$y, d$lim)); b[is.na(b)] <- 0
  base <- c(b, log(0.5), if (n_re == 1) log(0.5) else c(log(0.5), 0, log(0.05)))
  list(base, base * 0.9 + c(rep(0.1, length(b)), rep(-0.3, length(base) - length(b))))
}

# ri11: the V03 coefficient is not estimable (every value below the limit); the supremum of the likelihood
# is the fit without V03's rows and column.
v3 <- ri11$visit == "V03"
d_red <- make_data(ri11, ~ visit, "ri", drop_rows = v3)
o_red <- fit_oracle(d_red, start_of(d_red, 1))
ri11_case <- c(list(name = "ri11", data = "censored-ri11.csv", formula = "value ~ visit + (1 | subject)",
                    nonEstimable = "visitV03"), summarise(d_red, o_red))
# The supremum is approached as beta_V03 -> -inf.
d_full <- make_data(ri11, ~ visit, "ri")
p <- ncol(d_full$X); j3 <- which(colnames(d_full$X) == "visitV03")
par_inf <- append(o_red$par, -30, after = j3 - 1)
stopifnot(abs(loglik(par_inf, d_full) - o_red$logLik) < 1e-8)
# One-sided 95% bound: beta_V03 where 2 (logLik_sup - profile) = qchisq(0.90, 1).
L3 <- as.numeric(seq_len(p) == j3)
crit <- qchisq(0.90, 1)
pr <- ncol(d_red$X); rest_red <- o_red$par[-(1:pr)]
f_bound <- function(t) 2 * (o_red$logLik - profile_at(d_full, L3, t, append(o_red$par[1:pr], t, after = j3 - 1), rest_red)$logLik) - crit
# Two-sided 95% profile interval of an estimable coefficient (visitV05) on the same fit.
j5 <- which(colnames(d_red$X) == "visitV05")
L5 <- as.numeric(seq_len(ncol(d_red$X)) == j5)
crit95 <- qchisq(0.95, 1)
f_int <- function(t) 2 * (o_red$logLik - profile_at(d_red, L5, t, o_red$par[1:pr], rest_red)$logLik) - crit95
b5 <- o_red$par[j5]; se5 <- ri11_case$stdError[j5]
# Log-likelihood of the full data at fixed parameters (for the quadrature accuracy check).
par_fixed <- append(o_red$par, -2.4, after = j3 - 1)
par_fixed2 <- par_fixed + c(rep(0.05, p), 0.2, -0.3)
at_ri <- lapply(list(par_fixed, par_fixed2), function(q) list(beta = q[1:p], sigma = exp(q[p + 1]), sd = exp(q[p + 2]),
                                                               logLik = loglik(q, d_full)))

# The expensive parts run as parallel jobs (forked R processes).
jobs <- list(
  bound = function() uniroot(f_bound, c(-2.5, 0), tol = 1e-7)$root,
  lower5 = function() uniroot(f_int, c(b5 - 4 * se5, b5), tol = 1e-7)$root,
  upper5 = function() uniroot(f_int, c(b5, b5 + 4 * se5), tol = 1e-7)$root,
  mixed = function() { d_mixed <- make_data(mixed, ~ week, "ri"); summarise(d_mixed, fit_oracle(d_mixed, start_of(d_mixed, 1))) },
  slope = function() {
    d_slope <- make_data(slope, ~ week, "rs")
    o_slope <- fit_oracle(d_slope, start_of(d_slope, 2))
    ps <- ncol(d_slope$X); q <- o_slope$par
    rs_at <- function(q) {
      L <- matrix(c(exp(q[ps + 2]), q[ps + 3], 0, exp(q[ps + 4])), 2); S <- L %*% t(L)
      list(beta = q[1:ps], sigma = exp(q[ps + 1]), sd = sqrt(diag(S)), correlation = S[1, 2] / sqrt(S[1, 1] * S[2, 2]), logLik = loglik(q, d_slope))
    }
    list(fit = summarise(d_slope, o_slope), at = lapply(list(q, q + c(0.1, -0.02, 0.15, -0.2, 0.1, 0.3)), rs_at))
  }
)
res <- parallel::mclapply(jobs, function(f) f(), mc.cores = 3, mc.preschedule = FALSE)
for (r in res) if (inherits(r, "try-error")) stop(r)
ri11_case$bound <- list(term = "visitV03", side = "upper", value = res$bound, level = 0.95)
ri11_case$interval <- list(term = "visitV05", level = 0.95, lower = res$lower5, upper = res$upper5)
mixed_case <- c(list(name = "mixed", data = "censored-mixed.csv", formula = "value ~ week + (1 | subject)"), res$mixed)
slope_case <- c(list(name = "slope", data = "censored-slope.csv", formula = "value ~ week + (week | subject)"), res$slope$fit)
at_rs <- res$slope$at

out <- list(
  generator = "scripts/r-reference/lmm-censored.R",
  r = R.version.string,
  versions = list(lme4 = as.character(packageVersion("lme4")), survival = as.character(packageVersion("survival"))),
  method = "brute-force integration (integrate() per subject; 65 x 65 trapezoid grid for two random effects), nlminb + BFGS from several starts",
  survreg = survreg_case,
  uncensored = list(uncensored_case, uncensored_rs_case),
  censored = list(ri11_case, mixed_case, slope_case),
  logLikAt = list(list(name = "ri11", formula = "value ~ visit + (1 | subject)", data = "censored-ri11.csv", points = at_ri),
                  list(name = "slope", formula = "value ~ week + (week | subject)", data = "censored-slope.csv", points = at_rs))
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(out_dir, "censored-r.json"))
cat("wrote censored-r.json\n")
