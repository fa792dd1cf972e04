#!/usr/bin/env Rscript
# Reference values for @biomarker/correlation.
# Writes packages/correlation/test/fixtures/correlation-r.json (run from the repository root).
#   cor.test (stats) for Pearson, Spearman (exact for n <= 9 without ties, AS 89 Edgeworth for n >= 10,
#   t approximation with ties) and Kendall (exact without ties, normal approximation with ties);
#   repeated-measures correlation from the ANCOVA lm(y ~ subject + x) as Bakdash & Marusich (2017)
#   define it (rmcorr itself is not installed), on the Bland & Altman (1995) data.
suppressPackageStartupMessages(library(jsonlite))

out <- "packages/correlation/test/fixtures/correlation-r.json"
num <- function(v) if (is.null(v) || length(v) == 0 || is.na(v)) NA else unname(v)

ct <- function(name, x, y, method, exact = NULL) {
  r <- suppressWarnings(cor.test(x, y, method = method, exact = exact))
  list(
    name = name, method = method, exact = if (is.null(exact)) NA else exact, x = x, y = y,
    estimate = num(r$estimate), statistic = num(r$statistic), statisticName = names(r$statistic),
    pValue = num(r$p.value), df = num(r$parameter),
    ciLower = if (is.null(r$conf.int)) NA else r$conf.int[1],
    ciUpper = if (is.null(r$conf.int)) NA else r$conf.int[2]
  )
}

cases <- list()
add <- function(case) cases[[length(cases) + 1]] <<- case

# Hollander & Wolfe (1973), p. 187f, the ?cor.test example: n = 9, S = 48, rho = 0.6.
hw_x <- c(44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1)
hw_y <- c( 2.6,  3.1,  2.5,  5.0,  3.6,  4.0,  5.2,  2.8,  3.8)
for (m in c("pearson", "spearman", "kendall")) add(ct(paste0("hollander-wolfe-", m), hw_x, hw_y, m))

set.seed(20261125)
for (n in c(3, 4, 5, 6, 7, 8, 9)) {
  for (rep in 1:3) {
    x <- round(rnorm(n), 4)
    y <- round(0.6 * x + rnorm(n), 4)
    for (m in c("pearson", "spearman", "kendall")) add(ct(sprintf("untied-n%d-%d-%s", n, rep, m), x, y, m))
  }
}
# Perfect correlations (exact p = 2/n! for Spearman, 2/n! for Kendall).
for (n in c(5, 7, 9)) {
  for (m in c("spearman", "kendall")) {
    add(ct(sprintf("perfect-n%d-%s", n, m), 1:n, (1:n)^2, m))
    add(ct(sprintf("perfect-negative-n%d-%s", n, m), 1:n, -(1:n), m))
  }
}
# n >= 10 without ties: R uses AS 89 (Edgeworth) for Spearman and the exact null for Kendall (n < 50).
for (n in c(10, 12, 15, 20, 30)) {
  x <- round(rnorm(n), 4)
  y <- round(0.5 * x + rnorm(n), 4)
  for (m in c("pearson", "spearman", "kendall")) add(ct(sprintf("untied-n%d-%s", n, m), x, y, m))
}
# Ties: Spearman falls back to the t approximation, Kendall to the tie-corrected normal approximation.
tie_sets <- list(
  list(x = c(1, 2, 2, 3, 4, 5), y = 1:6),
  list(x = c(1, 1, 2, 3, 3, 3, 4), y = c(2, 1, 4, 3, 6, 5, 7)),
  list(x = c(0, 0, 0, 1, 2, 4, 4, 5), y = c(3, 1, 2, 2, 5, 4, 6, 6)),
  list(x = c(5, 3, 3, 8, 1, 9, 9, 9, 2, 4, 7), y = c(1, 2, 3, 3, 4, 4, 5, 6, 7, 8, 8))
)
for (i in seq_along(tie_sets)) {
  for (m in c("pearson", "spearman", "kendall")) add(ct(sprintf("ties-%d-%s", i, m), tie_sets[[i]]$x, tie_sets[[i]]$y, m))
}
# Spearman without ties but exact = FALSE: the t approximation.
add(ct("hollander-wolfe-spearman-asymptotic", hw_x, hw_y, "spearman", exact = FALSE))
add(ct("hollander-wolfe-kendall-asymptotic", hw_x, hw_y, "kendall", exact = FALSE))

# Repeated-measures correlation (Bakdash & Marusich 2017) through the ANCOVA.
rmcorr_lm <- function(subject, x, y) {
  d <- data.frame(subject = factor(subject), x = x, y = y)
  m <- lm(y ~ subject + x, data = d)
  a <- anova(m)
  ss <- a[["Sum Sq"]]
  r <- unname(sign(coef(m)["x"]) * sqrt(ss[2] / (ss[2] + ss[3])))
  df <- a$Df[3]
  ci <- tanh(atanh(r) + c(-1, 1) * qnorm(0.975) / sqrt(df + 2 - 3))
  list(subject = as.character(subject), x = x, y = y, estimate = r, df = df,
       pValue = a[["Pr(>F)"]][2], ciLower = ci[1], ciUpper = ci[2])
}
# Bland & Altman (1995) BMJ 310:446, intramural pH and PaCO2 (Boyd et al. 1993), 8 subjects, 47 rows.
bland <- data.frame(
  Subject = rep(1:8, times = c(4, 4, 9, 5, 8, 6, 3, 8)),
  pH = c(6.68, 6.53, 6.43, 6.33, 6.85, 7.06, 7.13, 7.17, 7.40, 7.42, 7.41, 7.37, 7.34, 7.35, 7.28, 7.30, 7.34,
         7.36, 7.33, 7.29, 7.30, 7.35, 7.35, 7.30, 7.30, 7.37, 7.27, 7.28, 7.32, 7.32, 7.38, 7.30, 7.29, 7.33,
         7.31, 7.33, 6.86, 6.94, 6.92, 7.19, 7.29, 7.21, 7.25, 7.20, 7.19, 6.77, 6.82),
  PacO2 = c(3.97, 4.12, 4.09, 3.97, 5.27, 5.37, 5.41, 5.44, 5.67, 3.64, 4.32, 4.73, 4.96, 5.04, 5.22, 4.82,
            5.07, 5.67, 5.10, 5.53, 4.75, 5.51, 4.28, 4.44, 4.32, 3.23, 4.46, 4.72, 4.75, 4.99, 4.78, 4.73,
            5.12, 4.93, 5.03, 4.93, 6.85, 6.44, 6.52, 5.28, 4.56, 4.34, 4.32, 4.41, 3.69, 6.09, 5.58))
rm_cases <- list(c(list(name = "bland1995"), rmcorr_lm(bland$Subject, bland$PacO2, bland$pH)))
set.seed(7)
subj <- rep(c("a", "b", "c", "d", "e", "f"), times = c(3, 4, 5, 2, 6, 4))
sx <- round(rnorm(length(subj)) + as.numeric(factor(subj)), 3)
sy <- round(-0.4 * sx + rnorm(length(subj)) + 2 * as.numeric(factor(subj)), 3)
rm_cases[[2]] <- c(list(name = "simulated-6-subjects"), rmcorr_lm(subj, sx, sy))

writeLines(toJSON(list(r = R.version.string, corTest = cases, rmcorr = rm_cases),
                  digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE), out)
cat("wrote", out, "\n")
