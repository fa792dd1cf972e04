# Writes packages/report/test/fixtures/kaplan-meier-r.json: survival::survfit Kaplan-Meier estimates
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
write_json(out, "packages/report/test/fixtures/kaplan-meier-r.json", digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE)
