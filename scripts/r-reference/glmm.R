# Reference fits for @biomarker/glmm: lme4::glmer with its defaults (Laplace, or adaptive Gauss-Hermite
# quadrature with nAGQ > 1) on cbpp, a simulated Poisson model with an offset, a simulated binomial model
# with crossed random effects, and simulated cell-type counts (6 subjects x 6 visits, a B lineage
# depleted to structural zeros) with a subject and an observation-level random effect.
# Writes packages/glmm/test/fixtures/glmm-r.json: the data, -2 log-likelihood at glmer's optimum, theta,
# beta, vcov(fit) (lme4's default: the inverse of the finite-difference Hessian of the deviance over
# (theta, beta)) and the conditional modes. For the Laplace fits with one scalar random effect the script
# also builds the Laplace deviance from first principles (each group's mode by optimize() to 1e-12, then
# -2 sum log p + u^2 + log(1 + theta^2 sum w)), refines glmer's optimum by Newton steps and takes
# the Hessian there by numDeriv's Richardson extrapolation: lme4's own Laplace value can sit above that formula
# at the same parameters (on cbpp by 5.6e-4), and its finite-difference Hessian, hence its SEs, with it.
# Run from anywhere: Rscript scripts/r-reference/glmm.R (R, lme4, jsonlite).
suppressPackageStartupMessages({ library(lme4); library(jsonlite); library(numDeriv) })
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
root <- normalizePath(file.path(here, "..", ".."))

columns <- function(df) lapply(df, function(x) if (is.factor(x)) as.character(x) else x)

# Poisson with exposure: 10 clinics x 6 months, log-rate = -1 + 0.3 month + clinic effect (sd 0.5).
set.seed(20261204)
pois <- expand.grid(month = 0:5, clinic = sprintf("C%02d", 1:10), stringsAsFactors = FALSE)
pois$exposure <- round(runif(nrow(pois), 5, 50), 1)
pois$count <- rpois(nrow(pois), pois$exposure * exp(-1 + 0.1 * pois$month + rnorm(10, 0, 0.5)[as.integer(factor(pois$clinic))]))

# Binomial with crossed random effects: 8 raters x 6 items, 20 trials each.
cross <- expand.grid(rater = sprintf("R%d", 1:8), item = sprintf("I%d", 1:6), stringsAsFactors = FALSE)
cross$arm <- ifelse(as.integer(factor(cross$rater)) <= 4, "a", "b")
cross$n <- 20
eta <- -0.5 + 0.6 * (cross$arm == "b") + rnorm(8, 0, 0.7)[as.integer(factor(cross$rater))] +
  rnorm(6, 0, 0.4)[as.integer(factor(cross$item))]
cross$k <- rbinom(nrow(cross), cross$n, plogis(eta))

# Cell-type counts: 6 subjects x 6 visits, Dirichlet-multinomial-like counts of 5 cell types; the B
# lineage ("Bnaive", "Bmemory") is structurally zero at D7 and D14 (depletion).
visits <- c("D0", "D7", "D14", "D28", "D84", "D168")
cells <- expand.grid(visit = visits, subject = sprintf("S%d", 1:6), stringsAsFactors = FALSE)[, c("subject", "visit")]
cells$obs <- sprintf("o%02d", seq_len(nrow(cells)))
cells$total <- round(runif(nrow(cells), 1500, 4000))
base <- c(CD4 = 0.40, CD8 = 0.25, NK = 0.12, Bnaive = 0.15, Bmemory = 0.08)
visit_shift <- c(D0 = 0, D7 = 0.5, D14 = 0.4, D28 = 0.2, D84 = 0, D168 = 0)
subj <- rnorm(6, 0, 0.3)
for (ct in names(base)) cells[[ct]] <- 0L
for (i in seq_len(nrow(cells))) {
  v <- cells$visit[i]; s <- as.integer(sub("S", "", cells$subject[i]))
  logit <- qlogis(base) + c(CD4 = visit_shift[[v]], CD8 = 0.3 * visit_shift[[v]], NK = -0.5 * visit_shift[[v]], Bnaive = 0, Bmemory = 0) +
    subj[s] * c(1, -1, 0.5, 0, 0) + rnorm(5, 0, 0.15)
  p <- plogis(logit)
  if (v %in% c("D7", "D14")) p[c("Bnaive", "Bmemory")] <- 0
  p <- p / sum(p)
  cells[i, names(base)] <- as.integer(rmultinom(1, cells$total[i], p))
}
cells$total <- rowSums(cells[, names(base)])
cells$visit <- factor(cells$visit, levels = visits)

exact_laplace <- function(fit, family) {
  X <- getME(fit, "X"); g <- as.integer(getME(fit, "flist")[[1]]); off <- getME(fit, "offset")
  y <- getME(fit, "y"); m <- weights(fit, type = "prior"); k <- round(y * m)
  logp <- function(eta, i) if (family == "binomial") dbinom(k[i], m[i], plogis(eta), log = TRUE) else dpois(y[i], exp(eta), log = TRUE)
  w <- function(eta, i) if (family == "binomial") m[i] * plogis(eta) * (1 - plogis(eta)) else exp(eta)
  dev <- function(par) {
    th <- par[1]; eta0 <- off + drop(X %*% par[-1]); tot <- 0
    for (h in unique(g)) {
      i <- which(g == h)
      o <- optimize(function(u) -2 * sum(logp(eta0[i] + th * u, i)) + u^2, c(-15, 15), tol = 1e-12)
      tot <- tot + o$objective + log(1 + th^2 * sum(w(eta0[i] + th * o$minimum, i)))
    }
    tot
  }
  start <- c(getME(fit, "theta"), fixef(fit))
  # Newton steps with Richardson-extrapolated derivatives from glmer's optimum (the minimum is interior).
  par <- start
  for (it in 1:6) {
    h <- numDeriv::hessian(dev, par)
    par <- par - solve(h, numDeriv::grad(dev, par))
  }
  h <- numDeriv::hessian(dev, par)
  v <- solve(h / 2)[-1, -1, drop = FALSE]
  list(deviance = dev(par), theta = par[1], beta = unname(par[-1]), se = unname(sqrt(diag(v))),
       gradient = numDeriv::grad(dev, par))
}

fit_case <- function(name, formula, family, data, nAGQ = 1L, levels = list()) {
  fit <- glmer(formula, data = data, family = family, nAGQ = nAGQ)
  v <- as.matrix(vcov(fit))
  scalar <- length(getME(fit, "theta")) == 1 && nAGQ == 1
  list(
    name = name, formula = paste(deparse(formula, width.cutoff = 500L), collapse = ""),
    family = family, nAGQ = nAGQ, data = columns(data), levels = levels,
    deviance = -2 * as.numeric(logLik(fit)),
    theta = unname(getME(fit, "theta")),
    fixedNames = names(fixef(fit)), beta = unname(fixef(fit)),
    se = unname(sqrt(diag(v))), vcov = unname(v),
    singular = isSingular(fit),
    u = unname(getME(fit, "u")),
    exactLaplace = if (scalar) exact_laplace(fit, family) else NULL
  )
}

cbpp_df <- as.data.frame(cbpp)
cases <- list(
  fit_case("cbpp-laplace", cbind(incidence, size - incidence) ~ period + (1 | herd), "binomial", cbpp_df),
  fit_case("cbpp-agq25", cbind(incidence, size - incidence) ~ period + (1 | herd), "binomial", cbpp_df, 25L),
  fit_case("cbpp-agq5", cbind(incidence, size - incidence) ~ period + (1 | herd), "binomial", cbpp_df, 5L),
  fit_case("poisson-offset-laplace", count ~ month + offset(log(exposure)) + (1 | clinic), "poisson", pois),
  fit_case("poisson-offset-agq9", count ~ month + offset(log(exposure)) + (1 | clinic), "poisson", pois, 9L),
  fit_case("binomial-crossed", cbind(k, n - k) ~ arm + (1 | rater) + (1 | item), "binomial", cross),
  fit_case("cells-CD4", cbind(CD4, total - CD4) ~ visit + (1 | subject) + (1 | obs), "binomial", cells,
           levels = list(visit = visits)),
  fit_case("cells-NK", cbind(NK, total - NK) ~ visit + (1 | subject) + (1 | obs), "binomial", cells,
           levels = list(visit = visits)),
  fit_case("cells-CD8-agq1-subject", cbind(CD8, total - CD8) ~ visit + (1 | subject), "binomial", cells,
           levels = list(visit = visits)),
  fit_case("cells-CD8-agq12-subject", cbind(CD8, total - CD8) ~ visit + (1 | subject), "binomial", cells, 12L,
           levels = list(visit = visits))
)
writeLines(toJSON(list(generatedBy = "scripts/r-reference/glmm.R", r = R.version.string,
                       lme4 = as.character(packageVersion("lme4")), cases = cases),
                  digits = NA, auto_unbox = TRUE, pretty = FALSE),
           file.path(root, "packages", "glmm", "test", "fixtures", "glmm-r.json"))
