// Ads Manager's "Results" as the API sends them (the server's MetaResults decides the types and words): one number
// only when all results are of one type, otherwise each type on its own ("1,204 link clicks · 37 leads").
import { count, money } from './ui.js';

function words(entry) {
  const n = Math.round(Number(entry.results ?? 0));
  return `${count(n)} ${n === 1 ? entry.singular || entry.label : entry.label}`;
}

/** "1,204 link clicks · 37 leads", "—" when there are no results. */
export function resultsText(numbers) {
  const types = numbers?.results_by_type || [];
  if (types.length === 0) return '—';
  return types.map(words).join(' · ');
}

/** "$0.42" for one type, "$0.12 per link click · $3.40 per lead" for several, "—" when none. */
export function costPerResultText(numbers, currency) {
  const types = (numbers?.results_by_type || []).filter(t => t.cost_per_result !== null && t.cost_per_result !== undefined);
  if (types.length === 0) return '—';
  if ((numbers.results_by_type || []).length === 1) return money(types[0].cost_per_result, currency);
  return types.map(t => `${money(t.cost_per_result, currency)} per ${t.singular || t.label}`).join(' · ');
}

/** "ROAS 3.20" (purchase value / spend), or '' when nothing was bought. */
export function roasText(numbers) {
  return numbers?.roas ? `${Number(numbers.roas).toFixed(2)}×` : '—';
}
