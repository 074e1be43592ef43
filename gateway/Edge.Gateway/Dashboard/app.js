// The fleet dashboard. One Server-Sent Events stream (/api/stream) carries a JSON snapshot a second; every
// render rebuilds from the snapshot alone, so a missed frame or a reconnect never leaves stale rows behind.
// The charts open with the gateway's last five minutes (/api/history) and add a point per frame.
// Text goes in with textContent only: node ids and event details come from the network.

const HISTORY_MS = 5 * 60 * 1000;
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key === 'style') node.style.cssText = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const clock = (ms) => new Date(ms).toLocaleTimeString('en-GB', { hour12: false });

function ago(nowMs, thenMs) {
  if (!thenMs) return '–';
  const s = Math.max(0, (nowMs - thenMs) / 1000);
  if (s < 60) return `${s.toFixed(1)} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

function span(nowMs, sinceMs) {
  if (!sinceMs) return '–';
  const s = Math.max(0, Math.round((nowMs - sinceMs) / 1000));
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min`;
}

function renderTotals(snap) {
  const f = snap.fleet;
  $('t-nodes').textContent = `${f.liveNodes} / ${f.recommendedNodes}`;
  const over = f.fleetCapacity > 0 && f.forecastLoad > f.fleetCapacity;
  $('t-load').textContent = `${number.format(f.forecastLoad)} / ${number.format(f.fleetCapacity)} /s`;
  $('t-load').classList.toggle('over', over);
  const bar = $('t-load-bar');
  bar.style.width = `${f.fleetCapacity > 0 ? Math.min(100, (100 * f.forecastLoad) / f.fleetCapacity) : 0}%`;
  bar.classList.toggle('over', over);
  $('t-rate').textContent = snap.rollup ? `${number.format(snap.rollup.count)} /s` : '–';
  $('t-avoided').textContent = number.format(f.dropsAvoided);
  $('t-failovers').textContent = String(f.failovers);
  $('t-rejected').textContent = String(snap.rejected);
  $('t-saturated').hidden = !snap.saturated;
  $('t-balancer').textContent = f.balancer || '–';
  renderLeader(snap.timeMs, f.leader);
}

// Who leads the site since when, and this gateway's role (a standby's dashboard shows the leader it follows).
function renderLeader(nowMs, l) {
  const tile = $('t-leader');
  if (!l) {
    tile.textContent = '–';
    return;
  }
  const who = l.leader ? `${l.leader} for ${span(nowMs, l.sinceMs)}` : 'none';
  const token = l.mode === 'etcd' && l.token ? ` · token ${l.token}` : '';
  const self = l.role === 'leader' ? '' : ` · this gateway: ${l.role}`;
  tile.textContent = `${who}${token}${self}`;
  tile.title = l.refusal || `${l.gateway} (${l.mode} mode), ${l.changes} leadership changes here`;
  tile.classList.toggle('over', !l.leader || l.role === 'refused');
}

function bufferCell(n) {
  const cap = n.bufferCapacity || 0;
  const ratio = cap > 0 ? Math.min(1, n.bufferFill / cap) : 0;
  const fill = el('div', { class: ratio >= 0.95 ? 'full' : ratio >= 0.7 ? 'high' : '', style: `width:${(ratio * 100).toFixed(1)}%` });
  const box = el('div', { class: 'buffer' }, el('div', { class: 'bar' }, fill), el('span', { class: 'text' }, `${n.bufferFill} / ${cap}`));
  if (n.preExpanded) box.append(el('span', { class: 'marker', title: 'pre-expanded for a forecast burst' }, '▲'));
  return el('td', {}, box);
}

function renderNodes(snap) {
  const rows = snap.fleet.nodes.map((n) => {
    const name = el('td', {}, n.node);
    if (n.alarm) name.append(' ', el('span', { class: 'alarm-dot', title: 'precursor alarm' }));
    return el('tr', { 'data-node': n.node, class: n.state },
      name,
      el('td', { class: 'state', 'data-state': n.state },
        el('span', { class: `pill ${n.state}` }, n.state),
        n.quarantine ? el('span', { class: 'pill quarantined', title: `quarantined: its reports failed the ${n.quarantine} check(s); no new flows, its forecast ignored` }, 'quarantined') : ''),
      el('td', {}, ago(snap.timeMs, n.lastSeenMs)),
      bufferCell(n),
      el('td', { class: 'num' }, number.format(n.rate)),
      el('td', { class: 'num' }, number.format(n.forecast)),
      el('td', { class: 'num' }, String(n.dropped)),
      el('td', { class: 'num' }, number.format(n.phi)));
  });
  $('nodes').replaceChildren(...(rows.length ? rows : [el('tr', { class: 'empty' }, el('td', { colspan: 8 }, 'Waiting for the first node to be born…'))]));
}

function renderFlows(snap) {
  $('flows').replaceChildren(...snap.flows.map((f) => {
    const owner = f.owner
      ? el('td', { class: 'owner' }, f.owner)
      : el('td', { class: `owner ${f.epoch > 0 ? 'moving' : 'none'}` }, f.epoch > 0 ? 'moving…' : 'unassigned');
    return el('tr', { 'data-flow': f.flow },
      el('td', {}, String(f.flow)), owner,
      el('td', {}, span(snap.timeMs, f.sinceMs)),
      el('td', { class: 'num' }, number.format(f.rate)),
      el('td', { class: 'num' }, String(f.samples)),
      el('td', { class: 'model', title: 'fleet model the node runs (classical: its own predictor until the gateway pushes one)' },
        f.modelVersion > 0 ? `v${f.modelVersion}` : 'classical'),
      el('td', { class: 'num model-error', title: 'live error of the coming peak (pinball loss per mean arrival); classical predictor in brackets' },
        f.modelError == null ? '–' : `${f.modelError.toPrecision(2)} (${f.baselineError.toPrecision(2)})`));
  }));
}

function renderEvents(snap) {
  $('events').replaceChildren(...snap.events.map((e) => el('li', {},
    el('time', {}, clock(e.timeMs)),
    el('span', { class: `kind ${e.kind}` }, e.kind),
    el('span', {}, e.node),
    el('span', { class: 'detail', title: e.detail }, e.detail))));
}

const timeAxis = { type: 'linear', ticks: { callback: (v) => clock(v), maxTicksLimit: 6 } };
const chartOptions = (y, extra = {}) => ({
  animation: false,
  maintainAspectRatio: false,
  parsing: false,
  interaction: { mode: 'index', intersect: false },
  scales: { x: { ...timeAxis }, y: { beginAtZero: true, title: { display: true, text: y } }, ...extra },
  plugins: { legend: { position: 'bottom', labels: { boxWidth: 14 } }, tooltip: { callbacks: { title: (items) => clock(items[0].parsed.x) } } },
});

const chart = new Chart($('throughput'), {
  type: 'line',
  data: {
    datasets: [
      { label: 'committed samples/s', data: [], borderColor: '#2563eb', backgroundColor: 'rgba(37,99,235,.12)', fill: true, pointRadius: 0, tension: 0.2 },
      { label: 'forecast load', data: [], borderColor: '#d97706', borderDash: [6, 4], pointRadius: 0 },
      { label: 'fleet capacity', data: [], borderColor: '#1f9d55', borderDash: [2, 3], pointRadius: 0 },
    ],
  },
  options: chartOptions('samples/s'),
});

// Per flow, as the node serving it reports its lane: its arrivals, its own forecast, and its share of the node's
// buffer, with triangles where that share grew for a forecast burst.
const prediction = new Chart($('prediction'), {
  type: 'line',
  data: {
    datasets: [
      { label: 'arrivals/s', data: [], borderColor: '#2563eb', backgroundColor: 'rgba(37,99,235,.12)', fill: true, pointRadius: 0, tension: 0.2 },
      { label: 'forecast (upper bound)/s', data: [], borderColor: '#d97706', borderDash: [6, 4], pointRadius: 0 },
      { label: 'its share of the buffer (samples)', data: [], borderColor: '#7c3aed', yAxisID: 'buffer', pointStyle: 'triangle', stepped: true,
        pointRadius: (c) => (c.raw?.pre ? 5 : 0), pointBackgroundColor: '#7c3aed' },
    ],
  },
  options: chartOptions('samples/s', { buffer: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'buffer samples' } } }),
});

// The last five minutes as the gateway recorded them (GET /api/history), extended by every frame.
const history = [];
let picked = null;
let userPicked = false;

function pointOf(snap) {
  return {
    timeMs: snap.timeMs,
    committed: snap.rollup ? snap.rollup.count : 0,
    forecastLoad: snap.fleet.forecastLoad,
    fleetCapacity: snap.fleet.fleetCapacity,
    nodes: snap.fleet.nodes.filter((n) => n.state !== 'dead')
      .map((n) => ({ node: n.node, rate: n.rate, forecast: n.forecast, capacity: n.bufferCapacity, preExpanded: n.preExpanded })),
    flows: snap.flows.filter((f) => f.lane)
      .map((f) => ({ flow: f.flow, node: f.lane.node, rate: f.lane.rate, forecast: f.lane.forecast, share: f.lane.share, preExpanded: f.lane.preExpanded })),
  };
}

function visibleRange(nowMs) {
  while (history.length && history[0].timeMs < nowMs - HISTORY_MS) history.shift();
  // Until five minutes have been seen, the axis starts at the first point rather than showing an empty past.
  return { min: Math.max(nowMs - HISTORY_MS, history[0]?.timeMs ?? nowMs), max: nowMs };
}

function pickFlow() {
  const flows = [...new Set(history.flatMap((p) => p.flows ?? []).map((f) => f.flow))].sort((a, b) => a - b);
  // Until the user picks one: the first flow whose lane grew ahead of a burst (the one with the story to show),
  // else the busiest now.
  const firstPre = history.flatMap((p) => (p.flows ?? []).filter((f) => f.preExpanded))[0]?.flow;
  const busiest = [...(history.at(-1)?.flows ?? [])].sort((a, b) => b.rate - a.rate)[0]?.flow;
  if (userPicked && !flows.includes(picked)) userPicked = false;
  if (!userPicked) picked = firstPre ?? busiest ?? (flows.includes(picked) ? picked : flows[0] ?? null);
  const select = $('flow-pick');
  if (select.options.length !== flows.length || [...select.options].some((o, i) => Number(o.value) !== flows[i])) {
    select.replaceChildren(...flows.map((f) => el('option', { value: String(f) }, String(f))));
  }
  select.value = picked === null ? '' : String(picked);
}

function renderCharts(nowMs) {
  const range = visibleRange(nowMs);
  const [samples, forecast, capacity] = chart.data.datasets;
  samples.data = history.map((p) => ({ x: p.timeMs, y: p.committed }));
  forecast.data = history.map((p) => ({ x: p.timeMs, y: p.forecastLoad }));
  capacity.data = history.map((p) => ({ x: p.timeMs, y: p.fleetCapacity }));
  Object.assign(chart.options.scales.x, range);
  chart.update('none');

  pickFlow();
  const rows = history.map((p) => ({ t: p.timeMs, f: (p.flows ?? []).find((f) => f.flow === picked) })).filter((r) => r.f);
  const [arrivals, bound, buffer] = prediction.data.datasets;
  arrivals.data = rows.map((r) => ({ x: r.t, y: r.f.rate }));
  bound.data = rows.map((r) => ({ x: r.t, y: r.f.forecast }));
  buffer.data = rows.map((r) => ({ x: r.t, y: r.f.share, pre: r.f.preExpanded }));
  Object.assign(prediction.options.scales.x, range);
  prediction.update('none');
  const serving = rows.at(-1)?.f.node;
  $('flow-node').textContent = serving ? `on ${serving}` : '';
  // What the browser test reads: the flow shown, and how many of its seconds have arrivals, a forecast and a ▲.
  Object.assign(document.body.dataset, {
    flowPicked: picked === null ? '' : String(picked),
    flowArrivalPoints: String(arrivals.data.filter((d) => d.y > 0).length),
    flowForecastPoints: String(bound.data.filter((d) => d.y > 0).length),
    preExpandedPoints: String(buffer.data.filter((d) => d.pre).length),
    flowFirstDataMs: String(history.find((p) => (p.flows ?? []).some((f) => f.rate > 0))?.timeMs ?? 0),
    flowFirstPreMs: String(buffer.data.find((d) => d.pre)?.x ?? 0),
  });
}

$('flow-pick').addEventListener('change', (e) => {
  picked = Number(e.target.value);
  userPicked = true;
  renderCharts(history.at(-1)?.timeMs ?? Date.now());
});

function render(snap) {
  renderTotals(snap);
  renderNodes(snap);
  renderFlows(snap);
  renderEvents(snap);
  if (!history.length || history.at(-1).timeMs < snap.timeMs) history.push(pointOf(snap));
  renderCharts(snap.timeMs);
  document.body.dataset.updated = String(snap.timeMs);
}

// EventSource reconnects by itself after a dropped stream, but not after an error status (a 503 when the
// gateway's stream cap is reached, or while it restarts): then it is closed, and a new one is made here.
function connect() {
  const stream = new EventSource('api/stream');
  stream.addEventListener('snapshot', (message) => {
    $('link').dataset.state = 'live';
    $('link').textContent = 'live';
    render(JSON.parse(message.data));
  });
  stream.addEventListener('error', () => {
    $('link').dataset.state = 'lost';
    $('link').textContent = 'reconnecting…';
    if (stream.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
  });
}

// History first, then the live stream: the charts open with the last five minutes.
fetch('api/history')
  .then((r) => (r.ok ? r.json() : []))
  .then((points) => { history.push(...points); })
  .catch(() => {})
  .finally(connect);
