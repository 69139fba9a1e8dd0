// The monitor's detail drawer: one request in full — summary, route decision, and the (redacted) bodies.
import {el, byId, replace} from './dom.js';
import {get} from './api.js';
import {badge, copyButton, count, dateTime, millis} from './ui.js';
import {parseRoute, statusKind} from './records.js';

/** Bodies longer than this start collapsed. */
const LARGE = 4000;

export class Drawer {
  constructor() {
    this.drawer = byId('drawer');
    this.body = byId('drawer-body');
    this.opened = null;
    byId('drawer-close').addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => { if (event.key === 'Escape') this.close(); });
  }

  async open(record) {
    this.opened = record.id;
    replace(byId('drawer-title'), `${record.method} ${record.path}`);
    replace(this.body, el('p', {class: 'muted', text: 'Loading…'}));
    this.drawer.hidden = false;
    let full;
    let failure = null;
    try {
      full = await get(`/api/monitor/requests/${encodeURIComponent(record.id)}`);
    } catch (e) {
      full = {...record, request_body: null, response_body: null};
      failure = `Could not load the bodies: ${e.message}`;
    }
    if (this.opened !== record.id) return;   // another request was opened meanwhile
    this.render(full);
    if (failure) this.body.prepend(el('p', {class: 'error-text', text: failure}));
  }

  render(r) {
    const route = parseRoute(r.attempts);
    replace(this.body,
        el('div', {class: 'drawer-status'}, badge(String(r.status), statusKind(r)), ' ',
            el('span', {class: 'muted', text: dateTime(r.started_at)})),
        r.error ? el('p', {class: 'error-text detail-error', text: r.error}) : null,
        el('dl', {class: 'facts'},
            fact('Request id', r.request_id), fact('Surface', r.surface), fact('Client model', r.client_model),
            fact('Target model', r.target_model), fact('Provider', r.provider), fact('Account', r.account),
            fact('Key', r.key), fact('Tokens', `${count(r.input_tokens)} in / ${count(r.output_tokens)} out`),
            fact('Time to first byte', millis(r.ttfb_ms)), fact('Duration', millis(r.duration_ms))),
        el('h3', {text: 'Route decision'}),
        el('ul', {class: 'route', id: 'route-decision'},
            route.resolved ? el('li', {}, el('code', {text: route.resolved})) : null,
            el('li', {}, el('span', {class: 'muted', text: 'served by '}), el('code', {text: route.served ?? 'none'})),
            route.tried.map((t) => el('li', {}, el('span', {class: 'muted', text: 'tried '}), el('code', {text: t}))),
            route.notes.map((n) => el('li', {}, el('span', {class: 'muted', text: 'note '}), n))),
        body('Request body', r.request_body, 'request-body'),
        body('Response body', r.response_body, 'response-body'));
  }

  close() {
    this.opened = null;
    this.drawer.hidden = true;
  }
}

function fact(name, value) {
  return [el('dt', {text: name}), el('dd', {text: value ?? '—'})];
}

function body(title, text, id) {
  if (text === null || text === undefined) {
    return [el('h3', {text: title}), el('p', {class: 'muted small', id,
      text: 'Not recorded. Turn on "Log bodies" to keep the (redacted) bodies of new requests.'})];
  }
  const pretty = prettyJson(text);
  const pre = el('pre', {class: 'code body', id, text: pretty});
  const head = el('div', {class: 'body-head'}, el('h3', {text: title}), copyButton(() => pretty));
  if (pretty.length <= LARGE) return [head, pre];
  return [head, el('details', {class: 'large-body'},
      el('summary', {text: `Show ${(pretty.length / 1024).toFixed(1)} KB`}), pre)];
}

/** JSON indented; anything else (an SSE stream's first part, plain text) as it is. */
export function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return String(text);
  }
}
