// The dashboard's key numbers: last 7 and last 30 days of the selected ad account, each against the period before.
// Results follow Meta's definition (see results.js): one number only when there is one result type.
import { api, showError } from './api.js';
import { el, money, count, percent, delta, pageData, wireAccountSelect } from './ui.js';
import { resultsText, costPerResultText, roasText } from './results.js';

const page = pageData();
const problem = document.getElementById('summary-problem');
document.getElementById('account-form')?.addEventListener('submit', e => e.preventDefault());
wireAccountSelect();

// [key, label, format(summary), compare: 'neutral' | true (a cost: lower is better) | false | null (no delta)]
const NUMBERS = [
  ['spend', 'Spend', s => money(s.spend, currency), 'neutral'],
  ['results', 'Results', s => resultsText(s), false],
  ['cost_per_result', 'Cost per result', s => costPerResultText(s, currency), true],
  ['reach', 'Reach', s => count(s.reach), false],
  ['impressions', 'Impressions', s => count(s.impressions), false],
  ['cpm', 'CPM', s => money(s.cpm, currency), true],
  ['ctr', 'CTR', s => percent(s.ctr), false],
  ['purchase_value', 'Purchase value', s => money(s.purchase_value, currency), false],
  ['roas', 'ROAS', s => roasText(s), false],
];
let currency = page.currency;

async function load(period) {
  const box = period.querySelector('.kpis');
  box.replaceChildren(...NUMBERS.map(([, label]) =>
    el('div', { class: 'kpi' }, el('div', { class: 'label' }, label), el('span', { class: 'skeleton' }))));
  try {
    const summary = await api(`/api/v1/ad-accounts/${encodeURIComponent(page.account)}/summary?date_preset=${period.dataset.preset}`);
    currency = summary.currency || page.currency;
    if (summary.date_start) {
      period.querySelector('.range').textContent = `${summary.date_start} – ${summary.date_stop}`
        + (summary.timezone_name ? ` (${summary.timezone_name})` : '');
    }
    const previous = summary.previous;
    box.replaceChildren(...NUMBERS.filter(([key]) => !['purchase_value', 'roas'].includes(key) || summary.purchase_value > 0)
      .map(([key, label, format, compare]) => {
        // A delta only compares like with like: results and their cost only when both periods have one result type.
        const comparable = key === 'results' || key === 'cost_per_result'
          ? summary.results !== null && previous?.results !== null && summary.result_type === previous?.result_type
          : true;
        const text = format(summary);
        return el('div', { class: 'kpi', 'data-metric': key },
          el('div', { class: 'label' }, label),
          el('div', { class: String(text).length > 14 ? 'value long' : 'value', title: text }, text),
          previous && comparable ? delta(summary[key], previous[key], { cost: compare === true, neutral: compare === 'neutral' }) : null);
      }));
  } catch (error) {
    box.replaceChildren();
    if (!problem.firstChild) showError(problem, error, { reload: loadAll });
  }
}

function loadAll() {
  document.querySelectorAll('.period').forEach(load);
}

loadAll();
