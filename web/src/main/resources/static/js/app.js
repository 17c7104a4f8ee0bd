// Boot: texts, sign-in (fragment token or OIDC), the shell, and the page for the signed-in person's role.
import { loadTexts, t, currentLang, setLang } from './i18n.js';
import { h } from './ui.js';
import { session, takeTokenFromFragment, watchExpiry, signOut, onSignOut, signedOutReason, startOidcSignIn,
  completeOidcSignIn } from './session.js';

const PAGES = {
  MUNICIPALITY_OFFICER: () => import('./pages/officer.js'),
  SIGNATORY: () => import('./pages/signatory.js'),
  FUNDER_OFFICER: () => import('./pages/funder.js'),
  AUDITOR: () => import('./pages/auditor.js'),
  OPERATOR: () => import('./pages/operator.js'),
};

let config = { authMode: 'local' };
let stopPage = () => {};

async function boot() {
  await loadTexts();
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('brand').textContent = t('brand');
  try { config = await (await fetch('/config.json', { cache: 'no-store' })).json(); } catch { /* local */ }
  takeTokenFromFragment();
  if (config.authMode === 'oidc') {
    try { await completeOidcSignIn(config); } catch { sessionStorage.setItem('norrort.signedOut', 'invalid'); }
  }
  onSignOut(() => render());
  render();
}

let generation = 0;

async function render() {
  const mine = ++generation; // a later render (e.g. sign-out while a page loads) wins
  stopPage();
  stopPage = () => {};
  const main = document.getElementById('main');
  document.getElementById('alert').hidden = true;
  const s = session();
  renderAccount(s);
  if (!s) {
    renderSignIn(main);
    return;
  }
  watchExpiry();
  const role = s.claims.norrort_role;
  const load = PAGES[role];
  if (!load) {
    main.replaceChildren(h('h1', { text: t('unknownRole.title') }), h('p', { text: t('unknownRole.text', { role }) }));
    return;
  }
  const page = await load();
  if (mine !== generation) return;
  main.replaceChildren();
  stopPage = page.render(main, s.claims) || (() => {});
  document.title = `${main.querySelector('h1')?.textContent || ''} – ${t('brand')}`;
}

function renderAccount(s) {
  const nav = document.getElementById('account');
  const langId = 'lang-select';
  const language = h('span', {}, h('label', { for: langId, class: 'visually-hidden', text: t('language') }),
    h('select', { id: langId, onchange: async e => { setLang(e.target.value); await loadTexts(); render(); } },
      h('option', { value: 'sv', text: 'Svenska', selected: currentLang() === 'sv' }),
      h('option', { value: 'en', text: 'English', selected: currentLang() === 'en' })));
  const items = [language];
  if (s) {
    const who = [s.claims.name || s.claims.sub, t(`role.${s.claims.norrort_role}`)];
    if (s.claims.municipality) who.push(s.claims.municipality);
    items.unshift(h('span', { class: 'who', text: who.join(' · ') }));
    items.push(h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: () => signOut('signedOut'), text: t('signOut') }));
  }
  nav.setAttribute('aria-label', t('account'));
  nav.replaceChildren(...items);
}

function renderSignIn(main) {
  const reason = signedOutReason();
  const children = [h('h1', { text: t('signIn.title') })];
  if (reason === 'expired') children.push(h('p', { class: 'problem', role: 'alert', text: t('signIn.expired') }));
  if (reason === 'invalid') children.push(h('p', { class: 'problem', role: 'alert', text: t('signIn.invalid') }));
  if (reason === 'signedOut') children.push(h('p', { class: 'notice', text: t('signIn.signedOut') }));
  if (config.authMode === 'oidc') {
    children.push(h('p', { text: t('signIn.oidc') }),
      h('button', { type: 'button', id: 'oidc-sign-in', onclick: () => startOidcSignIn(config), text: t('signIn.button') }));
  } else {
    children.push(h('p', { text: t('signIn.local') }), h('pre', { class: 'mono', text: './run.sh --seed\njava -jar deploy/target/norrort-local.jar links' }));
  }
  main.replaceChildren(...children);
  document.title = `${t('signIn.title')} – ${t('brand')}`;
}

window.addEventListener('hashchange', () => { if (takeTokenFromFragment()) render(); });
boot();
