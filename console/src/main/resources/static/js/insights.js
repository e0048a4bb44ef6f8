// Insights: presets or a custom range, level, breakdown; a daily line chart (hand-written SVG) with the previous
// period as a dashed line, totals with deltas, a breakdown table and its CSV export. Every row comes back: large
// tables run as a report at Meta with visible progress, and anything incomplete says so.
import { api, showError } from './api.js';
import { el, svg, money, count, percent, delta, pageData, wireAccountSelect, skeletonRows } from './ui.js';
import { resultsText, costPerResultText, roasText } from './results.js';

const page = pageData();
const form = document.getElementById('controls');
const problem = document.getElementById('problem');
const rangeError = document.getElementById('range-error');
const chartBox = document.getElementById('chart');
const totalsBox = document.getElementById('totals');
const thead = document.querySelector('#breakdown thead');
const tbody = document.querySelector('#breakdown tbody');
const csv = document.getElementById('csv');
const staleNote = document.getElementById('stale-note');

// format(value, numbers): numbers is the whole row or total, for the results columns.
const METRICS = {
  spend: { label: 'Spend', format: v => money(v, page.currency), neutral: true },
  results: { label: 'Results', format: (v, n) => n ? resultsText(n) : count(v), typed: true },
  cost_per_result: { label: 'Cost per result', format: (v, n) => n ? costPerResultText(n, page.currency) : money(v, page.currency), cost: true, typed: true },
  reach: { label: 'Reach', format: count },
  frequency: { label: 'Frequency', format: v => Number(v ?? 0).toFixed(2) },
  impressions: { label: 'Impressions', format: count },
  cpm: { label: 'CPM', format: v => money(v, page.currency), cost: true },
  clicks: { label: 'Clicks', format: count },
  ctr: { label: 'CTR', format: percent },
  cpc: { label: 'CPC', format: v => money(v, page.currency), cost: true },
  purchase_value: { label: 'Purchase value', format: v => money(v, page.currency) },
  roas: { label: 'ROAS', format: (v, n) => roasText(n || { roas: v }) },
};
const TABLE_METRICS = ['spend', 'results', 'cost_per_result', 'reach', 'frequency', 'impressions', 'cpm', 'clicks', 'ctr', 'cpc'];
const NAME_BY_LEVEL = { campaign: 'campaign_name', adset: 'adset_name', ad: 'ad_name' };
let generation = 0;
const notice = el('div', { id: 'report-notice', 'aria-live': 'polite' });
document.getElementById('table-title')?.after(notice);

/** The rule of console/API.md: ad-level rows broken down, or any rows broken down by day, run as a report. */
function needsReport(level) {
  return level === 'ad' && !!value('breakdowns');
}

/** The table's rows: a plain answer, or — when it says it is incomplete — the same rows as a report. */
async function tableRows(tableQuery, reportQuery, mine) {
  const answer = await api(`/api/v1/insights?${tableQuery}`);
  if (answer.complete === false) {
    if (mine !== generation) return answer;
    return report(reportQuery, mine, answer.message);
  }
  return answer;
}

/** Runs the table as a report at Meta: start, show progress, then read every page of rows. */
async function report(query, mine, why) {
  const bar = el('progress', { max: '100', value: '0', id: 'report-progress' });
  const words = el('span', {}, why ? `${why} Running it as a report…` : 'Large report: Meta is preparing it…');
  notice.replaceChildren(el('p', { class: 'notice' }, words, ' ', bar));
  let status = await api('/api/v1/insights/reports', { method: 'POST', body: query });
  while (status.status === 'running') {
    if (mine !== generation) throw new Error('superseded');
    bar.value = status.percent || 0;
    words.textContent = `Large report: Meta has prepared ${status.percent || 0} %…`;
    await new Promise(r => setTimeout(r, 1000));
    status = await api(`/api/v1/insights/reports/${status.report_id}`);
  }
  if (status.status === 'failed') throw new Error(status.message || 'Meta could not finish this report.');
  if (csv) csv.href = status.csv_url;
  bar.value = 100;
  const rows = [];
  let after = null;
  do {
    if (mine !== generation) throw new Error('superseded');
    const params = new URLSearchParams({ limit: '500' });
    if (after) params.set('after', after);
    const pageOfRows = await api(`${status.rows_url}?${params}`);
    rows.push(...(pageOfRows.rows || []));
    after = pageOfRows.next_cursor;
    words.textContent = `Report ready: ${count(rows.length)} rows read${after ? '…' : '.'}`;
  } while (after);
  notice.replaceChildren(el('p', { class: 'muted', id: 'report-done' }, `All ${count(rows.length)} rows, from a report run at Meta.`));
  return { rows, complete: true };
}

function value(id) {
  return document.getElementById(id)?.value || '';
}

/** The period part of the query, or null (with a message) when the custom range is not valid. */
function period() {
  rangeError.textContent = '';
  if (value('preset') !== 'custom') return { date_preset: value('preset') };
  const since = value('since'), until = value('until');
  const today = new Date().toISOString().slice(0, 10);
  const earliest = new Date();
  earliest.setMonth(earliest.getMonth() - 37);
  let message = '';
  if (!since || !until) message = 'Choose both a start and an end date.';
  else if (since > until) message = 'The start date must be on or before the end date.';
  else if (until > today) message = 'The end date cannot be in the future.';
  else if (since < earliest.toISOString().slice(0, 10)) message = 'Facebook keeps insights for 37 months: choose a later start date.';
  document.getElementById('since').setAttribute('aria-invalid', String(!!message));
  document.getElementById('until').setAttribute('aria-invalid', String(!!message));
  if (message) {
    rangeError.textContent = message;
    return null;
  }
  return { since, until };
}

function objectId() {
  return page.object || page.account;
}

/** Marks what is shown as out of date (a request failed or the choice is not valid) or as current. */
function stale(on) {
  [chartBox, totalsBox, document.getElementById('legend'), document.getElementById('breakdown')]
    .forEach(node => node?.classList.toggle('stale', on));
  if (staleNote) staleNote.hidden = !(on && (totalsBox.querySelector('.value') || tbody.querySelector('td:not(.muted)')));
  if (csv) {
    csv.classList.toggle('disabled', on || csv.getAttribute('href') === '#');
    csv.setAttribute('aria-disabled', String(on || csv.getAttribute('href') === '#'));
  }
}

let timer = null;
/** Several change events in a row (a date typed, a preset switched) make one load. */
function scheduleLoad() {
  clearTimeout(timer);
  timer = setTimeout(load, 200);
}

async function load() {
  document.querySelectorAll('label.custom').forEach(l => { l.hidden = value('preset') !== 'custom'; });
  const range = period();
  if (!page.account) return;
  if (!range) {
    generation++;
    stale(true);
    return;
  }
  const mine = ++generation;
  problem.replaceChildren();
  const compare = value('compare');
  const chartQuery = new URLSearchParams({ object_id: objectId(), time_increment: '1', ...range });
  if (!page.object) chartQuery.set('level', 'account');
  if (compare) chartQuery.set('compare', compare);
  const level = value('level');
  const tableQuery = new URLSearchParams({ object_id: objectId(), level, ...range });
  if (value('breakdowns')) tableQuery.set('breakdowns', value('breakdowns'));
  if (compare) tableQuery.set('compare', compare);
  tableQuery.set('totals', 'false');
  const reportQuery = Object.fromEntries(tableQuery);
  delete reportQuery.totals;
  delete reportQuery.compare;
  // The export's link first: stale(false) enables it only once it points somewhere.
  if (csv) csv.href = `/api/v1/insights.csv?${new URLSearchParams(reportQuery)}`;
  stale(false);

  chartBox.replaceChildren(el('span', { class: 'skeleton chart-skeleton' }));
  totalsBox.replaceChildren(...Object.values(METRICS).map(m =>
    el('div', { class: 'kpi' }, el('div', { class: 'label' }, m.label), el('span', { class: 'skeleton' }))));
  skeletonRows(tbody, 6, 4);
  notice.replaceChildren();
  const [series, table] = await Promise.allSettled([
    api(`/api/v1/insights?${chartQuery}`),
    needsReport(level) ? report(reportQuery, mine) : tableRows(tableQuery, reportQuery, mine),
  ]);
  if (mine !== generation) return;
  if (series.status === 'fulfilled') {
    renderTotals(series.value);
    renderChart(series.value);
  } else {
    chartBox.replaceChildren();
    totalsBox.replaceChildren();
    document.getElementById('legend').replaceChildren();
    showError(problem, series.reason, { reload: load });
  }
  if (table.status === 'fulfilled') {
    renderTable(table.value, level);
    if (table.value.complete === false) {
      notice.replaceChildren(el('p', { class: 'notice warn', id: 'incomplete' }, table.value.message || 'Not every row is shown.'));
    }
  } else {
    tbody.replaceChildren();
    if (table.reason?.message === 'superseded') return;
    notice.replaceChildren();
    if (series.status === 'fulfilled') showError(problem, table.reason, { reload: load });
  }
  if (series.status !== 'fulfilled' || table.status !== 'fulfilled') stale(true);
}

function renderTotals(answer) {
  const totals = answer.totals || {};
  const previous = answer.previous?.totals;
  const shown = Object.entries(METRICS).filter(([key]) => !['purchase_value', 'roas'].includes(key) || totals.purchase_value > 0);
  totalsBox.replaceChildren(...shown.map(([key, m]) => {
    // Results are compared only like with like: one result type in both periods.
    const comparable = !m.typed || (totals.results !== null && previous?.results !== null && totals.result_type === previous?.result_type);
    return el('div', { class: 'kpi', 'data-metric': key },
      el('div', { class: 'label' }, m.label),
      valueBox(m.format(totals[key] ?? 0, totals)),
      previous && comparable ? delta(totals[key], previous[key], { cost: m.cost, neutral: m.neutral }) : null);
  }));
}

function renderChart(answer) {
  const metric = value('metric') || 'spend';
  const m = METRICS[metric];
  const rows = answer.rows || [];
  const before = answer.previous?.rows || [];
  // Results are charted for one type only (the period's first, usually the one with most spend), never summed.
  const type = metric === 'results' ? (answer.totals?.results_by_type || [])[0] : null;
  const pick = r => type ? Number((r.results_by_type || []).find(t => t.indicator === type.indicator)?.results ?? 0)
    : Number(r[metric] ?? 0);
  const current = rows.map(pick);
  const previous = before.map(pick);
  const chartLabel = type ? type.label.charAt(0).toUpperCase() + type.label.slice(1) : m.label;
  const legend = document.getElementById('legend');
  if (rows.length === 0) {
    chartBox.replaceChildren(el('p', { class: 'muted' }, 'No delivery in this period.'));
    legend.replaceChildren();
    return;
  }
  // The drawing is as wide as its box (at most 760), so the 11px labels stay 11px on a phone instead of scaling down.
  const width = Math.round(Math.min(760, Math.max(280, chartBox.clientWidth || 760)));
  const height = 260, left = 64, right = 14, top = 14, bottom = 30;
  const days = Math.max(current.length, previous.length, 2);
  const max = Math.max(...current, ...previous, 0) || 1;
  const x = i => left + (width - left - right) * (days === 1 ? 0 : i / (days - 1));
  const y = v => top + (height - top - bottom) * (1 - v / max);
  const line = values => values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const grid = svg('g', { class: 'grid axis' });
  for (let t = 0; t <= 4; t++) {
    const v = max * t / 4;
    grid.append(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v) }));
    grid.append(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', text: shortNumber(v, metric) }));
  }
  const labels = svg('g', { class: 'axis' });
  const step = Math.max(1, Math.ceil(rows.length / (width < 480 ? 4 : 6)));
  rows.forEach((r, i) => {
    if (i % step === 0 || i === rows.length - 1) {
      const anchor = i === 0 ? 'start' : i === rows.length - 1 ? 'end' : 'middle';
      labels.append(svg('text', { x: x(i), y: height - 8, 'text-anchor': anchor, text: shortDate(r.date_start) }));
    }
  });
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, id: 'insights-chart',
    'data-points': String(current.length) }, grid, labels);
  if (previous.length) chart.append(svg('polyline', { class: 'previous', points: line(previous) }));
  chart.append(svg('polyline', { class: 'current', points: line(current) }));
  const pointText = v => type ? count(v) : m.format(v, null);
  rows.forEach((r, i) => chart.append(svg('circle', { class: 'dot', cx: x(i), cy: y(current[i]), r: 2.5 },
    svg('title', { text: `${r.date_start || ''}: ${pointText(current[i])}` }))));
  chartBox.setAttribute('aria-label', `${chartLabel} per day`);
  chartBox.replaceChildren(chart);
  const zone = answer.timezone_name ? ` (${answer.timezone_name})` : '';
  legend.replaceChildren(
    el('span', {}, el('span', { class: 'swatch' }), `${chartLabel}, ${range(answer.since, answer.until)}${zone}`),
    previous.length ? el('span', {}, el('span', { class: 'swatch prev' }),
      `Previous period${answer.previous?.since ? `, ${range(answer.previous.since, answer.previous.until)}` : ''}`) : null);
}

/** "2026-11-01 – 2026-11-30", without any missing end. */
function range(since, until) {
  if (!since) return until || '';
  return until && until !== since ? `${since} – ${until}` : since;
}

function shortNumber(v, metric) {
  if (metric === 'ctr') return v.toFixed(1) + '%';
  if (v >= 1e6) return (v / 1e6).toFixed(1) + 'M';
  if (v >= 1e3) return (v / 1e3).toFixed(1) + 'k';
  return ['spend', 'cpc', 'cpm', 'frequency'].includes(metric) ? v.toFixed(v < 10 ? 2 : 0) : String(Math.round(v));
}

function shortDate(iso) {
  if (!iso) return '';
  const d = new Date(iso + 'T00:00:00');
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

function renderTable(answer, level) {
  const breakdowns = value('breakdowns') ? value('breakdowns').split(',') : [];
  const nameKey = NAME_BY_LEVEL[level];
  const dims = [...(nameKey ? [nameKey] : []), ...breakdowns];
  if (dims.length === 0) dims.push('period');
  const metrics = TABLE_METRICS;
  const previousRows = new Map((answer.previous?.rows || []).map(r => [key(r, dims), r]));
  document.getElementById('table-title').textContent = breakdowns.length || nameKey
    ? `By ${dims.map(label).join(' and ').toLowerCase()}` : 'Totals';
  thead.replaceChildren(el('tr', {}, dims.map(d => el('th', {}, label(d))),
    metrics.map(k => el('th', { class: 'num' }, METRICS[k].label))));
  const rows = answer.rows || [];
  if (rows.length === 0) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: dims.length + metrics.length, class: 'muted' }, 'No delivery in this period.')));
    return;
  }
  tbody.replaceChildren(...rows.map(r => {
    const before = previousRows.get(key(r, dims));
    return el('tr', {}, dims.map(d => el('td', {}, cell(r, d))),
      metrics.map(k => el('td', { class: 'num', 'data-metric': k }, lines(METRICS[k].format(r[k] ?? 0, r)),
        k === 'spend' && before ? el('div', {}, delta(r[k], before[k], { neutral: true })) : null)));
  }));
}

/** Several result types ("12 leads · 340 link clicks") one per line, so the table stays as wide as its numbers. */
function lines(text) {
  const parts = String(text).split(' · ');
  return parts.length < 2 ? text : parts.map(part => el('div', { class: 'type-line' }, part));
}

function valueBox(text) {
  return el('div', { class: String(text).length > 11 ? 'value long' : 'value', title: text }, text);
}

function cell(row, dimension) {
  if (dimension === 'period') {
    const since = row.date_start, until = row.date_stop;
    if (!since) return '—';
    return until && until !== since ? `${since} – ${until}` : since;
  }
  return row[dimension] ?? '—';
}

function key(row, dims) {
  if (dims.length === 1 && dims[0] === 'period') return 'period';
  return dims.map(d => row[d === 'campaign_name' ? 'campaign_id' : d === 'adset_name' ? 'adset_id' : d === 'ad_name' ? 'ad_id' : d] ?? row[d]).join('|');
}

function label(dimension) {
  return ({ campaign_name: 'Campaign', adset_name: 'Ad set', ad_name: 'Ad', date_start: 'Day', period: 'Period', age: 'Age', gender: 'Gender',
    country: 'Country', publisher_platform: 'Platform', device_platform: 'Device' })[dimension] || dimension;
}

if (!form || !page.account) {
  // No ad account yet: the page shows how to get one; nothing to load or export.
  csv?.remove();
} else {
wireAccountSelect();
if (page.object) document.getElementById('level').value = new URLSearchParams(location.search).get('level') || 'adset';
form.addEventListener('change', e => { if (e.target.id !== 'account') scheduleLoad(); });
form.addEventListener('submit', e => e.preventDefault());
load();
}
