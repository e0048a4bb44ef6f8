// The ad-account picker: amounts as money ("$6,846,121.25"), not Meta's "6846121.25 USD".
import { moneyText } from './ui.js';

document.querySelectorAll('.money-text').forEach(cell => {
  const raw = cell.textContent.trim();
  if (!raw) return;
  cell.title = raw;
  cell.textContent = moneyText(raw);
});
