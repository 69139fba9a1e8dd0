// The self-test matrix: one row per client surface, the provider that should answer it, and what the last probe found.
// A probe is a real request through this server (a few tokens of quota), so nothing runs until the operator asks.
import {el, byId, replace} from './dom.js';
import {get, withQuery} from './api.js';
import {attempt, badge, millis, clock} from './ui.js';

export class SelfTestPanel {
  constructor() {
    this.box = byId('selftest');
    this.results = new Map();
    this.running = new Set();
    this.probes = [];
    byId('selftest-run-all').addEventListener('click', () => this.runAll());
  }

  async refresh() {
    const data = await attempt(() => get('/api/test/endpoints'), 'Could not load the self-test endpoints');
    if (!data) return;
    this.probes = data.endpoints;
    this.render();
  }

  async runAll() {
    // One at a time: the probes share the account pool, and the rows fill in as answers come.
    for (const p of this.probes) await this.run(p.endpoint);
  }

  async run(id) {
    if (this.running.has(id)) return;
    this.running.add(id);
    this.render();
    const result = await attempt(() => get(withQuery('/api/test', {endpoint: id})), `Self-test ${id} could not run`);
    this.running.delete(id);
    if (result) this.results.set(id, result);
    this.render();
  }

  render() {
    const rows = this.probes.map((p) => this.row(p));
    replace(this.box, el('div', {class: 'table-wrap'}, el('table', {class: 'table', id: 'selftest-table'},
        el('thead', {}, el('tr', {}, ['Surface', 'Provider', 'Result', 'Latency', 'Model', 'Answer', ''].map((h) => el('th', {text: h})))),
        el('tbody', {}, rows))));
  }

  row(p) {
    const r = this.results.get(p.endpoint);
    const busy = this.running.has(p.endpoint);
    const run = el('button', {class: 'btn btn-small', type: 'button', text: busy ? 'Running…' : 'Run'});
    run.disabled = busy;
    run.addEventListener('click', () => this.run(p.endpoint));
    return el('tr', {dataset: {endpoint: p.endpoint}},
        el('td', {}, el('div', {text: p.name}), el('code', {class: 'small', text: p.path})),
        el('td', {text: p.provider}),
        el('td', {class: 'selftest-result'}, result(p, r)),
        el('td', {text: r && !r.skipped ? millis(r.duration_ms) : '—'}),
        el('td', {}, el('code', {class: 'small', text: r && !r.skipped ? modelText(r) : p.model})),
        el('td', {class: 'selftest-snippet small', text: snippet(p, r), title: r?.route ? `route: ${r.route}` : ''}),
        el('td', {class: 'cell-actions'}, run));
  }
}

function result(p, r) {
  if (!r) return p.enabled ? badge('not run', 'muted') : badge('off', 'muted');
  if (r.skipped) return badge('skipped', 'muted');
  return badge(r.success ? `${r.status_code} ok` : (r.status_code ? `${r.status_code} failed` : 'no answer'),
      r.success ? 'ok' : 'bad');
}

function modelText(r) {
  return r.mapped_model && r.mapped_model !== r.model ? `${r.model} → ${r.mapped_model}` : r.model;
}

function snippet(p, r) {
  if (!r) return p.enabled ? '' : p.skip_reason;
  if (r.skipped || !r.success) return r.reason ?? '';
  return `${r.snippet} (${clock(r.at)})`;
}
