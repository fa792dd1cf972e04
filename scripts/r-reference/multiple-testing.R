# Reference values for @biomarker/multiple-testing.
# Writes packages/multiple-testing/test/fixtures/multiple-testing-r.json
#   padjust:      stats::p.adjust on seeded random vectors with ties and NAs, every method, with and without n
#   smoothSpline: stats::smooth.spline(x, y, df = ...) fits (spar, lambda, df, fitted values)
#   qvalue:       qvalue 2.30 on hedenfalk$p and on seeded p-vectors (smoother, bootstrap, pfdr)
#   qvalueOptions: qvalue on hedenfalk$p with non-default lambda, smooth.log.pi0, smooth.df, bootstrap grid
#   lfdrPieces:   density(qnorm(p), adjust = 1.5) and smooth.spline(GCV) on hedenfalk, as inside qvalue::lfdr
#   fisherToy:    two-sided Fisher exact p-values and their supports for DiscreteFDR's toy example
# Numbers are written with 17 significant digits (jsonlite rounds to 15).
suppressPackageStartupMessages(library(qvalue))

out_file <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))),
                      "..", "..", "packages", "multiple-testing", "test", "fixtures", "multiple-testing-r.json")

to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      items <- vapply(names(x), function(k) paste0("\"", k, "\":", to_json(x[[k]])), "")
      return(paste0("{", paste(items, collapse = ","), "}"))
    }
    return(paste0("[", paste(vapply(x, to_json, ""), collapse = ","), "]"))
  }
  if (is.character(x)) {
    s <- paste0("\"", x, "\"")
  } else if (is.logical(x)) {
    s <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else {
    s <- ifelse(is.na(x), "null", sprintf("%.17g", x))
  }
  if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s
}

# ---- p.adjust ---------------------------------------------------------------------------------------
set.seed(20240601)
methods <- c("holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none")
padjust_cases <- list()
sizes <- c(1, 2, 3, 4, 5, 7, 10, 20, 50, 100, 250, 400)
for (size in sizes) {
  for (variant in c("continuous", "ties", "na")) {
    p <- runif(size)^2
    if (variant == "ties") p <- round(p, 1)              # many exact ties, zeros and ones
    if (variant == "na" && size > 1) p[sample(size, max(1, size %/% 4))] <- NA
    present <- sum(!is.na(p))
    for (n in unique(c(present, present + 3))) {
      if (n == 0) next
      adjusted <- lapply(methods, function(method) p.adjust(p, method, n = n))
      names(adjusted) <- methods
      padjust_cases[[length(padjust_cases) + 1]] <- list(
        name = sprintf("%s n=%d length=%d", variant, n, size), p = I(p), n = n, adjusted = lapply(adjusted, I))
    }
  }
}

# ---- smooth.spline with a df target -------------------------------------------------------------------
spline_cases <- list()
add_spline <- function(name, x, y, df) {
  s <- smooth.spline(x, y, df = df)
  spline_cases[[length(spline_cases) + 1]] <<- list(
    name = name, x = I(x), y = I(y), df = df, spar = s$spar, lambda = s$lambda, ratio = s$ratio,
    fittedDf = s$df, iterations = unname(s$iparms["iter"]), fitted = I(predict(s, x)$y))
}
lambda <- seq(0.05, 0.95, 0.05)
set.seed(7)
add_spline("sine 19 points df 3", lambda, sin(3 * lambda) + rnorm(19, sd = 0.1), 3)
add_spline("sine 19 points df 5", lambda, sin(3 * lambda) + rnorm(19, sd = 0.1), 5)
add_spline("unequal 10 points df 4", sort(runif(10)), rnorm(10), 4)
add_spline("line 30 points df 2.5", (1:30) / 7, 0.3 * (1:30) + rnorm(30), 2.5)

# ---- qvalue ---------------------------------------------------------------------------------------------
qvalue_case <- function(name, p) {
  smoother <- qvalue(p)
  boot <- qvalue(p, pi0.method = "bootstrap")
  pfdr <- qvalue(p, pfdr = TRUE)
  est <- pi0est(p)
  list(name = name, p = I(p),
       pi0 = smoother$pi0, pi0Lambda = I(est$pi0.lambda), pi0Smooth = I(est$pi0.smooth),
       qvalues = I(smoother$qvalues), significantAt005 = sum(smoother$qvalues <= 0.05, na.rm = TRUE),
       bootstrapPi0 = boot$pi0, bootstrapQvalues = I(boot$qvalues),
       pfdrQvalues = I(pfdr$qvalues), lfdr = I(smoother$lfdr),
       lfdrLogit = I(lfdr(p, pi0 = smoother$pi0, transf = "logit")))
}
data(hedenfalk)
set.seed(99)
mixture <- function(m, pi0) {
  null <- runif(round(m * pi0))
  alt <- pnorm(rnorm(m - length(null), mean = 2.5), lower.tail = FALSE)
  sample(c(null, alt))
}
p_na <- mixture(400, 0.8); p_na[sample(400, 25)] <- NA
qvalue_cases <- list(
  qvalue_case("hedenfalk", hedenfalk$p),
  qvalue_case("mixture m=1000 pi0=0.9", mixture(1000, 0.9)),
  qvalue_case("mixture m=200 pi0=0.5", mixture(200, 0.5)),
  qvalue_case("uniform m=500", runif(500)),
  qvalue_case("mixture m=400 pi0=0.8 with NA", p_na))

qvalue_options <- list(
  list(name = "single lambda 0.5", options = list(lambda = 0.5)),
  list(name = "lambda seq(0.1, 0.9, 0.1)", options = list(lambda = seq(0.1, 0.9, 0.1))),
  list(name = "smooth.log.pi0", options = list(smooth.log.pi0 = TRUE)),
  list(name = "smooth.df 5", options = list(smooth.df = 5)),
  list(name = "bootstrap, lambda seq(0, 0.9, 0.05)", options = list(pi0.method = "bootstrap", lambda = seq(0, 0.9, 0.05))))
qvalue_option_cases <- lapply(qvalue_options, function(o) {
  fit <- do.call(qvalue, c(list(p = hedenfalk$p), o$options))
  list(name = o$name, options = o$options, pi0 = fit$pi0, qvalues = I(fit$qvalues))
})

# ---- the pieces of lfdr: density(qnorm(p), adjust = 1.5) and its GCV smoothing spline -----------------
z <- qnorm(pmin(pmax(hedenfalk$p, 1e-8), 1 - 1e-8))
dens <- density(z, adjust = 1.5)
gcv <- smooth.spline(dens$x, dens$y)
lfdr_pieces <- list(z = I(z), bandwidth = dens$bw, densityX = I(dens$x), densityY = I(dens$y),
                    gcvSpar = gcv$spar, gcvDf = gcv$df, gcvLambda = gcv$lambda, gcvIterations = unname(gcv$iparms["iter"]),
                    gcvAtZ = I(predict(gcv, z)$y))

# ---- Fisher exact supports for the DiscreteFDR toy example (Doehler et al. vignette) ---------------------
fisher_support <- function(x1, n1, x2, n2) {
  s <- x1 + x2
  range <- max(0, s - n2):min(s, n1)
  p_of <- function(a) fisher.test(matrix(c(a, n1 - a, s - a, n2 - s + a), 2, byrow = TRUE))$p.value
  support <- sort(unique(vapply(range, p_of, 0)))
  list(pValue = p_of(x1), support = I(support))
}
X1 <- c(4, 2, 2, 14, 6, 9, 4, 0, 1); X2 <- c(0, 0, 1, 3, 2, 1, 2, 2, 2)
fisher_toy <- lapply(seq_along(X1), function(i) fisher_support(X1[i], 148, X2[i], 132))

json <- to_json(list(
  generatedBy = paste("scripts/r-reference/multiple-testing.R with", R.version.string,
                      "and qvalue", as.character(packageVersion("qvalue"))),
  padjust = padjust_cases, smoothSpline = spline_cases, qvalue = qvalue_cases,
  qvalueOptions = qvalue_option_cases, lfdrPieces = lfdr_pieces, fisherToy = fisher_toy))
writeLines(json, out_file)
cat("wrote", normalizePath(out_file), "\n")
