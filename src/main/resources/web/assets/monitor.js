// The monitor: requests as they happen (server-sent events), filters, history with server-side search and paging,
// a detail drawer, the body-logging switch, and how many records the log writer had to drop.
import {byId, replace} from './dom.js';
import {get, put, withQuery} from './api.js';
import {attempt, badge, notify} from './ui.js';
import {matches, row} from './records.js';
import {Drawer} from './detail.js';

/** Rows kept in the live view; older ones are in the history. */
const LIVE_ROWS = 300;
const PAGE = 50;

class Monitor {
  constructor() {
    this.rows = byId('request-rows');
    this.drawer = new Drawer();
    this.mode = 'live';
    this.live = [];          // newest first
    this.history = [];
    this.cursor = null;
    this.filter = readFilter();
    this.open = (record) => this.drawer.open(record);

    byId('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      this.filter = readFilter();
      this.show('history');
    });
    byId('filters').addEventListener('input', () => {
      this.filter = readFilter();
      if (this.mode === 'live') this.render();
    });
    byId('clear-filters').addEventListener('click', () => {
      byId('filters').reset();
      this.filter = readFilter();
      this.mode === 'live' ? this.render() : this.search();
    });
    byId('tab-live').addEventListener('click', () => this.show('live'));
    byId('tab-history').addEventListener('click', () => this.show('history'));
    byId('older').addEventListener('click', () => this.search(this.cursor));
    byId('log-bodies').addEventListener('change', (event) => this.logBodies(event.target));
  }

  async start() {
    const settings = await attempt(() => get('/api/monitor/settings'), 'Could not read the monitor settings');
    if (settings) byId('log-bodies').checked = settings.log_bodies;
    await this.seed();
    this.connect();
  }

  /** The newest records, so the live view is not empty before the next request arrives. */
  async seed() {
    const page = await attempt(() => get(withQuery('/api/monitor/requests', {limit: PAGE})), 'Could not load recent requests');
    if (!page) return;
    const known = new Set(this.live.map((r) => r.id));
    this.live = [...this.live, ...page.records.filter((r) => !known.has(r.id))]
        .sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at)).slice(0, LIVE_ROWS);
    this.dropped(page.dropped);
    if (this.mode === 'live') this.render();
  }

  connect() {
    const source = new EventSource(new URL('/api/monitor/stream', location.origin));
    let lost = false;
    source.addEventListener('open', () => {
      feedState('live', 'ok');
      if (lost) this.seed();   // fill the gap while the connection was down
      lost = false;
    });
    source.addEventListener('error', () => {
      lost = true;
      feedState('reconnecting…', 'warn');
    });
    source.addEventListener('request', (event) => this.arrived(JSON.parse(event.data)));
    source.addEventListener('stats', (event) => {
      const stats = JSON.parse(event.data);
      this.dropped(stats.dropped);
      byId('log-bodies').checked = stats.log_bodies;
    });
  }

  arrived(record) {
    if (this.live.some((r) => r.id === record.id)) return;
    this.live.unshift(record);
    if (this.live.length > LIVE_ROWS) this.live.pop();
    if (this.mode !== 'live' || !matches(record, this.filter)) return;
    this.rows.prepend(row(record, this.open));
    while (this.rows.children.length > LIVE_ROWS) this.rows.lastChild.remove();
    this.counts(this.rows.children.length);
  }

  show(mode) {
    this.mode = mode;
    byId('tab-live').setAttribute('aria-pressed', String(mode === 'live'));
    byId('tab-history').setAttribute('aria-pressed', String(mode === 'history'));
    if (mode === 'history') this.search();
    else this.render();
  }

  render() {
    const records = this.mode === 'live' ? this.live.filter((r) => matches(r, this.filter)) : this.history;
    replace(this.rows, records.map((r) => row(r, this.open)));
    byId('older').hidden = this.mode !== 'history' || !this.cursor;
    this.counts(records.length);
  }

  /** A page of history from the server, with the filters applied there; `before` continues a previous page. */
  async search(before) {
    const page = await attempt(() => get(withQuery('/api/monitor/requests', {...this.filter, before, limit: PAGE})),
        'Could not search the history');
    if (!page || this.mode !== 'history') return;
    this.history = before ? [...this.history, ...page.records] : page.records;
    this.cursor = page.next_cursor;
    this.dropped(page.dropped);
    this.render();
  }

  counts(shown) {
    const empty = byId('requests-empty');
    empty.hidden = shown > 0;
    empty.textContent = this.mode === 'live'
      ? 'No requests yet. They appear here as clients call Nexus.' : 'No request matches these filters.';
    replace(byId('shown'), `${shown} shown`);
  }

  dropped(n) {
    const box = byId('dropped');
    box.hidden = !n;
    box.textContent = `${n} records dropped`;
    box.title = 'The request log could not keep up and left these records out; the requests themselves were served.';
  }

  async logBodies(box) {
    const wanted = box.checked;
    const saved = await attempt(() => put('/api/monitor/settings', {log_bodies: wanted}), 'Could not change body logging');
    box.checked = saved ? saved.log_bodies : !wanted;
    if (saved) notify(saved.log_bodies ? 'Bodies of new requests are logged (redacted).' : 'Bodies are no longer logged.');
  }
}

function readFilter() {
  const value = (id) => byId(id).value.trim();
  return {status: value('f-status'), surface: value('f-surface'), model: value('f-model'), account: value('f-account'),
    key: value('f-key'), q: value('f-q')};
}

function feedState(text, kind) {
  replace(byId('feed-state'), badge(text, kind));
}

new Monitor().start();
