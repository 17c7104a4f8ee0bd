// Shared by the browser tests: Debian's chromium through playwright-core, tokens minted with the launcher's
// `token` command (the local key of the stack under test), axe-core, screenshots under web/target/screenshots.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(process.env.NORRORT_HOME || path.join(import.meta.dirname, '../../../../..'));
export const BASE = process.env.WEB_URL || `http://127.0.0.1:${process.env.WEB_PORT || 8080}/`;
export const SHOTS = path.join(ROOT, 'web', 'target', 'screenshots');
mkdirSync(SHOTS, { recursive: true });
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // playwright gives every launch a fresh temporary --user-data-dir of its own
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync'],
    timeout: 60000,
  });
}

/** A bearer token minted on the command line with the stack's local key, as the sign-in links carry. */
export function token({ sub, name, role, municipality, minutes = 60 }) {
  const args = ['-Dnorrort.home=' + ROOT, '-jar', path.join(ROOT, 'deploy/target/norrort-local.jar'), 'token',
    '--sub', sub, '--name', name, '--role', role, '--minutes', String(minutes)];
  if (municipality) args.push('--municipality', municipality);
  return execFileSync('java', args, { encoding: 'utf8', env: process.env }).trim();
}

/** The sign-in links the launcher prints (`links`), by person's label. */
export function links() {
  const out = execFileSync('java', ['-Dnorrort.home=' + ROOT, '-jar', path.join(ROOT, 'deploy/target/norrort-local.jar'),
    'links', '--base', BASE], { encoding: 'utf8', env: process.env });
  return out.split('\n').map(l => l.trim()).filter(l => l.startsWith('http'));
}

/** A browser context for one person, signed in through a sign-in link; fails the test on any page error. */
export async function personPage(browser, person, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', e => page.errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error' && !/status of (4\d\d|503)/.test(m.text())) page.errors.push(m.text()); });
  watchNetwork(page, person.sub);
  page.on('console', m => { if (m.type() !== 'error') page.console?.push(`${m.type()}: ${m.text()}`); });
  page.console = [];
  await page.goto(`${BASE}#token=${token(person)}`);
  try {
    await page.locator('h1').first().waitFor();
  } catch (e) {
    const body = await page.evaluate(() => document.body?.innerText?.slice(0, 300)).catch(() => '?');
    throw new Error(`${person.sub}'s page showed no heading: ${e.message}\nnetwork: ${JSON.stringify(page.network())}`
      + `\nerrors: ${JSON.stringify(page.errors)}\npage: ${body}`);
  }
  return page;
}

/** Runs axe-core on the page; no serious or critical violation allowed (WCAG 2.1 A and AA rules). */
export async function axe(page, label) {
  // evaluated through the DevTools protocol: the pages' Content-Security-Policy (script-src 'self') stays on
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(`${AXE};true`);
  const result = await page.evaluate(async () => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')})`), [],
    `accessibility violations on ${label}`);
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export const PEOPLE = {
  sigtuna: { sub: 'sigtuna.officer', name: 'Anna Andersson', role: 'MUNICIPALITY_OFFICER', municipality: '0191' },
  sigtunaDirector: { sub: 'socialdirektor.0191', name: 'Sigrid Socialdirektör', role: 'SIGNATORY', municipality: '0191' },
  danderyd: { sub: 'danderyd.officer', name: 'Lina Rönnerblad', role: 'MUNICIPALITY_OFFICER', municipality: '0162' },
  brittMarie: { sub: 'britt-marie.ekstrom', name: 'Britt-Marie Ekström', role: 'SIGNATORY', municipality: '0162' },
  taby: { sub: 'taby.officer', name: 'Tove Täbysdotter', role: 'MUNICIPALITY_OFFICER', municipality: '0160' },
  funder: { sub: 'lansstyrelsen.handlaggare', name: 'Lars Länsman', role: 'FUNDER_OFFICER' },
  auditor: { sub: 'revisor', name: 'Rut Revisor', role: 'AUDITOR' },
  operator: { sub: 'operator', name: 'Olle Operatör', role: 'OPERATOR' },
};

/**
 * Keeps each request's timing: `page.network()` lists the requests still waiting for their response headers and the
 * ones that took longer than `slowMs` to answer, so a failed wait shows which request the page was waiting for.
 */
export function watchNetwork(page, who) {
  const started = new Map();
  const slow = [];
  page.on('request', r => started.set(r, Date.now()));
  const done = (r, how) => {
    const t0 = started.get(r);
    started.delete(r);
    if (t0 !== undefined && Date.now() - t0 > 2000) slow.push(`${how} after ${Date.now() - t0} ms: ${r.method()} ${r.url()}`);
  };
  page.on('response', res => done(res.request(), `answered ${res.status()}`));
  page.on('requestfailed', r => done(r, `failed (${r.failure()?.errorText})`));
  page.network = () => ({ who, waiting: [...started].map(([r, t0]) => `${Date.now() - t0} ms: ${r.method()} ${r.url()}`), slow: [...slow] });
}
