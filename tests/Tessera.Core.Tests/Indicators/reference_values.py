#!/usr/bin/env python3
"""Independent reference values for the indicator tests (pure Python, textbook formulas, each window
recomputed from scratch: no running sums, no shared code with the C# kernels).
Regenerate with: python3 reference_values.py > IndicatorReferenceValues.cs"""
import math

N = 60
close = [round(50 + 5 * math.sin(i * 0.7) + 0.1 * i, 2) for i in range(N)]
high = [round(close[i] + ((i * 7) % 5) * 0.1 + 0.05, 2) for i in range(N)]
low = [round(close[i] - ((i * 3) % 4) * 0.1 - 0.05, 2) for i in range(N)]
volume = [float(1000 + (i * 137) % 500) for i in range(N)]
nan = None


def sma(x, n):
    return [sum(x[i - n + 1:i + 1]) / n if i >= n - 1 else nan for i in range(len(x))]


def seeded(x, n, alpha, start=0):
    """EMA/RMA seeded with the SMA of the first n defined values (x[start:start+n])."""
    out = [nan] * len(x)
    if len(x) < start + n:
        return out
    v = sum(x[start:start + n]) / n
    out[start + n - 1] = v
    for i in range(start + n, len(x)):
        v = v + alpha * (x[i] - v)
        out[i] = v
    return out


def rma_div(x, n, start=0):
    out = [nan] * len(x)
    v = sum(x[start:start + n]) / n
    out[start + n - 1] = v
    for i in range(start + n, len(x)):
        v = v + (x[i] - v) / n
        out[i] = v
    return out


def ema(x, n):
    return seeded(x, n, 2 / (n + 1))


def rsi(c, n):
    ch = [0.0] + [c[i] - c[i - 1] for i in range(1, len(c))]
    g = rma_div([max(d, 0.0) for d in ch], n, 1)
    l = rma_div([max(-d, 0.0) for d in ch], n, 1)
    return [nan if g[i] is nan else (100.0 if l[i] == 0 else 100 - 100 / (1 + g[i] / l[i])) for i in range(len(c))]


def tr(i):
    if i == 0:
        return high[0] - low[0]
    return max(high[i] - low[i], abs(high[i] - close[i - 1]), abs(low[i] - close[i - 1]))


def atr(n):
    return rma_div([tr(i) for i in range(N)], n, 0)


def adx(n):
    trs = [0.0] + [tr(i) for i in range(1, N)]
    pdm = [0.0] * N
    mdm = [0.0] * N
    for i in range(1, N):
        up, dn = high[i] - high[i - 1], low[i - 1] - low[i]
        pdm[i] = up if up > dn and up > 0 else 0.0
        mdm[i] = dn if dn > up and dn > 0 else 0.0
    s_tr, s_p, s_m = rma_div(trs, n, 1), rma_div(pdm, n, 1), rma_div(mdm, n, 1)
    pdi, mdi, dx = [nan] * N, [nan] * N, [0.0] * N
    for i in range(n, N):
        pdi[i] = 100 * s_p[i] / s_tr[i]
        mdi[i] = 100 * s_m[i] / s_tr[i]
        dx[i] = 100 * abs(pdi[i] - mdi[i]) / (pdi[i] + mdi[i])
    return rma_div(dx, n, n), pdi, mdi


def macd(f, s, sg):
    ef, es = ema(close, f), ema(close, s)
    m = [nan if es[i] is nan else ef[i] - es[i] for i in range(N)]
    sig = seeded(m, sg, 2 / (sg + 1), s - 1)
    hist = [nan if sig[i] is nan else m[i] - sig[i] for i in range(N)]
    return m, sig, hist


def bollinger(n, k):
    mid, up, lo, pb = [nan] * N, [nan] * N, [nan] * N, [nan] * N
    for i in range(n - 1, N):
        w = close[i - n + 1:i + 1]
        mu = sum(w) / n
        sd = math.sqrt(sum((x - mu) ** 2 for x in w) / n)
        mid[i], up[i], lo[i] = mu, mu + k * sd, mu - k * sd
        pb[i] = (close[i] - lo[i]) / (up[i] - lo[i])
    return mid, up, lo, pb


def vwma(n):
    return [sum(close[j] * volume[j] for j in range(i - n + 1, i + 1)) / sum(volume[i - n + 1:i + 1]) if i >= n - 1 else nan for i in range(N)]


def vwap_rolling(n):
    tp = [(high[i] + low[i] + close[i]) / 3 for i in range(N)]
    v = [sum(tp[j] * volume[j] for j in range(i - n + 1, i + 1)) / sum(volume[i - n + 1:i + 1]) if i >= n - 1 else nan for i in range(N)]
    dev = [nan if v[i] is nan else (close[i] - v[i]) / v[i] for i in range(N)]
    return v, dev


def donchian(n):
    up = [max(high[i - n:i]) if i >= n else nan for i in range(N)]
    lo = [min(low[i - n:i]) if i >= n else nan for i in range(N)]
    return up, lo


def ibs():
    return [(close[i] - low[i]) / (high[i] - low[i]) if high[i] > low[i] else 0.5 for i in range(N)]


def mid(n, i):
    return (max(high[i - n + 1:i + 1]) + min(low[i - n + 1:i + 1])) / 2 if i >= n - 1 else nan


def ichimoku(t, k, b, d):
    ten = [mid(t, i) for i in range(N)]
    kij = [mid(k, i) for i in range(N)]
    a_now = [nan if kij[i] is nan else (ten[i] + kij[i]) / 2 for i in range(N)]
    b_now = [mid(b, i) for i in range(N)]
    sa = [a_now[i - d] if i >= d else nan for i in range(N)]
    sb = [b_now[i - d] if i >= d else nan for i in range(N)]
    return ten, kij, sa, sb


def roc(n):
    return [100 * (close[i] - close[i - n]) / close[i - n] if i >= n else nan for i in range(N)]


def momentum(lb, sk):
    return [close[i - sk] / close[i - lb] - 1 if i >= lb else nan for i in range(N)]


def downside(n):
    r = [nan] + [close[i] / close[i - 1] - 1 for i in range(1, N)]
    return [math.sqrt(sum(min(x, 0.0) ** 2 for x in r[i - n + 1:i + 1]) / n) if i >= n else nan for i in range(N)]


def realized(n):
    r = [nan] + [math.log(close[i] / close[i - 1]) for i in range(1, N)]
    out = [nan] * N
    for i in range(n, N):
        w = r[i - n + 1:i + 1]
        mu = sum(w) / n
        out[i] = math.sqrt(sum((x - mu) ** 2 for x in w) / (n - 1)) * math.sqrt(252)
    return out


def zscore(n):
    out = [nan] * N
    for i in range(n - 1, N):
        w = close[i - n + 1:i + 1]
        mu = sum(w) / n
        sd = math.sqrt(sum((x - mu) ** 2 for x in w) / n)
        out[i] = (close[i] - mu) / sd if sd > 0 else 0.0
    return out


def perm_entropy(m, tau, w):
    import itertools
    out = [nan] * N
    span = (m - 1) * tau
    for i in range(w - 1, N):
        win = close[i - w + 1:i + 1]
        counts = {}
        for s in range(0, w - span):
            pts = [win[s + k * tau] for k in range(m)]
            key = tuple(sorted(range(m), key=lambda j: (pts[j], j)))
            counts[key] = counts.get(key, 0) + 1
        total = sum(counts.values())
        h = -sum((c / total) * math.log(c / total) for c in counts.values())
        out[i] = h / math.log(math.factorial(m))
    return out


def fmt(x):
    return "double.NaN" if x is None else repr(float(x))


def arr(name, xs):
    body = ", ".join(fmt(x) for x in xs)
    return f"    public static readonly double[] {name} = [{body}];\n"


out = ["// <auto-generated> by reference_values.py (independent pure-Python textbook formulas) </auto-generated>\n",
       "namespace Tessera.Core.Tests.Indicators;\n\n",
       "/// <summary>Reference series and values: see reference_values.py for the exact formulas.</summary>\n",
       "internal static class IndicatorReferenceValues\n{\n"]
out.append(arr("Close", close))
out.append(arr("High", high))
out.append(arr("Low", low))
out.append(arr("Volume", volume))
out.append(arr("Sma5", sma(close, 5)))
out.append(arr("Ema5", ema(close, 5)))
out.append(arr("Vwma5", vwma(5)))
out.append(arr("Rsi5", rsi(close, 5)))
out.append(arr("Atr5", atr(5)))
a, p, m = adx(5)
out.append(arr("Adx5", a))
out.append(arr("PlusDi5", p))
out.append(arr("MinusDi5", m))
mc, sg, hs = macd(3, 6, 4)
out.append(arr("Macd364", mc))
out.append(arr("MacdSignal364", sg))
out.append(arr("MacdHist364", hs))
bm, bu, bl, bp = bollinger(5, 2)
out.append(arr("BbMid5", bm))
out.append(arr("BbUpper5", bu))
out.append(arr("BbLower5", bl))
out.append(arr("BbPctB5", bp))
vw, vd = vwap_rolling(5)
out.append(arr("VwapRolling5", vw))
out.append(arr("VwapDevRolling5", vd))
du, dl = donchian(5)
out.append(arr("DonchianUpper5", du))
out.append(arr("DonchianLower5", dl))
out.append(arr("Ibs", ibs()))
t, k, sa, sb = ichimoku(3, 5, 8, 4)
out.append(arr("Tenkan3", t))
out.append(arr("Kijun5", k))
out.append(arr("SenkouA3x5d4", sa))
out.append(arr("SenkouB8d4", sb))
out.append(arr("Roc4", roc(4)))
out.append(arr("Momentum10x3", momentum(10, 3)))
out.append(arr("DownsideDev6", downside(6)))
out.append(arr("RealizedVol6", realized(6)))
out.append(arr("ZScore6", zscore(6)))
out.append(arr("PermEntropy3x1x8", perm_entropy(3, 1, 8)))
out.append(arr("PermEntropy3x2x10", perm_entropy(3, 2, 10)))
out.append("}\n")
print("".join(out), end="")
