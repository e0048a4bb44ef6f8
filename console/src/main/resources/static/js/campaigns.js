// The campaigns table: filters, search and sort kept in the URL (reload and Back keep them), cursor paging, pause /
// activate per row or for the checked rows at once (one confirmation), and duplicating a campaign (a paused copy).
// A search or a sort works on the whole list, not on one page: the account's campaigns are then read in pages of 500
// (one Meta call each, up to WHOLE_LIST_MAX) and paged here, 25 at a time.
import { api, showError, idempotencyKey } from './api.js';
import { el, money, objective, statusBadge, skeletonRows, pageData, wireAccountSelect, budgetText, confirmDialog } from './ui.js';
import { resultsText, costPerResultText, singleCost } from './results.js';
import { changeStatus } from './status.js';
import { sendConfirmed } from './confirm.js';

const page = pageData();
const tbody = document.querySelector('#campaigns tbody');
const problem = document.getElementById('problem');
const prev = document.getElementById('prev');
const next = document.getElementById('next');
const label = document.getElementById('page-label');
const bulkBar = document.getElementById('bulk-bar');
const selectAll = document.getElementById('select-all');
const columns = page.canWrite ? 8 : 6;
const FILTERS = ['status', 'objective', 'date_preset', 'q', 'sort'];
const MAX_BULK = 50;
const PAGE = 25;
const WHOLE_LIST_MAX = 2000;
let cursors = [null];   // cursors[i] = the `after` that loads page i
let index = 0;
let loaded = [];        // the campaigns of the current page (or of the whole list), as the API gave them
let whole = false;      // loaded holds the whole list (a search or a sort is on): paged here
let wholeComplete = true;
const selected = new Map();

wireAccountSelect();
readUrl();
document.getElementById('filters')?.addEventListener('submit', e => e.preventDefault());
['status', 'objective', 'date_preset'].forEach(id => document.getElementById(id)?.addEventListener('change', () => {
  writeUrl();
  cursors = [null];
  index = 0;
  load();
}));
document.getElementById('sort')?.addEventListener('change', () => { writeUrl(); searchedOrSorted(); });
let typing;
document.getElementById('q')?.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => { writeUrl(true); searchedOrSorted(); }, 250);
});

/** A search or sort changed: from the first page, reading the whole list first when it is not loaded yet. */
function searchedOrSorted() {
  index = 0;
  if (wantsWhole() !== whole) {
    cursors = [null];
    load();
  } else {
    render();
  }
}

function wantsWhole() {
  return Boolean(value('sort') || value('q').trim());
}
window.addEventListener('popstate', () => {
  readUrl();
  cursors = [null];
  index = 0;
  load();
});
prev?.addEventListener('click', () => {
  if (index === 0) return;
  index--;
  if (whole) render(); else load();
});
next?.addEventListener('click', () => {
  if (whole) {
    if ((index + 1) * PAGE < matching().length) { index++; render(); }
  } else if (cursors[index + 1]) {
    index++;
    load();
  }
});
selectAll?.addEventListener('change', () => {
  for (const c of visible()) {
    if (selectAll.checked && selected.size < MAX_BULK) selected.set(c.id, c); else if (!selectAll.checked) selected.delete(c.id);
  }
  render();
});
document.getElementById('bulk-pause')?.addEventListener('click', e => bulk('PAUSED', e.currentTarget));
document.getElementById('bulk-activate')?.addEventListener('click', e => bulk('ACTIVE', e.currentTarget));
document.getElementById('bulk-clear')?.addEventListener('click', () => { selected.clear(); render(); });

/** The URL's filters → the controls. */
function readUrl() {
  const params = new URL(window.location.href).searchParams;
  for (const name of FILTERS) {
    const control = document.getElementById(name);
    if (!control) continue;
    const value = params.get(name);
    if (value !== null && (control.tagName !== 'SELECT' || [...control.options].some(o => o.value === value))) {
      control.value = value;
    } else if (control.tagName !== 'SELECT') {
      control.value = '';
    } else {
      control.selectedIndex = 0;
    }
  }
}

/** The controls → the URL (a history entry per filter change; typing a search replaces the entry). */
function writeUrl(replace = false) {
  const url = new URL(window.location.href);
  for (const name of FILTERS) {
    const control = document.getElementById(name);
    const value = control ? control.value.trim() : '';
    const isDefault = !value || (control.tagName === 'SELECT' && control.selectedIndex === 0);
    if (isDefault) url.searchParams.delete(name); else url.searchParams.set(name, value);
  }
  if (url.href === window.location.href) return;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
}

let generation = 0;

async function load() {
  if (!page.account || !tbody) return;
  const mine = ++generation;
  problem.replaceChildren();
  skeletonRows(tbody, columns);
  prev.disabled = next.disabled = true;
  const params = new URLSearchParams({ date_preset: value('date_preset') || 'last_7d' });
  params.set('status', value('status') || 'ACTIVE,PAUSED');
  if (value('objective')) params.set('objective', value('objective'));
  const url = `/api/v1/ad-accounts/${encodeURIComponent(page.account)}/campaigns`;
  try {
    if (wantsWhole()) {
      // The whole list, so that "spend, highest first" and a search mean the account, not one page.
      const all = [];
      let after = null;
      do {
        params.set('limit', '500');
        if (after) params.set('after', after); else params.delete('after');
        const answer = await api(`${url}?${params}`);
        if (mine !== generation) return;
        all.push(...(answer.data || []));
        after = answer.paging?.next_cursor || null;
      } while (after && all.length < WHOLE_LIST_MAX);
      loaded = all;
      whole = true;
      wholeComplete = !after;
      render();
      return;
    }
    params.set('limit', String(PAGE));
    if (cursors[index]) params.set('after', cursors[index]);
    const answer = await api(`${url}?${params}`);
    if (mine !== generation) return;
    loaded = answer.data || [];
    whole = false;
    wholeComplete = true;
    render();
    cursors[index + 1] = answer.paging?.next_cursor || null;
    prev.disabled = index === 0;
    next.disabled = !cursors[index + 1];
    label.textContent = `Page ${index + 1}`;
  } catch (error) {
    if (mine !== generation) return;
    loaded = [];
    whole = false;
    tbody.replaceChildren();
    showError(problem, error, { reload: load });
  }
}

function value(id) {
  return document.getElementById(id)?.value || '';
}

const BUDGET = c => Number(c.daily_budget || c.lifetime_budget || 0);
const SORTS = {
  name: (a, b) => String(a.name).localeCompare(String(b.name)),
  spend_desc: (a, b) => (b.spend ?? 0) - (a.spend ?? 0),
  results_desc: (a, b) => (b.results ?? 0) - (a.results ?? 0),
  budget_desc: (a, b) => BUDGET(b) - BUDGET(a),
};

/** The loaded campaigns searched by name, then sorted. */
function matching() {
  const q = value('q').trim().toLowerCase();
  const rows = q ? loaded.filter(c => String(c.name || '').toLowerCase().includes(q)) : [...loaded];
  const sort = SORTS[value('sort')];
  return sort ? rows.sort(sort) : rows;
}

/** The rows shown: the loaded page, or this page of the whole list. */
function visible() {
  const rows = matching();
  return whole ? rows.slice(index * PAGE, (index + 1) * PAGE) : rows;
}

function render() {
  if (!tbody) return;
  const rows = visible();
  if (rows.length === 0) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: columns, class: 'muted' },
      loaded.length && value('q') ? 'No campaign has that name.' : 'No campaigns match these filters.')));
  } else {
    tbody.replaceChildren(...rows.map(row));
  }
  if (whole) {
    const pages = Math.max(1, Math.ceil(matching().length / PAGE));
    prev.disabled = index === 0;
    next.disabled = index + 1 >= pages;
    label.textContent = `Page ${index + 1} of ${pages}` + (wholeComplete ? ''
      : ` (searched and sorted among the first ${WHOLE_LIST_MAX.toLocaleString('en-US')} campaigns)`);
  }
  renderBulkBar(rows);
}

function renderBulkBar(rows) {
  if (!bulkBar) return;
  bulkBar.hidden = selected.size === 0;
  document.getElementById('bulk-count').textContent =
    `${selected.size} campaign${selected.size === 1 ? '' : 's'} selected`;
  if (selectAll) {
    const shown = rows.filter(c => selected.has(c.id)).length;
    selectAll.checked = rows.length > 0 && shown === rows.length;
    selectAll.indeterminate = shown > 0 && shown < rows.length;
  }
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
      (c.results_by_type || []).length ? el('div', { class: 'muted cost-per-result' }, costPerResultText(c, page.currency), singleCost(c) ? ' each' : '') : null),
  ];
  const tr = el('tr', { 'data-id': c.id, 'data-name': c.name }, cells);
  if (page.canWrite) {
    const box = el('input', { type: 'checkbox', class: 'pick', 'aria-label': `Select ${c.name}`, checked: selected.has(c.id) });
    box.addEventListener('change', () => {
      if (box.checked && selected.size >= MAX_BULK) {
        box.checked = false;
        problem.replaceChildren(el('p', { class: 'notice error', role: 'alert' }, `At most ${MAX_BULK} campaigns at once.`));
        return;
      }
      if (box.checked) selected.set(c.id, c); else selected.delete(c.id);
      renderBulkBar(visible());
    });
    tr.prepend(el('td', { class: 'pick-cell', 'data-label': '' }, box));
    tr.append(el('td', { 'data-label': '' }, actions(c, tr)));
  }
  return tr;
}

function actions(c, tr) {
  const box = el('div', { class: 'row-actions' });
  if (c.status === 'ACTIVE') {
    box.append(el('button', { type: 'button', class: 'small pause', onclick: e => toggle(c, 'PAUSED', e.currentTarget, tr) }, 'Pause'));
  } else if (c.status === 'PAUSED') {
    box.append(el('button', { type: 'button', class: 'small activate', onclick: e => toggle(c, 'ACTIVE', e.currentTarget, tr) }, 'Activate'));
  }
  box.append(el('button', { type: 'button', class: 'small duplicate', onclick: e => duplicate(c, e.currentTarget) }, 'Duplicate'));
  return box;
}

async function toggle(c, status, button, tr) {
  problem.replaceChildren();
  const updated = await changeStatus({ kind: 'campaign', item: c, status, currency: page.currency, button, problem });
  if (updated) {
    loaded = loaded.map(x => x.id === c.id ? updated : x);
    if (selected.has(c.id)) selected.set(c.id, updated);
    tr.replaceWith(row(updated));
  }
}

/** Pause or activate every checked campaign: one confirmation naming them, one request, the outcome per campaign. */
async function bulk(status, button) {
  const chosen = [...selected.values()];
  if (chosen.length === 0) return;
  problem.replaceChildren();
  const activating = status === 'ACTIVE';
  const names = chosen.slice(0, 5).map(c => `“${c.name}”`).join(', ') + (chosen.length > 5 ? ` and ${chosen.length - 5} more` : '');
  const ok = await confirmDialog(activating
    ? { title: `Activate ${chosen.length} campaign${chosen.length === 1 ? '' : 's'}?`, confirm: 'Activate all',
        message: `${names} will start delivering and spending their budgets.` }
    : { title: `Pause ${chosen.length} campaign${chosen.length === 1 ? '' : 's'}?`, confirm: 'Pause all', danger: true,
        message: `${names} stop delivering until you activate them again.` });
  if (!ok) return;
  try {
    const body = { ids: chosen.map(c => c.id), status };
    if (activating) body.confirm = true;
    const answer = await sendConfirmed('/api/v1/campaigns/status', body, { button, currency: page.currency });
    if (!answer) return;
    const failed = (answer.data || []).filter(r => !r.ok);
    const done = el('p', { class: `notice ${failed.length ? 'error' : 'ok'} bulk-result`, role: 'status' },
      `${answer.changed} campaign${answer.changed === 1 ? '' : 's'} ${activating ? 'activated' : 'paused'}.`,
      failed.length ? ` ${failed.length} could not be changed: ` + failed.map(r =>
        `${selected.get(r.id)?.name || r.id} (${r.error?.message || 'failed'})`).join('; ') : '');
    selected.clear();
    await load();
    problem.replaceChildren(done);
  } catch (error) {
    showError(problem, error);
  }
}

/** A paused copy through Meta's copies, with or without the ad sets and ads; then a link to it. */
async function duplicate(c, button) {
  problem.replaceChildren();
  const deep = el('input', { type: 'checkbox', id: 'copy-deep', checked: true });
  let dialog = document.getElementById('copy-dialog');
  if (!dialog) {
    dialog = el('dialog', { id: 'copy-dialog', 'aria-labelledby': 'copy-title' });
    document.body.append(dialog);
  }
  const ok = el('button', { type: 'button', class: 'primary', id: 'copy-ok' }, 'Duplicate');
  const cancel = el('button', { type: 'button', id: 'copy-cancel' }, 'Cancel');
  dialog.replaceChildren(
    el('h2', { id: 'copy-title' }, 'Duplicate this campaign?'),
    el('p', {}, `A copy of “${c.name}” is created paused, so it spends nothing until you activate it.`),
    el('label', { class: 'inline-check' }, deep, ' Also copy its ad sets and ads (Facebook copies at most 3 in one go)'),
    el('div', { class: 'buttons' }, cancel, ok));
  const go = await new Promise(resolve => {
    ok.addEventListener('click', () => { dialog.close(); resolve(true); }, { once: true });
    cancel.addEventListener('click', () => { dialog.close(); resolve(false); }, { once: true });
    dialog.addEventListener('cancel', () => resolve(false), { once: true });
    dialog.showModal();
    cancel.focus();
  });
  if (!go) return;
  try {
    const copy = await sendConfirmed(`/api/v1/campaigns/${c.id}/copies`, { status: 'PAUSED', deep_copy: deep.checked },
      { button, currency: page.currency, idempotency: idempotencyKey() });
    if (!copy) return;
    await load();
    problem.replaceChildren(el('p', { class: 'notice ok copied', role: 'status' }, 'Copied (paused): ',
      el('a', { href: `/campaigns/${copy.id}?account=${encodeURIComponent(page.account)}` }, `open the copy of “${c.name}”`),
      ' ', el('code', { class: 'created-id' }, copy.id), '.'));
  } catch (error) {
    showError(problem, error);
  }
}

load();
