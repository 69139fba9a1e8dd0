// Request records of the monitor: how one becomes a table row, how the filters match it, how its route reads.
import {el} from './dom.js';
import {badge, clock, count, millis} from './ui.js';

/** The route decision as X-Nexus-Route prints it: "resolved a -> b (why); served; tried a:429, b:503; note …". */
export function parseRoute(text) {
  const route = {resolved: null, served: null, tried: [], notes: []};
  if (!text) return route;
  for (const part of String(text).split('; ')) {
    if (part.startsWith('resolved ') || part.startsWith('unresolved ')) route.resolved = part;
    else if (part.startsWith('tried ')) route.tried.push(...part.slice(6).split(', '));
    else if (part.startsWith('note ')) route.notes.push(...part.slice(5).split(', '));
    else if (route.served === null) route.served = part === 'none' ? null : part;
  }
  return route;
}

/** Upstream calls made for the request. */
export function attemptCount(record) {
  if (typeof record.attempts === 'number') return record.attempts;
  const route = parseRoute(record.attempts);
  return route.tried.length + (route.served ? 1 : 0);
}

export function statusKind(record) {
  if (record.error || record.status >= 500) return 'bad';
  if (record.status >= 400) return 'warn';
  if (record.status >= 200 && record.status < 400) return 'ok';
  return 'muted';
}

/**
 * The filters the history search applies on the server, for records arriving live: status class, surface, and model
 * (client or target), account (label or id) and key (name or id) exactly; the free text as a case-insensitive
 * substring of path, models, account, key, error and request id.
 */
export function matches(record, filter) {
  const contains = (value, wanted) => (value ?? '').toString().toLowerCase().includes(wanted.toLowerCase());
  const either = (wanted, ...values) => !wanted || values.some((v) => v === wanted);
  if (filter.status) {
    const s = record.status;
    const failed = s >= 400 || Boolean(record.error);
    const ok = {'2xx': s >= 200 && s < 300, '4xx': s >= 400 && s < 500, '5xx': s >= 500, error: failed}[filter.status];
    if (!ok) return false;
  }
  if (filter.surface && record.surface !== filter.surface) return false;
  if (!either(filter.model, record.client_model, record.target_model)) return false;
  if (!either(filter.account, record.account, record.account_id)) return false;
  if (!either(filter.key, record.key, record.key_id)) return false;
  if (filter.q) {
    const fields = [record.path, record.client_model, record.target_model, record.account, record.key, record.error,
      record.request_id];
    if (!fields.some((f) => contains(f, filter.q))) return false;
  }
  return true;
}

export function row(record, onOpen) {
  const route = el('span', {class: 'model', title: [record.client_model, record.target_model].filter(Boolean).join(' → ')}, el('span', {text: record.client_model ?? '—'}),
      record.target_model && record.target_model !== record.client_model
        ? [el('span', {class: 'arrow', text: ' → '}), el('span', {class: 'target', text: record.target_model})] : null);
  const tr = el('tr', {class: ['request', record.error || record.status >= 400 ? 'failed' : null], tabindex: 0,
    dataset: {id: record.id}, title: record.error ?? ''},
      el('td', {class: 'time', text: clock(record.started_at), title: new Date(record.started_at).toLocaleString()}),
      el('td', {}, badge(String(record.status), statusKind(record))),
      el('td', {class: 'method', text: record.method}),
      el('td', {class: 'col-path', title: record.path}, el('span', {class: 'path-text', text: record.path}),
          el('span', {class: 'req-surface muted', text: record.surface ?? ''})),
      el('td', {}, route),
      el('td', {text: record.provider ?? '—'}),
      el('td', {class: 'col-account', text: record.account ?? '—'}),
      el('td', {class: 'col-key', text: record.key ?? '—'}),
      el('td', {class: 'num', text: `${count(record.input_tokens)} / ${count(record.output_tokens)}`}),
      el('td', {class: 'num', text: millis(record.ttfb_ms)}),
      el('td', {class: 'num', text: millis(record.duration_ms)}),
      el('td', {class: 'num', text: String(attemptCount(record)), title: record.attempts ?? ''}));
  tr.addEventListener('click', () => onOpen(record));
  tr.addEventListener('keydown', (event) => { if (event.key === 'Enter') onOpen(record); });
  return tr;
}
