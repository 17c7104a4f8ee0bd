// Keyboard walk: on each person's page, Tab reaches every interactive control in document order, each with a
// visible focus and an accessible name; the main actions can be done with the keyboard alone (opening an
// application and joining it, filtering the County Board's list, the auditor's tabs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, personPage, PEOPLE, ROOT, shot } from './support.js';

const sv = JSON.parse(readFileSync(path.join(ROOT, 'web/src/main/resources/static/i18n/sv.json'), 'utf8'));
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Marks every control Tab should reach, in document order; answers their count. */
async function markTabbable(page) {
  return page.evaluate(() => {
    const candidates = document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]');
    let n = 0;
    for (const el of candidates) {
      el.removeAttribute('data-kb');
      const rendered = el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
        && (!el.checkVisibility || el.checkVisibility({ visibilityProperty: true }));
      // the content of a closed <details> is not reachable, its summary is
      const closed = el.closest('details:not([open])');
      if (closed && el !== closed.querySelector(':scope > summary')) continue;
      if (!rendered || el.disabled || el.tabIndex < 0 || el.closest('[hidden], [inert]')) continue;
      el.setAttribute('data-kb', String(n++));
    }
    return n;
  });
}

/** What has the focus now: its mark, accessible name and whether its focus can be seen. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const text = node => (node?.textContent || '').replace(/\s+/g, ' ').trim();
    const byIds = el.getAttribute('aria-labelledby')?.split(/\s+/).map(id => text(document.getElementById(id))).join(' ').trim();
    const name = el.getAttribute('aria-label') || byIds || (el.labels && el.labels.length ? text(el.labels[0]) : '')
      || (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) ? text(el) : '') || el.getAttribute('title') || '';
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return { mark: el.getAttribute('data-kb'), tag: el.tagName.toLowerCase(), name, visibleFocus: outline || style.boxShadow !== 'none',
      html: el.outerHTML.slice(0, 120) };
  });
}

/** The stops Tab reaches from the top of the page, each once (a date field takes one Tab per part). */
async function tabStops(page, count) {
  // start from the top: a blur alone leaves the browser's sequential-focus starting point where the focus was
  await page.evaluate(() => {
    document.activeElement?.blur();
    const start = document.createElement('span');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    start.remove();
    window.scrollTo(0, 0);
  });
  const seen = [];
  for (let i = 0; i < count * 4 + 10 && seen.length < count; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now || (seen.length && seen[seen.length - 1].mark === now.mark)) continue;
    seen.push(now);
  }
  return seen;
}

/** Tabs through the whole page from the top; every stop in order, named, with a visible focus. */
async function walk(page, label) {
  let count = await markTabbable(page);
  assert.ok(count > 2, `${label}: controls to reach`);
  let seen = await tabStops(page, count);
  // A live state that arrives during the walk re-renders part of the page, and its new controls carry no mark: then
  // the page is walked again once it has settled (at most twice), rather than the walk failing on a re-render.
  for (let again = 0; again < 2 && seen.some(s => s.mark === null); again++) {
    await page.waitForTimeout(500);
    count = await markTabbable(page);
    seen = await tabStops(page, count);
  }
  assert.deepEqual(seen.map(s => s.mark), [...Array(count).keys()].map(String), `${label}: Tab reaches every control in document order`);
  const unnamed = seen.filter(s => !s.name).map(s => s.html);
  assert.deepEqual(unnamed, [], `${label}: every control has an accessible name`);
  const unseen = seen.filter(s => !s.visibleFocus).map(s => s.html);
  assert.deepEqual(unseen, [], `${label}: every control shows its focus`);
  return seen;
}

/** Tabs forward until the control with the accessible name `name` has the focus. */
async function tabTo(page, name, max = 300) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now && now.name === name) return now;
  }
  assert.fail(`Tab never reached "${name}"`);
}

/**
 * Types YYYY-MM-DD into a focused date field, part by part. The parts' order is the browser's own (headless Chromium
 * here: month, day, year, each moving on by itself when full); a browser with the year first is handled too.
 */
async function typeDate(page, value) {
  const [y, m, d] = value.split('-');
  await page.keyboard.type(`${m}${d}${y}`);
  if (await page.evaluate(() => document.activeElement.value) !== value) {
    await page.evaluate(() => { document.activeElement.value = ''; });
    for (const [i, part] of [y, m, d].entries()) {
      if (i) await page.keyboard.press('ArrowRight');
      await page.keyboard.type(part);
    }
  }
  assert.equal(await page.evaluate(() => document.activeElement.value), value, 'the date typed by keyboard');
}

// the page's content, and (on pages with live views) their "live" note: a view that never connects fails here
const ready = async (page, selector, live = true) => {
  await page.locator(selector).first().waitFor();
  if (live) await page.getByText(sv['live.on']).first().waitFor();
};

// each page once its live views have shown their first states (a later state re-renders parts of the page): the
// "live" note comes with the connection, before the first state, so the selector is content that state renders
for (const [who, selector, live] of [['sigtuna', '[data-summary] ~ div table'], ['danderyd', 'section.application'], ['taby', 'section.application'],
  ['brittMarie', '#to-sign'], ['funder', '#funder-list table'], ['auditor', '#timeline li'], ['operator', '[data-rebuild]', false]]) {
  test(`keyboard walk: ${who}'s page`, async () => {
    const page = await personPage(browser, PEOPLE[who]);
    await ready(page, selector, live);
    const stops = await walk(page, `${who}'s page`);
    assert.equal(stops[0].name, sv.skip, 'the skip link comes first');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('keyboard only: Sigtuna opens an application and joins it', async () => {
  const page = await personPage(browser, PEOPLE.sigtuna);
  await ready(page, 'section.application');
  const id = `kbd-${Date.now().toString(36)}`;
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, sv['open.title']);
  await page.keyboard.press('Enter'); // opens the details
  await tabTo(page, sv['open.applicationId']);
  await page.keyboard.type(id);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`Tangentbordsprov ${id}`);
  await tabTo(page, sv['open.amount']);
  await page.keyboard.type('500000');
  await page.keyboard.press('Enter'); // submits the form
  const card = page.locator(`section.application[data-application="${id}"]`);
  await card.waitFor();
  await page.locator('form[data-action=open] .notice').waitFor();

  // the new card's join form: Tab to its first field and fill it in by keyboard
  await card.locator('form[data-action=join] input[name=body]').focus();
  const day = offset => { const d = new Date(); d.setDate(d.getDate() + offset); return d.toISOString().slice(0, 10); };
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).name, sv['decision.meetingDate']);
  await typeDate(page, day(-5));
  await tabTo(page, sv['decision.paragraph']);
  await page.keyboard.type('§ 12');
  await tabTo(page, sv['decision.announcementDate']);
  await typeDate(page, day(-5));
  await tabTo(page, sv['decision.immediateAdjustment']);
  await page.keyboard.press('Space');
  await tabTo(page, sv['join.button']);
  await page.keyboard.press('Enter');
  await card.locator('.card-output .notice, .card-output .problem').first().waitFor()
    .catch(async e => { await shot(page, 'keyboard-join-failed'); throw e; });
  assert.equal(await card.locator('.card-output .problem').count(), 0, `refused: ${await card.locator('.card-output').textContent()}`);
  await card.getByText(sv['memberStatus.JOINED'], { exact: true }).first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('keyboard only: the County Board filters its list and opens a case; the auditor changes tabs', async () => {
  const page = await personPage(browser, PEOPLE.funder);
  await ready(page, '#funder-list table');
  await page.evaluate(() => document.activeElement?.blur());
  // the seeded application is granted: choose "Beviljad" with the arrow keys, then narrow by text
  await tabTo(page, sv['funder.filterStatus']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('select[name=status]').inputValue(), 'GRANTED');
  await tabTo(page, sv['funder.filterText']);
  await page.keyboard.type('norrort-gemensam');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#funder-list tbody tr')];
    return rows.length === 1 && rows[0].textContent.includes('Beviljad');
  });
  // the service filtered: the total counts the one match
  await page.locator('#funder-list[data-total="1"]').waitFor();
  await tabTo(page, sv['funder.openCase'].replace('{title}', await page.locator('#funder-list tbody tr td').first().textContent()));
  await page.keyboard.press('Enter');
  await page.locator('#funder-detail form[data-action=repayment]').waitFor();
  await page.context().close();

  const auditor = await personPage(browser, PEOPLE.auditor);
  await ready(auditor, '#timeline li');
  await auditor.evaluate(() => document.activeElement?.blur());
  await tabTo(auditor, sv['auditor.tab.verify']);
  await auditor.keyboard.press('Enter');
  await auditor.locator('#verify-button').waitFor();
  assert.equal(await auditor.evaluate(() => `${document.activeElement.tagName} ${document.activeElement.textContent}`),
    `H2 ${sv['auditor.tab.verify']}`, 'the focus moves to the shown tab\'s heading');
  await auditor.context().close();
});
