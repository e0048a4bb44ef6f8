// One way to send a write that the API may answer with 409 confirmation_required: show the API's own message and
// details (amounts as money in the account currency), and on "Go ahead" send the same request again with
// confirm: true — plus confirm_amount when the answer's details ask for it (a tenant's spend guard).
import { api, ApiError, idempotencyKey } from './api.js';
import { confirmDialog, busy, minorMoney } from './ui.js';

const LABELS = { daily_budget: 'daily budget', lifetime_budget: 'lifetime budget', status: 'status', count: 'campaigns',
  source_status: 'source status', confirm_amount: 'amount to confirm' };

function words(key, value, currency) {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => `${k}: ${words(k, v, currency)}`).join(', ');
  }
  if (/budget|amount|spend|cap/.test(key) && /^\d+$/.test(String(value))) return minorMoney(value, currency);
  return String(value).replaceAll('_', ' ').toLowerCase();
}

/** An amount as the API formatted it ("daily_budget_formatted"), else the value in words. */
function shown(values, key, currency) {
  const formatted = values[`${key}_formatted`];
  return formatted !== undefined && formatted !== null ? String(formatted) : words(key, values[key], currency);
}

/** The confirmation's details as lines a marketer reads: "daily budget: €20.00 → €50.00". */
export function detailLines(details, currency) {
  if (!details || typeof details !== 'object') return [];
  const current = details.current || {};
  const requested = details.requested || {};
  const lines = [];
  const keys = new Set([...Object.keys(current), ...Object.keys(requested)]);
  for (const key of keys) {
    // "daily_budget_formatted" is how "daily_budget" reads, not a line of its own.
    if (key.endsWith('_formatted') && keys.has(key.slice(0, -'_formatted'.length))) continue;
    const label = LABELS[key] || key.replaceAll('_', ' ');
    if (key in requested && key in current) {
      lines.push(`${label}: ${shown(current, key, currency)} → ${shown(requested, key, currency)}`);
    } else if (key in requested) {
      lines.push(`${label}: ${shown(requested, key, currency)}`);
    }
  }
  for (const [key, value] of Object.entries(details)) {
    if (key === 'current' || key === 'requested') continue;
    lines.push(`${LABELS[key] || key.replaceAll('_', ' ')}: ${words(key, value, currency)}`);
  }
  return lines;
}

/**
 * POSTs body to path; when the API asks for confirmation (409 confirmation_required), asks the user with the API's
 * own sentence, the amounts in words, and the amount a spending limit wants named; if they agree, sends again with
 * what the API says to add (details.confirm_with: confirm, and confirm_amount above a limit). A different body is a
 * different request, so it gets its own idempotency key. Resolves to the answer, or null when the user declined.
 */
export async function sendConfirmed(path, body, { button, currency, title, confirm, idempotency } = {}) {
  const send = (payload, key) => busy(button, () => api(path, { method: 'POST', body: payload, idempotency: key }));
  try {
    return await send(body, idempotency);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'confirmation_required') throw error;
    const details = error.details || {};
    const amount = details.guard && details.guard.amount_formatted;
    const lines = detailLines({ current: details.current, requested: details.requested }, currency);
    const ok = await confirmDialog({
      title: amount ? `Confirm ${amount}?` : (title || details.title || 'Please confirm'),
      message: [error.message, ...lines].filter(Boolean).join('\n'),
      confirm: amount ? `Yes, ${amount}` : (confirm || 'Go ahead'),
    });
    if (!ok) return null;
    const again = { ...body, ...(details.confirm_with || { confirm: true }) };
    const asked = details.confirm_amount ?? details.requested?.confirm_amount;
    if (again.confirm_amount === undefined && asked !== undefined && asked !== null) again.confirm_amount = asked;
    return send(again, idempotency && idempotencyKey());
  }
}
