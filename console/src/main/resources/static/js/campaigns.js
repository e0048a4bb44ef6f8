// The campaigns table: filters, cursor paging, pause / activate.
import { api, showError } from './api.js';
import { el, money, objective, statusBadge, skeletonRows, pageData, wireAccountSelect, budgetText } from './ui.js';
import { resultsText, costPerResultText } from './results.js';
import { changeStatus } from './status.js';

const page = pageData();
const tbody = document.querySelector('#campaigns tbody');
const problem = document.getElementById('problem');
const prev = document.getElementById('prev');
const next = document.getElementById('next');
const label = document.getElementById('page-label');
const columns = page.canWrite ? 7 : 6;
let cursors = [null];   // cursors[i] = the `after` that loads page i
let index = 0;

wireAccountSelect();
['status', 'objective', 'date_preset'].forEach(id => document.getElementById(id)?.addEventListener('change', () => {
  cursors = [null];
  index = 0;
  load();
}));
prev?.addEventListener('click', () => { if (index > 0) { index--; load(); } });
next?.addEventListener('click', () => { if (cursors[index + 1]) { index++; load(); } });

async function load() {
  if (!page.account || !tbody) return;
  problem.replaceChildren();
  skeletonRows(tbody, columns);
  prev.disabled = next.disabled = true;
  const params = new URLSearchParams({ limit: '25', date_preset: value('date_preset') || 'last_7d' });
  params.set('status', value('status') || 'ACTIVE,PAUSED');
  if (value('objective')) params.set('objective', value('objective'));
  if (cursors[index]) params.set('after', cursors[index]);
  try {
    const answer = await api(`/api/v1/ad-accounts/${encodeURIComponent(page.account)}/campaigns?${params}`);
    render(answer.data || []);
    cursors[index + 1] = answer.paging?.next_cursor || null;
    prev.disabled = index === 0;
    next.disabled = !cursors[index + 1];
    label.textContent = `Page ${index + 1}`;
  } catch (error) {
    tbody.replaceChildren();
    showError(problem, error);
  }
}

function value(id) {
  return document.getElementById(id)?.value || '';
}

function render(campaigns) {
  if (campaigns.length === 0) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: columns, class: 'muted' }, 'No campaigns match these filters.')));
    return;
  }
  tbody.replaceChildren(...campaigns.map(row));
}

function row(c) {
  const link = el('a', { href: `/campaigns/${c.id}?account=${encodeURIComponent(page.account)}&date_preset=${encodeURIComponent(value('date_preset') || 'last_7d')}` }, c.name);
  const cells = [
    el('td', { class: 'title', 'data-label': 'Campaign' }, link),
    el('td', { 'data-label': 'Status' }, statusBadge(c.status, c.effective_status)),
    el('td', { 'data-label': 'Objective' }, objective(c.objective)),
    el('td', { class: 'num', 'data-label': 'Budget' }, budgetText(c, page.currency)),
    el('td', { class: 'num', 'data-label': 'Spend' }, money(c.spend ?? 0, page.currency)),
    el('td', { class: 'num', 'data-label': 'Results' }, resultsText(c),
      (c.results_by_type || []).length ? el('div', { class: 'muted cost-per-result' }, costPerResultText(c, page.currency), ' each') : null),
  ];
  const tr = el('tr', { 'data-id': c.id, 'data-name': c.name }, cells);
  if (page.canWrite) tr.append(el('td', { 'data-label': '' }, actions(c, tr)));
  return tr;
}

function actions(c, tr) {
  const box = el('div', { class: 'row-actions' });
  if (c.status === 'ACTIVE') {
    box.append(el('button', { type: 'button', class: 'small pause', onclick: e => toggle(c, 'PAUSED', e.currentTarget, tr) }, 'Pause'));
  } else if (c.status === 'PAUSED') {
    box.append(el('button', { type: 'button', class: 'small activate', onclick: e => toggle(c, 'ACTIVE', e.currentTarget, tr) }, 'Activate'));
  }
  return box;
}

async function toggle(c, status, button, tr) {
  problem.replaceChildren();
  const updated = await changeStatus({ kind: 'campaign', item: c, status, currency: page.currency, button, problem });
  if (updated) tr.replaceWith(row(updated));
}

load();
