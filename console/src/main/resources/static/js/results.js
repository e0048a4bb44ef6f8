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

/** What one type's cost is for: "per link click", "per 1,000 people reached" (reach and impressions, as Ads Manager). */
function costWords(type) {
  return type.cost_words || `per ${type.singular || type.label}`;
}

/**
 * Whether the cost per result is one amount for one result ("$0.42"), to which a caller may add "each" or "per
 * result"; not for several types, nor for reach and impressions, whose cost is per 1,000.
 */
export function singleCost(numbers) {
  const all = numbers?.results_by_type || [];
  return all.length === 1 && all[0].cost_per_result !== null && all[0].cost_per_result !== undefined
    && (all[0].cost_per ?? 1) === 1;
}

/**
 * "$0.42" for one type, "$4.90 per 1,000 people reached" for reach (impressions likewise), "$0.12 per link click ·
 * $3.40 per lead" for several, "—" when none.
 */
export function costPerResultText(numbers, currency) {
  const types = (numbers?.results_by_type || []).filter(t => t.cost_per_result !== null && t.cost_per_result !== undefined);
  if (types.length === 0) return '—';
  if (singleCost(numbers)) return money(types[0].cost_per_result, currency);
  return types.map(t => `${money(t.cost_per_result, currency)} ${costWords(t)}`).join(' · ');
}

/** "ROAS 3.20" (purchase value / spend), or '' when nothing was bought. */
export function roasText(numbers) {
  return numbers?.roas ? `${Number(numbers.roas).toFixed(2)}×` : '—';
}
