// The one path from the pages to the data: /api/v1 with the session cookie, the CSRF header on writes, and errors
// turned into ApiError (code, marketer-readable message, request id).

export class ApiError extends Error {
  constructor(status, body, requestId) {
    const error = (body && body.error) || {};
    super(error.message || 'The console could not complete this.');
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
    const error = new ApiError(0, { error: { code: 'offline', message: 'The console could not be reached.' } });
    error.method = method;
    throw error;
  }
  if (response.redirected && new URL(response.url).pathname === '/signin') {
    window.location.assign('/signin');
    throw new ApiError(401, { error: { code: 'signed_out', message: 'Your session ended.' } });
  }
  const requestId = response.headers.get('X-Request-Id');
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data, requestId);
    error.method = method;
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
  // The server has just marked the connection for reconnect; a card rendered before still says Active. Reload once
  // so every card and banner shows what the server now knows (the reloaded page has the banner: no loop).
  if (document.querySelector('[data-connection-status="active"]') && !sessionStorage.getItem('reconnect-reloaded')) {
    sessionStorage.setItem('reconnect-reloaded', '1');
    window.location.reload();
    return;
  }
  sessionStorage.removeItem('reconnect-reloaded');
  const main = document.querySelector('main');
  if (!main) return;
  const banner = document.createElement('div');
  banner.className = 'banner reconnect';
  banner.setAttribute('role', 'alert');
  banner.innerHTML = '<p><strong>Reconnect needed.</strong> Facebook no longer accepts your connection, so ads data '
    + 'cannot be loaded or changed.</p><a href="/settings">Reconnect in Settings</a>';
  main.prepend(banner);
}

/** Titles and next steps for the few problems the page itself detects (the server words everything else). */
const LOCAL = {
  offline: ['No connection', 'Check your network, then try again.'],
  signed_out: ['Signed out', 'Sign in again.'],
  server_error: ['Something went wrong', 'Try again; if it keeps happening, contact support with the reference below.'],
};

/**
 * One message per problem, as the server's error catalogue words it: a title, one sentence and the next step (plus,
 * for rate limits, how many seconds until a retry makes sense).
 */
export function describe(error) {
  if (!(error instanceof ApiError)) {
    return { title: 'Something went wrong', text: 'The page ran into a problem.', next: 'Reload the page and try again.' };
  }
  const details = error.details || {};
  const local = LOCAL[error.code] || LOCAL.server_error;
  const retryAfter = Number(error.retryAfter || details.retry_after_seconds || 0) || null;
  return {
    title: details.title || local[0],
    text: error.message,
    next: details.next_step || local[1],
    fields: error.fields,
    requestId: error.requestId,
    retryAfter,
  };
}

/** A field name as the form calls it ("daily_budget" → "Daily budget"). */
function fieldLabel(name) {
  const words = name.replace(/_id$/, '').replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Problems that pass by themselves: Facebook (or the way to it) down for a moment, or the network. A read that failed
 * for one of them is worth loading again; nothing about the connection needs fixing.
 */
const PASSING = new Set(['meta_error', 'service_unavailable', 'image_unavailable', 'offline']);

/**
 * Renders an error into a container (replacing what it showed): one title, one sentence, the next step. With
 * {@code retry} and a wait from Meta (Retry-After), a Retry button counts down and then offers the retry. A read gets
 * a Retry of its own when it failed for a passing reason and the page says how to load it again ({@code reload}), or
 * when Meta asked us to wait (then, without {@code reload}, the page is reloaded).
 */
export function showError(container, error, { retry, reload } = {}) {
  if (error instanceof ApiError && error.code === 'connection_needs_reconnect' && error.method === 'GET'
      && document.querySelector('.banner.reconnect')) {
    // One message per problem: the reconnect banner above says what happened and what to do (a refused write
    // still says in its own words that it did not happen).
    const quiet = document.createElement('p');
    quiet.className = 'muted problem-covered';
    quiet.textContent = 'Shown again once Facebook is reconnected (see above).';
    container.replaceChildren(quiet);
    return;
  }
  const { title, text, next, fields, requestId, retryAfter } = describe(error);
  // A read can simply be loaded again; a write needs its caller's retry (it may need a new confirmation).
  if (!retry && error && error.method === 'GET') {
    if (reload && (retryAfter || PASSING.has(error.code))) retry = reload;
    else if (retryAfter) retry = () => window.location.reload();
  }
  container.replaceChildren();
  const box = document.createElement('div');
  box.className = 'notice error problem';
  box.setAttribute('role', 'alert');
  const heading = document.createElement('strong');
  heading.className = 'problem-title';
  heading.textContent = title;
  const sentence = document.createElement('span');
  sentence.className = 'problem-text';
  sentence.textContent = ' ' + text;
  box.append(heading, sentence);
  if (fields && typeof fields === 'object') {
    const list = document.createElement('ul');
    for (const [name, message] of Object.entries(fields)) {
      const li = document.createElement('li');
      li.textContent = `${fieldLabel(name)}: ${message}`;
      list.append(li);
    }
    box.append(list);
  }
  const step = document.createElement('p');
  step.className = 'problem-next';
  step.textContent = next;
  box.append(step);
  if (retry || retryAfter) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'retry';
    let left = retryAfter || 0;
    const label = () => {
      button.disabled = left > 0 || !retry;
      button.textContent = left > 0 ? `Retry in ${left} s` : retry ? 'Retry' : 'You can try again now';
    };
    label();
    if (left > 0) {
      const timer = setInterval(() => {
        left -= 1;
        label();
        if (left <= 0 || !button.isConnected) clearInterval(timer);
      }, 1000);
    }
    if (retry) {
      button.addEventListener('click', () => {
        container.replaceChildren();
        retry();
      });
    }
    box.append(button);
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
