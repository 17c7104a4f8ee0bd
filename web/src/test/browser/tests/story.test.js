// The seed story end to end through the pages, one browser context per person: Sigtuna opens and joins, Danderyd
// joins (appearing live on Sigtuna's page within 2 s), a refused submission shown as its Swedish message, the
// delegations and signatures (Britt-Marie Ekström for Danderyd), the submission, Länsstyrelsen's partial grant, and
// the auditor's timeline, verification, checkpoint and E-ARK download; axe-core on every page, screenshots of each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { launch, personPage, PEOPLE, axe, shot, ROOT, SHOTS } from './support.js';

const sv = JSON.parse(readFileSync(path.join(ROOT, 'web/src/main/resources/static/i18n/sv.json'), 'utf8'));
const APP = `webtest-${Date.now().toString(36)}`;
const day = offset => { const d = new Date(); d.setDate(d.getDate() + offset); return d.toISOString().slice(0, 10); };
let browser;
const pages = {};
export const measured = {};

before(async () => {
  browser = await launch();
  for (const who of ['sigtuna', 'danderyd', 'brittMarie', 'sigtunaDirector', 'funder', 'auditor', 'operator']) {
    pages[who] = await personPage(browser, PEOPLE[who]);
  }
});

after(async () => {
  for (const [who, page] of Object.entries(pages)) assert.deepEqual(page.errors, [], `errors on ${who}'s page`);
  await browser?.close();
  console.log(`measured: ${JSON.stringify(measured)}`);
  for (const page of Object.values(pages)) console.log(`# network: ${JSON.stringify(page.network())}`);
});

// The story's steps build on each other: after a failed step the later ones are skipped, not failed again.
let broken = null;
function step(name, fn) {
  test(name, async t => {
    if (broken) { t.skip(`an earlier step failed: ${broken}`); return; }
    try { await fn(); } catch (e) {
      broken = name;
      for (const page of Object.values(pages)) console.log(`network of ${JSON.stringify(page.network())}`);
      throw e;
    }
  });
}

const card = (page, id = APP) => page.locator(`section.application[data-application="${id}"]`);

/** Waits for the form's answer; a refusal fails the step with the message the page shows. */
async function answered(area, output = '.form-output') {
  await area.locator(`${output} .notice, ${output} .problem`).first().waitFor();
  const problem = area.locator(`${output} .problem`);
  if (await problem.count()) assert.fail(`refused: ${await area.locator(output).first().textContent()}`);
}

/** The committee decision (the same paragraph decides the joining and the delegation, as in Danderyd's minutes). */
async function fillDecision(form, { paragraph, immediate }) {
  await form.getByLabel(sv['decision.meetingDate']).fill(day(-10));
  await form.getByLabel(sv['decision.paragraph']).fill(paragraph);
  await form.getByLabel(sv['decision.announcementDate']).fill(day(immediate ? -10 : -3));
  if (immediate) await form.getByLabel(sv['decision.immediateAdjustment']).check();
}

async function joinOn(page, decision) {
  const form = card(page).locator('form[data-action=join]');
  await fillDecision(form, decision);
  await form.getByRole('button', { name: sv['join.button'] }).click();
  await answered(card(page), '.card-output');
}

async function delegateOn(page, { person, name, ...decision }) {
  const form = card(page).locator('form[data-action=delegate]');
  await form.getByLabel(sv['delegate.person']).fill(person);
  await form.getByLabel(sv['delegate.name']).fill(name);
  await fillDecision(form, decision);
  await form.getByRole('button', { name: sv['delegate.button'] }).click();
  await answered(card(page), '.card-output');
}

async function sign(page) {
  const section = page.locator(`section[data-application="${APP}"]`);
  await section.getByRole('button', { name: sv['sign.button'] }).click();
  await section.locator('[data-signed=true]').waitFor({ timeout: 10000 });
}

step('Sigtuna opens the application and joins; the page shows the new state at once', async () => {
  const page = pages.sigtuna;
  await axe(page, 'the officer page');
  await page.locator('summary', { hasText: sv['open.title'] }).click();
  const form = page.locator('form[data-action=open]');
  await form.getByLabel(sv['open.applicationId']).fill(APP);
  await form.getByLabel(sv['open.titleField']).fill(`Gemensam resurs i Norrort (webbtest ${APP})`);
  await form.getByLabel(sv['open.amount']).fill('2400000');
  await form.getByRole('button', { name: sv['open.button'] }).click();
  await answered(form);
  await card(page).waitFor();
  await joinOn(page, { paragraph: '§ 40', immediate: false });
  await assert.doesNotReject(card(page).getByText(sv['memberStatus.JOINED'], { exact: true }).first().waitFor());
  await page.locator(`[data-summary="${APP}"]`).getByText('1 av 15 har gått med, 0 har skrivit under').waitFor();
  await axe(page, 'the project owner page');
  await shot(page, 'owner-membership');
});

step("Danderyd joins on Socialnämnden's decision § 45, and Sigtuna's page shows it live within 2 s", async () => {
  const page = pages.danderyd;
  await card(page).waitFor({ timeout: 10000 }); // the invitation arrived live
  await axe(page, 'the municipality page');
  const summary = pages.sigtuna.locator(`[data-summary="${APP}"]`);
  const clicked = Date.now();
  await joinOn(page, { paragraph: '§ 45', immediate: true });
  const acknowledged = Date.now();
  await summary.getByText('2 av 15 har gått med, 0 har skrivit under').waitFor({ timeout: 5000 });
  const seen = Date.now();
  measured.liveAfterAckMs = seen - acknowledged;
  measured.liveAfterClickMs = seen - clicked;
  assert.ok(seen - acknowledged < 2000, `appeared ${seen - acknowledged} ms after the command was answered`);
  await shot(page, 'municipality-danderyd');
});

step("Danderyd uploads the tjänsteutlåtande and sees the SHA-256 the service computed", async () => {
  const content = Buffer.from(`%PDF-1.4\n% Tjänsteutlåtande, Socialnämnden § 45 (${APP})\n%%EOF\n`);
  const form = card(pages.danderyd).locator('form[data-action=upload]');
  await form.getByLabel(sv['documents.kind']).selectOption('TJANSTEUTLATANDE');
  await form.getByLabel(sv['documents.file']).setInputFiles({ name: 'tjansteutlatande.pdf', mimeType: 'application/pdf', buffer: content });
  await form.getByRole('button', { name: sv['documents.button'] }).click();
  await answered(form);
  const expected = createHash('sha256').update(content).digest('hex');
  assert.match(await form.locator('.notice').textContent(), new RegExp(`SHA-256: ${expected} \\(samma som beräknat i webbläsaren\\)`));
});

step('Danderyd records its budget line; a year outside the project period is refused in Swedish', async () => {
  const area = card(pages.danderyd);
  const form = area.locator('form[data-action=budget]');
  const year = new Date().getFullYear();
  await form.getByLabel(sv['budget.year']).fill(String(year + 10));
  await form.getByLabel(sv['budget.amount']).fill('300000');
  await form.getByRole('button', { name: sv['budget.button'] }).click();
  const problem = area.locator('.card-output .problem[data-code=BUDGET_YEAR_OUTSIDE_PERIOD]');
  await problem.waitFor();
  assert.equal(await problem.textContent(), sv['problem.BUDGET_YEAR_OUTSIDE_PERIOD']);
  await form.getByLabel(sv['budget.year']).fill(String(year));
  await form.getByLabel(sv['budget.amount']).fill('300000');
  await form.getByRole('button', { name: sv['budget.button'] }).click();
  await answered(area, '.card-output');
  await area.getByText(`${year}: 300\u00a0000\u00a0kr`, { exact: false }).waitFor();
});

step('a refused submission is shown as its Swedish message, with the reasons the view shows', async () => {
  const page = pages.sigtuna;
  const area = card(page);
  await area.locator(`#reasons-${APP}`).getByText(/Danderyd/).waitFor();
  await area.getByRole('button', { name: sv['submit.button'] }).click();
  const problem = area.locator('.problem[data-code=NOT_ALL_SIGNED]');
  await problem.waitFor();
  assert.equal(await problem.textContent(), sv['problem.NOT_ALL_SIGNED']);
  await shot(page, 'owner-refused');
});

step('Danderyd delegates the signing to Britt-Marie Ekström, who signs; Sigtuna signs through its own delegate', async () => {
  await delegateOn(pages.danderyd, { person: 'britt-marie.ekstrom', name: 'Britt-Marie Ekström', paragraph: '§ 45', immediate: true });
  const bm = pages.brittMarie;
  await bm.locator(`section[data-application="${APP}"]`).getByRole('button', { name: sv['sign.button'] }).waitFor({ timeout: 10000 });
  await axe(bm, 'the delegate page');
  await shot(bm, 'delegate-to-sign');
  await sign(bm);
  await delegateOn(pages.sigtuna, { person: 'socialdirektor.0191', name: 'Sigrid Socialdirektör', paragraph: '§ 40', immediate: false });
  await pages.sigtunaDirector.locator(`section[data-application="${APP}"]`).getByRole('button', { name: sv['sign.button'] }).waitFor({ timeout: 10000 });
  await sign(pages.sigtunaDirector);
  await pages.sigtuna.locator(`[data-summary="${APP}"]`).getByText('2 av 15 har gått med, 2 har skrivit under').waitFor({ timeout: 5000 });
  // the README's picture (doc/web-owner.png is copied from it): the membership at a glance
  const summary = pages.sigtuna.locator(`[data-summary="${APP}"]`);
  await summary.evaluate(el => el.closest('div').previousElementSibling?.scrollIntoView() ?? el.scrollIntoView());
  await pages.sigtuna.screenshot({ path: path.join(SHOTS, 'readme-owner.png') });
});

step('Sigtuna submits; Länsstyrelsen grants 1 800 000 kr of 2 400 000 kr under a case number', async () => {
  const owner = card(pages.sigtuna);
  await owner.getByText(sv['submit.ready']).waitFor();
  await owner.getByRole('button', { name: sv['submit.button'] }).click();
  await owner.getByText(sv['submit.done']).waitFor();

  const page = pages.funder;
  const row = page.locator('#funder-list tr', { hasText: APP });
  await row.waitFor({ timeout: 10000 });
  await axe(page, 'the County Board list');
  await row.getByRole('button').click();
  const form = page.locator('form[data-action=award]');
  await form.getByLabel(sv['award.amount']).fill('1800000');
  await form.getByLabel(sv['award.caseNumber']).fill('851-99999-2026');
  await form.getByLabel(sv['award.conditions']).fill('Medlen får användas endast för projektet enligt ansökan.');
  await form.getByLabel(sv['award.interimDue']).fill(day(365));
  await form.getByLabel(sv['award.finalDue']).fill(day(800));
  await axe(page, 'the County Board decision');
  await shot(page, 'county-board-decision');
  await form.getByRole('button', { name: sv['award.button'] }).click();
  await page.locator('#funder-detail').getByText('1\u00a0800\u00a0000\u00a0kr – 851-99999-2026', { exact: false }).waitFor({ timeout: 10000 });
  // Danderyd's page shows the grant live
  await card(pages.danderyd).getByText(/1\u00a0800\u00a0000\u00a0kr – 851-99999-2026/).waitFor({ timeout: 5000 });
});

step('the auditor sees the timeline, verifies the history, and downloads a checkpoint and the E-ARK package', async () => {
  const page = pages.auditor;
  await page.getByLabel(sv['auditor.applicationId']).fill(APP);
  await page.getByRole('button', { name: sv['auditor.show'], exact: true }).click();
  await page.locator('#timeline li', { hasText: 'Britt-Marie Ekström' }).first().waitFor({ timeout: 10000 });
  await axe(page, 'the auditor timeline');
  await shot(page, 'auditor-timeline');

  await page.locator('[data-tab=verify]').click();
  await page.locator('#verify-button').click();
  await page.locator('#verify-result [data-ok=true]').waitFor();
  assert.match(await page.locator('#verify-result').textContent(), /Historiken är oförändrad/);
  const [checkpoint] = await Promise.all([page.waitForEvent('download'), page.locator('#checkpoint-button').click()]);
  const checkpointFile = path.join(SHOTS, '..', `${APP}-checkpoint.json`);
  await checkpoint.saveAs(checkpointFile);
  assert.ok(JSON.parse(readFileSync(checkpointFile, 'utf8')).signature, 'the checkpoint carries its signature');
  const [archive] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.locator('#export-button').click()]);
  const archiveFile = path.join(SHOTS, '..', `${APP}.sip.zip`);
  await archive.saveAs(archiveFile);
  assert.equal(readFileSync(archiveFile).subarray(0, 2).toString('latin1'), 'PK', 'the E-ARK package is a zip');
  const check = page.locator('form[data-action=check-checkpoint]');
  await check.getByLabel(sv['checkpoint.file']).setInputFiles(checkpointFile);
  await check.getByRole('button', { name: sv['checkpoint.checkButton'] }).click();
  await check.getByText(sv['checkpoint.matches']).waitFor();
  await axe(page, 'the auditor verification');
  await shot(page, 'auditor-verify');

  await page.locator('[data-tab=membership]').click();
  await page.getByRole('button', { name: 'Vilka händelser satte uppgifterna om Danderyd?' }).click();
  await page.locator('dl.provenance').getByText(/CooperationFormSigned.*Britt-Marie Ekström/).first().waitFor();
  await page.locator('[data-tab=state]').click();
  await page.locator('form[data-action=state]').getByRole('button').click();
  await page.locator('#state-result').getByText(sv['appStatus.GRANTED']).first().waitFor();
  await page.locator('[data-tab=changes]').click();
  await page.locator('form[data-action=changes]').getByRole('button').click();
  await page.locator('#changes-result').getByText(/händelser under perioden/).waitFor();
  await axe(page, 'the auditor state and changes');
});

step('the operator sees dead letters and the views with their rebuild progress', async () => {
  const page = pages.operator;
  await page.locator('#dead-letters section[data-group=membership]').waitFor();
  await page.locator('[data-rebuild=membership]').waitFor();
  await axe(page, 'the operator page');
  await shot(page, 'operator');
});

step('after the grant: Sigtuna requisitions and reports, Länsstyrelsen sees it live, claims repayment and closes; refusals in Swedish', async () => {
  const owner = card(pages.sigtuna);
  const funder = pages.funder.locator('#funder-detail');
  const submitIn = async (action, fill) => {
    const form = owner.locator(`form[data-action=${action}]`);
    await fill(form);
    await form.getByRole('button').click();
  };
  const refusedWith = async (area, code) => {
    const problem = area.locator(`.problem[data-code=${code}]`).first();
    await problem.waitFor();
    assert.equal(await problem.textContent(), sv[`problem.${code}`]);
  };
  await axe(pages.sigtuna, 'the project owner after the grant');
  await submitIn('requisition', f => f.getByLabel(sv['requisition.amount']).fill('600000'));
  await answered(owner, '.card-output');
  await funder.getByText('600\u00a0000\u00a0kr', { exact: true }).waitFor({ timeout: 5000 }); // live on the County Board's page
  // more than granted in all, and the final report before the interim one: the service refuses, the page says why
  await submitIn('requisition', f => f.getByLabel(sv['requisition.amount']).fill('1300000'));
  await refusedWith(owner, 'REQUISITION_EXCEEDS_GRANT');
  await submitIn('report-FINAL', f => f.getByLabel(sv['reportForm.used']).fill('500000'));
  await refusedWith(owner, 'INTERIM_REPORT_MISSING');
  await submitIn('report-INTERIM', f => f.getByLabel(sv['reportForm.used']).fill('500000'));
  await answered(owner, '.card-output');
  await funder.getByText(/inlämnad .*, använt 500\u00a0000\u00a0kr/).waitFor({ timeout: 5000 });
  await shot(pages.sigtuna, 'owner-after-grant');

  // the interim report shows 100 000 kr requisitioned but not used: Länsstyrelsen claims it back
  const claim = funder.locator('form[data-action=repayment]');
  await claim.getByLabel(sv['repayment.amount']).fill('700000');
  await claim.getByLabel(sv['repayment.reason']).fill('Medel som inte använts enligt delrapporten.');
  await claim.getByRole('button').click();
  await refusedWith(funder, 'REPAYMENT_EXCEEDS_REQUISITIONED');
  await funder.locator('form[data-action=repayment]').getByLabel(sv['repayment.amount']).fill('100000');
  await funder.locator('form[data-action=repayment]').getByLabel(sv['repayment.reason']).fill('Medel som inte använts enligt delrapporten.');
  await funder.locator('form[data-action=repayment]').getByRole('button').click();
  await funder.getByText('100\u00a0000\u00a0kr', { exact: true }).waitFor({ timeout: 5000 });
  await funder.locator('form[data-action=close]').getByLabel(sv['closure.reason']).fill('Projektet är slutredovisat.');
  await funder.locator('form[data-action=close]').getByRole('button').click();
  await refusedWith(funder, 'APPLICATION_NOT_CLOSABLE'); // not before the final report
  await axe(pages.funder, 'the County Board after the grant');
  await shot(pages.funder, 'county-board-after-grant');

  // Danderyd corrects the paragraph of its recorded joining decision
  const danderyd = card(pages.danderyd);
  const correct = danderyd.locator('form[data-action=correct]');
  await fillDecision(correct, { paragraph: '§ 45 a', immediate: true });
  await correct.getByLabel(sv['correction.reason']).fill('Fel paragraf i protokollsutdraget.');
  await correct.getByRole('button', { name: sv['correction.button'] }).click();
  await answered(danderyd, '.card-output');
  await danderyd.getByText(/§ 45 a/).first().waitFor();

  await submitIn('report-FINAL', f => f.getByLabel(sv['reportForm.used']).fill('500000'));
  await answered(owner, '.card-output');
  await funder.getByText(/använt 500\u00a0000\u00a0kr/).nth(1).waitFor({ timeout: 5000 });
  await pages.funder.locator('#funder-detail form[data-action=close]').getByLabel(sv['closure.reason']).fill('Projektet är slutredovisat.');
  await pages.funder.locator('#funder-detail form[data-action=close]').getByRole('button').click();
  await funder.locator('dd', { hasText: 'Projektet är slutredovisat.' }).waitFor({ timeout: 5000 });
  // the closing reaches Danderyd's page live
  await danderyd.locator('dd', { hasText: sv['appStatus.CLOSED'] }).waitFor({ timeout: 5000 });
});

step('the pages work at a phone width', async () => {
  const page = await personPage(browser, PEOPLE.sigtuna, { width: 390, height: 844 });
  await card(page).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await axe(page, 'the owner page on a phone');
  await shot(page, 'owner-phone');
  assert.deepEqual(page.errors, []);
});
