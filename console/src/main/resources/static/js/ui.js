// Small DOM helpers shared by the pages: element building, number formats, progress, the confirmation dialog.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.substring(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  children.flat().forEach(c => c && node.append(c));
  return node;
}

/** Minor units per major unit (whole-unit currencies have none). */
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'CLP', 'COP', 'CRC', 'HUF', 'ISK', 'IDR', 'PYG', 'TWD', 'VND']);
export function minorFactor(currency) {
  return ZERO_DECIMAL.has((currency || '').toUpperCase()) ? 1 : 100;
}

/**
 * The one conversion from what a marketer types ("50", "50.00", "1,234.5"; whole units for JPY, KRW, …) to the
 * API's minor units: {value: "5000"} or {error: "…"}; an empty text is {value: null}.
 */
export function toMinorUnits(text, currency, { required = false, label = 'budget' } = {}) {
  const factor = minorFactor(currency);
  const value = String(text ?? '').trim().replace(/[\s\u00a0]/g, '').replace(/,(?=\d{3}(\D|$))/g, '').replace(',', '.');
  if (!value) return required ? { error: `Enter a ${label}.` } : { value: null };
  const pattern = factor === 1 ? /^\d{1,13}$/ : /^\d{1,13}(\.\d{1,2})?$/;
  if (!pattern.test(value)) {
    return { error: factor === 1 ? `Use a whole number (${currency} has no smaller unit).` : 'Use a number like 50 or 50.00.' };
  }
  const [whole, cents = ''] = value.split('.');
  const minor = factor === 1 ? BigInt(whole) : BigInt(whole) * 100n + BigInt((cents + '00').slice(0, 2));
  if (minor < BigInt(factor)) return { error: `The ${label} must be at least ${money(1, currency)}.` };
  return { value: minor.toString() };
}

/** Minor units from the API → the plain number a budget input shows ("50.00"; "5000" for JPY). */
export function fromMinorUnits(minor, currency) {
  if (minor === null || minor === undefined || minor === '') return '';
  const factor = minorFactor(currency);
  return factor === 1 ? String(minor) : (Number(minor) / factor).toFixed(2);
}

/** Minor units → money text in the account currency ("€50.00"). */
export function minorMoney(minor, currency) {
  if (minor === null || minor === undefined || minor === '') return '—';
  return money(Number(minor) / minorFactor(currency), currency);
}

export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const value = Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD' }).format(value);
  } catch (e) {
    return value.toFixed(2) + ' ' + (currency || '');
  }
}

export function count(value) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? new Intl.NumberFormat().format(Math.round(n)) : String(value);
}

/** "6846121.25 USD" (Meta's amount_spent_formatted) → "$6,846,121.25"; anything else is returned as it came. */
export function moneyText(text) {
  const m = /^\s*(-?[\d.,]+)\s*([A-Z]{3})\s*$/.exec(String(text ?? ''));
  if (!m) return text ?? '—';
  const amount = Number(m[1].replaceAll(',', ''));
  return Number.isFinite(amount) ? money(amount, m[2]) : text;
}

export function percent(value) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(2) + ' %' : String(value);
}

/** The relative change against the previous period (▲ 12.3 %); costs read the other way round, spend is neutral. */
export function delta(current, previous, { cost = false, neutral = false } = {}) {
  const c = Number(current), p = Number(previous);
  if (!Number.isFinite(c) || !Number.isFinite(p) || p === 0) {
    return el('span', { class: 'delta flat', title: 'No previous period to compare with' }, 'no comparison');
  }
  const change = (c - p) / Math.abs(p) * 100;
  const direction = Math.abs(change) < 0.05 ? 'flat' : change > 0 ? 'up' : 'down';
  const arrow = direction === 'flat' ? '→' : direction === 'up' ? '▲' : '▼';
  const tone = neutral ? ' neutral' : cost ? ' cost' : '';
  return el('span', { class: `delta ${direction}${tone}`, title: 'Change against the previous period' },
    `${arrow} ${Math.abs(change).toFixed(1)} % vs previous`);
}

const OBJECTIVES = {
  OUTCOME_AWARENESS: 'Awareness', OUTCOME_TRAFFIC: 'Traffic', OUTCOME_ENGAGEMENT: 'Engagement',
  OUTCOME_LEADS: 'Leads', OUTCOME_APP_PROMOTION: 'App promotion', OUTCOME_SALES: 'Sales',
};
export function objective(value) {
  if (!value) return '—';
  return OBJECTIVES[value] || value.replace(/^OUTCOME_/, '').replaceAll('_', ' ').toLowerCase()
    .replace(/^./, c => c.toUpperCase());
}
export const OBJECTIVE_CHOICES = Object.entries(OBJECTIVES);

export function statusBadge(status, effective) {
  const shown = effective && effective !== status ? effective : status;
  const label = (shown || 'UNKNOWN').replaceAll('_', ' ').toLowerCase().replace(/^./, c => c.toUpperCase());
  return el('span', { class: `badge ${shown || ''}`, 'data-status': status || '' }, label);
}

/** Runs a slow call with the button disabled and a spinner in it; resolves to the call's result. */
export async function busy(button, work) {
  const buttons = button ? [button] : [];
  const label = button ? button.innerHTML : '';
  buttons.forEach(b => {
    b.disabled = true;
    b.setAttribute('aria-busy', 'true');
    b.prepend(el('span', { class: 'spinner', 'aria-hidden': 'true' }));
  });
  try {
    return await work();
  } finally {
    buttons.forEach(b => {
      b.disabled = false;
      b.removeAttribute('aria-busy');
      b.innerHTML = label;
    });
  }
}

/** Placeholder rows while a table loads. */
export function skeletonRows(tbody, columns, rows = 5) {
  tbody.replaceChildren(...Array.from({ length: rows }, () =>
    el('tr', { class: 'skeleton-row' }, Array.from({ length: columns }, () => el('td', {}, el('span', { class: 'skeleton' }))))));
}

export function spinnerLine(text) {
  return el('div', { class: 'loading', role: 'status' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', text);
}

/**
 * Asks before a change; resolves true when confirmed. One <dialog id="confirm"> per page (created on demand) so tests
 * and screen readers find it the same way everywhere.
 */
export function confirmDialog({ title, message, confirm = 'Confirm', danger = false }) {
  let dialog = document.getElementById('confirm-dialog');
  if (!dialog) {
    dialog = el('dialog', { id: 'confirm-dialog', 'aria-labelledby': 'confirm-title' });
    document.body.append(dialog);
  }
  const ok = el('button', { type: 'button', class: danger ? 'danger' : 'primary', id: 'confirm-ok' }, confirm);
  const cancel = el('button', { type: 'button', id: 'confirm-cancel' }, 'Cancel');
  dialog.replaceChildren(
    el('h2', { id: 'confirm-title' }, title),
    el('p', { id: 'confirm-message' }, message),
    el('div', { class: 'buttons' }, cancel, ok));
  return new Promise(resolve => {
    const close = answer => { dialog.close(); resolve(answer); };
    ok.addEventListener('click', () => close(true), { once: true });
    cancel.addEventListener('click', () => close(false), { once: true });
    dialog.addEventListener('cancel', () => resolve(false), { once: true });
    dialog.showModal();
    cancel.focus();
  });
}

/** The page's settings from data attributes on <main>. */
export function pageData() {
  const main = document.querySelector('main');
  return {
    ...main.dataset,
    account: main.dataset.account || '',
    currency: main.dataset.currency || 'USD',
    canWrite: main.dataset.canWrite === 'true',
  };
}

/** Switching the ad account reloads the page with ?account=… (server renders the shell for it). */
export function wireAccountSelect() {
  const select = document.getElementById('account');
  if (!select) return;
  select.addEventListener('change', () => {
    const url = new URL(window.location.href);
    url.searchParams.set('account', select.value);
    window.location.assign(url);
  });
}

export function budgetText(item, currency) {
  if (item.budget_formatted) return item.budget_formatted;
  const factor = minorFactor(currency);
  if (item.daily_budget) return money(Number(item.daily_budget) / factor, currency) + ' a day';
  if (item.lifetime_budget) return money(Number(item.lifetime_budget) / factor, currency) + ' in total';
  return 'Set per ad set';
}
