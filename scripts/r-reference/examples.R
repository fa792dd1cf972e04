# Writes three real public longitudinal datasets as study folders under datasets/examples/ (study.json,
# measurements.csv, subjects.csv, plan.yaml, README.md), and packages/report/test/fixtures/examples-r.json:
# per dataset one lmerTest fit of the plan's first feature-group model (REML, Kenward-Roger df) and its
# emmeans visit means with trt.vs.ctrl contrasts against the baseline visit, as the report computes them.
#   pbcseq      survival::pbcseq (Mayo PBC trial, labs over years, D-penicillamine vs placebo), LGPL (>= 2)
#   theoph      datasets::Theoph (theophylline pharmacokinetics, hours after an oral dose), GPL (>= 2)
#   chickweight datasets::ChickWeight (chick weights by diet, days 0-21), GPL (>= 2)
suppressPackageStartupMessages({ library(survival); library(lmerTest); library(emmeans); library(jsonlite) })
root <- "datasets/examples"

write_csv <- function(df, path) write.csv(df, path, row.names = FALSE, quote = FALSE, na = "")

write_study <- function(name, description, visits, units, measurements, subjects, plan, readme) {
  dir <- file.path(root, name)
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  manifest <- list(name = name, simulated = FALSE, description = description,
                   files = list(measurements = "measurements.csv", subjects = "subjects.csv"),
                   format = list(delimiter = ",", decimal = ".", layout = "long"),
                   units = I(units), visits = visits)
  write_json(manifest, file.path(dir, "study.json"), auto_unbox = TRUE, digits = NA, pretty = TRUE)
  write_csv(measurements, file.path(dir, "measurements.csv"))
  write_csv(subjects, file.path(dir, "subjects.csv"))
  writeLines(plan, file.path(dir, "plan.yaml"))
  writeLines(readme, file.path(dir, "README.md"))
}

# One visit per label: the sample closest to the visit's nominal time.
closest <- function(df, nominal) {
  df$gap <- abs(df$time - nominal[df$visit_index])
  df <- df[order(df$subject, df$visit_index, df$gap), ]
  df[!duplicated(df[, c("subject", "visit_index")]), ]
}

long_rows <- function(df, features, units) {
  do.call(rbind, lapply(seq_along(features), function(i) {
    v <- df[[features[i]]]
    data.frame(subject = df$subject, visit = df$visit, day = df$day, feature = names(features)[i],
               value = ifelse(is.na(v), NA, format(v, digits = 15, trim = TRUE)), unit = units[i])
  }))
}

reference <- list()
reference_fit <- function(name, data, formula, baseline, by = NULL) {
  fit <- lmer(as.formula(formula), data = data, REML = TRUE)
  coefs <- summary(fit, ddf = "Kenward-Roger")$coefficients
  emm <- emmeans(fit, ~ visit, lmer.df = "kenward-roger")
  means <- summary(emm)
  con <- summary(contrast(emm, method = "trt.vs.ctrl", ref = 1, adjust = "none"), infer = c(TRUE, TRUE))
  reference[[name]] <<- list(
    formula = formula, baseline = baseline, nObs = nobs(fit),
    fixed = list(term = rownames(coefs), estimate = unname(coefs[, "Estimate"]), stdError = unname(coefs[, "Std. Error"]),
                 df = unname(coefs[, "df"])),
    means = list(visit = as.character(means$visit), estimate = means$emmean, stdError = means$SE, df = means$df),
    contrasts = list(contrast = as.character(con$contrast), estimate = con$estimate, stdError = con$SE, df = con$df,
                     pValue = con$p.value))
  if (!is.null(by)) {
    # emmeans(fit, ~ visit | by): the change from baseline within each level of the group factor.
    grouped <- summary(contrast(emmeans(fit, as.formula(paste("~ visit |", by)), lmer.df = "kenward-roger"),
                                method = "trt.vs.ctrl", ref = 1, adjust = "none"), infer = c(TRUE, TRUE))
    reference[[name]]$byGroup <<- list(factor = by, level = as.character(grouped[[by]]), contrast = as.character(grouped$contrast),
                                       estimate = grouped$estimate, stdError = grouped$SE, df = grouped$df, pValue = grouped$p.value)
  }
}

# --- survival::pbcseq: the first 60 subjects, visits at whole years 0-4 since enrolment -------------------
pbc <- survival::pbcseq
pbc <- pbc[pbc$id <= 60, ]
pbc$subject <- sprintf("%03d", pbc$id)
pbc$time <- pbc$day
pbc$visit_index <- round(pbc$day / 365.25) + 1
pbc <- pbc[pbc$visit_index <= 5, ]
years <- 0:4
pbc <- closest(pbc, years * 365.25)
pbc$visit <- paste0("Y", pbc$visit_index - 1)
pbc_features <- c(bili = "bili", albumin = "albumin", alk_phos = "alk.phos", ast = "ast", platelet = "platelet", protime = "protime", chol = "chol")
pbc_units <- c("mg/dL", "g/dL", "U/L", "U/L", "10^3/uL", "s", "mg/dL")
pbc_subjects <- unique(pbc[, c("subject", "sex", "age", "trt")])
pbc_subjects <- data.frame(subject = pbc_subjects$subject, sex = toupper(as.character(pbc_subjects$sex)),
                           age = round(pbc_subjects$age, 2), arm = ifelse(pbc_subjects$trt == 1, "D-penicillamine", "placebo"))
pbc_visits <- lapply(years, function(y) list(label = paste0("Y", y), day = round(y * 365.25), window = c(round(y * 365.25) - 182, round(y * 365.25) + 182)))
write_study("pbcseq", "Mayo Clinic primary biliary cholangitis trial (survival::pbcseq): serial laboratory values of the first 60 subjects at yearly visits 0-4, D-penicillamine vs placebo. Real data.",
  pbc_visits, unique(pbc_units), long_rows(pbc, pbc_features, pbc_units), pbc_subjects,
  c("# Analysis plan for datasets/examples/pbcseq (docs/plan.md explains each key).",
    "version: 1", "title: \"Mayo PBC trial (survival::pbcseq): laboratory course by treatment arm\"",
    "visits: { baseline: Y0, landmark: Y2 }",
    "timeUnit: y",
    "featureGroups:",
    "  - name: Liver function",
    "    features: [albumin, alk_phos, ast, protime]",
    "    transform: log",
    "    formula: value ~ visit * arm + (1 | subject)",
    "  - name: Blood counts and lipids",
    "    features: [platelet, chol]",
    "    transform: log",
    "    formula: value ~ visit + arm + (1 | subject)",
    "outcomes: [{ feature: bili, label: serum bilirubin }]",
    "sections: { dynamics: Laboratory course, associations: Associations with bilirubin, biomarkers: Candidate markers of bilirubin }"),
  c("# pbcseq: Mayo Clinic PBC trial, serial laboratory values", "",
    "Source: R package survival, data set `pbcseq` (Therneau and Grambsch, *Modeling Survival Data*, 2000;",
    "Dickson et al., Hepatology 1989). Licence: the survival package is LGPL (>= 2); the data are distributed with it.",
    "Written by scripts/r-reference/examples.R: subjects 1-60, the sample closest to each whole year 0-4 since",
    "enrolment (visits Y0-Y4, window +-182 days), values as recorded (missing left empty), treatment arm",
    "(`arm`: D-penicillamine or placebo), age and sex from the trial. Not produced by this project."))
pbc_model <- pbc[!is.na(pbc$albumin), ]
pbc_model$value <- log(pbc_model$albumin)
pbc_model$visit <- factor(pbc_model$visit, levels = paste0("Y", years))
pbc_model <- merge(pbc_model[, c("subject", "visit", "value")], pbc_subjects, by = "subject")
reference_fit("pbcseq", pbc_model, "value ~ visit * arm + (1 | subject)", "Y0", by = "arm")
reference$pbcseq$feature <- "albumin"; reference$pbcseq$transform <- "log"

# --- datasets::Theoph: hours after an oral dose, nominal sampling times -----------------------------------
th <- as.data.frame(datasets::Theoph)
th$subject <- sprintf("%02d", as.integer(as.character(th$Subject)))
nominal_h <- c(0, 0.25, 0.5, 1, 2, 3.5, 5, 7, 9, 12, 24)
th$visit_index <- sapply(th$Time, function(t) which.min(abs(t - nominal_h)))
th$time <- th$Time
th <- closest(th, nominal_h)
th$visit <- paste0("H", nominal_h[th$visit_index])
th$day <- th$Time / 24
th_visits <- lapply(seq_along(nominal_h), function(i) {
  lo <- if (i == 1) 0 else (nominal_h[i - 1] + nominal_h[i]) / 2
  hi <- if (i == length(nominal_h)) 30 else (nominal_h[i] + nominal_h[i + 1]) / 2
  list(label = paste0("H", nominal_h[i]), day = nominal_h[i] / 24, window = c(lo / 24, hi / 24))
})
th_subjects <- unique(th[, c("subject", "Wt", "Dose")])
th_subjects <- data.frame(subject = th_subjects$subject, weight_kg = th_subjects$Wt, dose_mg_kg = th_subjects$Dose)
write_study("theoph", "Theophylline pharmacokinetics (datasets::Theoph): serum concentration in 12 subjects over 24 hours after one oral dose. Real data.",
  th_visits, c("mg/L"), long_rows(th, c(theophylline = "conc"), "mg/L"), th_subjects,
  c("# Analysis plan for datasets/examples/theoph (docs/plan.md explains each key).",
    "version: 1", "title: \"Theophylline (datasets::Theoph): concentration over 24 hours\"",
    "visits: { baseline: H0, landmark: H5 }",
    "timeUnit: h",
    "featureGroups:",
    "  - name: Serum theophylline",
    "    features: [theophylline]",
    "    transform: none",
    "    formula: value ~ visit + weight_kg + (1 | subject)",
    "sections: { dynamics: Concentration-time course }"),
  c("# theoph: theophylline pharmacokinetics", "",
    "Source: R's datasets package, data set `Theoph` (Boeckmann, Sheiner and Beal, NONMEM Users Guide, 1994).",
    "Licence: R and its datasets package are GPL (>= 2). Written by scripts/r-reference/examples.R: the serum",
    "concentration (mg/L) as feature `theophylline`, each sample at its recorded time in days (`day` = hours / 24)",
    "and labelled by the closest nominal sampling time (H0 ... H24); weight (kg) and dose (mg/kg) per subject.",
    "Not produced by this project."))
th_model <- th
th_model$value <- th_model$conc
th_model$visit <- factor(th_model$visit, levels = paste0("H", nominal_h))
th_model <- merge(th_model[, c("subject", "visit", "value")], th_subjects, by = "subject")
reference_fit("theoph", th_model, "value ~ visit + weight_kg + (1 | subject)", "H0")
reference$theoph$feature <- "theophylline"; reference$theoph$transform <- "none"

# --- datasets::ChickWeight: weight by diet over days 0-21 -------------------------------------------------
cw <- as.data.frame(datasets::ChickWeight)
cw$subject <- sprintf("%02d", as.integer(as.character(cw$Chick)))
cw$day <- cw$Time
cw$visit <- paste0("D", cw$Time)
cw_days <- sort(unique(cw$Time))
cw_subjects <- unique(cw[, c("subject", "Diet")])
cw_subjects <- data.frame(subject = cw_subjects$subject, diet = paste0("diet", cw_subjects$Diet))
cw_subjects <- cw_subjects[order(cw_subjects$subject), ]
write_study("chickweight", "Chick weights on four diets (datasets::ChickWeight), days 0-21. Real data.",
  lapply(cw_days, function(d) list(label = paste0("D", d), day = d)), c("g"),
  long_rows(cw, c(weight = "weight"), "g"), cw_subjects,
  c("# Analysis plan for datasets/examples/chickweight (docs/plan.md explains each key).",
    "version: 1", "title: \"ChickWeight (datasets::ChickWeight): growth by diet\"",
    "visits: { baseline: D0, landmark: D21 }",
    "featureGroups:",
    "  - name: Body weight",
    "    features: [weight]",
    "    transform: log",
    "    formula: value ~ visit + diet + (1 | subject)",
    "sections: { dynamics: Growth curves }"),
  c("# chickweight: chick weights by diet", "",
    "Source: R's datasets package, data set `ChickWeight` (Crowder and Hand, *Analysis of Repeated Measures*, 1990).",
    "Licence: R and its datasets package are GPL (>= 2). Written by scripts/r-reference/examples.R: body weight (g)",
    "as feature `weight` at days 0, 2, ..., 21 (visits D0-D21), the diet (`diet1`-`diet4`) per chick.",
    "Not produced by this project."))
cw_model <- cw
cw_model$value <- log(cw_model$weight)
cw_model$visit <- factor(cw_model$visit, levels = paste0("D", cw_days))
cw_model <- merge(cw_model[, c("subject", "visit", "value")], cw_subjects, by = "subject")
reference_fit("chickweight", cw_model, "value ~ visit + diet + (1 | subject)", "D0")
reference$chickweight$feature <- "weight"; reference$chickweight$transform <- "log"

pkg <- function(p) as.character(packageVersion(p))
write_json(list(generator = "scripts/r-reference/examples.R", R = R.version.string,
                packages = list(lme4 = pkg("lme4"), lmerTest = pkg("lmerTest"), emmeans = pkg("emmeans"), pbkrtest = pkg("pbkrtest"), survival = pkg("survival")),
                datasets = reference),
           "packages/report/test/fixtures/examples-r.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
