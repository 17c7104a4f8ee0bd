// The operator: events a projection could not handle (retry, drop) and view rebuilds with live progress.
import { t, date } from '../i18n.js';
import { h, commandButton, table, problemMessage } from '../ui.js';
import { read, command, live } from '../api.js';

const VIEWS = ['membership', 'municipality', 'funder-applications', 'audit-trail'];

export function render(main) {
  const stops = [];
  const letters = h('div', { id: 'dead-letters' });
  const rebuilds = h('div', { id: 'rebuilds' });
  main.append(h('h1', { text: t('operator.title') }), h('h2', { text: t('operator.deadLetters') }), letters,
    h('h2', { text: t('operator.rebuilds') }), rebuilds);

  async function loadLetters() {
    const sections = await Promise.all(VIEWS.map(async group => {
      const base = `/api/operations/processors/${group}/dead-letters`;
      try {
        const answer = await read(base);
        const rows = (answer.deadLetters || []).map(d => [String(d.sequence ?? '–'), d.eventType || d.type || '–', d.applicationId || d.sequenceIdentifier || '–',
          d.cause || d.causeMessage || d.message || '–', date(d.lastTouched || d.enqueuedAt || d.time),
          commandButton('operator.drop', async () => { await command(`${base}/${encodeURIComponent(d.sequence)}/drop`); await loadLetters(); return t('done'); }, { class: 'danger' })]);
        return h('section', { class: 'card', 'data-group': group }, h('h3', { text: t(`view.${group}`) }),
          h('p', { text: t('operator.letterCount', { count: answer.size ?? rows.length }) }),
          rows.length ? table(['operator.sequence', 'operator.eventType', 'operator.application', 'operator.cause', 'operator.time', 'actions'], rows, `view.${group}`) : null,
          commandButton('operator.retry', async () => { await command(`${base}/retry`); await loadLetters(); return t('done'); }, { class: 'secondary', disabled: !rows.length }));
      } catch (e) {
        return h('section', { class: 'card' }, h('h3', { text: t(`view.${group}`) }), h('p', { class: 'problem', role: 'alert', text: problemMessage(e) }));
      }
    }));
    letters.replaceChildren(...sections, h('button', { type: 'button', class: 'secondary', onclick: loadLetters, text: t('operator.refresh') }));
  }

  function progressText(p) {
    return t('operator.progress', { state: t(`rebuildState.${p.state}`) !== `rebuildState.${p.state}` ? t(`rebuildState.${p.state}`) : p.state,
      done: p.eventsDone ?? 0, total: p.total ?? 0, percent: Math.round(p.percent ?? 0) });
  }

  async function loadRebuilds() {
    const answer = await read('/api/operations/projections').catch(() => ({ views: [] }));
    rebuilds.replaceChildren(...(answer.views || []).map(v => {
      const status = h('p', { 'data-rebuild': v.view, text: progressText(v) });
      const bar = h('progress', { max: '100', value: String(Math.round(v.percent ?? 0)), 'aria-label': t('operator.progressOf', { view: t(`view.${v.view}`) }) });
      // progress is followed live only while a rebuild runs (each live stream holds one of the browser's connections)
      const follow = () => stops.push(live(`/api/operations/projections/${v.view}/rebuild/progress`, p => {
        status.textContent = progressText(p);
        bar.value = Math.round(p.percent ?? 0);
      }));
      if (v.state === 'RUNNING' || v.state === 'SWITCHED') follow();
      return h('section', { class: 'card' }, h('h3', { text: t(`view.${v.view}`) }), status, bar,
        v.finishedAt ? h('p', { class: 'muted', text: `${t('operator.finished')}: ${date(v.finishedAt)}` }) : null,
        commandButton('operator.rebuild', async () => { await command(`/api/operations/projections/${v.view}/rebuild`); follow(); return t('operator.rebuildStarted'); }));
    }));
  }

  loadLetters();
  loadRebuilds();
  return () => stops.forEach(stop => stop());
}
