#!/usr/bin/env Rscript
# Residual correlation / variance structures and cluster-robust (CR2) inference for linear mixed models:
# reference values from nlme (lme with corCAR1, corAR1, corCompSymm, varIdent), clubSandwich (CR2 sandwich,
# Satterthwaite df) and, for the Satterthwaite df of lme fits (no R package computes them), a first-principles
# oracle: the REML/ML -2 log-likelihood written out densely in the variance parameters, checked to equal
# nlme's logLik at the estimates, differentiated with numDeriv (Hessian -> A = 2 H^-1; Jacobian of
# l' C l), df = 2 (l'Cl)^2 / (g' A g) as lmerTest defines them. The derivatives are taken on the
# unconstrained scale (log SDs, nlme's unconstrained correlation, log SD ratios) with numDeriv's Richardson
# steps d = 1e-3 (absolute 1e-3 added below |x| = 0.1, where relative steps would drown in rounding): on the natural scale the Hessian of a corCAR1 fit with phi near 1 is ill-conditioned and
# numDeriv's default d = 1e-4 gives df off by 1e-2 or worse (checked: d = 1e-2 and 1e-3 and both scales agree).
# Writes packages/lmm/test/fixtures/structured-r.json and structured-cohort.csv, structured-bodyweight.csv.
suppressPackageStartupMessages({
  library(nlme); library(lme4); library(clubSandwich); library(numDeriv); library(jsonlite)
})
here <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f)) dirname(normalizePath(f)) else getwd()
}
out_dir <- file.path(here(), "..", "..", "packages", "lmm", "test", "fixtures")
write_csv <- function(df, name) write.csv(df, file.path(out_dir, name), row.names = FALSE, quote = TRUE)

## ---- data -------------------------------------------------------------------------------------
# A tiny cohort: 6 subjects x 11 visits over a year, visit days jittered around the nominal day (irregular
# spacing), serially correlated errors (continuous-time AR(1), range 40 days) whose SD grows after day 0,
# a random intercept, 5 visits missing (the first subject misses V01, so nlme's varIdent reference level
# is V02: the first level in the data sorted by subject).
set.seed(20261204)
nominal <- c(0, 7, 14, 28, 42, 56, 84, 112, 168, 252, 364)
cohort <- expand.grid(visit = sprintf("V%02d", 1:11), subject = sprintf("S%d", 1:6), stringsAsFactors = FALSE)
k <- as.integer(sub("V", "", cohort$visit))
cohort$day <- nominal[k] + ifelse(k == 1, 0, round(runif(nrow(cohort), -3, 3)))
visit_sd <- c(0.9, 1.2, 1.0, 0.9, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6, 0.6)
effect <- c(0, -2, -2.5, -2.2, -1.8, -1.4, -1, -0.6, -0.3, 0, 0.1)
cohort$value <- NA
for (s in unique(cohort$subject)) {
  i <- which(cohort$subject == s)
  d <- cohort$day[i]
  r <- exp(-abs(outer(d, d, "-")) / 40)
  e <- drop(t(chol(r)) %*% rnorm(length(i)))
  cohort$value[i] <- 10 + rnorm(1, 0, 1) + effect[k[i]] + visit_sd[k[i]] * e
}
missing <- c(1, sample(12:nrow(cohort), 4))
cohort <- cohort[-missing, c("subject", "visit", "day", "value")]
rownames(cohort) <- NULL
write_csv(cohort, "structured-cohort.csv")

bw <- as.data.frame(nlme::BodyWeight)
bw <- data.frame(Rat = sprintf("R%02d", as.integer(as.character(bw$Rat))), Diet = paste0("D", bw$Diet),
                 Time = bw$Time, weight = bw$weight, stringsAsFactors = FALSE)
bw <- bw[order(bw$Rat, bw$Time), ]
rownames(bw) <- NULL
write_csv(bw, "structured-bodyweight.csv")

## ---- first-principles Satterthwaite oracle ----------------------------------------------------
# V_i = sb^2 1 1' + sigma^2 D_i C_i(phi) D_i, D_i = diag(delta of each row's stratum), delta_ref = 1.
marginal <- function(par, spec) {
  d <- spec$data; X <- spec$X; y <- spec$y; g <- spec$groups
  sb <- par[1]; sigma <- par[length(par)]
  phi <- if (spec$cor != "none") par[2] else NA
  ratios <- if (length(spec$strata)) par[(2 + (spec$cor != "none")):(length(par) - 1)] else numeric(0)
  delta <- rep(1, nrow(d))
  if (length(spec$strata)) {
    full <- c(1, ratios); names(full) <- spec$strata
    delta <- unname(full[as.character(d[[spec$weightsBy]])])
  }
  V <- matrix(0, nrow(d), nrow(d))
  for (s in unique(g)) {
    i <- which(g == s)
    cm <- switch(spec$cor,
      none = diag(length(i)),
      car1 = phi^abs(outer(d[[spec$time]][i], d[[spec$time]][i], "-")),
      ar1 = phi^abs(outer(seq_along(i), seq_along(i), "-")),
      cs = { m <- matrix(phi, length(i), length(i)); diag(m) <- 1; m })
    V[i, i] <- sb^2 + sigma^2 * diag(delta[i], length(i)) %*% cm %*% diag(delta[i], length(i))
  }
  V
}
minus2ll <- function(par, spec, reml) {
  V <- marginal(par, spec); X <- spec$X; y <- spec$y
  Vi <- solve(V); XtVX <- t(X) %*% Vi %*% X
  beta <- solve(XtVX, t(X) %*% Vi %*% y); r <- y - X %*% beta
  n <- length(y); p <- ncol(X)
  ld <- determinant(V)$modulus[1]
  if (reml) (n - p) * log(2 * pi) + ld + determinant(XtVX)$modulus[1] + sum(r * (Vi %*% r))
  else n * log(2 * pi) + ld + sum(r * (Vi %*% r))
}
vcov_beta <- function(par, spec) {
  V <- marginal(par, spec); X <- spec$X
  solve(t(X) %*% solve(V) %*% X)
}

## ---- fits -------------------------------------------------------------------------------------
tight <- lmeControl(maxIter = 500, msMaxIter = 500, niterEM = 100, msTol = 1e-12, tolerance = 1e-10,
                    returnObject = TRUE, opt = "nlminb")
describe <- function(name, data, fixed, corr, weights, reml, cor_type, time, weights_by, grouping, robust = TRUE) {
  args <- list(fixed = fixed, random = as.formula(paste("~ 1 |", grouping)), data = data,
               method = if (reml) "REML" else "ML", control = tight)
  if (!is.null(corr)) args$correlation <- corr
  if (!is.null(weights)) args$weights <- weights
  fit <- do.call(lme, args)
  s <- summary(fit)$tTable
  out <- list(name = name, data = if (identical(data, cohort)) "cohort" else "bodyweight",
              formula = paste(deparse(fixed), "+ (1 |", grouping, ")"),
              correlation = if (is.null(corr)) NULL else attr(corr, "call_text"),
              weights = if (is.null(weights)) NULL else attr(weights, "call_text"),
              reml = reml, logLik = as.numeric(logLik(fit)), aic = AIC(fit), bic = BIC(fit),
              terms = rownames(s), estimate = unname(s[, "Value"]), stdError = unname(s[, "Std.Error"]),
              dfBetweenWithin = unname(s[, "DF"]), pValueBetweenWithin = unname(s[, "p-value"]),
              sigma = fit$sigma,
              randomInterceptSd = as.numeric(VarCorr(fit)[1, "StdDev"]))
  cs <- fit$modelStruct$corStruct
  if (!is.null(cs)) out$correlationParameters <- as.list(coef(cs, unconstrained = FALSE))
  vs <- fit$modelStruct$varStruct
  strata <- character(0)
  if (!is.null(vs)) {
    out$varianceParameters <- as.list(coef(vs, unconstrained = FALSE))
    strata <- attr(vs, "groupNames")
  }
  # Satterthwaite df from the information of (sb, phi, ratios, sigma).
  spec <- list(data = data, X = model.matrix(fixed, data), y = data[[all.vars(fixed)[1]]], groups = data[[grouping]],
               cor = cor_type, time = time, strata = strata, weightsBy = weights_by)
  par <- c(out$randomInterceptSd, if (!is.null(cs)) unname(coef(cs, unconstrained = FALSE)),
           if (!is.null(vs)) unname(coef(vs, unconstrained = FALSE)), fit$sigma)
  out$oracleMinus2LogLik <- minus2ll(par, spec, reml)
  m <- length(par); ic <- if (!is.null(cs)) 2 else integer(0)
  natural <- function(w) {
    v <- exp(w)
    if (length(ic)) v[ic] <- switch(cor_type, car1 = plogis(w[ic]), ar1 = tanh(w[ic] / 2),
                                    cs = { a <- 1 / (max(table(spec$groups)) - 1); (exp(w[ic]) - a) / (exp(w[ic]) + 1) })
    v
  }
  w0 <- log(par)
  if (length(ic)) w0[ic] <- unname(coef(cs, unconstrained = TRUE))
  stopifnot(max(abs(natural(w0) - par)) < 1e-10)
  H <- numDeriv::hessian(function(w) minus2ll(natural(w), spec, reml), w0, method.args = list(d = 1e-3, eps = 1e-3, zero.tol = 0.1))
  A <- 2 * solve(H)
  C <- vcov_beta(par, spec)
  out$oracleStdError <- sqrt(diag(C))
  out$dfSatterthwaite <- sapply(seq_len(ncol(spec$X)), function(j) {
    g <- numDeriv::grad(function(w) vcov_beta(natural(w), spec)[j, j], w0, method.args = list(d = 1e-3, eps = 1e-3, zero.tol = 0.1))
    2 * C[j, j]^2 / sum(g * (A %*% g))
  })
  if (robust) {
    ct <- as.data.frame(coef_test(fit, vcov = "CR2", test = "Satterthwaite"))
    out$cr2 <- list(stdError = unname(ct$SE), df = unname(ct$df_Satt), pValue = unname(ct$p_Satt),
                    vcov = unname(as.matrix(vcovCR(fit, type = "CR2"))))
  }
  out
}
labelled <- function(obj, text) { attr(obj, "call_text") <- text; obj }

models <- list(
  describe("cohort_ri_reml", cohort, value ~ visit, NULL, NULL, TRUE, "none", NULL, NULL, "subject"),
  describe("cohort_car1_reml", cohort, value ~ visit, labelled(corCAR1(form = ~ day | subject), "corCAR1(~ day | subject)"),
           NULL, TRUE, "car1", "day", NULL, "subject"),
  describe("cohort_car1_ml", cohort, value ~ visit, labelled(corCAR1(form = ~ day | subject), "corCAR1(~ day | subject)"),
           NULL, FALSE, "car1", "day", NULL, "subject"),
  describe("cohort_varident_reml", cohort, value ~ visit, NULL, labelled(varIdent(form = ~ 1 | visit), "varIdent(~ 1 | visit)"),
           TRUE, "none", NULL, "visit", "subject"),
  describe("cohort_car1_varident_reml", cohort, value ~ visit, labelled(corCAR1(form = ~ day | subject), "corCAR1(~ day | subject)"),
           labelled(varIdent(form = ~ 1 | visit), "varIdent(~ 1 | visit)"), TRUE, "car1", "day", "visit", "subject"),
  describe("cohort_ar1_reml", cohort, value ~ visit, labelled(corAR1(form = ~ 1 | subject), "corAR1(~ 1 | subject)"),
           NULL, TRUE, "ar1", NULL, NULL, "subject"),
  describe("cohort_day_car1_ml", cohort, value ~ day, labelled(corCAR1(form = ~ day | subject), "corCAR1(~ day | subject)"),
           NULL, FALSE, "car1", "day", NULL, "subject"),
  describe("bodyweight_car1_reml", bw, weight ~ Time * Diet, labelled(corCAR1(form = ~ Time | Rat), "corCAR1(~ Time | Rat)"),
           NULL, TRUE, "car1", "Time", NULL, "Rat"),
  describe("bodyweight_car1_ml", bw, weight ~ Time * Diet, labelled(corCAR1(form = ~ Time | Rat), "corCAR1(~ Time | Rat)"),
           NULL, FALSE, "car1", "Time", NULL, "Rat"),
  describe("bodyweight_varident_reml", bw, weight ~ Time * Diet, NULL, labelled(varIdent(form = ~ 1 | Diet), "varIdent(~ 1 | Diet)"),
           TRUE, "none", NULL, "Diet", "Rat")
)
# corCompSymm on top of a random intercept is not identified (only rho sigma^2 + sb^2 is): logLik and fixed
# effects only.
cs_fit <- lme(value ~ visit, random = ~ 1 | subject, data = cohort, correlation = corCompSymm(form = ~ 1 | subject),
              method = "REML", control = tight)
compsymm <- list(name = "cohort_compsymm_reml", logLik = as.numeric(logLik(cs_fit)), estimate = unname(fixef(cs_fit)),
                 stdError = unname(sqrt(diag(vcov(cs_fit)))))

# CR2 for lmer fits (clubSandwich's lmerMod method).
sleep <- lme4::sleepstudy; sleep$Subject <- as.character(sleep$Subject)
lmer_cr2 <- function(name, formula, data) {
  fit <- lmer(formula, data, REML = TRUE)
  ct <- as.data.frame(coef_test(fit, vcov = "CR2", test = "Satterthwaite"))
  list(name = name, formula = paste(deparse(formula), collapse = ""), estimate = unname(fixef(fit)),
       theta = unname(getME(fit, "theta")), stdError = unname(ct$SE), df = unname(ct$df_Satt), pValue = unname(ct$p_Satt))
}
lmer_models <- list(
  lmer_cr2("cohort_lmer_ri", value ~ visit + (1 | subject), cohort),
  lmer_cr2("sleepstudy_slopes", Reaction ~ Days + (Days | Subject), sleep)
)

fixtures <- list(
  generatedBy = "scripts/r-reference/lmm-structured.R",
  versions = list(R = R.version.string, nlme = as.character(packageVersion("nlme")), lme4 = as.character(packageVersion("lme4")),
                  clubSandwich = as.character(packageVersion("clubSandwich")), numDeriv = as.character(packageVersion("numDeriv"))),
  models = models, compSymm = compsymm, lmer = lmer_models
)
writeLines(toJSON(fixtures, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null", na = "null"),
           file.path(out_dir, "structured-r.json"))
cat("wrote", file.path(out_dir, "structured-r.json"), "\n")
