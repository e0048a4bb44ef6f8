// Campaign → ad sets → ads, with creative previews (image bytes through the API, so nothing leaves for Meta's CDN).
import { api, showError } from './api.js';
import { el, money, objective, statusBadge, pageData, budgetText, spinnerLine, skeletonRows, toMinorUnits, fromMinorUnits } from './ui.js';
import { resultsText, costPerResultText, singleCost } from './results.js';
import { changeStatus } from './status.js';
import { sendConfirmed } from './confirm.js';

const page = pageData();
const problem = document.getElementById('problem');
const adsetBody = document.querySelector('#adsets tbody');
const more = document.getElementById('more-adsets');
let campaign = null;
let adsetCursor = null;
// Spend, results and cost per result of ad sets and ads are for this period (the campaigns list's choice).
const DATE_PRESET = new URLSearchParams(location.search).get('date_preset') || 'last_7d';
const COLUMNS = 8;

async function loadCampaign() {
  try {
    campaign = await api(`/api/v1/campaigns/${page.campaign}`);
    renderCampaign();
  } catch (error) {
    document.getElementById('campaign-name').textContent = 'Campaign';
    showError(problem, error, { reload: loadCampaign });
  }
}

function renderCampaign() {
  document.getElementById('campaign-name').replaceChildren(campaign.name, ' ', statusBadge(campaign.status, campaign.effective_status));
  document.getElementById('crumb').textContent = campaign.name;
  document.title = `${campaign.name} · AdsBridge`;
  document.getElementById('campaign-facts').replaceChildren(
    el('span', {}, 'Objective ', el('strong', {}, objective(campaign.objective))),
    el('span', {}, 'Budget ', el('strong', {}, budgetText(campaign, page.currency))),
    el('span', {}, 'Id ', el('code', {}, campaign.id)),
    el('span', {}, 'Numbers for ', el('strong', {}, DATE_PRESET.replace('last_', 'last ').replace(/(\d+)d$/, '$1 days').replaceAll('_', ' '))));
  const actions = document.getElementById('campaign-actions');
  actions.replaceChildren();
  if (!page.canWrite) return;
  if (campaign.daily_budget || campaign.lifetime_budget) {
    actions.append(budgetEditor('campaign', campaign, updated => { campaign = { ...campaign, ...updated }; renderCampaign(); }));
  }
  const target = campaign.status === 'ACTIVE' ? 'PAUSED' : campaign.status === 'PAUSED' ? 'ACTIVE' : null;
  if (!target) return;
  const button = el('button', { type: 'button', class: target === 'ACTIVE' ? 'primary activate' : 'pause' },
    target === 'ACTIVE' ? 'Activate campaign' : 'Pause campaign');
  button.addEventListener('click', async () => {
    problem.replaceChildren();
    const updated = await changeStatus({ kind: 'campaign', item: campaign, status: target, currency: page.currency, button, problem });
    if (updated) { campaign = updated; renderCampaign(); }
  });
  actions.append(button);
}

async function loadAdsets(append = false) {
  if (!append) skeletonRows(adsetBody, COLUMNS, 3);
  more.hidden = true;
  const params = new URLSearchParams({ limit: '25', date_preset: DATE_PRESET });
  if (adsetCursor) params.set('after', adsetCursor);
  try {
    const answer = await api(`/api/v1/campaigns/${page.campaign}/adsets?${params}`);
    const rows = (answer.data || []).flatMap(adsetRows);
    if (append) adsetBody.append(...rows); else adsetBody.replaceChildren(...rows);
    if (!append && rows.length === 0) {
      adsetBody.replaceChildren(el('tr', {}, el('td', { colspan: COLUMNS, class: 'muted' }, 'This campaign has no ad sets yet.')));
    }
    adsetCursor = answer.paging?.next_cursor || null;
    more.hidden = !adsetCursor;
  } catch (error) {
    adsetBody.replaceChildren();
    showError(problem, error, { reload: () => loadAdsets(append) });
  }
}
more.addEventListener('click', () => loadAdsets(true));

function adsetRows(adset) {
  const sub = el('tr', { class: 'sub', hidden: true }, el('td', { colspan: COLUMNS }));
  const toggle = el('button', { type: 'button', class: 'small show-ads', 'aria-expanded': 'false' }, 'Show ads');
  toggle.addEventListener('click', () => {
    const open = sub.hidden;
    sub.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide ads' : 'Show ads';
    if (open && !sub.dataset.loaded) loadAds(adset, sub.firstChild).then(() => { sub.dataset.loaded = 'true'; });
  });
  const budgetCell = el('td', { class: 'num', 'data-label': 'Budget' }, budgetText(adset, page.currency) === 'Set per ad set'
    ? 'Campaign budget' : budgetText(adset, page.currency));
  const buttons = el('div', { class: 'row-actions' }, toggle);
  const main = el('tr', { 'data-id': adset.id, class: 'adset' },
    el('td', { class: 'title', 'data-label': 'Ad set' }, adset.name),
    el('td', { 'data-label': 'Status' }, statusBadge(adset.status, adset.effective_status)),
    el('td', { 'data-label': 'Optimization' }, (adset.optimization_goal || '—').replaceAll('_', ' ').toLowerCase()),
    budgetCell,
    ...numberCells(adset),
    el('td', { 'data-label': '' }, buttons));
  if (page.canWrite) {
    const replace = updated => {
      const [fresh, freshSub] = adsetRows({ ...adset, ...updated });
      main.replaceWith(fresh);
      sub.replaceWith(freshSub);
    };
    const status = statusButton('adset', adset, replace);
    if (status) buttons.prepend(status);
    if (adset.daily_budget || adset.lifetime_budget) buttons.prepend(budgetEditor('adset', adset, replace));
  }
  return [main, sub];
}

/** Spend, results and cost per result for DATE_PRESET. */
function numberCells(item) {
  return [
    el('td', { class: 'num', 'data-label': 'Spend', 'data-metric': 'spend' }, money(item.spend ?? 0, page.currency)),
    el('td', { class: 'num', 'data-label': 'Results', 'data-metric': 'results' }, resultsText(item)),
    el('td', { class: 'num', 'data-label': 'Cost per result', 'data-metric': 'cost_per_result' }, costPerResultText(item, page.currency)),
  ];
}

/** Pause / activate for an ad set or an ad, with the same confirmation as the campaigns page. */
function statusButton(kind, item, done) {
  const target = item.status === 'ACTIVE' ? 'PAUSED' : item.status === 'PAUSED' ? 'ACTIVE' : null;
  if (!target) return null;
  const button = el('button', { type: 'button', class: `small ${target === 'ACTIVE' ? 'activate' : 'pause'}` },
    target === 'ACTIVE' ? 'Activate' : 'Pause');
  button.addEventListener('click', async () => {
    problem.replaceChildren();
    const updated = await changeStatus({ kind, item, status: target, currency: page.currency, button, problem });
    if (updated) done(updated);
  });
  return button;
}

/**
 * "Edit budget": an inline form in the account currency (never minor units); raising it goes through the API's
 * confirmation (the dialog shows the API's message and the amounts).
 */
function budgetEditor(kind, item, done) {
  const field = item.daily_budget ? 'daily_budget' : 'lifetime_budget';
  const wrap = el('span', { class: 'budget-editor' });
  const open = el('button', { type: 'button', class: 'small edit-budget' }, 'Edit budget');
  wrap.append(open);
  open.addEventListener('click', () => {
    const input = el('input', { name: 'budget', inputmode: 'decimal', value: fromMinorUnits(item[field], page.currency),
      'aria-label': `${field === 'daily_budget' ? 'Daily' : 'Lifetime'} budget in ${page.currency}`, size: 8 });
    const error = el('span', { class: 'field-error', role: 'alert' });
    const save = el('button', { type: 'submit', class: 'small primary save-budget' }, 'Save');
    const cancel = el('button', { type: 'button', class: 'small' }, 'Cancel');
    const form = el('form', { class: 'inline-budget', novalidate: true },
      el('span', { class: 'currency' }, page.currency), input,
      el('span', { class: 'muted' }, field === 'daily_budget' ? '/day' : 'in total'), save, cancel, error);
    cancel.addEventListener('click', () => form.replaceWith(wrap));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const amount = toMinorUnits(input.value, page.currency, { required: true });
      error.textContent = amount.error || '';
      if (amount.error) { input.setAttribute('aria-invalid', 'true'); return; }
      problem.replaceChildren();
      try {
        const answer = await sendConfirmed(`/api/v1/${kind === 'adset' ? 'adsets' : 'campaigns'}/${item.id}/budget`,
          { [field]: amount.value }, { button: save, currency: page.currency, title: 'Raise the budget?', confirm: 'Raise budget' });
        if (!answer) return;
        done({ [field]: amount.value, budget_formatted: null });
      } catch (failure) {
        showError(problem, failure);
      }
    });
    wrap.replaceWith(form);
    input.focus();
    input.select();
  });
  return wrap;
}

async function loadAds(adset, cell) {
  cell.replaceChildren(spinnerLine('Loading ads…'));
  try {
    const answer = await api(`/api/v1/adsets/${adset.id}/ads?limit=50&date_preset=${DATE_PRESET}`);
    const ads = answer.data || [];
    if (ads.length === 0) {
      cell.replaceChildren(el('p', { class: 'muted' }, 'No ads in this ad set.'));
      return;
    }
    await lookUpPreviews(ads);
    cell.replaceChildren(el('div', { class: 'ads' }, ads.map(adCard)));
  } catch (error) {
    showError(cell, error);
  }
}

function adCard(ad) {
  const preview = el('div', { class: 'preview missing' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }));
  const text = el('div', { class: 'creative-text' });
  const card = el('article', { class: 'ad-card', 'data-id': ad.id },
    preview,
    el('div', { class: 'body' },
      el('p', {}, el('strong', {}, ad.name), ' ', statusBadge(ad.status, ad.effective_status)),
      el('p', { class: 'ad-numbers muted' }, `${money(ad.spend ?? 0, page.currency)} spent`
        + ((ad.results_by_type || []).length ? ` · ${resultsText(ad)} · ${costPerResultText(ad, page.currency)}`
          + (singleCost(ad) ? ' per result' : '') : ' · no results')),
      text));
  if (page.canWrite) {
    const button = statusButton('ad', ad, updated => card.replaceWith(adCard({ ...ad, ...updated })));
    if (button) card.querySelector('.body').append(el('div', { class: 'row-actions' }, button));
  }
  loadCreative(ad, preview, text);
  return card;
}

// Where each preview image is, per account and hash: one lookup per account for a page of ads (one Meta call for up
// to 50 images), after which each image loads through the console's API without another Meta call.
const previewUrls = new Map();

async function lookUpPreviews(ads) {
  const byAccount = new Map();
  for (const ad of ads) {
    const hash = ad.creative && !ad.creative.preview_url && imageHash(ad.creative);
    if (!hash) continue;
    const account = creativeAccount(ad.creative);
    if (previewUrls.has(`${account}/${hash}`)) continue;
    if (!byAccount.has(account)) byAccount.set(account, new Set());
    byAccount.get(account).add(hash);
  }
  const lookups = [];
  for (const [account, hashes] of byAccount) {
    const all = [...hashes];
    for (let i = 0; i < all.length; i += 50) {
      const list = all.slice(i, i + 50);
      lookups.push(api(`/api/v1/ad-accounts/${encodeURIComponent(account)}/images?hashes=${list.join(',')}`)
        .then(found => list.forEach(hash => previewUrls.set(`${account}/${hash}`, found[hash] || null)))
        .catch(() => {})); // the images then load one by one
    }
  }
  await Promise.all(lookups);
}

function creativeAccount(creative) {
  return creative.account_id ? 'act_' + String(creative.account_id).replace(/^act_/, '') : page.account;
}

// The ads list brings each ad's creative (field expansion), so a preview costs no call per ad.
function loadCreative(ad, preview, text) {
  const creative = ad.creative;
  if (!creative || !creative.id) {
    preview.replaceChildren('No preview');
    return;
  }
  const hash = imageHash(creative);
  const account = creativeAccount(creative);
  // The ads read names the preview when it brought the image's URL; otherwise the lookup above found it (or not).
  const known = creative.preview_url || previewUrls.get(`${account}/${hash}`);
  if (hash && known === null) {
    preview.replaceChildren('No preview');
  } else if (hash) {
    const img = el('img', { class: 'preview', alt: `Image of ${ad.name}`, loading: 'lazy',
      src: known || `/api/v1/ad-accounts/${encodeURIComponent(account)}/images/${encodeURIComponent(hash)}` });
    img.addEventListener('error', () => img.replaceWith(el('div', { class: 'preview missing' }, 'No preview')));
    preview.replaceWith(img);
  } else {
    preview.replaceChildren('No image');
  }
  const link = creative.object_story_spec?.link_data || {};
  const headline = creative.title || link.name;
  const body = creative.body || link.message;
  text.replaceChildren(
    headline ? el('p', {}, headline) : null,
    body ? el('p', { class: 'muted' }, body) : null);
}

function imageHash(creative) {
  return creative.image_hash || creative.object_story_spec?.link_data?.image_hash
    || creative.asset_feed_spec?.images?.[0]?.hash || null;
}

loadCampaign();
loadAdsets();
