// Pause / activate with a confirmation that states the budget at stake; activation sends confirm:true (the API asks
// for it on every spend-increasing change).
import { api, showError } from './api.js';
import { busy, confirmDialog, budgetText } from './ui.js';

const PATHS = { campaign: 'campaigns', adset: 'adsets', ad: 'ads' };
const NOUNS = { campaign: 'campaign', adset: 'ad set', ad: 'ad' };

export async function changeStatus({ kind, item, status, currency, button, problem }) {
  const budget = budgetText(item, currency);
  const noun = NOUNS[kind];
  const activating = status === 'ACTIVE';
  const stake = budget === 'Set per ad set' ? 'its ad sets\u2019 budgets' : budget;
  const ok = await confirmDialog(activating
    ? { title: `Activate this ${noun}?`, confirm: `Activate`,
        message: `“${item.name}” will start delivering and can spend up to ${stake}.` }
    : { title: `Pause this ${noun}?`, confirm: 'Pause', danger: true,
        message: `“${item.name}” stops delivering until you activate it again. Budget at stake: ${stake}.` });
  if (!ok) return null;
  try {
    const body = activating ? { status, confirm: true } : { status };
    const updated = await busy(button, () => api(`/api/v1/${PATHS[kind]}/${item.id}/status`, { method: 'POST', body }));
    return { ...item, ...(updated || {}), status, effective_status: (updated && updated.effective_status) || status };
  } catch (error) {
    if (problem) showError(problem, error);
    return null;
  }
}
