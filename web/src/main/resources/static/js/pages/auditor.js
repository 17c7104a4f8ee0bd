// The auditor: the decision history as a timeline, the state as of a date, what changed between two dates,
// verification of the chain (the broken link shown), signed checkpoints to download and check later, the E-ARK
// package, and from the membership "which events set this" (provenance). Reads only; changes nothing.
import { t, date, sek } from '../i18n.js';
import { h, field, commandForm, table, today, problemMessage, saveBlob, decisionText, announce } from '../ui.js';
import { read, download, live, send } from '../api.js';
import { renderMembership } from './membership.js';

const TABS = ['timeline', 'state', 'changes', 'verify', 'membership'];

export function render(main) {
  let stops = [];
  const appField = field('auditor.applicationId', { name: 'applicationId', required: true, list: 'known-applications' });
  const known = h('datalist', { id: 'known-applications' });
  const chooser = h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); choose(appField.querySelector('input').value.trim()); } },
    appField, known, h('button', { type: 'submit', text: t('auditor.show') }));
  const nav = h('ul', { class: 'tabs', role: 'list' });
  const area = h('div', { id: 'auditor-area' });
  main.append(h('h1', { text: t('auditor.title') }), chooser, nav, area);
  let current = null;
  let tab = 'timeline';

  read('/api/applications?page=0&size=50').then(answer => {
    known.replaceChildren(...(answer.items || []).map(a => h('option', { value: a.applicationId, text: a.title })));
    if (!current && answer.items && answer.items.length) {
      appField.querySelector('input').value = answer.items[0].applicationId;
      choose(answer.items[0].applicationId);
    }
  }).catch(() => {});

  function choose(applicationId) {
    if (!applicationId) return;
    current = applicationId;
    drawTabs();
    show(tab);
  }

  function drawTabs() {
    nav.replaceChildren(...TABS.map(name => h('li', {}, h('a', { href: '#', 'aria-current': name === tab ? 'page' : null,
      'data-tab': name, onclick: e => { e.preventDefault(); tab = name; drawTabs(); show(name); }, text: t(`auditor.tab.${name}`) }))));
  }

  function show(name) {
    stops.forEach(stop => stop());
    stops = [];
    const id = encodeURIComponent(current);
    const heading = h('h2', { text: t(`auditor.tab.${name}`), tabindex: '-1' });
    area.replaceChildren(heading);
    if (name === 'timeline') timeline(area, id);
    if (name === 'state') stateAsOf(area, id);
    if (name === 'changes') changes(area, id);
    if (name === 'verify') verify(area, id, current);
    if (name === 'membership') stops.push(renderMembership(area.appendChild(h('div')), current, { provenance: true }));
    heading.focus();
  }

  function timeline(container, id) {
    const list = h('ol', { class: 'timeline', id: 'timeline' });
    const note = h('p', { class: 'live', text: t('live.connecting') });
    container.append(note, list);
    const entries = new Map();
    const draw = () => list.replaceChildren(...[...entries.values()].sort((a, b) => a.position - b.position).map(e => h('li', {},
      h('strong', { text: `${date(e.time)} – ${t(`event.${e.eventType}`) !== `event.${e.eventType}` ? t(`event.${e.eventType}`) : e.eventType}` }),
      h('div', { text: t('auditor.who', { name: e.actorName || e.actorId, role: t(`role.${e.actorRole}`), municipality: e.actorMunicipality || '–' }) }),
      e.municipality ? h('div', { text: t('auditor.onBehalf', { name: `${e.municipalityName || ''} (${e.municipality})` }) }) : null,
      e.decision ? h('div', { text: `${t('app.decision')}: ${decisionText(e.decision)}` }) : null,
      e.delegationId ? h('div', { text: `${t('provenance.delegation')} ${e.delegationId}` }) : null,
      h('div', { class: 'muted', text: e.summary }))));
    read(`/api/applications/${id}/audit-trail?page=0&size=200`).then(answer => {
      (answer.entries || []).forEach(e => entries.set(e.position, e));
      draw();
    }).catch(e => list.replaceChildren(h('li', { class: 'problem', role: 'alert', text: problemMessage(e) })));
    stops.push(live(`/api/applications/${id}/audit-trail/stream`, state => {
      for (const e of state.entries || (state.position ? [state] : [])) entries.set(e.position, e);
      draw();
    }, () => {}, up => { note.textContent = up ? t('live.on') : t('live.reconnecting'); }));
  }

  function stateAsOf(container, id) {
    const out = h('div', { id: 'state-result' });
    container.append(commandForm('auditor.stateTitle', [field('auditor.asOfDate', { name: 'asOfDate', type: 'date', required: true, value: today() })],
      'auditor.show', async data => {
        const s = await read(`/api/applications/${id}/state?asOfDate=${encodeURIComponent(data.get('asOfDate'))}`);
        out.replaceChildren(h('dl', { class: 'facts' }, [[t('app.status'), t(`appStatus.${s.status}`)], [t('auditor.eventsApplied'), s.eventsApplied],
          [t('app.applied'), sek(s.amounts?.appliedSek)], [t('app.granted'), sek(s.amounts?.grantedSek)], [t('award.caseNumber'), s.caseNumber || '–']]
          .flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: String(v) })])),
        table(['member.name', 'member.status', 'member.decision', 'member.signed'], (s.memberships || []).map(m =>
          [`${m.name} (${m.municipality})`, t(`memberStatus.${m.status}`), decisionText(m.decision), m.signed ? t('yes') : t('no')]), 'auditor.stateTitle'));
        return t('auditor.stateShown', { date: data.get('asOfDate') });
      }, { reset: false, id: 'state' }), out);
  }

  function changes(container, id) {
    const out = h('div', { id: 'changes-result' });
    const from = new Date(); from.setMonth(from.getMonth() - 1);
    container.append(commandForm('auditor.changesTitle', [
      field('auditor.from', { name: 'from', type: 'date', required: true, value: from.toISOString().slice(0, 10) }),
      field('auditor.to', { name: 'to', type: 'date', required: true, value: today() })], 'auditor.show', async data => {
      // whole days in Europe/Stockholm: from the start of the first day to the end of the last
      const start = stockholmMidnight(data.get('from'));
      const endDay = new Date(`${data.get('to')}T12:00:00Z`); endDay.setUTCDate(endDay.getUTCDate() + 1);
      const end = stockholmMidnight(endDay.toISOString().slice(0, 10));
      const c = await read(`/api/applications/${id}/changes?from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}`);
      out.replaceChildren(h('p', { text: t('auditor.changesCount', { count: c.eventCount }) }),
        h('ol', { class: 'timeline' }, (c.events || []).map(e => h('li', {}, h('strong', { text: `${date(e.time)} – ${e.type}` }),
          h('div', { text: e.description }), h('div', { class: 'muted', text: `${e.actorName || e.actorId} (${t(`role.${e.actorRole}`)})` })))));
      return t('auditor.changesShown');
    }, { reset: false, id: 'changes' }), out);
  }

  function verify(container, id, applicationId) {
    const out = h('div', { id: 'verify-result', 'aria-live': 'polite' });
    const showOutcome = v => {
      if (v.ok) {
        out.replaceChildren(h('p', { class: 'notice', 'data-ok': 'true', text: t('verify.ok', { events: v.events }) }),
          v.headHash ? h('p', {}, `${t('verify.headHash')}: `, h('span', { class: 'mono', text: v.headHash })) : null);
      } else {
        const b = v.brokenAt || {};
        out.replaceChildren(h('p', { class: 'problem', 'data-ok': 'false', role: 'alert', text: t('verify.broken') }),
          h('dl', { class: 'facts' }, [[t('verify.position'), b.position], [t('verify.sequence'), b.sequence], [t('verify.eventId'), b.eventId], [t('verify.reason'), b.reason]]
            .flatMap(([k, v2]) => [h('dt', { text: k }), h('dd', { class: 'mono', text: v2 ?? '–' })])));
      }
    };
    const run = h('button', { type: 'button', id: 'verify-button', text: t('verify.button'), onclick: async () => {
      out.replaceChildren(h('p', { text: t('loading') }));
      try { showOutcome(await read(`/api/applications/${id}/verify`)); } catch (e) {
        out.replaceChildren(h('p', { class: 'problem', role: 'alert', text: problemMessage(e) }));
      }
    } });
    const checkpoint = h('button', { type: 'button', class: 'secondary', id: 'checkpoint-button', text: t('checkpoint.button'), onclick: async () => {
      try {
        const response = await send(`/api/applications/${id}/checkpoints`, { method: 'POST', headers: { Accept: 'application/json' } });
        if (!response.ok) throw Object.assign(new Error(), { status: response.status, code: (await response.json().catch(() => ({}))).code });
        saveBlob(await response.blob(), `${applicationId}-checkpoint.json`);
        announce(t('checkpoint.saved'));
      } catch (e) { out.replaceChildren(h('p', { class: 'problem', role: 'alert', text: problemMessage(e) })); }
    } });
    const exportButton = h('button', { type: 'button', class: 'secondary', id: 'export-button', text: t('export.button'), onclick: async () => {
      exportButton.disabled = true;
      try {
        const file = await download(`/api/applications/${id}/export`, 'application/zip');
        saveBlob(file.blob, file.fileName || `${applicationId}.sip.zip`);
        announce(t('export.saved'));
      } catch (e) { out.replaceChildren(h('p', { class: 'problem', role: 'alert', text: problemMessage(e) })); } finally { exportButton.disabled = false; }
    } });
    const check = commandForm('checkpoint.checkTitle', [field('checkpoint.file', { name: 'checkpoint', type: 'file', accept: 'application/json,.json', required: true })],
      'checkpoint.checkButton', async data => {
        const text = await data.get('checkpoint').text();
        const response = await send(`/api/applications/${id}/verify`, { method: 'POST', body: text,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
        const body = await response.json().catch(() => ({}));
        if (!response.ok && !body.brokenAt) throw Object.assign(new Error(), { status: response.status, code: body.code });
        showOutcome(response.ok ? body : { ok: false, brokenAt: body.brokenAt });
        return response.ok && body.ok ? t('checkpoint.matches') : t('verify.broken');
      }, { id: 'check-checkpoint' });
    container.append(h('div', { class: 'actions' }, run, checkpoint, exportButton), out, check);
  }

  return () => stops.forEach(stop => stop());
}

/** The UTC instant at which a day begins in Europe/Stockholm. */
function stockholmMidnight(day) {
  const guess = new Date(`${day}T00:00:00Z`);
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', timeZoneName: 'shortOffset' })
    .formatToParts(guess).find(p => p.type === 'timeZoneName').value; // e.g. GMT+1
  const m = /GMT([+-]\d+)?/.exec(offset);
  const hours = m && m[1] ? Number(m[1]) : 0;
  return new Date(guess.getTime() - hours * 3600000).toISOString().replace('.000', '');
}
