// The consortium's membership at a glance, live: "14 av 15 har gått med, 13 har skrivit under", who is missing and
// on which decision each member joined. For the project owner also the submission: the reasons the view shows why it
// cannot be submitted yet (the service decides on submit and its refusal is shown as well). For auditors each row
// asks "which events set this" (provenance).
import { t, date } from '../i18n.js';
import { h, commandButton, table, decisionText, problemMessage } from '../ui.js';
import { read, command, live } from '../api.js';

export function renderMembership(container, applicationId, { owner = false, provenance = false, minPosition } = {}) {
  const id = encodeURIComponent(applicationId);
  const summary = h('p', { class: 'summary', id: `summary-${applicationId}`, 'data-summary': applicationId });
  const missing = h('div');
  const members = h('div');
  const reasons = h('div');
  const detail = h('div', { 'aria-live': 'polite' });
  let lastPosition = 0;

  const refresh = async position => show(await read(`/api/applications/${id}/membership`, position));
  const submit = owner ? commandButton('submit.button', async () => {
    const receipt = await command(`/api/applications/${id}/submission`);
    await refresh(receipt.position);
    return t('submit.done');
  }, { id: `submit-${applicationId}` }) : null;

  container.replaceChildren(h('h3', { text: t('membership.title') }), summary, missing, members,
    owner ? h('div', {}, h('h3', { text: t('submit.title') }), reasons, submit) : null, detail);

  function nameOf(view, code) {
    const m = (view.members || []).find(x => x.code === code);
    return m ? `${m.name} (${code})` : code;
  }

  function show(view) {
    if (view.position && view.position < lastPosition) return;
    lastPosition = view.position || lastPosition;
    const c = view.counts || {};
    summary.textContent = t('membership.summary', { joined: c.joined ?? 0, invited: c.invited ?? 0, signed: c.signed ?? 0 });
    const notAnswered = view.notAnswered || [];
    const notSigned = view.notSigned || [];
    missing.replaceChildren(...[
      notAnswered.length ? h('p', { 'data-missing': 'notAnswered' }, h('strong', { text: t('membership.notAnswered') }), ' ', notAnswered.map(x => nameOf(view, x)).join(', ')) : null,
      notSigned.length ? h('p', { 'data-missing': 'notSigned' }, h('strong', { text: t('membership.notSigned') }), ' ', notSigned.map(x => nameOf(view, x)).join(', ')) : null].filter(Boolean));
    members.replaceChildren(table(
      ['member.name', 'member.status', 'member.decision', 'member.appealDeadline', 'member.signed', ...(provenance ? ['provenance.title'] : [])],
      (view.members || []).map(m => [
        `${m.name} (${m.code})`,
        h('span', { class: `status-${m.status}`, text: t(`memberStatus.${m.status}`) }),
        m.decision ? decisionText(m.decision) : (m.reason || '–'),
        date(m.appealDeadline),
        m.signed ? `${t('yes')}: ${m.signatory || ''} ${date(m.signedAt)}` : t('no'),
        ...(provenance ? [h('button', { type: 'button', class: 'secondary',
          'aria-label': t('provenance.ask', { name: m.name }),
          onclick: () => showProvenance(`members[${m.code}]`), text: t('provenance.button') })] : [])]),
      'membership.title'));
    if (owner) {
      const list = [];
      // before submission: open, or with joining closed (the owner may still submit)
      const preparing = view.status === 'OPEN' || view.status === 'JOINING_CLOSED';
      if (view.status && !preparing) list.push(t('problem.APPLICATION_ALREADY_SUBMITTED'));
      const ownerMember = (view.members || []).find(m => m.code === view.owner);
      if (preparing && ownerMember && ownerMember.status !== 'JOINED') list.push(t('problem.OWNER_NOT_JOINED'));
      if (preparing && notSigned.length) list.push(t('submit.notSigned', { names: notSigned.map(x => nameOf(view, x)).join(', ') }));
      reasons.replaceChildren(list.length
        ? h('div', {}, h('p', { text: t('submit.cannotYet') }), h('ul', { class: 'reasons', id: `reasons-${applicationId}` }, list.map(r => h('li', { text: r }))))
        : h('p', { id: `reasons-${applicationId}`, text: preparing ? t('submit.ready') : '' }));
    }
  }

  async function showProvenance(field) {
    detail.replaceChildren(h('p', { text: t('loading') }));
    try {
      const answer = await read(`/api/applications/${id}/membership/provenance?field=${encodeURIComponent(field)}`);
      detail.replaceChildren(h('h4', { text: t('provenance.for', { field }) }), provenanceList(answer));
    } catch (e) {
      detail.replaceChildren(h('p', { class: 'problem', role: 'alert', text: problemMessage(e) }));
    }
  }

  const refused = e => container.prepend(h('p', { class: 'problem', role: 'alert', text: problemMessage(e) }));
  const follow = () => live(`/api/applications/${id}/membership/stream`, show, refused);
  if (!minPosition) return follow();
  // another view told of this application first: wait (boundedly, in the service) until this one has caught up
  let stop = () => {};
  let stopped = false;
  refresh(minPosition).then(() => { if (!stopped) stop = follow(); }, refused);
  return () => { stopped = true; stop(); };
}

/** Fields, their values and the events that set them, from a provenance answer. */
export function provenanceList(answer) {
  return h('dl', { class: 'provenance' }, (answer.fields || []).flatMap(f => [
    h('dt', { class: 'mono', text: `${f.field} = ${JSON.stringify(f.value)}` }),
    h('dd', {}, h('ul', {}, (f.setBy || []).map(e => h('li', {},
      `${e.type} (#${e.position}, ${date(e.time)}) – ${e.actor ? `${e.actor.name} (${t(`role.${e.actor.role}`)}${e.actor.municipality ? `, ${e.actor.municipality}` : ''})` : ''}`,
      e.decision ? ` – ${decisionText(e.decision)}` : '',
      e.delegationId ? ` – ${t('provenance.delegation')} ${e.delegationId}` : ''))))]));
}
