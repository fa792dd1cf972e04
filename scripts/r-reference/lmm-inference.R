#!/usr/bin/env Rscript
# Small-sample inference for linear mixed models: reference values from lmerTest 3.1.3 (Satterthwaite),
# pbkrtest 0.5.2 (Kenward-Roger), emmeans (marginal means and contrasts), lme4 (LRT, profile intervals).
# Writes packages/lmm/test/fixtures/inference-r.json and packages/lmm/test/fixtures/inference-sim.csv (a
# simulated 6-subject x 8-visit cohort with missing visits, generated here). sleepstudy, Orthodont,
# Dyestuff2 and Penicillin are read by the tests from datasets/reference/, which lmm.R writes.
# Each model records lme4's theta, sigma and beta so the inference code can be tested on the exact fit.
suppressPackageStartupMessages({
  library(lme4); library(lmerTest); library(pbkrtest); library(emmeans); library(jsonlite)
})
here <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f)) dirname(normalizePath(f)) else getwd()
}
out_dir <- file.path(here(), "..", "..", "packages", "lmm", "test", "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
write_csv <- function(df, name) write.csv(df, file.path(out_dir, name), row.names = FALSE, quote = TRUE)

## ---- data -------------------------------------------------------------------------------------
# The classic data sets are the ones lmm.R exports to datasets/reference/ (the tests read them there).
sleep <- lme4::sleepstudy
sleep$Subject <- as.character(sleep$Subject)
orth <- as.data.frame(nlme::Orthodont)
orth$Subject <- as.character(orth$Subject)
orth$Sex <- factor(as.character(orth$Sex), levels = c("Male", "Female"))
dye2 <- as.data.frame(lme4::Dyestuff2); dye2$Batch <- as.character(dye2$Batch)
pen <- as.data.frame(lme4::Penicillin); pen$plate <- as.character(pen$plate); pen$sample <- as.character(pen$sample)

# Simulated cohort: 6 subjects x 8 visits (days 0..84), 6 visits missing at random; `value` has a random
# intercept and slope; `flat` has (almost) no between-subject variation so that its fits are singular.
set.seed(20260101)
days <- c(0, 1, 3, 7, 14, 28, 56, 84)
sim <- expand.grid(visit = sprintf("V%d", 1:8), subject = sprintf("P%02d", 1:6), stringsAsFactors = FALSE)
sim$day <- days[as.integer(sub("V", "", sim$visit))]
b0 <- rnorm(6, 0, 1.2); b1 <- rnorm(6, 0, 0.02)
visit_effect <- c(0, -1.5, -2.2, -2.6, -2.0, -1.2, -0.6, -0.3)
s <- as.integer(sub("P", "", sim$subject))
sim$value <- 10 + b0[s] + b1[s] * sim$day + visit_effect[as.integer(sub("V", "", sim$visit))] + rnorm(nrow(sim), 0, 0.8)
dropped <- sample(seq_len(nrow(sim)), 6)
# `flat`: pure noise around a slow trend; the first sub-seed whose random-intercept fit is singular is kept.
for (k in 1:100) {
  set.seed(20260101 + k)
  sim$flat <- 3 + 0.01 * sim$day + rnorm(nrow(sim), 0, 0.5)
  fit <- suppressMessages(lmer(flat ~ visit + (1 | subject), sim[-dropped, ], REML = TRUE))
  if (isSingular(fit)) break
}
sim <- sim[-dropped, c("subject", "visit", "day", "value", "flat")]
sim <- sim[order(sim$subject, sim$day), ]
rownames(sim) <- NULL
write_csv(sim, "inference-sim.csv")

## ---- helpers ----------------------------------------------------------------------------------
coef_table <- function(m, ddf) {
  s <- summary(m, ddf = ddf)$coefficients
  list(term = rownames(s), estimate = unname(s[, "Estimate"]), stdError = unname(s[, "Std. Error"]),
       df = unname(s[, "df"]), statistic = unname(s[, "t value"]), pValue = unname(s[, "Pr(>|t|)"]))
}
anova_table <- function(m, ddf) {
  a <- anova(m, type = 3, ddf = ddf)
  list(term = rownames(a), numDf = unname(a[, "NumDF"]), denDf = unname(a[, "DenDF"]),
       F = unname(a[, "F value"]), pValue = unname(a[, "Pr(>F)"]))
}
contest_table <- function(m, L, ddf) {
  r <- contest(m, L, joint = FALSE, ddf = ddf)
  list(estimate = r$Estimate, stdError = r$`Std. Error`, df = r$df, statistic = r$`t value`, pValue = r$`Pr(>|t|)`)
}
raw_fit <- function(m) {
  list(theta = unname(getME(m, "theta")), sigma = sigma(m), beta = unname(fixef(m)),
       fixedNames = names(fixef(m)), reml = isREML(m), singular = isSingular(m),
       vcov = unname(as.matrix(vcov(m))), logLik = as.numeric(logLik(m)), nObs = nobs(m))
}
model_entry <- function(name, data, formula, m, contrasts = list(), anova = FALSE) {
  e <- list(name = name, data = data, formula = formula, fit = raw_fit(m),
            satterthwaite = coef_table(m, "Satterthwaite"))
  if (isREML(m)) {
    adj <- pbkrtest::vcovAdj(m)
    e$kenwardRoger <- coef_table(m, "Kenward-Roger")
    e$kenwardRoger$vcovAdjusted <- unname(as.matrix(adj))
  }
  if (length(contrasts)) {
    e$contrasts <- lapply(contrasts, function(L) {
      r <- list(L = L, satterthwaite = contest_table(m, matrix(L, nrow = 1), "Satterthwaite"))
      if (isREML(m)) r$kenwardRoger <- contest_table(m, matrix(L, nrow = 1), "Kenward-Roger")
      r
    })
  }
  # lme4's default optimizer stops short of the optimum (e.g. sleepstudy theta off by 1e-5, which moves the
  # Satterthwaite df from 17.0000 to 16.9997); the same tables at a tightly converged fit are what a fitter
  # that reaches the optimum must reproduce.
  tight <- suppressMessages(suppressWarnings(update(m, control = lmerControl(optimizer = "bobyqa",
    optCtrl = list(rhobeg = 1e-3, rhoend = 1e-14, maxfun = 1e5), check.conv.singular = "ignore"), start = getME(m, "theta"))))
  e$tight <- list(fit = raw_fit(tight), satterthwaite = coef_table(tight, "Satterthwaite"))
  if (isREML(tight)) e$tight$kenwardRoger <- coef_table(tight, "Kenward-Roger")
  if (anova) {
    e$anovaTypeIII <- list(satterthwaite = anova_table(m, "Satterthwaite"))
    if (isREML(m)) e$anovaTypeIII$kenwardRoger <- anova_table(m, "Kenward-Roger")
  }
  e
}

## ---- models -----------------------------------------------------------------------------------
models <- list()
m <- lmer(Reaction ~ Days + (Days | Subject), sleep, REML = TRUE)
models$sleepstudyReml <- model_entry("sleepstudyReml", "datasets/reference/sleepstudy.csv", "Reaction ~ Days + (Days | Subject)", m,
  contrasts = list(c(1, 7), c(0, 1)))
m <- lmer(Reaction ~ Days + (Days | Subject), sleep, REML = FALSE)
models$sleepstudyMl <- model_entry("sleepstudyMl", "datasets/reference/sleepstudy.csv", "Reaction ~ Days + (Days | Subject)", m,
  contrasts = list(c(1, 7)))
m <- lmer(Reaction ~ Days + (1 | Subject), sleep, REML = TRUE)
models$sleepstudyIntercept <- model_entry("sleepstudyIntercept", "datasets/reference/sleepstudy.csv", "Reaction ~ Days + (1 | Subject)", m)
m <- lmer(distance ~ age + (age | Subject), orth, REML = TRUE)
models$orthodont <- model_entry("orthodont", "datasets/reference/Orthodont.csv", "distance ~ age + (age | Subject)", m)
m <- lmer(distance ~ age * Sex + (age | Subject), orth, REML = TRUE,
          control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12)))
models$orthodontSex <- model_entry("orthodontSex", "datasets/reference/Orthodont.csv", "distance ~ age * Sex + (age | Subject)", m,
  contrasts = list(c(0, 1, 0, 1)), anova = TRUE)
m <- lmer(diameter ~ 1 + (1 | plate) + (1 | sample), pen, REML = TRUE)
models$penicillin <- model_entry("penicillin", "datasets/reference/Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)", m)
m <- lmer(Yield ~ 1 + (1 | Batch), dye2, REML = TRUE)
models$dyestuff2 <- model_entry("dyestuff2", "datasets/reference/Dyestuff2.csv", "Yield ~ 1 + (1 | Batch)", m)
m <- lmer(value ~ day + (day | subject), sim, REML = TRUE)
models$simSlope <- model_entry("simSlope", "inference-sim.csv", "value ~ day + (day | subject)", m)
m_visit <- lmer(value ~ visit + (1 | subject), sim, REML = TRUE)
models$simVisit <- model_entry("simVisit", "inference-sim.csv", "value ~ visit + (1 | subject)", m_visit,
  contrasts = list(c(0, 0, 0, 0, 0, 1, 0, 0)), anova = TRUE)
m <- lmer(flat ~ visit + (1 | subject), sim, REML = TRUE)
models$simSingular <- model_entry("simSingular", "inference-sim.csv", "flat ~ visit + (1 | subject)", m, anova = TRUE)
m <- lmer(flat ~ day + (day | subject), sim, REML = TRUE)
models$simSingularSlope <- model_entry("simSingularSlope", "inference-sim.csv", "flat ~ day + (day | subject)", m)

## ---- estimated marginal means per visit and contrasts against baseline ------------------------
emm_entry <- function(m, method, adjust) {
  em <- emmeans(m, ~ visit, lmer.df = method)
  es <- summary(em, infer = c(TRUE, TRUE))
  ct <- summary(contrast(em, "trt.vs.ctrl", ref = 1, adjust = adjust), infer = c(TRUE, TRUE), adjust = adjust)
  list(method = method, adjust = adjust,
       emmeans = list(level = as.character(es$visit), emmean = es$emmean, stdError = es$SE, df = es$df,
                      lower = es$lower.CL, upper = es$upper.CL),
       contrasts = list(contrast = as.character(ct$contrast), estimate = ct$estimate, stdError = ct$SE, df = ct$df,
                        statistic = ct$t.ratio, pValue = ct$p.value, lower = ct$lower.CL, upper = ct$upper.CL))
}
# Marginal means of Sex in age * Sex: age held at its mean (11), contrasts Female - Male.
m_sex <- lmer(distance ~ age * Sex + (age | Subject), orth, REML = TRUE,
              control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12)))
emm_sex <- lapply(c("satterthwaite", "kenward-roger"), function(method) {
  es <- summary(emmeans(m_sex, ~ Sex, lmer.df = method), infer = c(TRUE, TRUE))
  list(method = method, level = as.character(es$Sex), emmean = es$emmean, stdError = es$SE, df = es$df,
       lower = es$lower.CL, upper = es$upper.CL)
})
# A numeric time: marginal means at chosen days and contrasts against day 0 (the clinical "change from
# baseline at day 28" under a linear-in-day model).
m_slope <- lmer(value ~ day + (day | subject), sim, REML = TRUE)
emm_day <- lapply(c("satterthwaite", "kenward-roger"), function(method) {
  em <- emmeans(m_slope, ~ day, at = list(day = c(0, 7, 28)), lmer.df = method)
  es <- summary(em, infer = c(TRUE, TRUE))
  ct <- summary(contrast(em, "trt.vs.ctrl", ref = 1, adjust = "none"), infer = c(TRUE, TRUE))
  list(method = method, at = es$day, emmean = es$emmean, stdError = es$SE, df = es$df, lower = es$lower.CL, upper = es$upper.CL,
       contrast = list(estimate = ct$estimate, stdError = ct$SE, df = ct$df, pValue = ct$p.value, lower = ct$lower.CL, upper = ct$upper.CL))
})
emm <- list(
  emm_entry(m_visit, "satterthwaite", "none"),
  emm_entry(m_visit, "kenward-roger", "none"),
  emm_entry(m_visit, "satterthwaite", "holm"),
  emm_entry(m_visit, "satterthwaite", "bonferroni"),
  emm_entry(m_visit, "kenward-roger", "sidak")
)

## ---- likelihood-ratio tests (anova refits REML fits by ML) -----------------------------------
lrt_entry <- function(m0, m1, label) {
  a <- anova(m0, m1)
  ml0 <- refitML(m0); ml1 <- refitML(m1)
  list(label = label, fitsMl = list(raw_fit(ml0), raw_fit(ml1)), npar = unname(a$npar), AIC = unname(a$AIC), BIC = unname(a$BIC), logLik = unname(a$logLik),
       deviance = unname(a$deviance), chisq = unname(a$Chisq[2]), df = unname(a$Df[2]), pValue = unname(a[2, "Pr(>Chisq)"]))
}
full <- lmer(Reaction ~ Days + (Days | Subject), sleep, REML = TRUE)
lrt <- list(
  lrt_entry(lmer(Reaction ~ 1 + (Days | Subject), sleep, REML = TRUE), full, "fixed Days"),
  lrt_entry(lmer(Reaction ~ Days + (1 | Subject), sleep, REML = TRUE), full, "random slope")
)

# Three models at once: R's anova orders them by npar and tests each against the previous one.
a3 <- anova(lmer(Reaction ~ Days + (1 | Subject), sleep), lmer(Reaction ~ 1 + (Days | Subject), sleep), full)
lrt_table <- list(npar = unname(a3$npar), AIC = unname(a3$AIC), BIC = unname(a3$BIC), logLik = unname(a3$logLik),
                  chisq = unname(a3$Chisq), df = unname(a3$Df), pValue = unname(a3[["Pr(>Chisq)"]]))

## ---- profile-likelihood intervals ---------------------------------------------------------------
ci_table <- function(ci) list(parameter = rownames(ci), lower = unname(ci[, 1]), upper = unname(ci[, 2]))
ml <- lmer(Reaction ~ Days + (Days | Subject), sleep, REML = FALSE)
reml <- lmer(Reaction ~ Days + (Days | Subject), sleep, REML = TRUE)
profile_ml <- ci_table(confint(ml, method = "profile", oldNames = FALSE))
profile_reml_lme4 <- ci_table(suppressWarnings(confint(reml, method = "profile", oldNames = FALSE)))
ml_ri <- lmer(Reaction ~ Days + (1 | Subject), sleep, REML = FALSE)
profile_ml_ri <- ci_table(confint(ml_ri, method = "profile", oldNames = FALSE))
profile_ml_ri$fit <- raw_fit(ml_ri)

# Independent oracle for the profile of sigma on the REML criterion actually fitted: minimise the REML
# deviance in (theta, sigma) form over theta with sigma fixed, and find where it rises by qchisq(0.95, 1).
devfun <- as.function(lmer(Reaction ~ Days + (Days | Subject), sleep, REML = TRUE, devFunOnly = TRUE))
dev_vp <- function(theta, sigma) lmerTest:::devfun_vp(c(theta, sigma), devfun, reml = TRUE)
theta_hat <- getME(reml, "theta"); sigma_hat <- sigma(reml)
dmin <- dev_vp(theta_hat, sigma_hat)
prof_sigma <- function(s) {
  o <- optim(theta_hat, function(t) dev_vp(t, s), method = "L-BFGS-B", lower = c(0, -Inf, 0),
             control = list(factr = 1e-2, pgtol = 0, maxit = 1000))
  o$value - dmin - qchisq(0.95, 1)
}
reml_sigma_ci <- c(uniroot(prof_sigma, c(sigma_hat * 0.7, sigma_hat), tol = 1e-10)$root,
                   uniroot(prof_sigma, c(sigma_hat, sigma_hat * 1.4), tol = 1e-10)$root)

# Independent oracle for a fixed effect profiled on the REML criterion: the REML criterion of the model with
# x_j b as an offset (column j removed), minimised over b for D_min, and the two roots of D(b) - D_min = qchisq.
tight_ctrl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12))
reml_offset <- function(b, which) {
  sleep$off <- if (which == "Days") b * sleep$Days else b
  f <- if (which == "Days") Reaction ~ 1 + (Days | Subject) + offset(off) else Reaction ~ 0 + Days + (Days | Subject) + offset(off)
  REMLcrit(suppressMessages(lmer(f, sleep, REML = TRUE, control = tight_ctrl)))
}
reml_fixed_ci <- sapply(c("(Intercept)", "Days"), function(which) {
  est <- fixef(reml)[[which]]; se <- sqrt(diag(vcov(reml)))[[which]]
  o <- optimize(function(b) reml_offset(b, which), c(est - se, est + se), tol = 1e-10)
  g <- function(b) reml_offset(b, which) - o$objective - qchisq(0.95, 1)
  c(uniroot(g, c(o$minimum - 4 * se, o$minimum), tol = 1e-10)$root, uniroot(g, c(o$minimum, o$minimum + 4 * se), tol = 1e-10)$root)
})

fixtures <- list(
  generatedBy = "scripts/r-reference/lmm-inference.R",
  versions = list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
                  lmerTest = as.character(packageVersion("lmerTest")), pbkrtest = as.character(packageVersion("pbkrtest")),
                  emmeans = as.character(packageVersion("emmeans"))),
  models = models,
  emmeans = emm,
  emmeansSex = emm_sex,
  emmeansDay = emm_day,
  likelihoodRatio = lrt,
  likelihoodRatioTable = lrt_table,
  profile = list(sleepstudyMl = profile_ml, sleepstudyReml_lme4 = profile_reml_lme4,
                 sleepstudyInterceptMl = profile_ml_ri,
                 sleepstudyReml_sigmaOnRemlCriterion = reml_sigma_ci,
                 sleepstudyReml_fixedOnRemlCriterion = list(parameter = colnames(reml_fixed_ci),
                   lower = unname(reml_fixed_ci[1, ]), upper = unname(reml_fixed_ci[2, ])),
                 chisqQuantile = qchisq(0.95, 1))
)
writeLines(toJSON(fixtures, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null", na = "null"),
           file.path(out_dir, "inference-r.json"))
cat("wrote", file.path(out_dir, "inference-r.json"), "\n")
