// Tessera dashboard: a static page over the same authenticated API as the CLI (docs/DASHBOARD.md).
// Rules of this file: every value from the API reaches the page through textContent (never innerHTML), so a run id,
// a profile name or a symbol holding markup is shown as text; the API key lives in sessionStorage only (never in a
// URL, never in localStorage); nothing loads from elsewhere (the CSP says so too).
'use strict';

const KEY_STORE = 'tessera.apiKey';
const POLL_MS = 2000;
let pollTimer = null;

// ---------- DOM helpers (text only) ----------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function table(headers, rows, emptyText) {
  if (rows.length === 0) return el('p', { class: 'muted' }, emptyText || 'none');
  return el('table', {},
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c))))));
}

function num(value, digits) {
  if (value === null || value === undefined || value === '') return el('td', { class: 'num' }, '');
  const n = Number(value);
  return el('td', { class: 'num' }, Number.isFinite(n) ? n.toFixed(digits === undefined ? 2 : digits) : String(value));
}

function time(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toISOString().replace('T', ' ').slice(0, 19) + 'Z';
}

function kv(pairs) {
  return el('dl', { class: 'kv' }, pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function statusText(status) {
  return el('span', { class: 'status-' + String(status).replace(/[^A-Za-z]/g, '') }, status);
}

function toast(message, isError) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.className = isError ? 'error' : '';
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

function render(...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes);
}

// ---------- API ----------

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function apiKey() { return sessionStorage.getItem(KEY_STORE); }

async function api(method, path, body) {
  const headers = { 'x-api-key': apiKey() || '' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (response.status === 401) {
    sessionStorage.removeItem(KEY_STORE);
    location.hash = '#login';
    throw new ApiError(401, 'the API key was refused');
  }
  if (!response.ok) {
    const detail = json && (json.error || json.detail || json.message) ? [json.error, json.field && ('field ' + json.field), json.rule || json.detail].filter(Boolean).join(': ') : text;
    throw new ApiError(response.status, response.status + ' ' + (detail || response.statusText));
  }
  return { status: response.status, json, text };
}

async function guarded(action) {
  try { return await action(); } catch (e) { toast(e.message || String(e), true); return undefined; }
}

// ---------- pages ----------

function loginPage() {
  const input = el('input', { type: 'password', id: 'api-key', autocomplete: 'off', placeholder: 'API key', size: 48 });
  const form = el('form', { class: 'inline', id: 'login-form' }, input, el('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY_STORE, input.value.trim());
    const ok = await guarded(() => api('GET', '/api/runs?pageSize=1'));
    if (ok) { location.hash = '#runs'; }
  });
  render(el('h1', {}, 'Sign in'),
    el('p', { class: 'muted' }, 'The key of `tessera serve` (TESSERA_API_KEY or .local/api-key) or of the Function App. It is kept in this tab only (session storage).'),
    form);
  input.focus();
}

async function runsPage() {
  const profile = el('input', { id: 'start-profile', value: 'compact', size: 16, 'aria-label': 'profile' });
  const runId = el('input', { id: 'start-run-id', placeholder: 'run id (optional)', size: 24, 'aria-label': 'run id' });
  const start = el('form', { class: 'inline', id: 'start-run' }, 'Profile', profile, runId, el('button', { type: 'submit' }, 'Start run'));
  start.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { profile: profile.value.trim() };
    if (runId.value.trim()) body.run_id = runId.value.trim();
    const started = await guarded(() => api('POST', '/api/runs', body));
    if (started) {
      const id = started.json.run_id || started.json.id;
      toast('run ' + id + ' accepted');
      location.hash = '#run/' + encodeURIComponent(id);
    }
  });
  const answer = await guarded(() => api('GET', '/api/runs?pageSize=50'));
  const runs = answer ? answer.json.runs || [] : [];
  render(el('h1', {}, 'Runs'),
    el('section', { class: 'card' }, start),
    el('div', { id: 'runs-list' }, table(['run', 'workflow', 'status', 'progress', 'created', 'updated'], runs.map(r => [
      el('a', { href: '#run/' + encodeURIComponent(r.run_id) }, r.run_id),
      r.workflow,
      statusText(r.status),
      r.progress ? r.progress.completed + '/' + r.progress.total + ' ' + r.progress.step : '',
      time(r.created_at),
      time(r.last_updated_at),
    ]), 'no runs yet')));
  schedule(runsPage, runs.some(r => r.status === 'Running' || r.status === 'Pending'));
}

function timeline(steps) {
  if (!steps || steps.length === 0) return el('p', { class: 'muted' }, 'no steps recorded');
  const start = Math.min(...steps.map(s => Date.parse(s.started_at)));
  const end = Math.max(...steps.map(s => Date.parse(s.ended_at || s.started_at)), start + 1);
  const span = end - start;
  return el('div', { class: 'timeline', id: 'timeline' }, steps.map(s => {
    const from = Date.parse(s.started_at);
    const to = s.ended_at ? Date.parse(s.ended_at) : end;
    const bar = el('div', { class: 'bar ' + s.status, title: s.name });
    // CSSOM assignment, not a style attribute: allowed by the dashboard's CSP.
    bar.style.left = (100 * (from - start) / span).toFixed(2) + '%';
    bar.style.width = Math.max(0.3, 100 * (to - from) / span).toFixed(2) + '%';
    const ms = s.ended_at ? (to - from) + ' ms' : 'running';
    return el('div', { class: 'row' }, el('span', { class: 'mono' }, s.name), el('div', { class: 'track' }, bar),
      el('span', { class: 'muted' }, ms + (s.calls > 1 ? ' · ' + s.calls + ' calls' : '') + (s.retries ? ' · ' + s.retries + ' retries' : '')));
  }));
}

async function runPage(id) {
  const answer = await guarded(() => api('GET', '/api/runs/' + encodeURIComponent(id)));
  if (!answer) { render(el('h1', {}, 'Run ', id), el('p', {}, 'not found')); return; }
  const run = answer.json;
  const out = run.output;
  const reportBox = el('div', { id: 'report' });
  const historyBox = el('div', { id: 'history' });
  const traceBox = el('div', { id: 'trace' }, el('p', { class: 'muted' }, 'sealed when the run ends'));
  const reportButton = el('button', { type: 'button', id: 'open-report', class: 'secondary', disabled: !out }, 'Open report');
  reportButton.addEventListener('click', () => openReport(id, reportBox));
  const historyButton = el('button', { type: 'button', id: 'open-history', class: 'secondary' }, 'Orchestration history');
  historyButton.addEventListener('click', () => showHistory(id, historyBox));
  render(
    el('h1', {}, 'Run ', el('span', { class: 'mono', id: 'run-id' }, run.run_id)),
    el('section', { class: 'card' }, kv([
      ['status', el('span', { id: 'run-status' }, statusText(run.status))],
      ['workflow', run.workflow],
      ['created', time(run.created_at)],
      ['updated', time(run.last_updated_at)],
      ['progress', run.progress ? run.progress.completed + '/' + run.progress.total + ' · ' + run.progress.step + ' · ' + run.progress.detail : ''],
      ['failure', run.failure ? el('span', { class: 'bad' }, run.failure) : ''],
      ['profile', out ? out.profile : ''],
      ['optimizer', out ? out.chosen_optimizer : ''],
      ['regime', out ? out.regime : ''],
      ['manifest', out ? el('span', { class: 'mono' }, out.manifest_sha256) : ''],
    ])),
    el('h2', {}, 'Steps'), timeline(run.steps),
    el('h2', {}, 'Forensic trace'), traceBox,
    out ? el('h2', {}, 'Weights') : '',
    out ? table(['symbol', 'weight'], (out.weights || []).map(w => [w.symbol, num(w.weight, 4)])) : '',
    el('h2', {}, 'Promote'), promoteForm(id),
    el('form', { class: 'inline' }, reportButton, historyButton),
    historyBox, reportBox);
  const running = run.status === 'Running' || run.status === 'Pending';
  if (!running) showTrace(id, traceBox);
  schedule(() => runPage(id), running);
}

// The run's forensic trace (GET /api/runs/{id}/trace): every span of the run from every worker, as a timeline. A run
// that ended before its seal step (or a run from before traces existed) has none: that is said, not toasted.
async function showTrace(id, box) {
  let answer;
  try { answer = await api('GET', '/api/runs/' + encodeURIComponent(id) + '/trace'); } catch (e) {
    box.replaceChildren(el('p', { class: 'muted' }, e.status === 404 ? 'no forensic trace sealed for this run' : e.message));
    return;
  }
  const trace = answer.json;
  const spans = Array.isArray(trace.spans) ? trace.spans : [];
  const rows = spans.map(s => {
    const started = Date.parse(s.start);
    const ms = Number(s.duration_ms);
    return { name: s.name, status: s.status === 'Error' ? 'Failed' : 'Completed', started_at: s.start, ended_at: Number.isFinite(started) && Number.isFinite(ms) ? new Date(started + ms).toISOString() : s.start, calls: 1, worker: s.worker };
  });
  const view = timeline(rows);
  view.id = 'trace-timeline';
  box.replaceChildren(
    kv([['trace id', el('span', { class: 'mono', id: 'trace-id' }, trace.trace_id)], ['spans', String(trace.span_count)], ['workers', (trace.workers || []).join(', ')], ['sealed', time(trace.sealed_at)]]),
    view);
}

function promoteForm(id) {
  const to = el('select', { id: 'promote-to', 'aria-label': 'to' }, ['canary', 'promoted', 'frozen', 'retired'].map(s => el('option', { value: s }, s)));
  const reason = el('input', { id: 'promote-reason', placeholder: 'reason (required)', size: 40, 'aria-label': 'reason' });
  const result = el('span', { id: 'promote-result', class: 'muted' });
  const form = el('form', { class: 'inline', id: 'promote' }, to, reason, el('button', { type: 'submit' }, 'Promote'), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!reason.value.trim()) { toast('a reason is required', true); return; }
    const done = await guarded(() => api('POST', '/api/runs/' + encodeURIComponent(id) + '/promote', { to: to.value, reason: reason.value.trim() }));
    if (done) result.textContent = 'now ' + (done.json.state || done.json.to || to.value);
  });
  return form;
}

async function openReport(id, box) {
  const answer = await guarded(() => api('GET', '/api/runs/' + encodeURIComponent(id) + '/report'));
  if (!answer) return;
  // The report is self-contained HTML (no script). It is shown in a sandboxed frame with no permissions at all,
  // from a blob: URL, so the key never appears in a URL and the report cannot reach this page.
  const url = URL.createObjectURL(new Blob([answer.text], { type: 'text/html' }));
  const frame = el('iframe', { class: 'report', sandbox: '', src: url, title: 'report of ' + id, id: 'report-frame' });
  box.replaceChildren(el('h2', {}, 'Report'), frame);
}

async function showHistory(id, box) {
  const answer = await guarded(() => api('GET', '/api/runs/' + encodeURIComponent(id) + '/history'));
  if (!answer) return;
  box.replaceChildren(el('h2', {}, 'Orchestration history'),
    table(['#', 'event', 'name', 'task', 'answers', 'at'], answer.json.events.map((e, i) => [
      String(i), e.event_type, e.name || '', e.event_id >= 0 ? String(e.event_id) : '', e.task_scheduled_id === null || e.task_scheduled_id === undefined ? '' : String(e.task_scheduled_id), time(e.timestamp),
    ])));
}

async function tradingPage() {
  const status = await guarded(() => api('GET', '/api/trading/status'));
  if (!status) { render(el('h1', {}, 'Trading'), el('p', { class: 'muted' }, 'trading is not available in this host')); return; }
  const s = status.json;
  const [positions, orders, ledger, equity] = await Promise.all([
    guarded(() => api('GET', '/api/trading/positions')),
    guarded(() => api('GET', '/api/trading/orders')),
    guarded(() => api('GET', '/api/trading/ledger?limit=500')),
    guarded(() => api('GET', '/api/trading/equity?days=5')),
  ]);
  const decisions = ledger ? ledger.json.blocks.filter(b => b.kind === 'decision').slice(-50).reverse() : [];
  const switches = s.switches || {};
  const stopped = switches.kill_switch || switches.halted;
  render(
    el('h1', {}, 'Trading'),
    el('section', { class: 'card' }, kv([
      ['trading', el('span', { id: 'trading-state', class: stopped ? 'bad' : 'ok' }, stopped ? 'STOPPED' + (switches.reason ? ': ' + switches.reason : '') : 'running')],
      ['broker', s.broker], ['account', s.account_id], ['profile', s.profile + ' (config pin ' + String(s.config_pin || '').slice(0, 12) + '…)'],
      ['market', time(s.market_time) + (s.market_open ? ' (open)' : ' (closed)')],
      ['equity / cash / buying power', [s.equity, s.cash, s.buying_power].map(v => Number(v).toFixed(2)).join(' / ')],
      ['circuit breaker', s.opening_equity === null || s.opening_equity === undefined ? 'opening equity not captured yet today' : 'opening equity ' + Number(s.opening_equity).toFixed(2) + ', drawdown ' + (100 * Number(s.intraday_drawdown)).toFixed(2) + '%'],
      ['ledger blocks today', String(s.ledger_blocks_today)],
      ['kill-switch actions', el('span', { id: 'kill-switch-actions', class: (s.kill_switch_actions || []).length ? 'bad' : 'ok' },
        (s.kill_switch_actions || []).length ? s.kill_switch_actions.map(a => a.action + ' (' + a.condition + ', since ' + time(a.fired_at) + ')').join('; ') : 'none in force')],
    ])),
    haltResumeForms(stopped),
    el('h2', {}, 'Equity'),
    equityChart(equity ? equity.json : null),
    el('h2', {}, 'Positions'),
    table(['symbol', 'side', 'qty', 'avg entry', 'price', 'value', 'unrealized'], positions ? positions.json.positions.map(p => [
      p.symbol, p.side, num(p.quantity, 0), num(p.average_entry_price), num(p.market_price), num(p.market_value), num(p.unrealized_pnl),
    ]) : [], 'no positions'),
    el('h2', {}, 'Orders'),
    table(['created', 'client order id', 'symbol', 'side', 'qty', 'limit', 'state'], orders ? orders.json.orders.map(o => [
      time(o.created_at), el('span', { class: 'mono' }, o.client_order_id), o.symbol, o.side, num(o.quantity, 0), num(o.limit_price), o.state,
    ]) : [], 'no orders'),
    el('h2', {}, 'Recent decisions'),
    table(['at', 'decision', 'trace'], decisions.map(b => [time(b.at), el('code', {}, JSON.stringify(b.payload)), el('span', { class: 'mono' }, b.trace_id || '')]), 'no decisions today'));
}

// The equity curve as an inline SVG (no chart library, no CDN): x is the point's index, so nights and weekends take no
// width (the poll records in session only), y spans the curve's own min..max. Built with createElementNS and numbers
// only; the one text from the API (times) goes through textContent.
const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  return node;
}

function equityChart(curve) {
  const points = curve && Array.isArray(curve.points) ? curve.points.filter(p => Number.isFinite(Number(p.equity))) : [];
  if (points.length === 0) {
    return el('p', { class: 'muted', id: 'equity-none' }, 'no equity points yet: the equity poll records one a minute while the market is open');
  }
  const values = points.map(p => Number(p.equity));
  let lo = Math.min(...values), hi = Math.max(...values);
  if (hi === lo) { lo -= 1; hi += 1; }
  const width = 720, height = 180, pad = 4;
  const step = points.length > 1 ? (width - 2 * pad) / (points.length - 1) : 0;
  const coords = values.map((v, i) => (pad + i * step).toFixed(1) + ',' + (pad + (hi - v) / (hi - lo) * (height - 2 * pad)).toFixed(1));
  const svg = svgEl('svg', { id: 'equity-chart', viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img', 'aria-label': 'equity curve' });
  const [lastX, lastY] = coords[coords.length - 1].split(',');
  svg.append(
    svgEl('rect', { x: 0.5, y: 0.5, width: width - 1, height: height - 1, fill: 'none', stroke: '#d0d5dd' }),
    svgEl('polyline', { points: coords.join(' '), fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 }),
    svgEl('circle', { cx: lastX, cy: lastY, r: 3, fill: 'currentColor' }));
  const first = values[0], last = values[values.length - 1];
  const change = first === 0 ? 0 : (last / first - 1) * 100;
  return el('section', { class: 'card' }, svg, kv([
    ['points', String(points.length) + ' (one a minute, last ' + curve.days + ' days)'],
    ['from / to', time(points[0].at) + ' → ' + time(points[points.length - 1].at)],
    ['first / last', first.toFixed(2) + ' / ' + last.toFixed(2) + ' (' + (change >= 0 ? '+' : '') + change.toFixed(2) + '%)'],
    ['low / high', Math.min(...values).toFixed(2) + ' / ' + Math.max(...values).toFixed(2)],
  ]));
}

function haltResumeForms(stopped) {
  const reason = el('input', { id: 'switch-reason', placeholder: 'reason (required)', size: 40, 'aria-label': 'reason' });
  const halt = el('button', { type: 'button', id: 'halt', class: 'danger' }, 'Halt trading');
  const resume = el('button', { type: 'button', id: 'resume', disabled: !stopped }, 'Resume');
  const act = async (path) => {
    if (!reason.value.trim()) { toast('a reason is required', true); return; }
    const done = await guarded(() => api('POST', path, { reason: reason.value.trim(), actor: 'dashboard' }));
    if (done) { toast(path.endsWith('halt') ? 'trading halted' : 'trading resumed'); tradingPage(); }
  };
  halt.addEventListener('click', () => act('/api/trading/halt'));
  resume.addEventListener('click', () => act('/api/trading/resume'));
  return el('section', { class: 'card' }, el('form', { class: 'inline', id: 'switches' }, reason, halt, resume));
}

async function streamPage() {
  const status = await guarded(() => api('GET', '/api/trading/status'));
  const st = status ? status.json.stream : null;
  render(el('h1', {}, 'Stream service'),
    !st ? el('p', { class: 'muted', id: 'stream-none' }, 'no stream service has written a status on this storage (tessera stream, or tessera serve --trade)')
      : el('section', { class: 'card', id: 'stream-status' }, kv([
        ['as of', time(st.at) + (st.fresh ? '' : ' (stale: the service is not writing)')],
        ['connection', el('span', { class: st.connection === 'Healthy' ? 'ok' : 'warn' }, st.connection)],
        ['lag', Number(st.lag_ms).toFixed(1) + ' ms'],
        ['safety mode', el('span', { class: st.safety_mode === 'Normal' ? 'ok' : 'bad' }, st.safety_mode + (st.submissions_allowed ? '' : ' (submissions off)'))],
        ['symbols / stops', st.symbols + ' / ' + st.stops],
        ['messages / reconnects / breaches', st.messages + ' / ' + st.reconnects + ' / ' + st.breaches],
        ['stops fired', String(st.stops_fired)],
      ])));
  schedule(streamPage, true);
}

async function ledgerPage() {
  const date = el('input', { type: 'date', id: 'ledger-date', 'aria-label': 'day' });
  const verify = el('button', { type: 'submit', id: 'verify' }, 'Verify');
  const form = el('form', { class: 'inline' }, 'New York day', date, verify);
  const out = el('div', { id: 'ledger-out' });
  const load = async () => {
    const query = date.value ? '?date=' + encodeURIComponent(date.value) + '&limit=500' : '?limit=500';
    const answer = await guarded(() => api('GET', '/api/trading/ledger' + query));
    if (!answer) return;
    const verdicts = answer.json.verified || [];
    out.replaceChildren(
      el('section', { class: 'card', id: 'verification' }, verdicts.length === 0 ? el('span', { class: 'muted' }, 'no chain for this day')
        : verdicts.map(v => el('div', {}, v.day + ': ', v.valid ? el('span', { class: 'ok' }, 'chain verified') : el('span', { class: 'bad' }, 'BROKEN at block ' + v.first_bad_block + ': ' + (v.detail || ''))))),
      table(['#', 'kind', 'at', 'payload', 'hash'], answer.json.blocks.map(b => [
        String(b.index), b.kind, time(b.at), el('code', {}, JSON.stringify(b.payload)), el('span', { class: 'mono' }, String(b.hash).slice(0, 16) + '…'),
      ]), 'no blocks'));
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  render(el('h1', {}, 'Audit ledger'), form, out);
  await load();
}

// ---------- routing ----------

function schedule(again, keepPolling) {
  clearTimeout(pollTimer);
  if (keepPolling) pollTimer = setTimeout(again, POLL_MS);
}

function route() {
  clearTimeout(pollTimer);
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || 'runs';
  document.getElementById('logout').hidden = !apiKey();
  if (!apiKey() && hash !== 'login') { location.hash = '#login'; return; }
  const page = hash.split('/')[0];
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === page || (page === 'run' && a.dataset.page === 'runs'));
  if (page === 'login') loginPage();
  else if (page === 'run') runPage(hash.slice(4));
  else if (page === 'trading') tradingPage();
  else if (page === 'stream') streamPage();
  else if (page === 'ledger') ledgerPage();
  else runsPage();
}

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('logout').addEventListener('click', () => { sessionStorage.removeItem(KEY_STORE); location.hash = '#login'; });
  route();
});
