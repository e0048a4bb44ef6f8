// Pause / activate / budget changes with a confirmation that states the money at stake. Anything that can raise spend
// asks first; when the server still asks (409 confirmation_required: a spending limit wants the amount named), the
// dialog shows its sentence and the amount, and the change is sent again with confirm (and confirm_amount).
import { api, showError } from './api.js';
import { busy, confirmDialog, budgetText } from './ui.js';
import { sendConfirmed } from './confirm.js';

const PATHS = { campaign: 'campaigns', adset: 'adsets', ad: 'ads' };
const NOUNS = { campaign: 'campaign', adset: 'ad set', ad: 'ad' };

export { sendConfirmed };

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
  return send({ kind, item, status, button, problem });
}

async function send({ kind, item, status, button, problem }) {
  try {
    const body = status === 'ACTIVE' ? { status, confirm: true } : { status };
    const updated = await busy(button, () => api(`/api/v1/${PATHS[kind]}/${item.id}/status`, { method: 'POST', body }));
    return { ...item, ...(updated || {}), status, effective_status: (updated && updated.effective_status) || status };
  } catch (error) {
    // Meta asked us to wait: the message says when, and the Retry button sends the same change again.
    if (problem) showError(problem, error, { retry: () => retried(problem, send({ kind, item, status, button, problem })) });
    return null;
  }
}

/** A budget change ({daily_budget} or {lifetime_budget} in minor units, …); raising asks through sendConfirmed. */
export async function changeBudget({ kind, item, body, button, problem }) {
  try {
    return await sendConfirmed(`/api/v1/${PATHS[kind]}/${item.id}/budget`, body, { button, currency: item.currency });
  } catch (error) {
    if (problem) showError(problem, error, { retry: () => retried(problem, changeBudget({ kind, item, body, button, problem })) });
    return null;
  }
}

/** After a retry from the error box: say it worked (the page's row updates on the next load). */
async function retried(problem, attempt) {
  const done = await attempt;
  if (done && !problem.querySelector('[role="alert"]')) {
    const ok = document.createElement('p');
    ok.className = 'notice ok';
    ok.setAttribute('role', 'status');
    ok.textContent = 'Done. Reload to see the change in the list.';
    problem.replaceChildren(ok);
  }
}
