// A stacked bar chart drawn as SVG through DOM calls (no library, nothing inline for the CSP to block).
import {svg} from './dom.js';
import {count} from './ui.js';

/**
 * @param series [{name, cls, values: number[]}] stacked bottom to top
 * @param labels one x label per bar ('' for none)
 * @param tooltips one hover text per bar
 */
export function stackedBars({width, height = 180, series, labels, tooltips, title}) {
  const pad = {left: 44, right: 8, top: 10, bottom: 22};
  const n = labels.length;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
  const max = niceMax(Math.max(1, ...totals));
  const plotW = Math.max(10, width - pad.left - pad.right);
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / Math.max(1, n);
  const barW = Math.max(1, slot * 0.72);
  const y = (v) => pad.top + plotH - (v / max) * plotH;

  const root = svg('svg', {class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title});
  root.append(svg('title', {text: title}));
  for (const tick of [0, max / 2, max]) {
    root.append(svg('line', {class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick)}));
    root.append(svg('text', {class: 'axis', x: pad.left - 6, y: y(tick) + 4, 'text-anchor': 'end', text: count(tick)}));
  }
  for (let i = 0; i < n; i++) {
    const x = pad.left + i * slot + (slot - barW) / 2;
    const group = svg('g', {class: 'bar'}, svg('title', {text: tooltips[i]}));
    // A full-height transparent target, so thin bars are still easy to hover.
    group.append(svg('rect', {class: 'hit', x: pad.left + i * slot, y: pad.top, width: slot, height: plotH}));
    let base = 0;
    for (const s of series) {
      const v = s.values[i] || 0;
      if (v > 0) {
        group.append(svg('rect', {class: s.cls, x, y: y(base + v), width: barW, height: Math.max(0.5, y(base) - y(base + v))}));
      }
      base += v;
    }
    root.append(group);
    if (labels[i]) {
      root.append(svg('text', {class: 'axis', x: x + barW / 2, y: height - 6, 'text-anchor': 'middle', text: labels[i]}));
    }
  }
  return root;
}

/** 1, 2 or 5 times a power of ten, at least v. */
function niceMax(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= v);
}
