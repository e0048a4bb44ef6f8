// The create flow: campaign → ad set → creative (from an uploaded image) → ad. Each step validates in the page the way
// the API does, offers a dry run (validate_only → would_send), and creates with an Idempotency-Key so a retried click
// never creates twice. Everything starts PAUSED unless the user picks Active (then confirm:true after a dialog).
import { api, showError, idempotencyKey } from './api.js';
import { sendConfirmed } from './confirm.js';
import { el, busy, confirmDialog, count, minorMoney, pageData, wireAccountSelect, toMinorUnits } from './ui.js';

const page = pageData();
const account = encodeURIComponent(page.account);
const ID = /^\d{1,30}$/;
const CAPS = ['COST_CAP', 'LOWEST_COST_WITH_BID_CAP'];
let campaignHasBudget = null;   // known once the campaign step created one in this visit
let campaignBidStrategy = null;
let campaignLifetime = false;
const interests = new Map();    // picked interests: id → name

wireAccountSelect();
document.getElementById('account-form')?.addEventListener('submit', e => e.preventDefault());

/** A budget typed in currency units → minor units (the one helper in ui.js), or an error message. */
function budget(text, { required = false, label = 'budget' } = {}) {
  return toMinorUnits(text, page.currency, { required, label });
}

/** "2026-12-24T09:00" from a datetime-local input → ISO-8601 with offset (the browser's time zone), or null. */
function when(text) {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const steps = {
  campaign: {
    path: `/api/v1/ad-accounts/${account}/campaigns`,
    noun: 'campaign',
    build(f) {
      const errors = {};
      const name = f.name.value.trim();
      if (!name) errors.name = 'Give the campaign a name.';
      else if (name.length > 400) errors.name = 'Keep the name under 400 characters.';
      if (!f.objective.value) errors.objective = 'Choose what the campaign is for.';
      const type = f.budget_type.value;
      const amount = type ? budget(f.budget.value, { required: true, label: `${type} budget` }) : { value: null };
      if (amount.error) errors.budget = amount.error;
      const body = { name, objective: f.objective.value, status: f.status.value,
        special_ad_categories: f.special_ad_categories.value ? [f.special_ad_categories.value] : [] };
      if (amount.value) {
        body[`${type}_budget`] = amount.value;
        body.bid_strategy = f.bid_strategy.value;
      }
      return { errors, body };
    },
    done(created, body) {
      campaignHasBudget = !!(body.daily_budget || body.lifetime_budget);
      campaignBidStrategy = body.bid_strategy || null;
      campaignLifetime = !!body.lifetime_budget;
      prefill('step-adset', { campaign_id: created.id, name: `${body.name} · ad set` });
      if (body.objective === 'OUTCOME_SALES' || body.objective === 'OUTCOME_LEADS') {
        const goal = document.getElementById('step-adset').elements.optimization_goal;
        goal.value = 'OFFSITE_CONVERSIONS';
        if (body.objective === 'OUTCOME_LEADS') document.getElementById('step-adset').elements.custom_event_type.value = 'LEAD';
      }
      syncAdSet();
      return el('span', {}, 'Campaign created: ', el('a', { href: `/campaigns/${created.id}?account=${account}` }, body.name),
        ' (', el('code', { class: 'created-id' }, created.id), ', ', (created.status || body.status).toLowerCase(), ').');
    },
  },
  adset: {
    path: `/api/v1/ad-accounts/${account}/adsets`,
    noun: 'ad set',
    build(f) {
      const errors = {};
      const name = f.name.value.trim();
      if (!ID.test(f.campaign_id.value.trim())) errors.campaign_id = 'Enter the campaign id (digits), or create the campaign above.';
      if (!name) errors.name = 'Give the ad set a name.';
      const type = f.budget_type.value;
      const own = budget(f.budget.value, { required: campaignHasBudget === false, label: `${type} budget` });
      if (own.error) errors.budget = own.error;
      if (campaignHasBudget === true && own.value) errors.budget = 'The campaign already has a budget; leave this empty.';
      const start = when(f.start_time.value), end = when(f.end_time.value);
      if (start === undefined) errors.start_time = 'Pick a date and time.';
      if (end === undefined) errors.end_time = 'Pick a date and time.';
      const lifetime = (own.value && type === 'lifetime') || (campaignHasBudget && campaignLifetime);
      if (lifetime && !end) errors.end_time = 'A lifetime budget needs an end date.';
      if (end && Date.parse(end) <= Math.max(Date.now(), start ? Date.parse(start) : 0)) {
        errors.end_time = 'The end must be in the future and after the start.';
      }
      const countries = f.countries.value.split(',').map(c => c.trim().toUpperCase()).filter(Boolean);
      if (countries.length === 0 || countries.some(c => !/^[A-Z]{2}$/.test(c))) {
        errors.countries = 'Use two-letter country codes, e.g. US, DE.';
      }
      const min = Number(f.age_min.value), max = Number(f.age_max.value);
      if (!(min >= 18 && max <= 65 && min <= max)) errors.age = 'Ages go from 18 to 65, the first not above the second.';
      const strategy = campaignHasBudget ? campaignBidStrategy : f.bid_strategy.value;
      let cap = { value: null };
      if (CAPS.includes(strategy)) {
        cap = budget(f.bid_amount.value, { required: true, label: strategy === 'COST_CAP' ? 'cost cap' : 'bid cap' });
        if (cap.error) errors.bid_amount = cap.error;
      }
      const conversion = f.optimization_goal.value === 'OFFSITE_CONVERSIONS';
      if (conversion && !ID.test(f.pixel_id.value.trim())) errors.pixel_id = 'Choose the pixel that counts the conversions.';
      const targeting = { geo_locations: { countries }, age_min: min, age_max: max,
        targeting_automation: { advantage_audience: f.advantage_audience.checked ? 1 : 0 } };
      if (f.gender.value) targeting.genders = [Number(f.gender.value)];
      if (interests.size) targeting.flexible_spec = [{ interests: [...interests].map(([id, n]) => ({ id, name: n })) }];
      const body = { campaign_id: f.campaign_id.value.trim(), name, status: 'PAUSED',
        optimization_goal: f.optimization_goal.value, billing_event: 'IMPRESSIONS', targeting };
      if (own.value) body[`${type}_budget`] = own.value;
      if (!campaignHasBudget) body.bid_strategy = f.bid_strategy.value;
      if (cap.value) body.bid_amount = cap.value;
      if (start) body.start_time = start;
      if (end) body.end_time = end;
      if (conversion) body.promoted_object = { pixel_id: f.pixel_id.value.trim(), custom_event_type: f.custom_event_type.value };
      return { errors, body };
    },
    done(created, body) {
      prefill('step-ad', { adset_id: created.id, name: `${body.name} · ad` });
      return el('span', {}, 'Ad set created (', el('code', { class: 'created-id' }, created.id), ', paused).');
    },
  },
  creative: {
    path: `/api/v1/ad-accounts/${account}/creatives`,
    noun: 'creative',
    build(f) {
      const errors = {};
      if (!f.image_hash.value.trim()) errors.image_hash = 'Upload an image first.';
      if (!ID.test(f.page_id.value.trim())) errors.page_id = 'Choose the Facebook Page the ad runs for.';
      let url = null;
      try { url = new URL(f.link_url.value.trim()); } catch (e) { /* checked below */ }
      if (!url || !/^https?:$/.test(url.protocol)) errors.link_url = 'Enter the full web address, starting with https://.';
      if (f.headline.value.length > 255) errors.headline = 'Keep the headline under 255 characters.';
      const body = { page_id: f.page_id.value.trim(), image_hash: f.image_hash.value.trim(), link_url: f.link_url.value.trim(),
        message: f.message.value, headline: f.headline.value, call_to_action_type: f.call_to_action_type.value };
      if (f.name.value.trim()) body.name = f.name.value.trim();
      if (f.instagram_user_id.value) {
        if (!ID.test(f.instagram_user_id.value)) errors.instagram_user_id = 'Choose one of the Instagram accounts.';
        body.instagram_user_id = f.instagram_user_id.value;
      }
      return { errors, body };
    },
    done(created) {
      prefill('step-ad', { creative_id: created.id });
      return el('span', {}, 'Creative created (', el('code', { class: 'created-id' }, created.id), ').');
    },
  },
  ad: {
    path: `/api/v1/ad-accounts/${account}/ads`,
    noun: 'ad',
    build(f) {
      const errors = {};
      if (!ID.test(f.adset_id.value.trim())) errors.adset_id = 'Enter the ad set id (digits).';
      if (!ID.test(f.creative_id.value.trim())) errors.creative_id = 'Enter the creative id (digits).';
      const name = f.name.value.trim();
      if (!name) errors.name = 'Give the ad a name.';
      return { errors, body: { adset_id: f.adset_id.value.trim(), creative_id: f.creative_id.value.trim(), name, status: f.status.value } };
    },
    done(created) {
      return el('span', {}, 'Ad created (', el('code', { class: 'created-id' }, created.id), '). ',
        el('a', { href: `/campaigns?account=${account}` }, 'See it among the campaigns'), '.');
    },
  },
};

/** Shows the fields that apply: campaign budget amount and bid strategy, ad set budget, caps, pixel. */
function show(form, selector, visible) {
  form?.querySelectorAll(selector).forEach(node => {
    node.hidden = !visible;
    node.querySelectorAll('input, select').forEach(input => { input.disabled = !visible; });
  });
}

function syncCampaign() {
  const form = document.getElementById('step-campaign');
  if (form) show(form, '.when-budget', !!form.elements.budget_type.value);
}

function syncAdSet() {
  const form = document.getElementById('step-adset');
  if (!form) return;
  const f = form.elements;
  show(form, '.when-own-budget', campaignHasBudget !== true);
  const strategy = campaignHasBudget ? campaignBidStrategy : f.bid_strategy.value;
  show(form, '.when-cap', CAPS.includes(strategy));
  show(form, '.when-conversion', f.optimization_goal.value === 'OFFSITE_CONVERSIONS');
}

document.getElementById('step-campaign')?.addEventListener('change', syncCampaign);
document.getElementById('step-adset')?.addEventListener('change', syncAdSet);
syncCampaign();
syncAdSet();

/** The Page picker: the Pages this account can run ads for. */
async function loadPages() {
  const form = document.getElementById('step-creative');
  const select = form?.elements.page_id;
  if (!select) return;
  try {
    const answer = await api(`/api/v1/ad-accounts/${account}/pages`);
    const pages = answer.data || [];
    pages.forEach(p => { if (p.instagram_business_account) pageInstagram.set(p.id, p.instagram_business_account.id); });
    select.replaceChildren(el('option', { value: '' }, pages.length ? 'Choose a Page…' : 'No Page can run ads for this account'),
      ...pages.map(p => el('option', { value: p.id }, p.category ? `${p.name} (${p.category})` : p.name)));
    if (pages.length === 1) select.value = pages[0].id;
    matchInstagram();
  } catch (error) {
    select.replaceChildren(el('option', { value: '' }, 'Pages could not be loaded'));
    showError(form.querySelector('.result'), error);
  }
}

/** The Instagram picker: the accounts connected to the Pages this ad account promotes; "none" = the Page's name. */
const pageInstagram = new Map();   // page id → its connected Instagram account id
let instagramTouched = false;      // the user picked one: choosing a Page no longer changes it
async function loadInstagram() {
  const form = document.getElementById('step-creative');
  const select = form?.elements.instagram_user_id;
  if (!select) return;
  select.addEventListener('change', () => { instagramTouched = true; });
  form.elements.page_id.addEventListener('change', matchInstagram);
  try {
    const accounts = (await api(`/api/v1/ad-accounts/${account}/instagram-accounts`)).data || [];
    select.replaceChildren(el('option', { value: '' }, accounts.length ? 'None (show the Page’s name)'
      : 'No Instagram account is connected to these Pages'),
      ...accounts.map(a => el('option', { value: a.id }, a.name ? `@${a.username} (${a.name})` : `@${a.username}`)));
    matchInstagram();
  } catch (error) {
    select.replaceChildren(el('option', { value: '' }, 'Instagram accounts could not be loaded'));
    showError(form.querySelector('.result'), error);
  }
}

/** Picks the Instagram account connected to the chosen Page, until the user picks one themselves. */
function matchInstagram() {
  const form = document.getElementById('step-creative');
  const select = form?.elements.instagram_user_id;
  if (!select || instagramTouched) return;
  const wanted = pageInstagram.get(form.elements.page_id.value) || '';
  if ([...select.options].some(o => o.value === wanted)) select.value = wanted;
}

/** "last fired 3 hours ago" from Meta's time ("2026-12-04T09:00:00-0800"), or "never fired". */
function firedText(time) {
  if (!time) return 'never fired';
  const at = Date.parse(time.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(at)) return `last fired ${time}`;
  const minutes = Math.max(0, Math.round((Date.now() - at) / 60000));
  if (minutes < 60) return `last fired ${minutes} min ago`;
  if (minutes < 48 * 60) return `last fired ${Math.round(minutes / 60)} h ago`;
  return `last fired ${new Date(at).toLocaleDateString()}`;
}

/** The pixel picker: the account's Meta pixels with when each last fired; unavailable ones can't be chosen. */
async function loadPixels() {
  const form = document.getElementById('step-adset');
  const select = form?.elements.pixel_id;
  if (!select) return;
  try {
    const pixels = (await api(`/api/v1/ad-accounts/${account}/pixels`)).data || [];
    const usable = pixels.filter(p => !p.is_unavailable);
    select.replaceChildren(el('option', { value: '' }, usable.length ? 'Choose a pixel…' : 'This account has no usable pixel'),
      ...pixels.map(p => el('option', { value: p.id, disabled: p.is_unavailable ? '' : null },
        `${p.name} · ${p.id} · ${p.is_unavailable ? 'unavailable' : firedText(p.last_fired_time)}`)));
    if (usable.length === 1) select.value = usable[0].id;
  } catch (error) {
    select.replaceChildren(el('option', { value: '' }, 'Pixels could not be loaded'));
    showError(form.querySelector('.result'), error);
  }
}
loadPages();
loadInstagram();
loadPixels();

/** Interest search: type → suggestions from Meta's targeting search → picked chips. */
const interestInput = document.getElementById('step-adset')?.elements.interest_query;
const suggestions = document.getElementById('interest-suggestions');
const chips = document.getElementById('interest-chips');
let searching;
interestInput?.addEventListener('input', () => {
  clearTimeout(searching);
  const q = interestInput.value.trim();
  if (q.length < 2) { suggestions.hidden = true; return; }
  searching = setTimeout(() => searchInterests(q), 300);
});
interestInput?.addEventListener('keydown', e => { if (e.key === 'Enter') e.preventDefault(); });

async function searchInterests(q) {
  try {
    const answer = await api(`/api/v1/ad-accounts/${account}/targeting/interests?q=${encodeURIComponent(q)}&limit=8`);
    if (interestInput.value.trim() !== q) return;
    const found = (answer.data || []).filter(i => !interests.has(i.id));
    suggestions.replaceChildren(...(found.length ? found.map(i => el('li', {}, el('button', { type: 'button', class: 'suggestion',
      'data-id': i.id, onclick: () => pick(i) }, i.name, ' ', el('span', { class: 'muted' },
        i.audience_size_upper_bound ? `${count(i.audience_size_lower_bound)}–${count(i.audience_size_upper_bound)} people` : ''))))
      : [el('li', { class: 'muted' }, 'No interest matches.')]));
    suggestions.hidden = false;
  } catch (error) {
    suggestions.replaceChildren();
    suggestions.hidden = true;
    showError(chips, error);
  }
}

function pick(interest) {
  interests.set(interest.id, interest.name);
  interestInput.value = '';
  suggestions.hidden = true;
  renderChips();
  interestInput.focus();
}

function renderChips() {
  chips.replaceChildren(...[...interests].map(([id, name]) => el('span', { class: 'chip', 'data-id': id }, name,
    el('button', { type: 'button', 'aria-label': `Remove ${name}`, onclick: () => { interests.delete(id); renderChips(); } }, '×'))));
}

function prefill(formId, values) {
  const form = document.getElementById(formId);
  for (const [name, value] of Object.entries(values)) {
    if (form?.elements[name] && (!form.elements[name].value || name.endsWith('_id'))) form.elements[name].value = value;
  }
}

function showFieldErrors(form, errors) {
  form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  for (const [name, message] of Object.entries(errors)) {
    const slot = form.querySelector(`.field-error[data-for="${name}"]`);
    if (slot) slot.textContent = message;
    const input = form.elements[name] || (name === 'age' ? form.elements.age_min : null);
    input?.setAttribute('aria-invalid', 'true');
  }
  const first = Object.keys(errors)[0];
  if (first) (form.elements[first] || form.elements.age_min)?.focus();
  return Object.keys(errors).length === 0;
}

for (const [name, step] of Object.entries(steps)) {
  const form = document.getElementById(`step-${name}`);
  if (!form) continue;
  const result = form.querySelector('.result');
  let key = idempotencyKey();
  // A changed form is a new attempt: new key. An unchanged retry (say, after a timeout) reuses it.
  form.addEventListener('input', () => { key = idempotencyKey(); });

  form.querySelector('.dry-run').addEventListener('click', async e => {
    const { errors, body } = step.build(form.elements);
    if (!showFieldErrors(form, errors)) return;
    result.replaceChildren();
    try {
      const answer = await busy(e.currentTarget, () => api(step.path, { method: 'POST', body: { ...body, validate_only: true } }));
      // The dry run in words and money (the API's summary); would_send stays in the API for programs.
      const accepted = answer.meta_validation === 'ok' || answer.meta_validation === undefined;
      const sentences = Array.isArray(answer.summary) ? answer.summary : [];
      result.replaceChildren(
        el('p', { class: accepted ? 'notice ok' : 'notice warn' },
          accepted ? 'Nothing was created. This is what would happen:' : 'Nothing was created. Facebook would not accept this:'),
        el('ul', { class: 'dry-run-summary' }, sentences.map(text => el('li', {}, text))));
    } catch (error) {
      applyServerFields(form, error);
      showError(result, error);
    }
  });

  form.addEventListener('submit', async e => {
    e.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    const { errors, body } = step.build(form.elements);
    if (!showFieldErrors(form, errors)) return;
    if (body.status === 'ACTIVE') {
      const ok = await confirmDialog({ title: `Create the ${step.noun} active?`, confirm: 'Create active',
        message: `It starts delivering as soon as it is created${body.daily_budget
          ? ` and can spend up to ${minorMoney(body.daily_budget, page.currency)} a day`
          : body.lifetime_budget ? ` and can spend up to ${minorMoney(body.lifetime_budget, page.currency)} in total` : ''}.` });
      if (!ok) return;
      body.confirm = true;
    }
    result.replaceChildren();
    try {
      // Above a spending limit the server asks again, naming the amount: sendConfirmed shows that and resends.
      const created = await sendConfirmed(step.path, body, { button, currency: page.currency, idempotency: key });
      if (!created) return;
      // The contract answers {id, …}; the MCP tools' own names (creative_id, …) are accepted too.
      created.id = created.id || created[`${name}_id`] || created.details?.id || '';
      key = idempotencyKey();
      result.replaceChildren(el('p', { class: 'notice ok created' }, step.done(created, body)));
    } catch (error) {
      applyServerFields(form, error);
      showError(result, error);
    }
  });
}

function applyServerFields(form, error) {
  if (error && error.fields && typeof error.fields === 'object') showFieldErrors(form, error.fields);
}


// Creative image: validate, upload (multipart), show the preview, put the hash into the form.
const creative = document.getElementById('step-creative');
if (creative) {
  const file = creative.elements.file;
  const preview = creative.querySelector('.upload-preview');
  file.addEventListener('change', () => {
    const chosen = file.files[0];
    preview.hidden = true;
    if (!chosen) return;
    const reader = new FileReader();
    reader.onload = () => { preview.src = reader.result; preview.hidden = false; };
    reader.readAsDataURL(chosen);
  });
  creative.querySelector('.upload').addEventListener('click', async e => {
    const chosen = file.files[0];
    const errors = {};
    if (!chosen) errors.file = 'Choose an image file.';
    else if (!['image/jpeg', 'image/png'].includes(chosen.type)) errors.file = 'Use a JPG or PNG image.';
    else if (chosen.size > 8 * 1024 * 1024) errors.file = 'The image is larger than 8 MB.';
    if (!showFieldErrors(creative, errors)) return;
    const result = creative.querySelector('.result');
    result.replaceChildren();
    const data = new FormData();
    data.append('file', chosen, chosen.name);
    try {
      const uploaded = await busy(e.currentTarget, () => api(`/api/v1/ad-accounts/${account}/images`, { method: 'POST', form: data }));
      // The contract says {hash, url}; the MCP tool's own shape (image_hash, images[]) is accepted too.
      const hash = uploaded.hash || uploaded.image_hash || uploaded.images?.[0]?.hash;
      if (!hash) throw new Error('no hash');
      creative.elements.image_hash.value = hash;
      if (!creative.elements.name.value) creative.elements.name.value = chosen.name.replace(/\.[^.]+$/, '');
      preview.src = `/api/v1/ad-accounts/${account}/images/${encodeURIComponent(hash)}`;
      preview.hidden = false;
      result.replaceChildren(el('p', { class: 'notice ok' }, 'Image uploaded.'));
    } catch (error) {
      showError(result, error);
    }
  });
}
