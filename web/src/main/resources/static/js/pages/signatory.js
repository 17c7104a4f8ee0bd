// The delegate (e.g. Danderyd's socialdirektör): what awaits the signature, under which delegation, and signing.
import { t, date } from '../i18n.js';
import { h, commandButton, decisionText, problemMessage } from '../ui.js';
import { read, command, live } from '../api.js';

export function render(main, claims) {
  const code = claims.municipality;
  const base = `/api/municipalities/${code}`;
  const liveNote = h('p', { class: 'live', text: t('live.connecting') });
  const list = h('div', { id: 'to-sign' });
  main.append(h('h1', { text: t('signatory.title') }), liveNote, list);

  function show(view) {
    const items = (view.applications || []).map(app => {
      const mine = (app.delegations || []).filter(d => d.delegate === claims.sub);
      if (!mine.length) return null;
      const path = `/api/applications/${encodeURIComponent(app.applicationId)}/municipalities/${code}/signature`;
      const active = mine.find(d => d.status === 'ACTIVE');
      return h('section', { class: 'card', 'data-application': app.applicationId },
        h('h2', { text: app.title || app.applicationId }),
        h('p', { text: t('signatory.forMunicipality', { name: view.name || code, owner: app.ownerName || app.owner }) }),
        h('ul', {}, mine.map(d => h('li', {}, `${t('signatory.delegation')}: ${d.scope} – ${decisionText(d.decision)}; `,
          `${t('app.status')}: ${t(`delegationStatus.${d.status}`)}`, d.validUntil ? `; ${t('delegate.validUntil')}: ${date(d.validUntil)}` : ''))),
        app.signed
          ? h('p', { class: 'notice', 'data-signed': 'true', text: t('signatory.signed', { name: app.signature?.signatoryName || '', date: date(app.signature?.signedAt) }) })
          : h('div', {}, h('p', { text: t('signatory.awaits') }), commandButton('sign.button', async () => {
            const receipt = await command(path, active ? { delegationId: active.delegationId } : {});
            show(await read(base, receipt.position));
            return t('sign.done');
          }, { id: `sign-${app.applicationId}` })));
    }).filter(Boolean);
    list.replaceChildren(...(items.length ? items : [h('p', { text: t('signatory.nothing') })]));
  }

  return live(`${base}/stream`, show, e => list.replaceChildren(h('p', { class: 'problem', role: 'alert', text: problemMessage(e) })),
    up => { liveNote.textContent = up ? t('live.on') : t('live.reconnecting'); });
}
