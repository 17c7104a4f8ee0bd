// The County Board's case officer: submitted applications (paged, filterable, live), and the decision: grant in
// full or in part, or reject, with case number, conditions and report due dates; requisitions after the grant.
import { t, date, sek } from '../i18n.js';
import { h, field, select, commandForm, table, today, problemMessage, uid } from '../ui.js';
import { read, command, live } from '../api.js';

const SIZE = 10;

export function render(main) {
  let page = 0;
  let items = [];
  let selected = null;
  const filterStatus = select('funder.filterStatus', 'status', [['', 'funder.all'], ['SUBMITTED', 'appStatus.SUBMITTED'],
    ['GRANTED', 'appStatus.GRANTED'], ['REJECTED', 'appStatus.REJECTED'], ['OPEN', 'appStatus.OPEN']]);
  const filterText = field('funder.filterText', { name: 'q', type: 'search' });
  const liveNote = h('p', { class: 'live', text: t('live.connecting') });
  const listArea = h('div', { id: 'funder-list' });
  const pager = h('div', { class: 'actions' });
  const detail = h('div', { id: 'funder-detail' });
  main.append(h('h1', { text: t('funder.title') }), liveNote,
    h('form', { class: 'inline', role: 'search', onsubmit: e => e.preventDefault() }, filterStatus, filterText), listArea, pager, detail);
  filterStatus.querySelector('select').addEventListener('change', draw);
  filterText.querySelector('input').addEventListener('input', draw);

  async function load(position) {
    try {
      const answer = await read(`/api/applications?page=${page}&size=${SIZE}`, position);
      items = answer.items || [];
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
    const status = filterStatus.querySelector('select').value;
    const q = filterText.querySelector('input').value.trim().toLowerCase();
    const shown = items.filter(a => (!status || a.status === status)
      && (!q || `${a.title} ${a.applicationId} ${a.ownerName}`.toLowerCase().includes(q)));
    listArea.replaceChildren(shown.length ? table(['app.title', 'app.owner', 'app.status', 'app.applied', 'app.submittedAt', 'app.participants', 'actions'],
      shown.map(a => [a.title, a.ownerName || a.owner, t(`appStatus.${a.status}`), sek(a.appliedAmountSek), date(a.submittedAt),
        a.participants ? t('funder.participants', a.participants) : '–',
        h('button', { type: 'button', class: 'secondary', 'aria-label': t('funder.openCase', { title: a.title }),
          onclick: () => { selected = a.applicationId; showDetail(); }, text: t('funder.open') })]), 'funder.title')
      : h('p', { text: t('funder.none') }));
    if (selected) showDetail();
  }

  function showDetail() {
    const a = items.find(x => x.applicationId === selected);
    if (!a) return;
    const id = encodeURIComponent(a.applicationId);
    const after = async receipt => { await load(receipt.position); return t('done.recorded'); };
    const headingId = uid('case');
    const facts = [[t('app.funder'), a.funder], [t('app.legalBasis'), t(`legalBasis.${a.legalBasis}`)], [t('app.applied'), sek(a.appliedAmountSek)],
      [t('app.period'), `${date(a.periodStart)} – ${date(a.periodEnd)}`], [t('app.status'), t(`appStatus.${a.status}`)]];
    if (a.grantedAmountSek !== undefined && a.grantedAmountSek !== null) facts.push([t('app.granted'), `${sek(a.grantedAmountSek)} – ${a.caseNumber} (${date(a.decisionDate)})`]);
    if (a.conditions) facts.push([t('award.conditions'), a.conditions]);
    for (const r of a.reports || []) facts.push([t(`report.${r.report}`), `${date(r.dueDate)} ${r.submitted ? t('report.submitted') : ''}`]);
    const section = h('section', { class: 'card', 'aria-labelledby': headingId, 'data-application': a.applicationId },
      h('h2', { id: headingId, text: a.title }),
      h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })])));
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
    if (a.status === 'GRANTED') {
      section.append(commandForm('requisition.title', [field('requisition.amount', { name: 'amountSek', type: 'number', min: '0', step: '1', required: true })],
        'requisition.button', async data => after(await command(`/api/applications/${id}/requisitions`, { amountSek: Number(data.get('amountSek')) })), { id: 'requisition' }));
    }
    detail.replaceChildren(section);
  }

  load();
  return live('/api/applications/stream', () => load(),
    e => listArea.replaceChildren(h('p', { class: 'problem', role: 'alert', text: problemMessage(e) })),
    up => { liveNote.textContent = up ? t('live.on') : t('live.reconnecting'); });
}
