// Keeps the chosen ad account across pages: the nav's ads links carry the current ?account=, and the last account
// chosen (remembered for this tab in sessionStorage) is reopened when an ads page is opened without ?account=.
const KEY = 'adsbridge.account';

function remembered() {
  try { return sessionStorage.getItem(KEY) || ''; } catch (e) { return ''; }
}
function remember(account) {
  try { if (account) sessionStorage.setItem(KEY, account); } catch (e) { /* storage off: nothing to keep */ }
}

const url = new URL(window.location.href);
const fromUrl = url.searchParams.get('account') || '';
const select = document.getElementById('account');
const offered = select ? Array.from(select.options).map(o => o.value) : [];

let current = fromUrl || '';
if (!current && select) {
  const last = remembered();
  if (last && last !== select.value && offered.includes(last) && !url.searchParams.has('object')) {
    // Opened without ?account= (the server shows the first account): go back to the one chosen last.
    url.searchParams.set('account', last);
    window.location.replace(url);
  }
  current = last && offered.includes(last) ? last : select.value;
} else if (!current) {
  current = remembered();
}
if (current && (!select || offered.includes(current))) remember(current);
select?.addEventListener('change', () => remember(select.value));

if (current) {
  document.querySelectorAll('nav a[data-keeps-account]').forEach(link => {
    const target = new URL(link.getAttribute('href'), window.location.href);
    target.searchParams.set('account', current);
    link.setAttribute('href', target.pathname + target.search);
  });
}
