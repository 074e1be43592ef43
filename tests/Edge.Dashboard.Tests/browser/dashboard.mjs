// The dashboard's browser test, driven by the xunit test DashboardBrowserTests:
//   node dashboard.mjs <dashboard url> <screenshot.png> [<another copy.png> ...]
// Debian's chromium through playwright-core (never a downloaded browser), headless, with the flags that keep
// it off the network. Exit 0 when the page showed the kill of sim-002 as a death and moved its flows, and a
// flow pre-expanded for a burst on the per-flow forecast vs arrivals chart within the demo's first minute; otherwise
// non-zero with the reason on stderr (and a screenshot of what the page showed, when there is one).
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const [url, ...shots] = process.argv.slice(2);
if (!url || shots.length === 0) {
  console.error('usage: node dashboard.mjs <url> <screenshot.png> [...]');
  process.exit(2);
}

const victim = 'sim-002';
const profile = mkdtempSync(join(tmpdir(), 'edge-dashboard-'));
const errors = [];
let context;
let page;

async function screenshot() {
  for (const path of shots) {
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, fullPage: true });
  }
}

async function step(name, timeout, predicate, arg) {
  try {
    await page.waitForFunction(predicate, arg, { timeout, polling: 100 });
    console.log(`ok: ${name}`);
  } catch (e) {
    throw new Error(`${name}: not seen within ${timeout} ms (${e.message.split('\n')[0]})`);
  }
}

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 960 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await step('at least 3 nodes online', 30000,
    () => document.querySelectorAll('#nodes td.state[data-state="online"]').length >= 3);
  await step(`${victim} owns a flow`, 15000,
    (node) => [...document.querySelectorAll('#flows td.owner')].some((td) => td.textContent === node), victim);
  // A few seconds of history first, so the screenshot shows a throughput line rather than a dot.
  await step('the throughput chart has 8 points', 20000,
    () => Chart.getChart('throughput')?.data.datasets[0].data.length >= 8);

  const kill = await fetch(new URL(`api/sim/${victim}/kill`, url), { method: 'POST' });
  if (kill.status !== 200) throw new Error(`POST /api/sim/${victim}/kill answered ${kill.status}`);
  console.log(`killed ${victim}`);

  await step(`${victim} shown dead and owning no flow`, 10000, (node) => {
    const state = document.querySelector(`#nodes tr[data-node="${node}"] td.state`)?.dataset.state;
    const owners = [...document.querySelectorAll('#flows td.owner')].map((td) => td.textContent);
    return state === 'dead' && owners.length > 0 && !owners.includes(node);
  }, victim);
  await step('the death is in the event log', 5000,
    (node) => [...document.querySelectorAll('#events li')].some((li) => li.textContent.includes('death') && li.textContent.includes(node)), victim);

  // The demo's traces start shortly before a burst: within its first minute a flow's lane grows ahead of one, and
  // the per-flow chart (which opens on the first flow that did) shows its arrivals, its forecast and the ▲.
  await step('the per-flow forecast vs arrivals chart shows a flow pre-expanded for a burst', 90000, () => {
    const d = document.body.dataset;
    return d.flowPicked !== '' && Number(d.flowArrivalPoints) > 0 && Number(d.flowForecastPoints) > 0 && Number(d.preExpandedPoints) > 0;
  });
  const shown = await page.evaluate(() => ({ ...document.body.dataset }));
  const lead = (Number(shown.flowFirstPreMs) - Number(shown.flowFirstDataMs)) / 1000;
  console.log(`flow ${shown.flowPicked}: ${shown.flowArrivalPoints} s of arrivals, ${shown.flowForecastPoints} s of forecast, `
    + `${shown.preExpandedPoints} s pre-expanded; first pre-expansion ${lead.toFixed(1)} s after the first flow data`);
  if (!(Number(shown.flowFirstDataMs) > 0 && lead >= 0 && lead <= 60)) {
    throw new Error(`the first per-flow pre-expansion came ${lead.toFixed(1)} s after the first flow data, not within the first minute`);
  }

  if (errors.length > 0) throw new Error(errors.join('\n'));
  await screenshot();
  console.log(`screenshot: ${shots.join(', ')}`);
  process.exitCode = 0;
} catch (e) {
  console.error(`dashboard test failed: ${e.message}`);
  if (errors.length > 0) console.error(errors.join('\n'));
  if (page) await screenshot().catch(() => {});
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
