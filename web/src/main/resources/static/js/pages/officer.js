// A municipality officer: the municipality's applications and to-dos (live), joining on a committee decision,
// declining, withdrawing, signing delegations, documents; for the project owner's officers also the consortium's
// membership at a glance (live), opening an application and submitting it.
import { t, date, sek } from '../i18n.js';
import { h, field, select, commandForm, commandButton, table, decisionFields, decisionFrom, decisionText, today, uid, problemMessage } from '../ui.js';
import { read, command, live } from '../api.js';
import { renderMembership } from './membership.js';

export function render(main, claims) {
  const code = claims.municipality;
  const stops = [];
  const heading = h('h1', { text: t('officer.title', { name: code }) });
  const liveNote = h('p', { class: 'live', text: t('live.connecting') });
  const overview = h('section', { class: 'card', 'aria-labelledby': 'todo-heading' });
  const list = h('div', { id: 'applications' });
  const cards = new Map();
  const base = `/api/municipalities/${code}`;
  // A browser keeps at most six HTTP/1.1 connections per origin, and every live stream holds one: the page follows
  // the municipality's view and the membership of one owned application at a time (the newest open one, or the
  // one the officer picks), so commands always find a free connection.
  const membership = { applicationId: null, stop: () => {} };
  function follow(applicationId) {
    if (membership.applicationId === applicationId) return;
    membership.stop();
    for (const [id, c] of cards) c.showMembership(id === applicationId ? membership : null);
    membership.applicationId = applicationId;
    membership.stop = cards.get(applicationId).startMembership();
  }
  stops.push(() => membership.stop());

  function show(view) {
    heading.textContent = t('officer.title', { name: view.name || code });
    overview.replaceChildren(h('h2', { id: 'todo-heading', text: t('officer.todo') }),
      view.todo && view.todo.length
        ? h('ul', { id: 'todo' }, view.todo.map(item => h('li', {},
          `${t(`todo.${item.action}`)} – ${item.title || item.applicationId}`,
          item.due ? ` (${t('due', { date: date(item.due) })})` : '')))
        : h('p', { id: 'todo', text: t('officer.nothingTodo') }));
    const fresh = [];
    for (const app of view.applications || []) {
      let card = cards.get(app.applicationId);
      if (!card) {
        if (cards.size) fresh.push(app.applicationId);
        card = applicationCard(app.applicationId, code, refresh, follow);
        cards.set(app.applicationId, card);
        list.append(card.root);
      }
      card.update(app);
    }
    // follow the newest open owned application when the page opens, then one that is opened while it is shown;
    // otherwise keep following the same one (its submission must stay in sight)
    const owned = (view.applications || []).filter(a => a.role === 'OWNER');
    const isOpen = a => !a.applicationStatus || a.applicationStatus === 'OPEN' || a.applicationStatus === 'JOINING_CLOSED';
    const opened = owned.filter(a => fresh.includes(a.applicationId) && isOpen(a));
    const newestOpen = owned.filter(isOpen).sort((a, b) => String(b.invitedAt).localeCompare(String(a.invitedAt)))[0];
    if (opened.length) follow(opened[opened.length - 1].applicationId);
    else if (!membership.applicationId && (newestOpen || owned[0])) follow((newestOpen || owned[0]).applicationId);
    if (!(view.applications || []).length) list.replaceChildren(h('p', { text: t('officer.noApplications') }));
  }

  async function refresh(position) {
    show(await read(base, position));
  }

  const open = h('details', {}, h('summary', { text: t('open.title') }), openForm(code, async receipt => {
    await refresh(receipt.position);
  }));

  main.append(heading, liveNote, overview, list, open);
  stops.push(live(`${base}/stream`, view => show(view),
    error => main.prepend(h('p', { class: 'problem', role: 'alert', text: problemMessage(error) })),
    up => { liveNote.textContent = up ? t('live.on') : t('live.reconnecting'); }));
  return () => stops.forEach(stop => stop());
}

function applicationCard(applicationId, code, refresh, pick) {
  const path = `/api/applications/${encodeURIComponent(applicationId)}/municipalities/${code}`;
  const titleId = uid('app');
  const title = h('h2', { id: titleId });
  const facts = h('div');
  const delegations = h('div');
  const ownerArea = h('div');
  let owner = false;
  const after = async receipt => { await refresh(receipt.position); return t('done.recorded'); };
  const output = h('div', { class: 'form-output card-output', 'aria-live': 'polite' });

  const join = commandForm('join.title', decisionFields(), 'join.button',
    async data => after(await command(`${path}/join`, { decision: decisionFrom(data) })), { id: 'join', output });
  const decline = commandForm('decline.title', [field('decline.reason', { name: 'reason', type: 'textarea', required: true })],
    'decline.button', async data => after(await command(`${path}/decline`, { reason: data.get('reason') })), { id: 'decline', output });
  const withdraw = commandForm('withdraw.title', [field('withdraw.reason', { name: 'reason', type: 'textarea', required: true })],
    'withdraw.button', async data => after(await command(`${path}/withdraw`, { reason: data.get('reason') })), { id: 'withdraw', danger: true, output });
  const delegate = commandForm('delegate.title', [
    field('delegate.person', { name: 'delegate', required: true, placeholder: 'britt-marie.ekstrom' }),
    field('delegate.name', { name: 'delegateName', required: true }),
    field('delegate.role', { name: 'delegateRole', required: true, value: 'socialdirektör' }),
    field('delegate.scope', { name: 'scope', type: 'textarea', required: true,
      value: 'Underteckna samverkansblankett till en projektansökan till Länsstyrelsen' }),
    field('delegate.validUntil', { name: 'validUntil', type: 'date' }),
    ...decisionFields('d-')], 'delegate.button', async data => after(await command(`${path}/delegations`, {
    delegationId: `${code}-${Date.now().toString(36)}`, decision: decisionFrom(data, 'd-'), delegate: data.get('delegate'),
    delegateName: data.get('delegateName'), delegateRole: data.get('delegateRole'), scope: data.get('scope'),
    validUntil: data.get('validUntil') || null })), { id: 'delegate', output });
  const documents = uploadForm(applicationId, code, refresh);
  const appPath = `/api/applications/${encodeURIComponent(applicationId)}`;
  // The municipality's budget lines (before the submission) and the correction of its recorded committee decision.
  const budget = commandForm('budget.title', [
    field('budget.year', { name: 'year', type: 'number', min: '2000', max: '2100', step: '1', required: true, inputmode: 'numeric' }),
    field('budget.amount', { name: 'amountSek', type: 'number', min: '0', step: '1', required: true, inputmode: 'numeric' })],
  'budget.button', async data => after(await command(`${path}/budget-lines`, { year: number(data.get('year')),
    amountSek: number(data.get('amountSek')) })), { id: 'budget', output });
  let recorded = null; // the decision as the view shows it recorded: the one to correct
  const correct = commandForm('correction.title', [...decisionFields('c-'),
    field('correction.reason', { name: 'reason', type: 'textarea', required: true })], 'correction.button',
  async data => after(await command(`${path}/decision-corrections`, { correctedReference: recorded && {
    body: recorded.body, meetingDate: recorded.meetingDate, paragraph: recorded.paragraph,
    immediateAdjustment: !!recorded.immediateAdjustment, announcementDate: recorded.announcementDate },
  newReference: decisionFrom(data, 'c-'), reason: data.get('reason') })), { id: 'correct', output });
  // The project owner's steps after the grant: requisitions, the interim and final reports, closing.
  const reportDocument = h('div');
  const requisition = commandForm('requisition.title', [field('requisition.amount', { name: 'amountSek', type: 'number', min: '1', step: '1', required: true, inputmode: 'numeric' })],
    'requisition.button', async data => after(await command(`${appPath}/requisitions`, { amountSek: number(data.get('amountSek')) })), { id: 'requisition', output });
  const reportForm = kind => commandForm(`reportForm.${kind}.title`, [
    field('reportForm.used', { name: 'usedAmountSek', type: 'number', min: '0', step: '1', required: true, inputmode: 'numeric' }),
    h('div', { 'data-documents': kind })], `reportForm.${kind}.button`,
  async data => after(await command(`${appPath}/${kind === 'INTERIM' ? 'interim-report' : 'final-report'}`, {
    usedAmountSek: number(data.get('usedAmountSek')), reportDocumentId: data.get('reportDocumentId') || null })), { id: `report-${kind}`, output });
  const interim = reportForm('INTERIM');
  const final = reportForm('FINAL');
  const close = commandForm('closure.title', [field('closure.reason', { name: 'reason', type: 'textarea', required: true })],
    'closure.button', async data => after(await command(`${appPath}/closure`, { reason: data.get('reason') })), { id: 'close', danger: true, output });

  const root = h('section', { class: 'card application', 'aria-labelledby': titleId, 'data-application': applicationId },
    title, facts, delegations, ownerArea,
    h('h3', { text: t('officer.actions') }), output, join, decline, withdraw, delegate, budget, correct, documents,
    requisition, interim, final, close);
  // before submission: open, or with joining closed (the owner may still submit, members still sign)
  const open = status => status === undefined || status === null || status === 'OPEN' || status === 'JOINING_CLOSED';

  function update(app) {
    title.textContent = app.title || applicationId;
    const rows = [
      [t('app.owner'), `${app.ownerName || app.owner} (${app.owner})`],
      [t('app.funder'), app.funder],
      [t('app.status'), t(`appStatus.${app.applicationStatus}`)],
      [t('app.ourStatus'), h('span', { class: `status-${app.status}`, 'data-field': 'status', text: t(`memberStatus.${app.status}`) })],
      [t('app.signed'), app.signed ? t('yes') : t('no')],
      [t('app.applied'), sek(app.appliedAmountSek)],
      [t('app.period'), `${date(app.periodStart)} – ${date(app.periodEnd)}`],
      [t('app.joiningDeadline'), date(app.joiningDeadline)],
      [t('app.decision'), decisionText(app.decision)],
      [t('app.appealDeadline'), date(app.appealDeadline)],
    ];
    if (app.signature) rows.push([t('app.signature'), `${app.signature.signatoryName} (${app.signature.signatoryRole}), ${date(app.signature.signedAt)}`]);
    if (app.granted) rows.push([t('app.granted'), `${sek(app.granted.amountSek)} – ${app.granted.caseNumber} (${date(app.granted.decisionDate)})`]);
    for (const r of app.reports || []) rows.push([t(`report.${r.report}`), reportText(r)]);
    if ((app.budgetLines || []).length) rows.push([t('budget.lines'), `${app.budgetLines.map(l => `${l.year}: ${sek(l.amountSek)}`).join('; ')} (${t('budget.total', { total: sek(app.budgetTotalSek) })})`]);
    for (const c of app.decisionCorrections || []) rows.push([t('correction.done'), `${decisionText(c.previous)} → ${decisionText(c.corrected)} (${c.reason}, ${date(c.correctedAt)})`]);
    if (app.todo && app.todo.length) rows.push([t('officer.todo'), app.todo.map(i => `${t(`todo.${i.action}`)}${i.due ? ` (${date(i.due)})` : ''}`).join('; ')]);
    // Which forms are offered follows the view's state; the service still decides every command.
    join.hidden = decline.hidden = !(open(app.applicationStatus) && app.status === 'INVITED');
    withdraw.hidden = delegate.hidden = budget.hidden = !(open(app.applicationStatus) && app.status === 'JOINED');
    recorded = app.decision || null;
    correct.hidden = !(app.status === 'JOINED' && recorded && app.applicationStatus !== 'CLOSED');
    const isOwner = app.role === 'OWNER';
    const granted = isOwner && app.applicationStatus === 'GRANTED';
    const report = kind => (app.reports || []).find(r => r.report === kind);
    requisition.hidden = !(granted && !report('FINAL')?.submitted);
    interim.hidden = !(granted && report('INTERIM') && !report('INTERIM').submitted);
    final.hidden = !(granted && report('FINAL') && !report('FINAL').submitted);
    close.hidden = !(isOwner && (app.applicationStatus === 'REJECTED' || (granted && (!report('FINAL') || report('FINAL').submitted))));
    for (const slot of root.querySelectorAll('[data-documents]')) documentChoice(slot, app.documents || []);
    facts.replaceChildren(h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)])));
    const ds = app.delegations || [];
    delegations.replaceChildren(h('h3', { text: t('delegations.title') }), ds.length ? table(
      ['delegate.name', 'delegate.role', 'delegate.scope', 'delegate.validUntil', 'app.status', 'actions'],
      ds.map(d => [`${d.delegateName} (${d.delegate})`, d.delegateRole, d.scope, date(d.validUntil), t(`delegationStatus.${d.status}`),
        d.status === 'ACTIVE' ? commandButton('revoke.button', async () => after(await command(
          `${path}/delegations/${encodeURIComponent(d.delegationId)}/revoke`, { reason: t('revoke.defaultReason') })), { class: 'secondary' }) : '']),
      'delegations.title') : h('p', { text: t('delegations.none') }));
    owner = app.role === 'OWNER';
    position = app.position;
    if (owner && !ownerArea.childNodes.length) showMembership(null);
  }
  function showMembership(active) {
    if (!owner || active) return;
    ownerArea.replaceChildren(h('button', { type: 'button', class: 'secondary', onclick: () => pick(applicationId),
      text: t('membership.follow') }));
  }
  let position;
  const startMembership = () => renderMembership(ownerArea, applicationId, { owner: true, minPosition: position });
  return { root, update, showMembership, startMembership };
}

/** A number from a form field, or null when empty (the service answers a missing amount itself). */
export function number(value) {
  return value === null || value === '' ? null : Number(value);
}

/** A report's due date, and when submitted the used amount; overdue when the service recorded it so. */
export function reportText(r) {
  const parts = [date(r.dueDate)];
  if (r.submitted) parts.push(t('report.submittedUsed', { used: sek(r.usedAmountSek), date: date(r.submittedAt) }));
  else if (r.overdue) parts.push(t('report.overdue'));
  return parts.join(' ');
}

/** The report's document: one of the documents the view lists for this municipality, or none. */
function documentChoice(slot, documents) {
  const current = slot.querySelector('select')?.value || '';
  const key = documents.map(d => d.documentId).join(',');
  if (slot.dataset.key === key) return;
  slot.dataset.key = key;
  const id = uid('report-doc');
  slot.replaceChildren(h('label', { for: id, text: t('reportForm.document') }),
    h('select', { id, name: 'reportDocumentId' }, h('option', { value: '', text: t('reportForm.noDocument') }),
      documents.map(d => h('option', { value: d.documentId, selected: d.documentId === current,
        text: `${t(`kind.${d.kind}`)}: ${d.fileName || d.documentId}` }))));
}

function uploadForm(applicationId, code, refresh) {
  return commandForm('documents.title', [
    select('documents.kind', 'kind', [['TJANSTEUTLATANDE', 'kind.TJANSTEUTLATANDE'], ['FORSTUDIERAPPORT', 'kind.FORSTUDIERAPPORT'],
      ['PROTOKOLLSUTDRAG', 'kind.PROTOKOLLSUTDRAG'], ['REPORT', 'kind.REPORT'], ['COOPERATION_FORM', 'kind.COOPERATION_FORM']]),
    field('documents.file', { name: 'file', type: 'file', required: true, accept: 'application/pdf,.pdf,.docx,.odt,.txt' })],
  'documents.button', async (data, form) => {
    const file = data.get('file');
    const local = await sha256(file);
    const body = new FormData();
    body.append('kind', data.get('kind'));
    body.append('municipality', code);
    body.append('file', file, file.name);
    const answer = await command(`/api/applications/${encodeURIComponent(applicationId)}/documents`, body);
    await refresh(answer.position);
    const same = answer.sha256 === local;
    return t(same ? 'documents.stored' : 'documents.mismatch', { name: file.name, sha256: answer.sha256, local });
  }, { id: 'upload' });
}

async function sha256(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}

function openForm(code, done) {
  const inTwoYears = new Date(); inTwoYears.setFullYear(inTwoYears.getFullYear() + 2);
  const inTwoMonths = new Date(); inTwoMonths.setMonth(inTwoMonths.getMonth() + 2);
  const iso = d => d.toISOString().slice(0, 10);
  return commandForm('open.title', [
    field('open.applicationId', { name: 'applicationId', required: true, placeholder: 'norrort-2027' }),
    field('open.titleField', { name: 'title', required: true }),
    select('open.legalBasis', 'legalBasis', [['SECTION_37', 'legalBasis.SECTION_37'], ['SECTION_37A', 'legalBasis.SECTION_37A']]),
    field('open.funder', { name: 'funderName', required: true, value: 'Länsstyrelsen i Stockholms län' }),
    field('open.targetGroups', { name: 'targetGroups', required: true, value: 'nyanlända' }),
    field('open.periodStart', { name: 'periodStart', type: 'date', required: true, value: today() }),
    field('open.periodEnd', { name: 'periodEnd', type: 'date', required: true, value: iso(inTwoYears) }),
    field('open.joiningDeadline', { name: 'joiningDeadline', type: 'date', required: true, value: iso(inTwoMonths) }),
    field('open.amount', { name: 'appliedAmountSek', type: 'number', min: '0', step: '1', required: true, inputmode: 'numeric' })],
  'open.button', async data => {
    const receipt = await command('/api/applications', { applicationId: data.get('applicationId'), ownerMunicipality: code,
      legalBasis: data.get('legalBasis'), funderName: data.get('funderName'), title: data.get('title'),
      targetGroups: String(data.get('targetGroups')).split(',').map(s => s.trim()).filter(Boolean),
      periodStart: data.get('periodStart'), periodEnd: data.get('periodEnd'), joiningDeadline: data.get('joiningDeadline'),
      appliedAmountSek: data.get('appliedAmountSek') === '' ? null : Number(data.get('appliedAmountSek')) });
    await done(receipt);
    return t('open.done', { id: receipt.applicationId });
  }, { id: 'open' });
}
