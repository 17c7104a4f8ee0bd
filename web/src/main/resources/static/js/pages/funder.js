// The County Board's case officer: submitted applications (paged, filterable, live), and the decision: grant in
// full or in part, or reject, with case number, conditions and report due dates; requisitions after the grant.
import { t, date, sek } from '../i18n.js';
import { h, field, select, commandForm, table, today, problemMessage, uid } from '../ui.js';
import { read, command, live } from '../api.js';
import { number, reportText } from './officer.js';

const SIZE = 10;

export function render(main) {
  let page = 0;
  let items = [];
  let selected = null;
  const filterStatus = select('funder.filterStatus', 'status', [['', 'funder.all'], ['SUBMITTED', 'appStatus.SUBMITTED'],
    ['GRANTED', 'appStatus.GRANTED'], ['REJECTED', 'appStatus.REJECTED'], ['CLOSED', 'appStatus.CLOSED']]);
  const filterText = field('funder.filterText', { name: 'q', type: 'search' });
  const liveNote = h('p', { class: 'live', text: t('live.connecting') });
  const listArea = h('div', { id: 'funder-list' });
  const pager = h('div', { class: 'actions' });
  const detail = h('div', { id: 'funder-detail' });
  main.append(h('h1', { text: t('funder.title') }), liveNote,
    h('form', { class: 'inline', role: 'search', onsubmit: e => e.preventDefault() }, filterStatus, filterText), listArea, pager, detail);
  // The service filters and pages the list (status, and a part of the title, id or owner's name); a new filter
  // starts again at the first page. Typing waits 300 ms for a pause before asking.
  let typing;
  const refilter = () => { page = 0; load(); };
  filterStatus.querySelector('select').addEventListener('change', refilter);
  filterText.querySelector('input').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(refilter, 300); });
  let asked = 0;

  async function load(position) {
    const mine = ++asked; // an answer to an older question (page or filter) is not shown over a newer one
    try {
      const status = filterStatus.querySelector('select').value;
      const q = filterText.querySelector('input').value.trim();
      const query = new URLSearchParams({ page: String(page), size: String(SIZE) });
      if (status) query.set('status', status);
      if (q) query.set('q', q);
      const answer = await read(`/api/applications?${query}`, position);
      if (mine !== asked) return;
      items = answer.items || [];
      listArea.dataset.total = String(answer.total);
      draw();
      pager.replaceChildren(
        h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: () => { page -= 1; load(); }, text: t('page.previous') }),
        h('span', { text: t('page.of', { page: page + 1, pages: Math.max(1, Math.ceil(answer.total / SIZE)), total: answer.total }) }),
        h('button', { type: 'button', class: 'secondary', disabled: (page + 1) * SIZE >= answer.total, onclick: () => { page += 1; load(); }, text: t('page.next') }));
    } catch (e) {
      listArea.replaceChildren(h('p', { class: 'problem', role: 'alert', text: problemMessage(e) }));
    }
  }

  function draw() {
    const shown = items;
    listArea.replaceChildren(shown.length ? table(['app.title', 'app.owner', 'app.status', 'app.applied', 'app.submittedAt', 'app.participants', 'actions'],
      shown.map(a => [a.title, a.ownerName || a.owner, t(`appStatus.${a.status}`), sek(a.appliedAmountSek), date(a.submittedAt),
        a.participants ? t('funder.participants', a.participants) : '–',
        h('button', { type: 'button', class: 'secondary', 'aria-label': t('funder.openCase', { title: a.title }),
          onclick: () => { selected = a.applicationId; showDetail(); }, text: t('funder.open') })]), 'funder.title')
      : h('p', { text: t('funder.none') }));
    if (selected) showDetail();
  }

  // The case's forms are built again only when its status changes: a live change of the facts (e.g. a report the
  // project owner submitted) replaces the facts and leaves what the officer is typing, and the last answer, alone.
  let shown = { key: null, facts: null };
  function showDetail() {
    const a = items.find(x => x.applicationId === selected);
    if (!a) return;
    const key = `${a.applicationId}:${a.status}`;
    const id = encodeURIComponent(a.applicationId);
    const after = async receipt => { await load(receipt.position); return t('done.recorded'); };
    const headingId = uid('case');
    const facts = [[t('app.funder'), a.funder], [t('app.legalBasis'), t(`legalBasis.${a.legalBasis}`)], [t('app.applied'), sek(a.appliedAmountSek)],
      [t('app.period'), `${date(a.periodStart)} – ${date(a.periodEnd)}`], [t('app.status'), t(`appStatus.${a.status}`)]];
    if (a.grantedAmountSek !== undefined && a.grantedAmountSek !== null) facts.push([t('app.granted'), `${sek(a.grantedAmountSek)} – ${a.caseNumber} (${date(a.decisionDate)})`]);
    if (a.conditions) facts.push([t('award.conditions'), a.conditions]);
    if (a.status !== 'SUBMITTED' && a.status !== 'REJECTED') {
      facts.push([t('funder.requisitioned'), sek(a.requisitionedSek || 0)], [t('funder.repaymentClaimed'), sek(a.repaymentClaimedSek || 0)]);
    }
    for (const r of a.reports || []) facts.push([t(`report.${r.report}`), reportText(r)]);
    if (a.closeReason) facts.push([t('funder.closed'), `${date(a.closedAt)} – ${a.closeReason}`]);
    const factList = h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]));
    if (shown.key === key && shown.facts?.isConnected) {
      shown.facts.replaceWith(factList);
      shown.facts = factList;
      return;
    }
    shown = { key, facts: factList };
    const section = h('section', { class: 'card', 'aria-labelledby': headingId, 'data-application': a.applicationId },
      h('h2', { id: headingId, text: a.title }), factList);
    if (a.status === 'SUBMITTED') {
      section.append(commandForm('award.title', [
        field('award.amount', { name: 'amountSek', type: 'number', min: '0', step: '1', required: true, value: a.appliedAmountSek, inputmode: 'numeric' }),
        field('award.caseNumber', { name: 'caseNumber', required: true }),
        field('award.decisionDate', { name: 'decisionDate', type: 'date', required: true, value: today() }),
        field('award.conditions', { name: 'conditions', type: 'textarea' }),
        field('award.interimDue', { name: 'interim', type: 'date' }),
        field('award.finalDue', { name: 'final', type: 'date' })], 'award.button', async data => {
        const dueDates = [];
        if (data.get('interim')) dueDates.push({ report: 'INTERIM', dueDate: data.get('interim') });
        if (data.get('final')) dueDates.push({ report: 'FINAL', dueDate: data.get('final') });
        return after(await command(`/api/applications/${id}/award`, { amountSek: data.get('amountSek') === '' ? null : Number(data.get('amountSek')),
          caseNumber: data.get('caseNumber'), decisionDate: data.get('decisionDate'), conditions: data.get('conditions') || null, reportDueDates: dueDates }));
      }, { id: 'award' }),
      commandForm('reject.title', [field('award.caseNumber', { name: 'caseNumber', required: true }),
        field('award.decisionDate', { name: 'decisionDate', type: 'date', required: true, value: today() }),
        field('reject.reason', { name: 'reason', type: 'textarea', required: true })], 'reject.button',
      async data => after(await command(`/api/applications/${id}/rejection`, { caseNumber: data.get('caseNumber'),
        decisionDate: data.get('decisionDate'), reason: data.get('reason') })), { id: 'reject', danger: true }));
    }
    // After the grant: the project owner requisitions and reports (on its own page); the County Board claims
    // repayment and closes the case, the service decides when each is possible.
    if (a.status === 'GRANTED') {
      section.append(commandForm('repayment.title', [
        field('repayment.amount', { name: 'amountSek', type: 'number', min: '1', step: '1', required: true, inputmode: 'numeric' }),
        field('repayment.reason', { name: 'reason', type: 'textarea', required: true })], 'repayment.button',
      async data => after(await command(`/api/applications/${id}/repayment-claims`, { amountSek: number(data.get('amountSek')),
        reason: data.get('reason') })), { id: 'repayment' }));
    }
    if (a.status === 'GRANTED' || a.status === 'REJECTED') {
      section.append(commandForm('closure.title', [field('closure.reason', { name: 'reason', type: 'textarea', required: true })],
        'closure.button', async data => after(await command(`/api/applications/${id}/closure`, { reason: data.get('reason') })),
        { id: 'close', danger: true }));
    }
    detail.replaceChildren(section);
  }

  load();
  return live('/api/applications/stream', () => load(),
    e => listArea.replaceChildren(h('p', { class: 'problem', role: 'alert', text: problemMessage(e) })),
    up => { liveNote.textContent = up ? t('live.on') : t('live.reconnecting'); });
}
