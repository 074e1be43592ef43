// The fleet dashboard. One Server-Sent Events stream (/api/stream) carries a JSON snapshot a second; every
// render rebuilds from the snapshot alone, so a missed frame or a reconnect never leaves stale rows behind.
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
  $('t-failovers').textContent = String(f.failovers);
  $('t-rejected').textContent = String(snap.rejected);
  $('t-saturated').hidden = !snap.saturated;
  $('t-balancer').textContent = f.balancer || '–';
}

function bufferCell(n) {
  const cap = n.bufferCapacity || 0;
  const ratio = cap > 0 ? Math.min(1, n.bufferFill / cap) : 0;
  const fill = el('div', { class: ratio >= 0.95 ? 'full' : ratio >= 0.7 ? 'high' : '', style: `width:${(ratio * 100).toFixed(1)}%` });
  const box = el('div', { class: 'buffer' }, el('div', { class: 'bar' }, fill), el('span', { class: 'text' }, `${n.bufferFill} / ${cap}`));
  if (n.preExpanded) box.append(el('span', { class: 'marker', title: 'pre-expanded for a forecast burst' }, '▲ pre-expanded'));
  return el('td', {}, box);
}

function renderNodes(snap) {
  const rows = snap.fleet.nodes.map((n) => {
    const name = el('td', {}, n.node);
    if (n.alarm) name.append(' ', el('span', { class: 'alarm-dot', title: 'precursor alarm' }));
    return el('tr', { 'data-node': n.node, class: n.state },
      name,
      el('td', { class: 'state', 'data-state': n.state }, el('span', { class: `pill ${n.state}` }, n.state)),
      el('td', {}, ago(snap.timeMs, n.lastSeenMs)),
      bufferCell(n),
      el('td', { class: 'num' }, number.format(n.forecast)),
      el('td', { class: 'num' }, String(n.dropped)),
      el('td', { class: 'num' }, number.format(n.phi)));
  });
  $('nodes').replaceChildren(...(rows.length ? rows : [el('tr', { class: 'empty' }, el('td', { colspan: 7 }, 'Waiting for the first node to be born…'))]));
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

const chart = new Chart($('throughput'), {
  type: 'line',
  data: {
    datasets: [
      { label: 'committed samples/s', data: [], borderColor: '#2563eb', backgroundColor: 'rgba(37,99,235,.12)', fill: true, pointRadius: 0, tension: 0.2 },
      { label: 'forecast load', data: [], borderColor: '#d97706', borderDash: [6, 4], pointRadius: 0 },
      { label: 'fleet capacity', data: [], borderColor: '#1f9d55', borderDash: [2, 3], pointRadius: 0 },
    ],
  },
  options: {
    animation: false,
    maintainAspectRatio: false,
    parsing: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { type: 'linear', ticks: { callback: (v) => clock(v), maxTicksLimit: 6 } },
      y: { beginAtZero: true, title: { display: true, text: 'samples/s' } },
    },
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 14 } }, tooltip: { callbacks: { title: (items) => clock(items[0].parsed.x) } } },
  },
});

function renderChart(snap) {
  const [samples, forecast, capacity] = chart.data.datasets;
  const r = snap.rollup;
  if (r && (samples.data.length === 0 || samples.data.at(-1).x < r.startMs)) samples.data.push({ x: r.startMs, y: r.count });
  forecast.data.push({ x: snap.timeMs, y: snap.fleet.forecastLoad });
  capacity.data.push({ x: snap.timeMs, y: snap.fleet.fleetCapacity });
  for (const d of chart.data.datasets) while (d.data.length && d.data[0].x < snap.timeMs - HISTORY_MS) d.data.shift();
  // Until five minutes have been seen, the axis starts at the first point rather than showing an empty past.
  chart.options.scales.x.min = Math.max(snap.timeMs - HISTORY_MS, Math.min(...chart.data.datasets.map((d) => d.data[0]?.x ?? snap.timeMs)));
  chart.options.scales.x.max = snap.timeMs;
  chart.update('none');
}

function render(snap) {
  renderTotals(snap);
  renderNodes(snap);
  renderFlows(snap);
  renderEvents(snap);
  renderChart(snap);
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

connect();
