// Texts come from /i18n/{lang}.json; Swedish by default, English as a choice kept in localStorage.
const LANGS = ['sv', 'en'];
let texts = {};
let lang = 'sv';

export async function loadTexts() {
  const chosen = localStorage.getItem('norrort.lang');
  lang = LANGS.includes(chosen) ? chosen : 'sv';
  const response = await fetch(`/i18n/${lang}.json`, { cache: 'no-cache' });
  texts = await response.json();
  document.documentElement.lang = lang;
}

export function currentLang() { return lang; }

export function setLang(next) {
  if (LANGS.includes(next)) localStorage.setItem('norrort.lang', next);
}

/** The text for key, with {name} placeholders filled from vars; the key itself when the text is missing. */
export function t(key, vars = {}) {
  const text = texts[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (vars[name] ?? all));
}

/** True when a text exists for key (used to fall back from problem codes to a general message). */
export function has(key) { return Object.prototype.hasOwnProperty.call(texts, key); }

/** Business dates as the Swedish YYYY-MM-DD; instants as YYYY-MM-DD HH:MM in Europe/Stockholm. */
export function date(value) {
  if (!value) return '–';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(d);
  const p = Object.fromEntries(parts.map(x => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Whole kronor as "1 800 000 kr" (groups of three with a no-break space). */
export function sek(amount) {
  if (amount === null || amount === undefined || amount === '') return '–';
  const n = Math.trunc(Number(amount));
  const digits = Math.abs(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${n < 0 ? '−' : ''}${digits}\u00a0kr`;
}
