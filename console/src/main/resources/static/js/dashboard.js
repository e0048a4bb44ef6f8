// The dashboard's key numbers: last 7 and last 30 days of the selected ad account, each against the period before.
import { api, showError } from './api.js';
import { el, money, count, percent, delta, pageData, wireAccountSelect } from './ui.js';

const page = pageData();
const problem = document.getElementById('summary-problem');
document.getElementById('account-form')?.addEventListener('submit', e => e.preventDefault());
wireAccountSelect();

const NUMBERS = [
  ['spend', 'Spend', v => money(v, currency), 'neutral'],
  ['results', 'Results', count, false],
  ['impressions', 'Impressions', count, false],
  ['clicks', 'Clicks', count, false],
  ['ctr', 'CTR', percent, false],
  ['cpc', 'Cost per click', v => money(v, currency), true],
];
let currency = page.currency;

async function load(period) {
  const box = period.querySelector('.kpis');
  box.replaceChildren(...NUMBERS.map(([, label]) =>
    el('div', { class: 'kpi' }, el('div', { class: 'label' }, label), el('span', { class: 'skeleton' }))));
  try {
    const summary = await api(`/api/v1/ad-accounts/${encodeURIComponent(page.account)}/summary?date_preset=${period.dataset.preset}`);
    currency = summary.currency || page.currency;
    if (summary.date_start) period.querySelector('.range').textContent = `${summary.date_start} – ${summary.date_stop}`;
    box.replaceChildren(...NUMBERS.map(([key, label, format, cost]) => el('div', { class: 'kpi', 'data-metric': key },
      el('div', { class: 'label' }, label),
      el('div', { class: 'value' }, format(summary[key] ?? 0)),
      summary.previous ? delta(summary[key], summary.previous[key], { cost: cost === true, neutral: cost === 'neutral' }) : null)));
  } catch (error) {
    box.replaceChildren();
    if (!problem.firstChild) showError(problem, error);
  }
}

document.querySelectorAll('.period').forEach(load);
