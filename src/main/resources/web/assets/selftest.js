// The self-test matrix: client surfaces down, providers across. Each cell is one probe — a real request through this
// server (a few tokens of quota) — so nothing runs until the operator asks.
import {el, byId, replace} from './dom.js';
import {get, withQuery} from './api.js';
import {attempt, badge, millis, clock} from './ui.js';

const BUILT_IN = [['google', 'Google accounts'], ['gemini', 'Gemini API'], ['vertex', 'Vertex AI']];

// The built-in columns, then one for each other provider a probe names (the OpenAI-compatible catalog's, by id).
function columns(probes) {
  const all = [...BUILT_IN];
  for (const p of probes) if (!all.some(([id]) => id === p.provider)) all.push([p.provider, p.provider]);
  return all;
}

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
    // One at a time: the probes share the account pool and the keys, and the cells fill in as answers come.
    for (const p of this.probes.filter((x) => x.enabled)) await this.run(p.endpoint);
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
    const surfaces = [];
    for (const p of this.probes) if (!surfaces.some((s) => s.surface === p.surface)) surfaces.push(p);
    const providers = columns(this.probes);
    const rows = surfaces.map((s) => el('tr', {dataset: {surface: s.surface}},
        el('th', {scope: 'row'}, el('div', {text: s.name}), el('code', {class: 'small', text: s.path})),
        providers.map(([provider]) => {
          const probe = this.probes.find((p) => p.surface === s.surface && p.provider === provider);
          return probe ? this.cell(probe) : el('td', {class: 'muted', text: '—'});
        })));
    replace(this.box, el('div', {class: 'table-wrap'}, el('table', {class: 'table selftest-matrix', id: 'selftest-table'},
        el('thead', {}, el('tr', {}, el('th', {text: 'Surface'}), providers.map(([, label]) => el('th', {text: label})))),
        el('tbody', {}, rows))));
  }

  cell(p) {
    const r = this.results.get(p.endpoint);
    const busy = this.running.has(p.endpoint);
    const run = el('button', {class: 'btn btn-small', type: 'button', text: busy ? 'Running…' : 'Run'});
    run.disabled = busy || !p.enabled;
    run.addEventListener('click', () => this.run(p.endpoint));
    return el('td', {class: 'selftest-cell', dataset: {endpoint: p.endpoint}},
        el('div', {class: 'selftest-head'}, el('span', {class: 'selftest-result'}, result(p, r)),
            el('span', {class: 'small muted', text: r && !r.skipped ? millis(r.duration_ms) : ''}), run),
        el('div', {class: 'small'}, el('code', {text: r && !r.skipped ? modelText(r) : p.model})),
        el('div', {class: 'selftest-snippet small muted', text: snippet(p, r), title: r?.route ? `route: ${r.route}` : ''}));
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
