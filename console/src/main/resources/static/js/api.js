// The one path from the pages to the data: /api/v1 with the session cookie, the CSRF header on writes, and errors
// turned into ApiError (code, marketer-readable message, request id).

export class ApiError extends Error {
  constructor(status, body, requestId) {
    const error = (body && body.error) || {};
    super(error.message || `The console answered ${status}.`);
    this.status = status;
    this.code = error.code || (status >= 500 ? 'server_error' : 'unknown');
    this.requestId = error.request_id || requestId || null;
    this.details = error.details || null;
    this.fields = error.fields || null;
    this.meta = error.meta || null;
    this.retryAfter = null;
  }
}

function csrf() {
  const token = document.querySelector('meta[name="_csrf"]')?.content;
  const header = document.querySelector('meta[name="_csrf_header"]')?.content;
  if (token && header) return { [header]: token };
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? { 'X-XSRF-TOKEN': decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) } : {};
}

/** A fresh key per create attempt; a retry of the same attempt reuses it so nothing is created twice. */
export function idempotencyKey() {
  if (window.crypto?.randomUUID) return crypto.randomUUID();
  return 'k-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
}

export async function api(path, { method = 'GET', body, form, idempotency } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, csrf());
  if (idempotency) headers['Idempotency-Key'] = idempotency;
  let payload;
  if (form) {
    payload = form;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    const error = new ApiError(0, { error: { code: 'offline', message: 'The console could not be reached. Check your network and try again.' } });
    throw error;
  }
  if (response.redirected && new URL(response.url).pathname === '/signin') {
    window.location.assign('/signin');
    throw new ApiError(401, { error: { code: 'signed_out', message: 'Your session ended. Sign in again.' } });
  }
  const requestId = response.headers.get('X-Request-Id');
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data, requestId);
    const retry = response.headers.get('Retry-After');
    if (retry) error.retryAfter = Number(retry);
    if (error.code === 'connection_needs_reconnect') showReconnectBanner();
    throw error;
  }
  return data;
}

/** The banner the dashboard shows, on any page whose call finds the connection broken. */
export function showReconnectBanner() {
  if (document.querySelector('.banner.reconnect')) return;
  const main = document.querySelector('main');
  if (!main) return;
  const banner = document.createElement('div');
  banner.className = 'banner reconnect';
  banner.setAttribute('role', 'alert');
  banner.innerHTML = '<p><strong>Reconnect needed.</strong> Facebook no longer accepts your connection, so ads data '
    + 'cannot be loaded or changed.</p><a href="/settings">Reconnect in Settings</a>';
  main.prepend(banner);
}

/** Turns an error into a sentence a marketer understands (plus Meta's own explanation when it gave one). */
export function describe(error) {
  if (!(error instanceof ApiError)) return { text: 'Something went wrong in the page. Reload and try again.' };
  const meta = error.meta;
  const retry = error.retryAfter ? ` Try again in about ${error.retryAfter} second${error.retryAfter === 1 ? '' : 's'}.` : ' Try again in a minute.';
  let text;
  switch (error.code) {
    case 'connection_needs_reconnect':
      text = 'Facebook no longer accepts your connection. Reconnect it (Settings → Reconnect) and try again.'; break;
    case 'no_connection':
      text = 'No Facebook Ads account is connected yet. Connect one from the dashboard.'; break;
    case 'forbidden_role':
      text = 'Your role is read-only: ask an owner or admin to make this change.'; break;
    case 'rate_limited':
      text = 'Too many requests in a short time.' + retry; break;
    case 'meta_rate_limited':
      text = 'Facebook is limiting requests for this ad account right now.' + retry; break;
    case 'not_found':
      text = 'This item no longer exists, or it belongs to another account.'; break;
    case 'validation_failed':
      text = 'Some fields need a fix before this can be saved.'; break;
    case 'confirmation_required':
      text = 'This change can increase spend, so it needs your confirmation.'; break;
    case 'meta_error':
      text = meta && (meta.title || meta.message)
        ? [meta.title, meta.message].filter(Boolean).join(': ')
        : `Facebook refused the change: ${error.message}`; break;
    default:
      text = error.message;
  }
  return { text, fields: error.fields, requestId: error.requestId };
}

/** Renders an error into a container (replacing what it showed). */
export function showError(container, error) {
  const { text, fields, requestId } = describe(error);
  container.replaceChildren();
  const box = document.createElement('div');
  box.className = 'notice error problem';
  box.setAttribute('role', 'alert');
  const p = document.createElement('span');
  p.textContent = text;
  box.append(p);
  if (fields && typeof fields === 'object') {
    const list = document.createElement('ul');
    for (const [name, message] of Object.entries(fields)) {
      const li = document.createElement('li');
      li.textContent = `${name.replaceAll('_', ' ')}: ${message}`;
      list.append(li);
    }
    box.append(list);
  }
  if (requestId) {
    const ref = document.createElement('small');
    ref.className = 'ref';
    ref.textContent = `Reference: ${requestId}`;
    box.append(ref);
  }
  container.append(box);
  return box;
}
