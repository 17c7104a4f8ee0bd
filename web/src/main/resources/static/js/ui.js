// Small DOM helpers: every text goes in as textContent (never as HTML), every input has a label.
import { t, has } from './i18n.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') el.textContent = value;
    else if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let counter = 0;
export function uid(prefix = 'f') { counter += 1; return `${prefix}-${counter}`; }

/** A labelled input; attrs go to the input (type, name, required, value ...). */
export function field(labelKey, attrs = {}) {
  const id = uid(attrs.name || 'f');
  if (attrs.type === 'checkbox') {
    return h('label', { class: 'check', for: id }, h('input', { id, ...attrs }), t(labelKey));
  }
  const control = attrs.type === 'textarea'
    ? h('textarea', { id, ...attrs, type: null, value: null, rows: 3, text: attrs.value })
    : h('input', { id, ...attrs });
  return h('div', {}, h('label', { for: id, text: t(labelKey) }), control);
}

export function select(labelKey, name, options, attrs = {}) {
  const id = uid(name);
  return h('div', {}, h('label', { for: id, text: t(labelKey) }),
    h('select', { id, name, ...attrs }, options.map(([value, textKey]) => h('option', { value, text: t(textKey) }))));
}

/** The readable message for a refusal: problem.CODE from the texts, else a general one with the status. */
export function problemMessage(error) {
  const code = error && error.code;
  if (code && has(`problem.${code}`)) return t(`problem.${code}`);
  if (error && error.status) return t('problem.GENERAL', { status: error.status });
  return t('problem.NETWORK');
}

export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  setTimeout(() => { status.textContent = message; }, 30);
}

/**
 * A form whose submit runs action(form data); its answer (done or the Swedish refusal) is shown under the form and
 * announced. The button is disabled while the command runs; nothing is decided here, the server answers.
 */
export function commandForm(titleKey, fields, buttonKey, action, options = {}) {
  // the answer goes under the form, or to options.output when the form may be hidden by the new state it causes
  const output = options.output || h('div', { class: 'form-output', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: options.danger ? 'danger' : null, text: t(buttonKey) });
  const form = h('form', { class: options.inline ? 'inline' : null, novalidate: true, 'data-action': options.id },
    h('fieldset', {}, h('legend', { text: t(titleKey) }), h('div', { class: 'grid' }, fields), h('div', { class: 'actions' }, button)),
    options.output ? null : output);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    output.replaceChildren();
    try {
      const message = await action(new FormData(form), form);
      const note = h('p', { class: 'notice', text: message || t('done') });
      output.append(note);
      announce(note.textContent);
      if (options.reset !== false) form.reset();
    } catch (error) {
      const note = h('p', { class: 'problem', role: 'alert', 'data-code': error.code || '', text: problemMessage(error) });
      output.append(note);
      // which field was wrong, in the service's words (its detail names the field; no internals are in it)
      if (error.code === 'INVALID_REQUEST' && error.detail) output.append(h('p', { class: 'muted', text: error.detail }));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

/** A button that runs action(); shows its answer or refusal next to it. */
export function commandButton(textKey, action, attrs = {}) {
  const output = h('span', { class: 'form-output', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', ...attrs, text: t(textKey) });
  button.addEventListener('click', async () => {
    button.disabled = true;
    output.replaceChildren();
    try {
      const message = await action();
      output.append(h('span', { class: 'notice', text: message || t('done') }));
    } catch (error) {
      output.append(h('span', { class: 'problem', role: 'alert', 'data-code': error.code || '', text: problemMessage(error) }));
    } finally {
      button.disabled = false;
    }
  });
  return h('span', { class: 'actions' }, button, output);
}

export function table(headKeys, rows, captionKey) {
  // a scrollable region on narrow screens: focusable and named, so it scrolls by keyboard too
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': captionKey ? t(captionKey) : t('table') }, h('table', {},
    captionKey ? h('caption', { class: 'visually-hidden', text: t(captionKey) }) : null,
    h('thead', {}, h('tr', {}, headKeys.map(k => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map(c => h('td', {}, c)))))));
}

export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

/** Builds a committee decision from a form's fields named prefix+body, +meetingDate, ... */
export function decisionFrom(data, prefix = '') {
  return { body: data.get(`${prefix}body`), meetingDate: data.get(`${prefix}meetingDate`) || null,
    paragraph: data.get(`${prefix}paragraph`), immediateAdjustment: data.get(`${prefix}immediateAdjustment`) === 'on',
    announcementDate: data.get(`${prefix}announcementDate`) || null };
}

export function decisionFields(prefix = '') {
  return [field('decision.body', { name: `${prefix}body`, required: true, value: 'Socialnämnden' }),
    field('decision.meetingDate', { name: `${prefix}meetingDate`, type: 'date', required: true }),
    field('decision.paragraph', { name: `${prefix}paragraph`, required: true, placeholder: '§ 45' }),
    field('decision.announcementDate', { name: `${prefix}announcementDate`, type: 'date' }),
    field('decision.immediateAdjustment', { name: `${prefix}immediateAdjustment`, type: 'checkbox' })];
}

export function decisionText(d) {
  if (!d) return '–';
  return t('decision.text', { body: d.body, paragraph: d.paragraph, date: d.meetingDate,
    adjusted: d.immediateAdjustment ? t('decision.adjustedImmediately') : '' }).trim();
}
