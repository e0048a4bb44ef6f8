// The create flow: campaign → ad set → creative (from an uploaded image) → ad. Each step validates in the page the way
// the API does, offers a dry run (validate_only → would_send), and creates with an Idempotency-Key so a retried click
// never creates twice. Everything starts PAUSED unless the user picks Active (then confirm:true after a dialog).
import { api, showError, idempotencyKey } from './api.js';
import { sendConfirmed } from './status.js';
import { el, busy, confirmDialog, minorFactor, money, pageData, wireAccountSelect } from './ui.js';

const page = pageData();
const account = encodeURIComponent(page.account);
const factor = minorFactor(page.currency);
const ID = /^\d{1,30}$/;
let campaignHasBudget = null;

wireAccountSelect();
document.getElementById('account-form')?.addEventListener('submit', e => e.preventDefault());

/** A budget typed in major units ("50", "50.00") → minor units as a string, or an error message. */
function budget(text, { required = false } = {}) {
  const value = (text || '').trim().replace(',', '.');
  if (!value) return required ? { error: 'Enter a daily budget.' } : { value: null };
  const decimals = factor === 1 ? 0 : 2;
  const pattern = decimals ? /^\d+(\.\d{1,2})?$/ : /^\d+$/;
  if (!pattern.test(value)) {
    return { error: decimals ? 'Use a number like 50 or 50.00.' : `Use a whole number (${page.currency} has no cents).` };
  }
  const minor = Math.round(Number(value) * factor);
  if (minor < factor) return { error: `The budget must be at least ${money(1, page.currency)}.` };
  return { value: String(minor) };
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
      const daily = budget(f.daily_budget.value);
      if (daily.error) errors.daily_budget = daily.error;
      const body = { name, objective: f.objective.value, status: f.status.value,
        special_ad_categories: f.special_ad_categories.value ? [f.special_ad_categories.value] : [] };
      if (daily.value) {
        body.daily_budget = daily.value;
        body.bid_strategy = 'LOWEST_COST_WITHOUT_CAP';
      }
      return { errors, body };
    },
    done(created, body) {
      campaignHasBudget = !!body.daily_budget;
      prefill('step-adset', { campaign_id: created.id, name: `${body.name} · ad set` });
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
      const daily = budget(f.daily_budget.value, { required: campaignHasBudget === false });
      if (daily.error) errors.daily_budget = daily.error;
      if (campaignHasBudget === true && daily.value) errors.daily_budget = 'The campaign already has a budget; leave this empty.';
      const countries = f.countries.value.split(',').map(c => c.trim().toUpperCase()).filter(Boolean);
      if (countries.length === 0 || countries.some(c => !/^[A-Z]{2}$/.test(c))) {
        errors.countries = 'Use two-letter country codes, e.g. US, DE.';
      }
      const min = Number(f.age_min.value), max = Number(f.age_max.value);
      if (!(min >= 18 && max <= 65 && min <= max)) errors.age = 'Ages go from 18 to 65, the first not above the second.';
      const body = { campaign_id: f.campaign_id.value.trim(), name, status: 'PAUSED',
        optimization_goal: f.optimization_goal.value, billing_event: 'IMPRESSIONS',
        targeting: { geo_locations: { countries }, age_min: min, age_max: max,
          targeting_automation: { advantage_audience: f.advantage_audience.checked ? 1 : 0 } } };
      if (daily.value) body.daily_budget = daily.value;
      if (!campaignHasBudget) body.bid_strategy = 'LOWEST_COST_WITHOUT_CAP';
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
      if (!ID.test(f.page_id.value.trim())) errors.page_id = 'Enter the id of the Facebook Page the ad runs for (digits).';
      let url = null;
      try { url = new URL(f.link_url.value.trim()); } catch (e) { /* checked below */ }
      if (!url || !/^https?:$/.test(url.protocol)) errors.link_url = 'Enter the full web address, starting with https://.';
      if (f.headline.value.length > 255) errors.headline = 'Keep the headline under 255 characters.';
      const body = { page_id: f.page_id.value.trim(), image_hash: f.image_hash.value.trim(), link_url: f.link_url.value.trim(),
        message: f.message.value, headline: f.headline.value, call_to_action_type: f.call_to_action_type.value };
      if (f.name.value.trim()) body.name = f.name.value.trim();
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
          ? ` and can spend up to ${money(Number(body.daily_budget) / factor, page.currency)} a day` : ''}.` });
      if (!ok) return;
      body.confirm = true;
    }
    result.replaceChildren();
    try {
      // Above a spending limit the server asks again, naming the amount: sendConfirmed shows that and resends.
      const created = await sendConfirmed(step.path, body, { button, idempotency: key });
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
