// The Node peer of make bench-peers: trading-signals 8.x (number-based classes) over every bar of the exported S&P
// set, one thread. usage: node indicators.mjs WORKDIR
// Writes WORKDIR/peer-indicators-node.json (timings) and peer-indicators-node.bin: 13 float64 columns in the order
// rsi14 atr14 adx14 plus_di14 minus_di14 macd macd_signal macd_hist bb_mid bb_upper bb_lower sma20 ema20
// (NaN where the library has no value yet), each column the symbols' bars concatenated in export order.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADX, ATR, BollingerBands, EMA, MACD, RSI, SMA } from 'trading-signals';

const work = process.argv[2];
const lines = readFileSync(join(work, 'bars.csv'), 'utf8').split('\n');
const total = lines.length - 2 >= 0 ? lines.filter((l, i) => i > 0 && l.length > 0).length : 0;
const high = new Float64Array(total);
const low = new Float64Array(total);
const close = new Float64Array(total);
const starts = [];
let previous = null;
let k = 0;
for (let i = 1; i < lines.length; i++) {
  const line = lines[i];
  if (line.length === 0) continue;
  const f = line.split(',');
  if (f[0] !== previous) {
    starts.push(k);
    previous = f[0];
  }
  high[k] = Number(f[3]);
  low[k] = Number(f[4]);
  close[k] = Number(f[5]);
  k++;
}
starts.push(total);

const columns = Array.from({ length: 13 }, () => new Float64Array(total));
const v = (x) => (x === null || x === undefined ? NaN : x);

function run() {
  for (let s = 0; s + 1 < starts.length; s++) {
    const rsi = new RSI(14);
    const atr = new ATR(14);
    const adx = new ADX(14);
    const macd = new MACD(new EMA(12), new EMA(26), new EMA(9));
    const bb = new BollingerBands(20, 2);
    const sma = new SMA(20);
    const ema = new EMA(20);
    for (let i = starts[s]; i < starts[s + 1]; i++) {
      const c = close[i];
      const candle = { high: high[i], low: low[i], close: c };
      columns[0][i] = v(rsi.update(c, false));
      columns[1][i] = v(atr.update(candle, false));
      const a = adx.update(candle, false);
      columns[2][i] = v(a);
      columns[3][i] = v(adx.pdi) * 100;
      columns[4][i] = v(adx.mdi) * 100;
      const m = macd.update(c, false);
      columns[5][i] = m ? m.macd : NaN;
      columns[6][i] = m ? m.signal : NaN;
      columns[7][i] = m ? m.histogram : NaN;
      const b = bb.update(c, false);
      columns[8][i] = b ? b.middle : NaN;
      columns[9][i] = b ? b.upper : NaN;
      columns[10][i] = b ? b.lower : NaN;
      columns[11][i] = v(sma.update(c, false));
      columns[12][i] = v(ema.update(c, false)); // seeded with the first price (not an SMA): converges after warm-up
    }
  }
}

const t0 = performance.now();
run();
const first = (performance.now() - t0) / 1000;
const seconds = [];
const cpu0 = process.cpuUsage();
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  run();
  seconds.push((performance.now() - t) / 1000);
}

const cpu = process.cpuUsage(cpu0);
const cpuPerCall = (cpu.user + cpu.system) / 1e6 / 5;
const sorted = [...seconds].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const pkg = JSON.parse(readFileSync(new URL('./node_modules/trading-signals/package.json', import.meta.url), 'utf8'));
const out = Buffer.alloc(13 * total * 8);
for (let c = 0; c < 13; c++) {
  for (let i = 0; i < total; i++) out.writeDoubleLE(columns[c][i], (c * total + i) * 8);
}
writeFileSync(join(work, 'peer-indicators-node.bin'), out);
writeFileSync(join(work, 'peer-indicators-node.json'), JSON.stringify({
  tool: `trading-signals ${pkg.version}`, workload: 'indicators', seconds, median_s: median, min_s: sorted[0], first_run_s: first, cpu_s_per_call: cpuPerCall,
  bars: total, updates: total * 7, versions: { node: process.version, 'trading-signals': pkg.version },
}, null, 2));
console.log(`  trading-signals ${pkg.version}: median of 5 ${median.toPrecision(6)} s, ${(total * 7 / median).toPrecision(4)} updates/s`);
