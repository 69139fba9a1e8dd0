// Usage: requests, errors and tokens per hour over 24 hours or per day over 30 days, and by account, model and key.
import {el, byId, replace} from './dom.js';
import {get, withQuery} from './api.js';
import {count} from './ui.js';
import {stackedBars} from './chart.js';

const BUCKETS = {'24h': {n: 24, seconds: 3600}, '30d': {n: 30, seconds: 86400}};

export class UsagePanel {
  constructor() {
    this.box = byId('usage');
    this.range = '24h';
    this.data = null;
    for (const b of document.querySelectorAll('#usage-card [data-range]')) {
      b.addEventListener('click', () => {
        this.range = b.dataset.range;
        for (const o of document.querySelectorAll('#usage-card [data-range]')) o.setAttribute('aria-pressed', String(o === b));
        this.refresh();
      });
    }
    let width = 0;
    new ResizeObserver(() => {
      if (this.data && this.box.clientWidth !== width) {
        width = this.box.clientWidth;
        this.render(this.data);
      }
    }).observe(this.box);
  }

  async refresh() {
    try {
      this.data = await get(withQuery('/api/usage', {range: this.range}));
      this.render(this.data);
    } catch (e) {
      this.data = null;
      replace(this.box, el('p', {class: e.status === 404 ? 'muted' : 'error-text',
        text: e.status === 404 ? 'Usage statistics are not available on this server yet.' : `Could not load usage: ${e.message}`}));
    }
  }

  render(data) {
    const buckets = fill(data, BUCKETS[data.range] ?? BUCKETS[this.range]);
    const total = (field) => buckets.reduce((sum, b) => sum + (b[field] || 0), 0);
    const width = Math.max(280, this.box.clientWidth - 4);
    const daily = data.bucket === 'day';
    const labels = buckets.map((b, i) => label(b.start, daily, i, buckets.length));
    const tooltips = buckets.map((b) => `${when(b.start, daily)}: ${count(b.requests)} requests, ${count(b.errors)} errors, `
        + `${count(b.input_tokens)} tokens in, ${count(b.output_tokens)} out`);
    const requests = total('requests');
    const errors = total('errors');
    replace(this.box,
        el('div', {class: 'totals'},
            stat('Requests', count(requests)),
            stat('Errors', `${count(errors)}${requests ? ` (${(100 * errors / requests).toFixed(1)}%)` : ''}`),
            stat('Tokens in', count(total('input_tokens'))),
            stat('Tokens out', count(total('output_tokens')))),
        el('div', {class: 'charts'},
            el('figure', {class: 'chart-box'}, el('figcaption', {}, 'Requests ', legend('ok', 'ok'), legend('errors', 'err')),
                stackedBars({width: chartWidth(width), series: [
                  {cls: 'ok', values: buckets.map((b) => Math.max(0, (b.requests || 0) - (b.errors || 0)))},
                  {cls: 'err', values: buckets.map((b) => b.errors || 0)}], labels, tooltips, title: 'Requests per ' + data.bucket})),
            el('figure', {class: 'chart-box'}, el('figcaption', {}, 'Tokens ', legend('in', 'tin'), legend('out', 'tout')),
                stackedBars({width: chartWidth(width), series: [
                  {cls: 'tin', values: buckets.map((b) => b.input_tokens || 0)},
                  {cls: 'tout', values: buckets.map((b) => b.output_tokens || 0)}], labels, tooltips, title: 'Tokens per ' + data.bucket}))),
        el('div', {class: 'breakdowns'},
            breakdown('By account', data.by_account), breakdown('By model', data.by_model), breakdown('By key', data.by_key)));
  }
}

/** Two charts side by side when there is room, else stacked. */
function chartWidth(width) {
  return width >= 760 ? Math.floor((width - 24) / 2) : width;
}

/** Every bucket of the range, oldest first, with zeros where the server reported none. */
function fill(data, {n, seconds}) {
  const byStart = new Map((data.buckets ?? []).map((b) => [b.start, b]));
  const last = Math.floor(Date.now() / 1000 / seconds) * seconds;
  const starts = Array.from({length: n}, (_, i) => last - (n - 1 - i) * seconds);
  if ((data.buckets ?? []).some((b) => !starts.includes(b.start))) {
    return [...data.buckets].sort((a, b) => a.start - b.start);  // the server aligns buckets differently: trust it
  }
  return starts.map((start) => byStart.get(start) ?? {start, requests: 0, errors: 0, input_tokens: 0, output_tokens: 0});
}

function label(start, daily, i, n) {
  const d = new Date(start * 1000);
  if (daily) return (n - 1 - i) % 5 === 0 ? d.toLocaleDateString([], {month: 'short', day: 'numeric'}) : '';
  return (n - 1 - i) % 6 === 0 ? `${String(d.getHours()).padStart(2, '0')}:00` : '';
}

function when(start, daily) {
  const d = new Date(start * 1000);
  return daily ? d.toLocaleDateString() : `${d.toLocaleDateString()} ${String(d.getHours()).padStart(2, '0')}:00`;
}

function stat(name, value) {
  return el('div', {class: 'stat'}, el('span', {class: 'stat-value', text: value}), el('span', {class: 'stat-name', text: name}));
}

function legend(text, cls) {
  return el('span', {class: 'legend'}, el('span', {class: ['swatch', cls]}), text);
}

function breakdown(title, rows = []) {
  const top = [...rows].sort((a, b) => b.requests - a.requests).slice(0, 8);
  return el('div', {class: 'breakdown'}, el('h3', {text: title}),
      top.length === 0 ? el('p', {class: 'muted small', text: 'Nothing yet.'})
        : el('div', {class: 'table-wrap'}, el('table', {class: 'table compact'},
            el('thead', {}, el('tr', {}, ['', 'Requests', 'Errors', 'In', 'Out'].map((h) => el('th', {text: h})))),
            el('tbody', {}, top.map((r) => el('tr', {},
                el('td', {class: 'name', text: r.name ?? '—', title: r.name ?? ''}), el('td', {class: 'num', text: count(r.requests)}),
                el('td', {class: 'num', text: count(r.errors)}), el('td', {class: 'num', text: count(r.input_tokens)}),
                el('td', {class: 'num', text: count(r.output_tokens)})))))));
}
