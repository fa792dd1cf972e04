# Reference values for @biomarker/survival. Run from the repository root: Rscript scripts/r-reference/survival.R
#
# Writes packages/survival/test/fixtures/kaplan-meier-r.json: survival::survfit Kaplan-Meier estimates
# (conf.type = "log", the default) for small right-censored samples, including ties between events and
# censorings, a curve that reaches 0, and one that sits exactly at 0.5.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
cases <- list(
  list(name = "aml-maintained", time = c(9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161),
       event = c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0)),
  list(name = "six-subjects-reconstitution", time = c(84, 56, 168, 84, 364, 168),
       event = c(1, 1, 1, 1, 0, 0)),
  list(name = "all-events-reaches-zero", time = c(3, 7, 7, 14), event = c(1, 1, 1, 1)),
  list(name = "exact-half", time = c(10, 20, 30, 40, 50, 60), event = c(1, 1, 1, 1, 1, 1)),
  list(name = "tied-event-and-censoring", time = c(5, 5, 5, 8, 8, 12, 15), event = c(1, 0, 1, 1, 0, 0, 1))
)
out <- lapply(cases, function(cs) {
  fit <- survfit(Surv(cs$time, cs$event) ~ 1, conf.type = "log", conf.int = 0.95)
  na <- function(x) ifelse(is.na(x), NA, x)
  list(name = cs$name, time = cs$time, event = as.logical(cs$event),
       steps = list(time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event, n_censor = fit$n.censor,
                    surv = fit$surv, std_err = na(fit$std.err), lower = na(fit$lower), upper = na(fit$upper)),
       median = unname(summary(fit)$table["median"]))
})
write_json(out, "packages/survival/test/fixtures/kaplan-meier-r.json", digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE)

# Writes packages/survival/test/fixtures/turnbull-r.json: survival::survfit(Surv(l, r, type = "interval2"))
# on constructed interval-censored samples (an event in (l, r], r = NA right-censored at l, l = r exact),
# and, as the exact reference, Turnbull's self-consistency equations written from the paper (Turnbull 1976:
# masses p_j on the innermost intervals, p_j <- mean_i a_ij p_j / sum_k a_ik p_k) iterated to 1e-15, since
# survfit stops its EM when S moves by less than 5e-5.
turnbull_cases <- list(
  list(name = "seven-intervals", l = c(54, 28, 14, 84, 168, 28, 7), r = c(367, 56, 28, 168, NA, 84, 14)),
  list(name = "reconstitution-like", l = c(54, 28, 56, 14, 84, 364), r = c(367, 56, 84, 28, 168, NA)),
  list(name = "exact-and-censored", l = c(5, 5, 10, 2, 8, 12, 3, 6), r = c(5, 9, NA, 6, 8, 20, NA, 11)),
  list(name = "visit-schedule", l = c(7, 14, 28, 7, 56, 28, 84, 14, 0, 28), r = c(28, 56, 84, 14, 168, 56, NA, 28, 7, 168))
)
exact_turnbull <- function(l, r) {
  rr <- ifelse(is.na(r), Inf, r)
  ends <- data.frame(t = c(l[l < rr], rr[l < rr], l[l == rr]),
                     kind = c(rep(2, sum(l < rr)), rep(1, sum(l < rr)), rep(0, sum(l == rr))))
  ends <- ends[order(ends$t, ends$kind), ]
  lo <- c(); hi <- c()
  for (k in seq_len(nrow(ends) - 1)) if (ends$kind[k] != 1 && ends$kind[k + 1] == 1) { lo <- c(lo, ends$t[k]); hi <- c(hi, ends$t[k + 1]) }
  ex <- unique(l[l == rr]); lo <- c(lo, ex); hi <- c(hi, ex)
  o <- order(hi, lo); lo <- lo[o]; hi <- hi[o]
  # Innermost interval j inside subject i's (l, r]; an exact time's point interval [t, t] needs l < t <= r.
  a <- outer(seq_along(l), seq_along(lo), function(i, j) ifelse(l[i] == rr[i], lo[j] == l[i] & hi[j] == l[i],
             ifelse(lo[j] == hi[j], hi[j] > l[i] & hi[j] <= rr[i], lo[j] >= l[i] & hi[j] <= rr[i])))
  p <- rep(1 / length(lo), length(lo))
  converged <- FALSE
  for (it in 1:200000) {
    pn <- colMeans(a * outer(rep(1, length(l)), p) / drop(a %*% p))
    if (max(abs(pn - p)) < 1e-15) { p <- pn; converged <- TRUE; break }
    p <- pn
  }
  if (!converged) stop("Turnbull EM did not converge: ", paste(signif(p, 6), collapse = " "))
  list(lower = lo, upper = hi, mass = p)
}
turnbull_out <- lapply(turnbull_cases, function(cs) {
  fit <- survfit(Surv(cs$l, cs$r, type = "interval2") ~ 1)
  tab <- summary(fit)$table
  list(name = cs$name, left = cs$l, right = cs$r,
       survfit = list(time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event, n_censor = fit$n.censor,
                      surv = fit$surv, median = unname(tab["median"])),
       exact = exact_turnbull(cs$l, cs$r))
})
write_json(list(generatedBy = "scripts/r-reference/survival.R", r = R.version.string,
                survival = as.character(packageVersion("survival")), cases = turnbull_out),
           "packages/survival/test/fixtures/turnbull-r.json", digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE)
