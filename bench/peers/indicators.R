# The R peer of make bench-peers: TTR's vectorised indicators over every bar of the exported S&P set, one thread.
# usage: Rscript indicators.R WORKDIR
# Writes WORKDIR/peer-indicators-ttr.json (timings) and peer-indicators-ttr.bin: the 13 float64 columns of
# node/indicators.mjs (NaN where TTR has NA), symbols' bars concatenated in export order.
suppressPackageStartupMessages(library(TTR))
args <- commandArgs(trailingOnly = TRUE)
work <- args[1]
bars <- read.csv(file.path(work, "bars.csv"), colClasses = c("character", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"))
total <- nrow(bars)
runs <- rle(bars$symbol)
ends <- cumsum(runs$lengths)
starts <- ends - runs$lengths + 1
out <- matrix(NA_real_, nrow = total, ncol = 13)

run <- function() {
  for (s in seq_along(starts)) {
    idx <- starts[s]:ends[s]
    hlc <- cbind(bars$high[idx], bars$low[idx], bars$close[idx])
    cl <- bars$close[idx]
    out[idx, 1] <<- RSI(cl, n = 14)
    out[idx, 2] <<- ATR(hlc, n = 14)[, "atr"]
    a <- ADX(hlc, n = 14)
    out[idx, 3] <<- a[, "ADX"]
    out[idx, 4] <<- a[, "DIp"]
    out[idx, 5] <<- a[, "DIn"]
    m <- MACD(cl, nFast = 12, nSlow = 26, nSig = 9, maType = "EMA", percent = FALSE)
    out[idx, 6] <<- m[, "macd"]
    out[idx, 7] <<- m[, "signal"]
    out[idx, 8] <<- m[, "macd"] - m[, "signal"]
    b <- BBands(cl, n = 20, sd = 2)
    out[idx, 9] <<- b[, "mavg"]
    out[idx, 10] <<- b[, "up"]
    out[idx, 11] <<- b[, "dn"]
    out[idx, 12] <<- SMA(cl, n = 20)
    out[idx, 13] <<- EMA(cl, n = 20)
  }
}

t0 <- proc.time()[["elapsed"]]
run()
first <- proc.time()[["elapsed"]] - t0
seconds <- numeric(0)
cpu0 <- proc.time()
for (r in 1:3) {
  t <- proc.time()[["elapsed"]]
  run()
  seconds <- c(seconds, proc.time()[["elapsed"]] - t)
}
cpu <- proc.time() - cpu0
cpu_per_call <- (cpu[["user.self"]] + cpu[["sys.self"]]) / 3
out[is.na(out)] <- NaN
writeBin(as.vector(out), file.path(work, "peer-indicators-ttr.bin"), size = 8, endian = "little")
med <- median(seconds)
version <- as.character(packageVersion("TTR"))
json <- sprintf('{\n  "tool": "R TTR %s", "workload": "indicators", "seconds": [%s], "median_s": %.9g, "min_s": %.9g, "first_run_s": %.9g, "cpu_s_per_call": %.9g,\n  "bars": %d, "updates": %d, "versions": {"R": "%s", "TTR": "%s"}\n}\n',
  version, paste(sprintf("%.9g", seconds), collapse = ", "), med, min(seconds), first, cpu_per_call, total, total * 7L, paste(R.version$major, R.version$minor, sep = "."), version)
writeLines(json, file.path(work, "peer-indicators-ttr.json"))
cat(sprintf("  R TTR %s: median of 3 %.6g s, %.4g updates/s\n", version, med, total * 7 / med))
