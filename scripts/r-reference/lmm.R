# Reference fits for @biomarker/lmm.
# Writes datasets/reference/*.csv (lme4 / nlme example data and a simulated 6 x 8 cohort) and
# packages/lmm/test/fixtures/lmm-r.json: every model of issue 4's "Done when", fitted by lme4 with its
# defaults and then re-optimized tightly (bobyqa with rhoend 1e-12 and L-BFGS-B from lme4's optimum, the
# best of them kept), with the model rebuilt at the best theta by mkMerMod.
# Run from anywhere: Rscript scripts/r-reference/lmm.R (R 4.2, lme4 1.1.31, nlme, minqa, jsonlite).
suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
root <- normalizePath(file.path(here, "..", ".."))
refdir <- file.path(root, "datasets", "reference")
dir.create(refdir, showWarnings = FALSE, recursive = TRUE)

write_ref <- function(df, name) {
  utils::write.csv(df, file.path(refdir, paste0(name, ".csv")), row.names = FALSE, na = "")
}

orthodont <- as.data.frame(nlme::Orthodont)
orthodont$Subject <- as.character(orthodont$Subject)
orthodont$Sex <- as.character(orthodont$Sex)
data_sets <- list(
  sleepstudy = lme4::sleepstudy,
  Dyestuff = lme4::Dyestuff,
  Dyestuff2 = lme4::Dyestuff2,
  Penicillin = lme4::Penicillin,
  Pastes = lme4::Pastes,
  Orthodont = orthodont
)

# Simulated 6-subject x 8-visit cohort with missing visits: value = 10 + 0.05 day + subject intercept
# (sd 2) + subject slope (sd 0.03) + noise (sd 1); five visits missing (value empty in the CSV).
set.seed(20261125)
days <- c(0, 1, 3, 7, 14, 21, 28, 42)
sim <- expand.grid(day = days, subject = sprintf("P%02d", 1:6), stringsAsFactors = FALSE)[, c("subject", "day")]
b0 <- rnorm(6, 0, 2)
b1 <- rnorm(6, 0, 0.03)
sid <- match(sim$subject, sprintf("P%02d", 1:6))
sim$value <- round(10 + 0.05 * sim$day + b0[sid] + b1[sid] * sim$day + rnorm(nrow(sim), 0, 1), 4)
sim$value[sample(nrow(sim), 5)] <- NA
data_sets$sim6x8 <- sim

for (name in names(data_sets)) write_ref(data_sets[[name]], name)
# Read back from the CSVs so R fits exactly the data the TypeScript tests read.
read_ref <- function(name) utils::read.csv(file.path(refdir, paste0(name, ".csv")), stringsAsFactors = FALSE)

models <- list(
  list(id = "sleepstudy-reml", data = "sleepstudy", formula = "Reaction ~ Days + (Days | Subject)", reml = TRUE),
  list(id = "sleepstudy-ml", data = "sleepstudy", formula = "Reaction ~ Days + (Days | Subject)", reml = FALSE),
  list(id = "sleepstudy-uncorrelated", data = "sleepstudy", formula = "Reaction ~ Days + (Days || Subject)", reml = TRUE),
  list(id = "sleepstudy-intercept", data = "sleepstudy", formula = "Reaction ~ Days + (1 | Subject)", reml = TRUE),
  list(id = "sleepstudy-three-columns", data = "sleepstudy", formula = "Reaction ~ Days + (Days + sqrt(Days) | Subject)", reml = TRUE),
  list(id = "sleepstudy-crossed-slope", data = "sleepstudy", formula = "Reaction ~ 1 + (Days | Subject) + (1 | Days)", reml = TRUE),
  list(id = "orthodont-age", data = "Orthodont", formula = "distance ~ age + (age | Subject)", reml = TRUE),
  list(id = "orthodont-age-sex", data = "Orthodont", formula = "distance ~ age*Sex + (age | Subject)", reml = TRUE,
       levels = list(Sex = c("Male", "Female"))),
  list(id = "dyestuff", data = "Dyestuff", formula = "Yield ~ 1 + (1 | Batch)", reml = TRUE),
  list(id = "dyestuff-ml", data = "Dyestuff", formula = "Yield ~ 1 + (1 | Batch)", reml = FALSE),
  list(id = "dyestuff2-singular", data = "Dyestuff2", formula = "Yield ~ 1 + (1 | Batch)", reml = TRUE),
  list(id = "penicillin-crossed", data = "Penicillin", formula = "diameter ~ 1 + (1 | plate) + (1 | sample)", reml = TRUE),
  list(id = "pastes-nested", data = "Pastes", formula = "strength ~ 1 + (1 | batch/cask)", reml = TRUE),
  list(id = "sim6x8", data = "sim6x8", formula = "value ~ day + (day | subject)", reml = TRUE),
  list(id = "sim6x8-ml", data = "sim6x8", formula = "value ~ day + (day | subject)", reml = FALSE)
)

tight_fit <- function(spec) {
  df <- if (is.null(spec$frame)) read_ref(spec$data) else spec$frame
  if (!is.null(spec$levels)) for (col in names(spec$levels)) df[[col]] <- factor(df[[col]], levels = spec$levels[[col]])
  f <- as.formula(spec$formula)
  default <- suppressMessages(lmer(f, data = df, REML = spec$reml))
  lmod <- lFormula(f, data = df, REML = spec$reml)
  devf <- do.call(mkLmerDevfun, lmod)
  lower <- getME(default, "lower")
  start <- getME(default, "theta")
  candidates <- list(default = list(par = start, fval = devf(start)))
  b <- minqa::bobyqa(start, devf, lower = lower, control = list(rhobeg = 2e-3, rhoend = 1e-12, maxfun = 1e5))
  candidates$bobyqa <- list(par = b$par, fval = b$fval)
  lb <- optim(start, devf, method = "L-BFGS-B", lower = lower, control = list(factr = 1, pgtol = 0, maxit = 1e4))
  candidates$lbfgsb <- list(par = lb$par, fval = lb$value)
  b2 <- minqa::bobyqa(lb$par, devf, lower = lower, control = list(rhobeg = 1e-4, rhoend = 1e-13, maxfun = 1e5))
  candidates$lbfgsbBobyqa <- list(par = b2$par, fval = b2$fval)
  vals <- vapply(candidates, function(x) x$fval, 0)
  best <- candidates[[which.min(vals)]]
  devf(best$par)
  opt <- list(par = best$par, fval = best$fval, conv = 0, feval = NA, message = "tight re-optimization")
  fit <- mkMerMod(environment(devf), opt, lmod$reTrms, fr = lmod$fr)
  list(default = default, fit = fit, best = best, optimizer = names(candidates)[which.min(vals)], vals = vals)
}

describe <- function(spec) {
  r <- tight_fit(spec)
  fit <- r$fit
  vc <- as.data.frame(VarCorr(fit))
  vcv <- as.matrix(vcov(fit))
  re <- ranef(fit, condVar = TRUE)
  ranefs <- lapply(names(re), function(g) {
    m <- re[[g]]
    pv <- attr(m, "postVar")
    list(group = g, levels = I(rownames(m)), terms = I(colnames(m)), modes = unname(as.matrix(m)),
         # postVar is a list (one array per term) when several terms share the grouping factor; skipped then
         condVar = if (is.array(pv)) lapply(seq_len(nrow(m)), function(i) matrix(pv[, , i], nrow = dim(pv)[1], ncol = dim(pv)[2])) else NULL)
  })
  list(
    id = spec$id, data = spec$data, formula = spec$formula, reml = spec$reml, levels = spec$levels,
    nObs = nobs(fit), nGroups = as.list(ngrps(fit)),
    criterion = r$best$fval, lme4DefaultCriterion = as.numeric(REMLcrit_or_dev(r$default)),
    bestOptimizer = r$optimizer,
    theta = I(unname(getME(fit, "theta"))),
    fixedNames = I(names(fixef(fit))), beta = I(unname(fixef(fit))), stdError = I(unname(sqrt(diag(vcv)))),
    vcov = unname(vcv), sigma = sigma(fit),
    varianceComponents = lapply(seq_len(nrow(vc)), function(i) list(
      grp = vc$grp[i], var1 = vc$var1[i], var2 = vc$var2[i], vcov = vc$vcov[i], sdcor = vc$sdcor[i])),
    logLik = as.numeric(logLik(fit)), aic = AIC(fit), bic = BIC(fit),
    deviance = if (spec$reml) NULL else deviance(fit),
    remlCriterion = if (spec$reml) as.numeric(REMLcrit(fit)) else NULL,
    singular = isSingular(fit), ranef = ranefs,
    fitted = unname(fitted(fit)), residuals = unname(residuals(fit))
  )
}
REMLcrit_or_dev <- function(m) if (isREML(m)) REMLcrit(m) else deviance(m)

fixtures <- lapply(models, describe)

# Robustness of the optimizer across many small fits: 100 simulated features of 6 subjects x 8 visits,
# value ~ day + (day | subject); the slope SD is 0 for every third feature, so many fits are singular.
set.seed(4711)
feats <- do.call(rbind, lapply(1:100, function(k) {
  d <- expand.grid(day = days, subject = sprintf("P%02d", 1:6), stringsAsFactors = FALSE)
  s <- match(d$subject, sprintf("P%02d", 1:6))
  b0 <- rnorm(6, 0, c(2, 0.3, 1)[k %% 3 + 1]); b1 <- rnorm(6, 0, c(0, 0.03, 0.1)[k %% 3 + 1])
  d$value <- round(5 + 0.04 * d$day + b0[s] + b1[s] * d$day + rnorm(nrow(d)), 4)
  data.frame(feature = sprintf("g%03d", k), subject = d$subject, day = d$day, value = d$value)
}))
write_ref(feats, "sim6x8-features")
feats <- read_ref("sim6x8-features")
batch <- lapply(split(feats, feats$feature), function(d) {
  r <- tight_fit(list(data = NULL, formula = "value ~ day + (day | subject)", reml = TRUE, frame = d))
  list(feature = d$feature[1], criterion = r$best$fval, lme4DefaultCriterion = REMLcrit(r$default),
       beta = I(unname(fixef(r$fit))), stdError = I(unname(sqrt(diag(as.matrix(vcov(r$fit)))))),
       theta = I(unname(getME(r$fit, "theta"))), singular = isSingular(r$fit))
})
# Harder cases: 300 features with random intercept SD (0-3), slope SD (0-0.1) and residual SD (0.2-2),
# 6 visits missing in every fourth feature. Only the best criterion R reaches (lme4, then bobyqa and
# L-BFGS-B from lme4's optimum) is recorded: several of these have optima lme4 does not find.
set.seed(99)
hard <- do.call(rbind, lapply(1:300, function(k) {
  d <- expand.grid(day = days, subject = sprintf("P%02d", 1:6), stringsAsFactors = FALSE)
  s <- match(d$subject, sprintf("P%02d", 1:6))
  b0 <- rnorm(6, 0, runif(1, 0, 3)); b1 <- rnorm(6, 0, runif(1, 0, 0.1))
  d$value <- round(5 + 0.04 * d$day + b0[s] + b1[s] * d$day + rnorm(nrow(d), 0, runif(1, 0.2, 2)), 4)
  if (k %% 4 == 0) d$value[sample(48, 6)] <- NA
  data.frame(feature = sprintf("h%03d", k), subject = d$subject, day = d$day, value = d$value)
}))
write_ref(hard, "sim6x8-hard")
hard <- read_ref("sim6x8-hard")
hardBatch <- lapply(split(hard, hard$feature), function(d) {
  r <- tight_fit(list(data = NULL, formula = "value ~ day + (day | subject)", reml = TRUE, frame = d[!is.na(d$value), ]))
  list(feature = d$feature[1], criterion = r$best$fval, lme4DefaultCriterion = REMLcrit(r$default))
})

out <- file.path(root, "packages", "lmm", "test", "fixtures", "lmm-r.json")
writeLines(toJSON(list(generatedBy = "scripts/r-reference/lmm.R", lme4 = as.character(packageVersion("lme4")),
                       models = fixtures, batch = unname(batch),
                       hardBatch = unname(hardBatch)), digits = NA, auto_unbox = TRUE, null = "null", na = "null"), out)
cat("wrote", out, "\n")
